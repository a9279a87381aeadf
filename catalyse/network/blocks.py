"""What the network adds to other pages: a message form on a member's page, the members of a territory."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from catalyse.accounts.models import Profile
from catalyse.network.directory import territory_q
from catalyse.network.forms import MessageForm
from catalyse.network.services import can_contact

TERRITORY_BLOCK_SIZE = 8


def profile_contact_context(person: Any, request: Any) -> dict[str, Any] | None:
    """Write to this person (never shown on your own page, nor for people who cannot be reached)."""
    user = request.user
    if user.is_authenticated and user.pk == person.pk:
        return None
    if not user.is_authenticated:
        return {"sign_in": True, "login_url": f"{reverse('account_login')}?next={request.path}"}
    if not can_contact(sender=user, recipient=person):
        return None
    return {
        "sign_in": False,
        "form": MessageForm(),
        "action": reverse("network:message-new", kwargs={"user_id": person.pk}),
    }


def territory_members_context(territory: Any, request: Any) -> dict[str, Any] | None:
    """Members of the directory placed in the territory or inside it."""
    queryset = Profile.objects.in_directory().filter(territory_q(territory))
    people = list(
        queryset.select_related("user", "territory").order_by("user__last_name", "user__first_name", "pk")[
            : TERRITORY_BLOCK_SIZE + 1
        ]
    )
    count = len(people) if len(people) <= TERRITORY_BLOCK_SIZE else queryset.count()
    return {
        "profiles": people[:TERRITORY_BLOCK_SIZE],
        "count": count,
        "directory_url": f"{reverse('network:directory')}?territoire={territory.ref}",
    }
