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
