"""The kit's block on each territory page: its resources and those of the places it contains."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from catalyse.resources.models import Resource

BLOCK_SIZE = 8


def territory_resources_context(territory: Any, request: Any) -> dict[str, Any] | None:
    queryset = Resource.objects.published().in_territory(territory).select_related("territory")
    resources = list(queryset.order_by("-published", "-id")[: BLOCK_SIZE + 1])
    url = f"{reverse('resources:resource-list')}?territoire={territory.ref}"
    return {
        "territory": territory,
        "resources": resources[:BLOCK_SIZE],
        "has_more": len(resources) > BLOCK_SIZE,
        "list_url": url,
        "propose_url": reverse("resources:resource-create"),
    }
