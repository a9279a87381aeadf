"""Platform roles: Django groups created by a data migration (0003_roles), checked here."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEMBER = "member", _("Membre du réseau")
    CATALYST = "catalyst", _("Catalyseur territorial")
    FACILITATOR = "facilitator", _("Animateur du programme")
    EDITOR = "editor", _("Éditeur du centre de ressources")
    ADMINISTRATOR = "administrator", _("Administrateur de la plateforme")


# Group names are stable data (the migration creates them): never translate them.
GROUP_NAMES: dict[str, str] = {
    Role.MEMBER: "Membres",
    Role.CATALYST: "Catalyseurs territoriaux",
    Role.FACILITATOR: "Animateurs",
    Role.EDITOR: "Éditeurs",
    Role.ADMINISTRATOR: "Administrateurs",
}
ROLES_BY_GROUP = {name: Role(role) for role, name in GROUP_NAMES.items()}
_CACHE_ATTR = "_catalyse_roles"


def user_roles(user: Any) -> set[Role]:
    """The roles of a person, read once per request object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        names = user.groups.values_list("name", flat=True)
        cached = {ROLES_BY_GROUP[name] for name in names if name in ROLES_BY_GROUP}
        if user.is_superuser:
            cached.add(Role.ADMINISTRATOR)
        setattr(user, _CACHE_ATTR, cached)
    return set(cached)


def user_has_role(user: Any, role: Role | str) -> bool:
    """Administrators pass every role check."""
    roles = user_roles(user)
    return Role(role) in roles or Role.ADMINISTRATOR in roles


def _forget(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def user_sync_staff(*, user: Any) -> None:
    """Administrators reach the Django admin; nobody else does (superusers aside)."""
    is_admin = user.is_superuser or user.groups.filter(name=GROUP_NAMES[Role.ADMINISTRATOR]).exists()
    if user.is_staff != is_admin:
        user.is_staff = is_admin
        user.save(update_fields=["is_staff"])


@transaction.atomic
def role_assign(*, user: Any, role: Role | str) -> None:
    group, _created = Group.objects.get_or_create(name=GROUP_NAMES[Role(role)])
    user.groups.add(group)
    _forget(user)
    user_sync_staff(user=user)


@transaction.atomic
def role_remove(*, user: Any, role: Role | str) -> None:
    user.groups.remove(*Group.objects.filter(name=GROUP_NAMES[Role(role)]))
    _forget(user)
    user_sync_staff(user=user)


def role_required(role: Role) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A view for one role: signed-out people are sent to log in, others get a 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_has_role(request.user, role):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
