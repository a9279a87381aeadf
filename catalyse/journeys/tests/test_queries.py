"""List pages answer in a number of queries that does not grow with the cohort."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalyse.journeys.models import ActionItem, CommonMessage, Deliverable, Journey, PilotTeam, TeamMember
from catalyse.journeys.tests.conftest import Cohort
from catalyse.test import make_person, make_territory

pytestmark = pytest.mark.django_db


def _grow(cohort: Cohort, count: int) -> None:
    """More teams, members, deliverables, actions and messages."""
    for index in range(count):
        territory = make_territory("commune", f"420{index:02d}", f"Commune {index}")
        team = PilotTeam.objects.create(journey=cohort.journey, territory=territory, name=f"Équipe {index}")
        for world in ("collectivite", "entreprise"):
            person = make_person(email=f"m{index}-{world}@exemple.fr", world=world)
            TeamMember.objects.create(team=team, user=person, world=world)
            CommonMessage.objects.create(journey=cohort.journey, author=person, body="Bonjour")
        Deliverable.objects.create(step=cohort.past_work, team=team, text="Fait")
        ActionItem.objects.create(team=team, what="Agir")
        Journey.objects.create(
            slug=f"autre-{index}",
            title=f"Autre {index}",
            starts_on=cohort.journey.starts_on,
            ends_on=cohort.journey.ends_on,
        )


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["home", "detail", "dashboard", "common", "team"])
def test_it_answers_in_a_constant_number_of_queries(
    client: Client, cohort: Cohort, facilitator: Any, page: str, django_assert_max_num_queries: Any
) -> None:
    client.force_login(facilitator)
    slug = cohort.journey.slug
    url = {
        "home": reverse("journeys:home"),
        "detail": reverse("journeys:detail", kwargs={"slug": slug}),
        "dashboard": reverse("journeys:dashboard", kwargs={"slug": slug}),
        "common": reverse("journeys:common", kwargs={"slug": slug}),
        "team": reverse("journeys:team", kwargs={"slug": slug, "team_id": cohort.team.pk}),
    }[page]
    client.get(url)  # session and caches warmed
    before = _count(client, url)
    _grow(cohort, 6)
    after = _count(client, url)
    assert after == before
    with django_assert_max_num_queries(20):
        client.get(url)
