"""Small helpers shared by the network's views."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from catalyse.accounts.models import User


def signed_in_user(request: HttpRequest) -> User:
    """The person of a view behind login_required."""
    return cast(User, request.user)


def paginate(request: HttpRequest, items: Any, per_page: int) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def network_crumb() -> tuple[str, str]:
    return (_("Réseau"), reverse("network:home"))


def safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def error_messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]
