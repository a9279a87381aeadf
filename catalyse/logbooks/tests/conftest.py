"""Fixtures of the logbook tests: a running journey of real territories, built directly with the journeys'
models, with a month of activity (October 2026) to draft from."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from catalyse.codevelopment.models import Contribution, ContributionKind, Session
from catalyse.codevelopment.models import Status as SessionStatus
from catalyse.journeys.models import Journey, PilotTeam, Step, StepKind, TeamMember
from catalyse.test import make_person, make_territories

PARIS = ZoneInfo("Europe/Paris")
OCTOBER = datetime.date(2026, 10, 1)


def at(day: str, hour: str = "10:00") -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{hour}").replace(tzinfo=PARIS)


@dataclass
class Cohort:
    journey: Journey
    facilitator: Any
    team: PilotTeam
    member: Any
    second_member: Any


def build_journey(*, facilitator: Any, member: Any, slug: str = "parcours-alliances-2026") -> Cohort:
    places = make_territories()
    journey = Journey.objects.create(
        slug=slug,
        title="Parcours d’expérience des alliances 2026",
        summary="Douze territoires pilotes apprennent ensemble.",
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 5, 31),
    )
    journey.facilitators.add(facilitator)
    team = PilotTeam.objects.create(
        journey=journey,
        territory=places["saint_etienne"],
        name="Saint-Étienne",
        challenge="Faire coopérer entreprises et associations autour de l’emploi des jeunes.",
        themes=["social"],
    )
    other = PilotTeam.objects.create(journey=journey, territory=places["vaucluse"], name="Vaucluse")
    TeamMember.objects.create(team=team, user=member, world="collectivite")
    second = make_person(email="thomas.pilote@exemple.fr", first_name="Thomas", last_name="Lefebvre")
    TeamMember.objects.create(team=other, user=second, world="association")
    Step.objects.create(
        journey=journey,
        kind=StepKind.TEMPS_COLLECTIF,
        title="Séminaire de lancement",
        starts_at=at("2026-10-08", "09:30"),
        ends_at=at("2026-10-08", "17:00"),
        location="Saint-Étienne",
    )
    Step.objects.create(
        journey=journey,
        kind=StepKind.TRAVAIL_INDIVIDUEL,
        title="Portrait de territoire",
        due_on=datetime.date(2026, 10, 30),
        requires_deliverable=True,
    )
    Step.objects.create(
        journey=journey,
        kind=StepKind.VISITE_APPRENANTE,
        title="Visite apprenante à Lorient",
        starts_at=at("2026-11-19", "09:30"),
        location="Lorient",
    )
    Step.objects.create(
        journey=journey, kind=StepKind.TEMOIGNAGE, title="Témoignage d’une élue", starts_at=at("2027-04-02", "18:00")
    )
    return Cohort(journey, facilitator, team, member, second)


def add_session(cohort: Cohort, *, consent: bool, title: str = "Séance n° 1", day: str = "2026-10-15") -> Session:
    session = Session.objects.create(
        journey=cohort.journey,
        title=title,
        scheduled_at=at(day, "14:00"),
        started_at=at(day, "14:00"),
        finished_at=at(day, "16:30"),
        facilitator=cohort.facilitator,
        client=cohort.member,
        client_team=cohort.team,
        status=SessionStatus.DONE,
        client_consent=consent,
    )
    Contribution.objects.create(
        session=session,
        kind=ContributionKind.CONTRACT,
        author=cohort.member,
        text="Comment associer les entreprises au forum de l’emploi des jeunes ?",
    )
    Contribution.objects.create(
        session=session,
        kind=ContributionKind.LEARNING,
        author=cohort.member,
        text="Inviter les entreprises dès la conception, pas seulement le jour J.",
    )
    return session


@pytest.fixture
def cohort(facilitator: Any, pilot_member: Any) -> Cohort:
    return build_journey(facilitator=facilitator, member=pilot_member)


def make_resource(
    *, title: str, published: datetime.date, kind: str = "illustration", status: str = "published"
) -> Any:
    from catalyse.lib.text import slugify_fr
    from catalyse.resources.models import Resource

    return Resource.objects.create(
        slug=slugify_fr(title), title=title, kind=kind, summary="Un cas concret.", status=status, published=published
    )
