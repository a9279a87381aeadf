"""Private spaces refused to the wrong roles: each page, each persona (should pass / should not pass)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from catalyse.journeys.models import ActionItem, CommonMessage, Deliverable, Note
from catalyse.journeys.tests.conftest import Cohort
from catalyse.test import make_person

pytestmark = pytest.mark.django_db


def _as(client: Client, user: Any) -> Client:
    if user is not None:
        client.force_login(user)
    return client


def _personas(cohort: Cohort, facilitator: Any, pilot_member: Any, catalyst: Any, outsider: Any) -> dict[str, Any]:
    return {
        "team_member": pilot_member,
        "other_team_member": cohort.other_member,
        "journey_facilitator": facilitator,
        "facilitator_of_another_journey": make_person(role="facilitator", email="autre.animateur@exemple.fr"),
        "catalyst_outside": catalyst,
        "outsider": outsider,
        "signed_out": None,
    }


# persona → expected status for the private team workspace of pilot_member's team
WORKSPACE = {
    "team_member": 200,
    "other_team_member": 403,
    "journey_facilitator": 200,
    "facilitator_of_another_journey": 403,
    "catalyst_outside": 403,
    "outsider": 403,
    "signed_out": 302,
}
COMMON = {**WORKSPACE, "other_team_member": 200}
FACILITATION = {**WORKSPACE, "team_member": 403}


@pytest.mark.parametrize("persona", list(WORKSPACE))
def test_it_guards_the_team_workspace(
    client: Client, cohort: Cohort, facilitator: Any, pilot_member: Any, catalyst: Any, outsider: Any, persona: str
) -> None:
    user = _personas(cohort, facilitator, pilot_member, catalyst, outsider)[persona]
    url = reverse("journeys:team", kwargs={"slug": cohort.journey.slug, "team_id": cohort.team.pk})
    response = _as(client, user).get(url)
    assert response.status_code == WORKSPACE[persona]
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("account_login"))
    if response.status_code == 200:
        assert "Espace privé de l’équipe" in response.content.decode()
    else:
        assert "L’insertion des jeunes" not in response.content.decode()


@pytest.mark.parametrize("persona", list(COMMON))
def test_it_opens_the_common_space_to_participants_only(
    client: Client, cohort: Cohort, facilitator: Any, pilot_member: Any, catalyst: Any, outsider: Any, persona: str
) -> None:
    CommonMessage.objects.create(journey=cohort.journey, author=pilot_member, body="Un message entre pairs")
    user = _personas(cohort, facilitator, pilot_member, catalyst, outsider)[persona]
    url = reverse("journeys:common", kwargs={"slug": cohort.journey.slug})
    response = _as(client, user).get(url)
    assert response.status_code == COMMON[persona]
    assert ("Un message entre pairs" in response.content.decode()) is (COMMON[persona] == 200)
    response = client.post(url, {"body": "Bonjour la cohorte"})
    posted = CommonMessage.objects.filter(body="Bonjour la cohorte").exists()
    assert posted is (COMMON[persona] == 200)


@pytest.mark.parametrize("persona", list(FACILITATION))
@pytest.mark.parametrize("name", ["dashboard", "team-create", "step-create", "edit"])
def test_it_keeps_facilitation_pages_to_the_journeys_facilitators(
    client: Client,
    cohort: Cohort,
    facilitator: Any,
    pilot_member: Any,
    catalyst: Any,
    outsider: Any,
    persona: str,
    name: str,
) -> None:
    user = _personas(cohort, facilitator, pilot_member, catalyst, outsider)[persona]
    response = _as(client, user).get(reverse(f"journeys:{name}", kwargs={"slug": cohort.journey.slug}))
    assert response.status_code == FACILITATION[persona]


@pytest.mark.parametrize("persona", list(WORKSPACE))
def test_it_lets_only_the_team_write_in_its_workspace(
    client: Client, cohort: Cohort, facilitator: Any, pilot_member: Any, catalyst: Any, outsider: Any, persona: str
) -> None:
    user = _personas(cohort, facilitator, pilot_member, catalyst, outsider)[persona]
    kwargs = {"slug": cohort.journey.slug, "team_id": cohort.team.pk}
    allowed = WORKSPACE[persona] == 200
    client = _as(client, user)
    client.post(reverse("journeys:action-add", kwargs=kwargs), {"what": "Réunir les partenaires"})
    client.post(reverse("journeys:note-add", kwargs=kwargs), {"body": "Une note"})
    client.post(
        reverse("journeys:deliverable-submit", kwargs={**kwargs, "step_id": cohort.next_work.pk}),
        {f"step-{cohort.next_work.pk}-text": "Notre cartographie"},
    )
    assert ActionItem.objects.filter(team=cohort.team).exists() is allowed
    assert Note.objects.filter(team=cohort.team).exists() is allowed
    assert Deliverable.objects.filter(team=cohort.team).exists() is allowed


def test_it_refuses_the_deliverable_file_to_another_team(
    client: Client, cohort: Cohort, pilot_member: Any, tmp_path: Any, settings: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    from catalyse.journeys.services import deliverable_submit

    deliverable = deliverable_submit(
        team=cohort.team,
        step=cohort.next_work,
        text="",
        file=SimpleUploadedFile("carte.pdf", b"%PDF-1.4 une carte", content_type="application/pdf"),
        user=pilot_member,
    )
    url = reverse(
        "journeys:deliverable-file",
        kwargs={"slug": cohort.journey.slug, "team_id": cohort.team.pk, "deliverable_id": deliverable.pk},
    )
    client.force_login(cohort.other_member)
    assert client.get(url).status_code == 403
    # Nor through the other team's address.
    other_url = reverse(
        "journeys:deliverable-file",
        kwargs={"slug": cohort.journey.slug, "team_id": cohort.other_team.pk, "deliverable_id": deliverable.pk},
    )
    assert client.get(other_url).status_code == 404
    client.force_login(pilot_member)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 une carte"  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"


def test_it_lets_only_the_journeys_facilitators_compose_teams(
    client: Client, cohort: Cohort, facilitator: Any, pilot_member: Any, outsider: Any
) -> None:
    url = reverse("journeys:member-add", kwargs={"slug": cohort.journey.slug, "team_id": cohort.team.pk})
    client.force_login(pilot_member)
    assert client.post(url, {"email": outsider.email, "world": "citoyen"}).status_code == 403
    assert not cohort.team.memberships.filter(user=outsider).exists()
    client.force_login(facilitator)
    response = client.post(url, {"email": outsider.email, "world": "citoyen"})
    assert response.status_code == 302
    assert cohort.team.memberships.filter(user=outsider, world="citoyen").exists()


def test_it_lets_only_the_journeys_facilitators_share_its_animation(
    client: Client, cohort: Cohort, pilot_member: Any, catalyst: Any
) -> None:
    url = reverse("journeys:facilitator-add", kwargs={"slug": cohort.journey.slug})
    other = make_person(role="facilitator", email="autre.animatrice@exemple.fr")
    assert client.post(url, {"email": other.email}).status_code == 302
    client.force_login(pilot_member)
    assert client.post(url, {"email": other.email}).status_code == 403
    client.force_login(other)
    assert client.post(url, {"email": other.email}).status_code == 403
    assert not cohort.journey.facilitators.filter(pk=other.pk).exists()


def test_it_asks_a_programme_facilitator_to_create_a_journey(client: Client, facilitator: Any, catalyst: Any) -> None:
    url = reverse("journeys:create")
    assert client.get(url).status_code == 302
    client.force_login(catalyst)
    assert client.get(url).status_code == 403
    client.force_login(facilitator)
    assert client.get(url).status_code == 200


def test_the_journey_page_is_public_but_shows_members_to_participants_only(
    client: Client, cohort: Cohort, pilot_member: Any, catalyst: Any
) -> None:
    url = cohort.journey.get_absolute_url()
    body = client.get(url).content.decode()
    assert "Saint-Étienne" in body and "L’insertion des jeunes" in body
    assert "Nadia Haddad" not in body
    assert "visio.exemple.fr" not in body
    client.force_login(catalyst)
    assert "Nadia Haddad" not in client.get(url).content.decode()
    client.force_login(pilot_member)
    body = client.get(url).content.decode()
    assert "Nadia Haddad" in body
    assert reverse("journeys:team", kwargs={"slug": cohort.journey.slug, "team_id": cohort.team.pk}) in body
    assert reverse("journeys:team", kwargs={"slug": cohort.journey.slug, "team_id": cohort.other_team.pk}) not in body
