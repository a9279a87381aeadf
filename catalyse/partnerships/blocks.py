"""The registry's blocks: on each territory page, the partnerships there, counted by the summary tables; on
each organisation page, its partnerships."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from catalyse.partnerships.choices import Status
from catalyse.partnerships.models import Partnership
from catalyse.partnerships.observatory import LEVEL_GRAIN, ObservatoryQuery, observatory_count

BLOCK_SIZE = 6
ORGANISATION_BLOCK_SIZE = 5


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


def organisation_partnerships_context(organisation: Any, request: Any) -> dict[str, Any] | None:
    """Its public confirmed partnerships (all of them for its members, with those waiting for its
    confirmation); hidden for others when there are none."""
    from catalyse.partnerships.services import user_organisations

    is_member = user_organisations(request.user).filter(pk=organisation.pk).exists()
    queryset = Partnership.objects.filter(partners__organisation=organisation)
    if not is_member:
        queryset = queryset.listed()
    partnerships = list(
        queryset.select_related("territory").order_by("-start_year", "-id")[: ORGANISATION_BLOCK_SIZE + 1]
    )
    if not partnerships and not is_member:
        return None
    total = len(partnerships) if len(partnerships) <= ORGANISATION_BLOCK_SIZE else queryset.count()
    to_confirm = (
        queryset.filter(status=Status.DECLARED).exclude(declared_by_organisation=organisation).count()
        if is_member
        else 0
    )
    return {
        "partnerships": partnerships[:ORGANISATION_BLOCK_SIZE],
        "total": total,
        "is_member": is_member,
        "to_confirm": to_confirm,
        "list_url": reverse("partnerships:organisation-partnerships", kwargs={"slug": organisation.slug}),
        "declare_url": reverse("partnerships:partnership-create"),
    }
