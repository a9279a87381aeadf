"""The journeys' data and the contract's services."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from catalyse.journeys import services
from catalyse.journeys.models import Journey, PilotTeam, TeamMember
from catalyse.test import make_person, make_territories

pytestmark = pytest.mark.django_db


def make_journey(facilitator: Any) -> tuple[Journey, PilotTeam]:
    places = make_territories()
    journey = Journey.objects.create(
        slug="parcours-2027",
        title="Parcours d’expérience 2027",
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2027, 9, 30),
    )
    journey.facilitators.add(facilitator)
    team = PilotTeam.objects.create(journey=journey, territory=places["saint_etienne"], name="Saint-Étienne")
    return journey, team


def test_participants_and_team_visibility(facilitator: Any, pilot_member: Any, catalyst: Any) -> None:
    journey, team = make_journey(facilitator)
    TeamMember.objects.create(team=team, user=pilot_member, world="collectivite")
    assert journey.is_facilitator(facilitator) and not journey.is_facilitator(pilot_member)
    assert services.team_for_user(journey=journey, user=pilot_member) == team
    assert services.team_for_user(journey=journey, user=catalyst) is None
    assert journey.is_participant(pilot_member) and journey.is_participant(facilitator)
    assert not journey.is_participant(catalyst)
    assert services.can_view_team(team=team, user=pilot_member)
    assert services.can_view_team(team=team, user=facilitator)
    assert not services.can_view_team(team=team, user=catalyst)


def test_action_item_add_checks_its_input(facilitator: Any) -> None:
    _journey, team = make_journey(facilitator)
    with pytest.raises(ValidationError) as error:
        services.action_item_add(
            team=team, what="  ", who="", due_on=None, source_label="", source_url="", created_by=None
        )
    assert "Dites quelle action" in str(error.value)
    item = services.action_item_add(
        team=team,
        what="Réunir les associations du quartier",
        who="Nadia",
        due_on=datetime.date(2027, 3, 1),
        source_label="Séance de codéveloppement du 12 mars",
        source_url="/parcours/parcours-2027/codev/1/",
        created_by=make_person(),
    )
    assert list(team.action_items.all()) == [item]
