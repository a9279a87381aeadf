"""Blocks of other pages: journeys a territory takes part in (territory page), a person's teams (member page)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from catalyse.journeys.models import PilotTeam, TeamMember


def territory_scope(territory: Any) -> Q:
    """Teams of the territory and of the places it contains (a département page lists its communes' teams)."""
    condition = Q(territory=territory)
    field = {"region": "region", "departement": "departement", "epci": "epci"}.get(territory.level)
    if field:
        condition |= Q(**{f"territory__{field}": territory})
    return condition


def territory_journeys_context(territory: Any, request: Any) -> dict[str, Any] | None:
    teams = list(
        PilotTeam.objects.filter(territory_scope(territory))
        .select_related("journey", "territory")
        .order_by("-journey__starts_on", "name")[:20]
    )
    if not teams:
        return None
    return {"teams": teams}


def profile_teams_context(person: Any, request: Any) -> dict[str, Any] | None:
    """A person's teams, shown to the person and to participants of the same journey only."""
    viewer = request.user
    if not getattr(viewer, "is_authenticated", False):
        return None
    memberships = list(
        TeamMember.objects.filter(user=person).select_related("team", "team__journey", "team__territory")
    )
    if not memberships:
        return None
    if viewer.pk != person.pk:
        shared = set(TeamMember.objects.filter(user=viewer).values_list("team__journey_id", flat=True)) | set(
            viewer.facilitated_journeys.values_list("pk", flat=True)
        )
        memberships = [m for m in memberships if m.team.journey_id in shared]
    if not memberships:
        return None
    return {"memberships": memberships}
