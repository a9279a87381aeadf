"""Fixtures of the co-development tests: a journey with two pilot teams of real territories, built directly."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.utils import timezone

from catalyse.codevelopment import services
from catalyse.journeys.models import Journey, PilotTeam, TeamMember
from catalyse.test import make_person, make_territories

PEOPLE = [
    ("Nadia", "Haddad", "collectivite", 0),
    ("Thomas", "Lefebvre", "association", 0),
    ("Hélène", "Garnier", "entreprise", 0),
    ("Karim", "Benali", "collectivite", 1),
    ("Sophie", "Marchand", "acteur_public", 1),
    ("Julien", "Perrin", "academique", 1),
]


@dataclass
class Cohort:
    journey: Journey
    facilitator: Any
    teams: list[PilotTeam]
    members: list[Any]
    outsider: Any
    other_facilitator: Any
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def client(self) -> Any:
        return self.members[0]

    @property
    def consultants(self) -> list[Any]:
        return self.members[1:5]


def build_cohort(*, slug: str = "parcours-2027") -> Cohort:
    places = make_territories()
    facilitator = make_person(
        role="facilitator", email=f"elodie.fabre@{slug}.fr", first_name="Élodie", last_name="Fabre"
    )
    other = make_person(role="facilitator", email=f"marc.roux@{slug}.fr", first_name="Marc", last_name="Roux")
    journey = Journey.objects.create(
        slug=slug,
        title="Parcours d’expérience 2027",
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2027, 9, 30),
    )
    journey.facilitators.add(facilitator, other)
    teams = [
        PilotTeam.objects.create(
            journey=journey,
            territory=places["saint_etienne"],
            name="Saint-Étienne",
            challenge="Faire coopérer entreprises et associations autour de l’emploi des jeunes.",
            themes=["social", "economique"],
            forms_of_action=["animation"],
        ),
        PilotTeam.objects.create(
            journey=journey, territory=places["vaucluse"], name="Vaucluse", themes=["environnemental"]
        ),
    ]
    members = []
    for index, (first, last, world, team) in enumerate(PEOPLE):
        person = make_person(email=f"{first.lower()}.{index}@{slug}.fr", first_name=first, last_name=last, world=world)
        TeamMember.objects.create(team=teams[team], user=person, world=world)
        members.append(person)
    outsider = make_person(email=f"lea@{slug}.fr", first_name="Léa", last_name="Rousseau")
    return Cohort(journey, facilitator, teams, members, outsider, other)


@pytest.fixture
def cohort(db: Any) -> Cohort:
    return build_cohort()


def plan_session(cohort: Cohort, *, when: datetime.datetime | None = None, client: Any = None) -> Any:
    client = client or cohort.client
    return services.session_create(
        journey=cohort.journey,
        created_by=cohort.facilitator,
        scheduled_at=when or timezone.now() + datetime.timedelta(days=1),
        client=client,
        consultants=[m for m in cohort.members if m.pk != client.pk][:4],
    )


def advance_to(session: Any, cohort: Cohort, stage: int) -> Any:
    """Open the session and move it to `stage` (7: closed)."""
    session.refresh_from_db()
    while session.is_planned or (session.is_live and session.stage < stage) or (stage > 6 and not session.is_done):
        session = services.session_advance(session=session, user=cohort.facilitator)
    return session


@pytest.fixture
def session(cohort: Cohort) -> Any:
    return plan_session(cohort)
