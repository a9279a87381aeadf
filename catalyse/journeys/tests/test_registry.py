"""What journeys plug into the core: territory and profile blocks, GDPR export and erasure, the demo."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from catalyse.journeys.models import ActionItem, CommonMessage, Deliverable, Journey, Note, PilotTeam, TeamMember
from catalyse.journeys.tests.conftest import Cohort
from catalyse.lib.registry import registry
from catalyse.test import make_territory

pytestmark = pytest.mark.django_db


def test_a_territory_page_lists_the_journeys_it_pilots(client: Client, cohort: Cohort) -> None:
    block = next(b for b in registry.territory_blocks if b.key == "journeys")
    assert block.context(cohort.places["saint_etienne"], None)["teams"] == [cohort.team]  # type: ignore[index]
    # The département lists its communes' teams; a territory with none hides the block.
    assert block.context(cohort.places["loire"], None)["teams"] == [cohort.team]  # type: ignore[index]
    assert block.context(cohort.places["vaucluse"], None) is None
    body = client.get(cohort.places["saint_etienne"].get_absolute_url()).content.decode()
    assert "Parcours d’expérience" in body and cohort.journey.get_absolute_url() in body


def test_a_member_page_shows_teams_to_the_same_cohort_only(
    client: Client, cohort: Cohort, pilot_member: Any, catalyst: Any
) -> None:
    block = next(b for b in registry.profile_blocks if b.key == "journeys")

    class Request:
        def __init__(self, user: Any) -> None:
            self.user = user

    assert block.context(pilot_member, Request(cohort.other_member)) is not None
    assert block.context(pilot_member, Request(pilot_member)) is not None
    assert block.context(pilot_member, Request(catalyst)) is None
    from django.contrib.auth.models import AnonymousUser

    assert block.context(pilot_member, Request(AnonymousUser())) is None


def test_a_person_downloads_then_erases_what_journeys_hold(
    client: Client, cohort: Cohort, pilot_member: Any, facilitator: Any
) -> None:
    from catalyse.accounts.services import user_erase, user_export

    Deliverable.objects.create(
        step=cohort.past_work, team=cohort.team, text="Notre portrait", submitted_by=pilot_member
    )
    Note.objects.create(team=cohort.team, author=pilot_member, body="Note privée")
    CommonMessage.objects.create(journey=cohort.journey, author=pilot_member, body="Bonjour à tous")
    ActionItem.objects.create(team=cohort.team, what="Réunir", created_by=pilot_member)
    data = json.loads(json.dumps(user_export(user=pilot_member)))["parcours"]
    assert data["équipes"][0]["équipe"] == "Saint-Étienne" and data["équipes"][0]["territoire"] == "commune:42218"
    assert data["livrables_remis"][0]["texte"] == "Notre portrait"
    assert data["notes"][0]["note"] == "Note privée"
    assert data["messages_espace_commun"][0]["message"] == "Bonjour à tous"

    user_erase(user=pilot_member)
    assert not TeamMember.objects.filter(user=pilot_member).exists()
    assert not Note.objects.filter(body="Note privée").exists()
    assert not CommonMessage.objects.filter(body="Bonjour à tous").exists()
    deliverable = Deliverable.objects.get(text="Notre portrait")  # the team's work stays, without the name
    assert deliverable.submitted_by is None
    assert ActionItem.objects.get(what="Réunir").created_by is None

    user_erase(user=facilitator)
    assert not cohort.journey.facilitators.exists()


def _demo_territories() -> None:
    from catalyse.journeys.demo import TEAMS

    for index, spec in enumerate(TEAMS):
        level, code = spec["ref"].split(":")
        make_territory(level, code, f"Territoire {index}")


def test_the_demo_loads_twelve_pilot_territories_once(client: Client) -> None:
    from catalyse.accounts.demo import demo_load as accounts_demo
    from catalyse.journeys.demo import DEMO_SLUG, demo_load

    _demo_territories()
    accounts_demo()
    first = demo_load()
    second = demo_load()
    assert first == second
    journey = Journey.objects.get(slug=DEMO_SLUG)
    assert first["territoires pilotes"] == 12 and journey.teams.count() == 12
    teams = list(journey.teams.prefetch_related("memberships"))
    assert all(len({m.world for m in team.memberships.all()}) >= 2 for team in teams)  # binômes of two worlds
    assert journey.steps.count() == 12
    assert {step.kind for step in journey.steps.all()} == {
        "temps_collectif",
        "travail_individuel",
        "visite_apprenante",
        "temoignage",
        "codeveloppement",
    }
    from django.utils import timezone

    today = timezone.localdate()
    steps = list(journey.steps.all())
    assert any(s.is_past(today) for s in steps) and any(not s.is_past(today) for s in steps)
    assert Deliverable.objects.filter(team__journey=journey).exists()
    assert ActionItem.objects.filter(team__journey=journey).count() == 36
    assert [e.email for e in journey.facilitators.all()] == ["elodie.fabre@catalyse.localhost"]
    loader = next(item for item in registry.demo_loaders if item.key == "journeys")
    accounts = next(item for item in registry.demo_loaders if item.key == "accounts")
    assert loader.order > accounts.order
    # Its pages show.
    assert client.get(journey.get_absolute_url()).status_code == 200
    client.force_login(journey.facilitators.get())
    assert client.get(reverse("journeys:dashboard", kwargs={"slug": journey.slug})).status_code == 200
    assert PilotTeam.objects.count() == 12
