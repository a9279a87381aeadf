"""The block of each territory page: open needs and offers there and in the places it contains."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from catalyse.matching.models import Listing

BLOCK_SIZE = 5


def territory_listings_context(territory: Any, request: Any) -> dict[str, Any] | None:
    listings = Listing.objects.open().in_territory(territory).select_related("organisation").order_by("-created_at")
    return {
        "territory": territory,
        "needs": list(listings.needs()[:BLOCK_SIZE]),
        "offers": list(listings.offers()[:BLOCK_SIZE]),
        "list_url": f"{reverse('matching:listing-list')}?territoire={territory.ref}",
    }


def organisation_listings_context(organisation: Any, request: Any) -> dict[str, Any] | None:
    """The block of an organisation's page: its open needs and offers, and for its members a way to publish."""
    from catalyse.matching.services import user_is_member

    listings = Listing.objects.open().filter(organisation=organisation).order_by("-created_at")
    is_member = user_is_member(user=request.user, organisation_id=organisation.pk)
    shown = list(listings[:BLOCK_SIZE])
    if not shown and not is_member:
        return None
    return {
        "listings": shown,
        "list_url": reverse("matching:organisation-listings", args=[organisation.slug]),
        "create_url": f"{reverse('matching:listing-create')}?organisation={organisation.slug}" if is_member else "",
    }
