"""A small cohort for the journeys' tests: two pilot teams, a facilitator, steps around today."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from catalyse.journeys.models import Journey, PilotTeam, Step, StepKind, TeamMember
from catalyse.test import make_person, make_territories


@dataclass
class Cohort:
    journey: Journey
    team: PilotTeam  # pilot_member's team (Saint-Étienne)
    other_team: PilotTeam  # Saint-Denis (93)
    other_member: Any
    past_work: Step  # a travail individuel, due before today, not handed in
    next_work: Step  # due in ten days
    plenary: Step  # a past temps collectif
    places: dict[str, Any]


def make_cohort(facilitator: Any, pilot_member: Any) -> Cohort:
    places = make_territories()
    today = timezone.localdate()
    journey = Journey.objects.create(
        slug="parcours-2027",
        title="Parcours d’expérience 2027",
        summary="Douze territoires **pilotes**.",
        starts_on=today - datetime.timedelta(days=90),
        ends_on=today + datetime.timedelta(days=180),
    )
    journey.facilitators.add(facilitator)
    team = PilotTeam.objects.create(
        journey=journey,
        territory=places["saint_etienne"],
        name="Saint-Étienne",
        challenge="L’insertion des jeunes par les alliances.",
        themes=["social"],
        forms_of_action=["animation"],
    )
    other_team = PilotTeam.objects.create(journey=journey, territory=places["saint_denis_93"], name="Saint-Denis")
    TeamMember.objects.create(team=team, user=pilot_member, world="collectivite")
    partner = make_person(
        email="marc.entreprise@exemple.fr", first_name="Marc", last_name="Olivier", world="entreprise"
    )
    TeamMember.objects.create(team=team, user=partner, world="entreprise")
    other_member = make_person(email="sami.autre@exemple.fr", first_name="Sami", last_name="Benali")
    TeamMember.objects.create(team=other_team, user=other_member, world="association")
    past_work = Step.objects.create(
        journey=journey,
        kind=StepKind.TRAVAIL_INDIVIDUEL,
        title="Portrait du territoire",
        due_on=today - datetime.timedelta(days=20),
        requires_deliverable=True,
    )
    next_work = Step.objects.create(
        journey=journey,
        kind=StepKind.TRAVAIL_INDIVIDUEL,
        title="Cartographie des parties prenantes",
        due_on=today + datetime.timedelta(days=10),
        requires_deliverable=True,
    )
    start = timezone.now() - datetime.timedelta(days=60)
    plenary = Step.objects.create(
        journey=journey,
        kind=StepKind.TEMPS_COLLECTIF,
        title="Temps collectif de lancement",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        online_url="https://visio.exemple.fr/lancement",
    )
    return Cohort(journey, team, other_team, other_member, past_work, next_work, plenary, places)


@pytest.fixture
def cohort(facilitator: Any, pilot_member: Any) -> Cohort:
    return make_cohort(facilitator, pilot_member)
