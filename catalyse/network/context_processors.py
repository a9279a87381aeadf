"""The notifications link with its unread count, for the header of every page (base.html: {{ network_badge }})."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


class NotificationsBadge:
    """Rendered on first use only: pages that do not show it cost nothing; those that do, one cached count."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self._html: SafeString | None = None

    def __html__(self) -> SafeString:
        if self._html is None:
            user = self.request.user
            if not getattr(user, "is_authenticated", False):
                self._html = mark_safe("")
            else:
                from catalyse.network.notifications import unread_count

                html = render_to_string("network/includes/notifications_badge.html", {"unread": unread_count(user)})
                self._html = mark_safe(html.strip())  # noqa: S308 (our own template, autoescaped)
        return self._html

    def __str__(self) -> str:
        return str(self.__html__())


def notifications(request: HttpRequest) -> dict[str, Any]:
    return {"network_badge": NotificationsBadge(request)}
