"""Template filters of the carnets de bord."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

from catalyse.logbooks.models import french_day

register = template.Library()


@register.filter
def jour(value: datetime.date | datetime.datetime | None) -> str:
    """{{ issue.published_at|jour }} → « 1er septembre 2026 » (Paris time for a datetime)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return french_day(value)
