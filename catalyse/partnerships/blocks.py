"""The registry's block on each territory page: the partnerships there, counted by the summary tables."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from catalyse.partnerships.models import Partnership
from catalyse.partnerships.observatory import LEVEL_GRAIN, ObservatoryQuery, observatory_count

BLOCK_SIZE = 6


def territory_partnerships_context(territory: Any, request: Any) -> dict[str, Any] | None:
    if territory.level not in LEVEL_GRAIN:
        return None
    code = territory.code
    if territory.level == "commune" and getattr(territory, "commune_id", None):
        # A municipal arrondissement: the registry counts it with its commune.
        code = territory.commune.code
    ref = f"{territory.level}:{code}"
    counts = observatory_count(ObservatoryQuery(group_by="mode", territory=(territory.level, code), public_only=True))
    everything = observatory_count(ObservatoryQuery(group_by="mode", territory=(territory.level, code)))
    partnerships = list(
        Partnership.objects.listed().in_territory(territory.level, code).order_by("-start_year", "-id")[:BLOCK_SIZE]
    )
    return {
        "territory": territory,
        "partnerships": partnerships,
        "public_total": counts.total,
        "total": everything.total,
        "modes": everything.groups,
        "list_url": f"{reverse('partnerships:partnership-list')}?territoire={ref}",
        "observatory_url": f"{reverse('observatory:home')}?territoire={ref}",
        "declare_url": reverse("partnerships:partnership-create"),
        "network_url": reverse("observatory:network", kwargs={"level": territory.level, "code": code}),
    }
