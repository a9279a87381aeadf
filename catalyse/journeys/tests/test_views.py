"""Behaviour and bad input of the journeys' pages: each asserts the response and what the database holds."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalyse.journeys.models import ActionItem, Deliverable, Journey, PilotTeam, Step, TeamMember
from catalyse.journeys.tests.conftest import Cohort
from catalyse.test import make_person

pytestmark = pytest.mark.django_db


def _team_url(cohort: Cohort, name: str = "team", **more: Any) -> str:
    return reverse(f"journeys:{name}", kwargs={"slug": cohort.journey.slug, "team_id": cohort.team.pk, **more})


# ---------------------------------------------------------------- journeys


def test_it_creates_a_journey_whose_creator_facilitates_it(client: Client, facilitator: Any) -> None:
    client.force_login(facilitator)
    response = client.post(
        reverse("journeys:create"),
        {"title": "Parcours d’expérience 2027", "starts_on": "2027-01-11", "ends_on": "2027-10-08", "summary": ""},
    )
    journey = Journey.objects.get()
    assert response.status_code == 302 and response["Location"] == journey.get_absolute_url()
    assert journey.slug == "parcours-d-experience-2027" or journey.slug.startswith("parcours")
    assert list(journey.facilitators.all()) == [facilitator]
    assert journey.ends_on == datetime.date(2027, 10, 8)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "starts_on": "2027-01-11", "ends_on": "2027-10-08"}, "Donnez un titre au parcours"),
        ({"title": "P", "starts_on": "2027-10-11", "ends_on": "2027-01-08"}, "La fin du parcours doit venir après"),
        ({"title": "P", "starts_on": "2027-01-11", "ends_on": "2027-01-20"}, "Un parcours dure plusieurs mois"),
        ({"title": "P", "starts_on": "11 janvier", "ends_on": "2027-10-08"}, "Indiquez une date, par exemple"),
        ({"title": "P", "starts_on": "2027-01-11", "ends_on": "2031-01-01"}, "Un parcours dure au plus deux ans"),
    ],
)
def test_it_explains_what_to_fix_in_a_journey(
    client: Client, facilitator: Any, data: dict[str, str], message: str
) -> None:
    client.force_login(facilitator)
    response = client.post(reverse("journeys:create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Journey.objects.exists()


def test_the_section_home_lists_journeys_and_marks_mine(client: Client, cohort: Cohort, pilot_member: Any) -> None:
    response = client.get(reverse("journeys:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert cohort.journey.title in body and "2 territoires pilotes" in body
    assert "Vous y participez" not in body
    assert 'href="/parcours/" aria-current="page"' in body  # the Expérimenter section of the header
    client.force_login(pilot_member)
    assert "Vous y participez" in client.get(reverse("journeys:home")).content.decode()


def test_the_journey_page_shows_the_timeline_with_today(client: Client, cohort: Cohort) -> None:
    body = client.get(cohort.journey.get_absolute_url()).content.decode()
    assert '<svg class="timeline-svg"' in body
    assert 'class="today-line"' in body
    # The accessible alternative: the ordered list of steps, today marked between past and coming steps.
    steps = body[body.index('class="step-list"') :]
    assert steps.index("Portrait du territoire") < steps.index("Aujourd’hui,") < steps.index("Cartographie des parties")
    # Before the first step, today comes first; once the journey is over, no « today » at all.
    Step.objects.filter(pk__in=[cohort.past_work.pk, cohort.plenary.pk]).delete()
    steps = client.get(cohort.journey.get_absolute_url()).content.decode()
    steps = steps[steps.index('class="step-list"') :]
    assert steps.index("Aujourd’hui,") < steps.index("Cartographie des parties")
    Journey.objects.filter(pk=cohort.journey.pk).update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    body = client.get(cohort.journey.get_absolute_url()).content.decode()
    assert "Aujourd’hui," not in body and 'class="today-line"' not in body


# ---------------------------------------------------------------- teams


def test_a_facilitator_adds_a_pilot_territory_typed_by_name(client: Client, cohort: Cohort, facilitator: Any) -> None:
    client.force_login(facilitator)
    response = client.post(
        reverse("journeys:team-create", kwargs={"slug": cohort.journey.slug}),
        {
            "territory": "Saint-Étienne Métropole",
            "challenge": "Une alimentation locale pour tous.",
            "themes": ["environnemental"],
            "forms_of_action": ["experimentation"],
        },
    )
    team = PilotTeam.objects.get(journey=cohort.journey, territory=cohort.places["metropole"])
    assert response.status_code == 302 and response["Location"].startswith(team.get_absolute_url())
    assert team.name == "Saint-Étienne Métropole"
    assert team.themes == ["environnemental"] and team.forms_of_action == ["experimentation"]


@pytest.mark.parametrize(
    ("territory", "message"),
    [
        ("", "Indiquez un territoire"),
        ("Saint-Étienne", "est déjà un territoire pilote de ce parcours"),
        ("Sainte-Introuvable", "Nous ne trouvons aucun territoire"),
        ("Saint-Denis", "Plusieurs territoires répondent"),
    ],
)
def test_it_explains_what_to_fix_in_a_territory(
    client: Client, cohort: Cohort, facilitator: Any, territory: str, message: str
) -> None:
    client.force_login(facilitator)
    response = client.post(
        reverse("journeys:team-create", kwargs={"slug": cohort.journey.slug}), {"territory": territory}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PilotTeam.objects.filter(journey=cohort.journey).count() == 2


def test_the_team_writes_its_challenge(client: Client, cohort: Cohort, pilot_member: Any) -> None:
    client.force_login(pilot_member)
    url = _team_url(cohort, "team-edit")
    response = client.post(url, {"name": "", "challenge": "x"})
    assert response.status_code == 400 and "Donnez un nom à l’équipe" in response.content.decode()
    response = client.post(url, {"name": "Saint-Étienne", "challenge": "Un défi plus précis.", "themes": ["social"]})
    assert response.status_code == 302
    cohort.team.refresh_from_db()
    assert cohort.team.challenge == "Un défi plus précis."


def test_it_explains_what_to_fix_when_adding_a_member(client: Client, cohort: Cohort, facilitator: Any) -> None:
    client.force_login(facilitator)
    url = _team_url(cohort, "member-add")
    response = client.post(url, {"email": "personne@exemple.fr"})
    assert response.status_code == 400
    assert "Personne n’a de compte Catalyse avec l’adresse personne@exemple.fr" in response.content.decode()
    response = client.post(url, {"email": cohort.other_member.email})
    assert response.status_code == 400
    assert "fait déjà partie d’une autre équipe de ce parcours (Saint-Denis)" in response.content.decode()
    response = client.post(url, {"email": "pas-une-adresse"})
    assert "Indiquez une adresse électronique valide" in response.content.decode()
    assert cohort.team.memberships.count() == 2


def test_it_takes_the_world_from_the_profile_and_warns_when_a_team_has_one_world(
    client: Client, cohort: Cohort, facilitator: Any
) -> None:
    client.force_login(facilitator)
    person = make_person(email="zoe.asso@exemple.fr", world="association")
    response = client.post(
        _team_url(cohort, "member-add", team_id=cohort.other_team.pk), {"email": "ZOE.asso@exemple.fr"}
    )
    assert response.status_code == 302
    assert TeamMember.objects.get(user=person).world == "association"
    body = client.get(_team_url(cohort, team_id=cohort.other_team.pk)).content.decode()
    assert "Tous les membres viennent du même monde" in body
    assert "Tous les membres viennent du même monde" not in client.get(_team_url(cohort)).content.decode()


def test_a_facilitator_removes_a_member(client: Client, cohort: Cohort, facilitator: Any, pilot_member: Any) -> None:
    client.force_login(facilitator)
    membership = TeamMember.objects.get(user=pilot_member)
    response = client.post(_team_url(cohort, "member-remove", member_id=membership.pk))
    assert response.status_code == 302
    assert not TeamMember.objects.filter(user=pilot_member).exists()


# ---------------------------------------------------------------- steps


def test_a_facilitator_puts_a_step_on_the_calendar_and_changes_it(
    client: Client, cohort: Cohort, facilitator: Any
) -> None:
    client.force_login(facilitator)
    day = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = client.post(
        reverse("journeys:step-create", kwargs={"slug": cohort.journey.slug}),
        {"kind": "visite_apprenante", "title": "Visite à Loos-en-Gohelle", "starts_at": f"{day}T09:00"},
    )
    assert response.status_code == 302
    step = Step.objects.get(title="Visite à Loos-en-Gohelle")
    assert timezone.localtime(step.starts_at).hour == 9 and not step.requires_deliverable
    edit = reverse("journeys:step-edit", kwargs={"slug": cohort.journey.slug, "step_id": step.pk})
    response = client.post(edit, {"kind": "travail_individuel", "title": "Compte rendu de visite", "due_on": day})
    step.refresh_from_db()
    assert response.status_code == 302 and step.requires_deliverable and step.title == "Compte rendu de visite"
    client.post(edit, {"delete": "1"})
    assert not Step.objects.filter(pk=step.pk).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "travail_individuel", "title": "Portrait"}, "Un travail individuel a une date de remise"),
        ({"kind": "temps_collectif", "title": "Plénière"}, "Indiquez la date et l’heure de début"),
        ({"kind": "temps_collectif", "title": "Plénière", "starts_at": "2040-01-01T10:00"}, "pendant le parcours"),
        ({"kind": "", "title": "Plénière"}, "Choisissez le type d’étape"),
        ({"kind": "temoignage", "title": "T", "starts_at": "demain"}, "Indiquez une date et une heure"),
        (
            {"kind": "temoignage", "title": "T", "starts_at": "{today}T10:00", "ends_at": "{today}T09:00"},
            "La fin de l’étape doit venir après son début",
        ),
        (
            {"kind": "temoignage", "title": "T", "starts_at": "{today}T10:00", "online_url": "pas une adresse"},
            "Indiquez une adresse web complète",
        ),
    ],
)
def test_it_explains_what_to_fix_in_a_step(
    client: Client, cohort: Cohort, facilitator: Any, data: dict[str, str], message: str
) -> None:
    client.force_login(facilitator)
    today = timezone.localdate().isoformat()
    data = {key: value.replace("{today}", today) for key, value in data.items()}
    response = client.post(reverse("journeys:step-create", kwargs={"slug": cohort.journey.slug}), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert cohort.journey.steps.count() == 3


# ---------------------------------------------------------------- deliverables and notes


def _pdf(name: str = "portrait.pdf", body: bytes = b"%PDF-1.4 portrait") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_a_team_member_hands_in_a_deliverable_then_a_new_version(
    client: Client,
    cohort: Cohort,
    pilot_member: Any,
    tmp_path: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(pilot_member)
    step = cohort.past_work
    url = _team_url(cohort, "deliverable-submit", step_id=step.pk)
    response = client.post(url, {f"step-{step.pk}-text": "Notre **portrait**", f"step-{step.pk}-file": _pdf()})
    assert response.status_code == 302
    deliverable = Deliverable.objects.get(team=cohort.team, step=step)
    assert deliverable.submitted_by == pilot_member and deliverable.content_type == "application/pdf"
    first_file = tmp_path / deliverable.file.name
    assert first_file.exists()
    body = client.get(_team_url(cohort)).content.decode()
    assert "<strong>portrait</strong>" in body and "portrait.pdf" in body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {f"step-{step.pk}-text": "Version 2", f"step-{step.pk}-file": _pdf("v2.pdf")})
    deliverable.refresh_from_db()
    assert Deliverable.objects.filter(team=cohort.team).count() == 1
    assert deliverable.text == "Version 2" and deliverable.file_name == "v2.pdf"
    assert not first_file.exists()


def test_it_refuses_a_bad_deliverable_and_writes_nothing(
    client: Client, cohort: Cohort, pilot_member: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.RESOURCES_MAX_FILE_SIZE = 100
    client.force_login(pilot_member)
    step = cohort.past_work
    url = _team_url(cohort, "deliverable-submit", step_id=step.pk)
    response = client.post(url, {f"step-{step.pk}-text": "  "})
    assert (
        response.status_code == 400 and "Écrivez votre livrable ou joignez-lui un fichier" in response.content.decode()
    )
    response = client.post(url, {f"step-{step.pk}-file": _pdf("faux.pdf", b"MZ\x90\x00 un programme")})
    assert response.status_code == 400 and "n’est pas d’un type accepté" in response.content.decode()
    response = client.post(url, {f"step-{step.pk}-file": _pdf("gros.pdf", b"%PDF-1.4 " + b"x" * 200)})
    assert response.status_code == 400 and "est trop volumineux" in response.content.decode()
    plenary = cohort.plenary
    response = client.post(
        _team_url(cohort, "deliverable-submit", step_id=plenary.pk), {f"step-{plenary.pk}-text": "Un texte"}
    )
    assert response.status_code == 400 and "Cette étape n’attend pas de livrable" in response.content.decode()
    assert not Deliverable.objects.exists()
    assert not any(tmp_path.rglob("*.pdf"))


def test_a_note_needs_words(client: Client, cohort: Cohort, pilot_member: Any) -> None:
    client.force_login(pilot_member)
    response = client.post(_team_url(cohort, "note-add"), {"body": ""})
    assert response.status_code == 400 and "Écrivez votre note" in response.content.decode()
    client.post(_team_url(cohort, "note-add"), {"body": "Appeler la mission locale"})
    assert "Appeler la mission locale" in client.get(_team_url(cohort)).content.decode()


# ---------------------------------------------------------------- action plan (HTMX)


def test_the_action_plan_is_added_to_and_marked_done_with_htmx(
    client: Client, cohort: Cohort, pilot_member: Any
) -> None:
    client.force_login(pilot_member)
    headers = {"HX-Request": "true"}
    due = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    response = client.post(
        _team_url(cohort, "action-add"),
        {"what": "Réunir les partenaires", "who": "Nadia", "due_on": due},
        headers=headers,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and 'id="plan-d-action"' in body and "Réunir les partenaires" in body
    item = ActionItem.objects.get(team=cohort.team)
    assert item.created_by == pilot_member and item.who == "Nadia" and not item.done
    response = client.post(_team_url(cohort, "action-toggle", item_id=item.pk), {"done": "1"}, headers=headers)
    item.refresh_from_db()
    assert item.done and item.done_at is not None
    assert "Rouvrir" in response.content.decode()
    # The plan's progress bar comes along, out of band.
    assert 'id="progres-actions" hx-swap-oob="true"' in response.content.decode()
    assert 'value="1">1 / 1</progress>' in response.content.decode()
    client.post(_team_url(cohort, "action-toggle", item_id=item.pk), {"done": "0"}, headers=headers)
    item.refresh_from_db()
    assert not item.done and item.done_at is None


def test_it_explains_what_to_fix_in_an_action(client: Client, cohort: Cohort, pilot_member: Any) -> None:
    client.force_login(pilot_member)
    response = client.post(
        _team_url(cohort, "action-add"), {"what": "", "due_on": "bientôt"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Dites quelle action l’équipe s’engage à mener" in body and "Indiquez une date" in body
    assert not ActionItem.objects.exists()


def test_an_action_from_a_codev_session_shows_its_source(client: Client, cohort: Cohort, pilot_member: Any) -> None:
    from catalyse.journeys.services import action_item_add

    action_item_add(
        team=cohort.team,
        what="Tester un comité mixte",
        who="Marc",
        due_on=None,
        source_label="Séance de codéveloppement du 12 mars",
        source_url="/parcours/parcours-2027/codev/1/",
        created_by=None,
    )
    client.force_login(pilot_member)
    body = client.get(_team_url(cohort)).content.decode()
    assert '<a href="/parcours/parcours-2027/codev/1/">Séance de codéveloppement du 12 mars</a>' in body


# ---------------------------------------------------------------- dashboard


def test_the_dashboard_says_who_is_late_and_what_is_due(
    client: Client, cohort: Cohort, facilitator: Any, pilot_member: Any
) -> None:
    Deliverable.objects.create(step=cohort.past_work, team=cohort.team, text="Fait", submitted_by=pilot_member)
    client.force_login(facilitator)
    url = reverse("journeys:dashboard", kwargs={"slug": cohort.journey.slug})
    body = client.get(url).content.decode()
    late = body[body.index("Qui est en retard") : body.index("Ce qui est attendu bientôt")]
    assert "Saint-Denis" in late and "Portrait du territoire" in late and "Saint-Étienne" not in late
    soon = body[body.index("Ce qui est attendu bientôt") : body.index("Livrables remis par équipe")]
    assert "Cartographie des parties prenantes" in soon and "2 équipes ne l’ont pas encore remis" in soon
    assert '<svg class="bar-chart"' in body and "<caption>Avancement des équipes</caption>" in body
    csv = client.get(url + "?format=csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Équipe;Territoire;Membres;Livrables remis")
    # Other apps' counts (e.g. co-development sessions) come in columns after these.
    assert any(line.startswith("Saint-Étienne;Saint-Étienne;2;1;1;0;0;0") for line in lines)
    assert any(line.startswith("Saint-Denis;Saint-Denis;1;0;1;1;0;0") for line in lines)


def test_other_apps_add_their_counts_to_the_progress(client: Client, cohort: Cohort, facilitator: Any) -> None:
    from catalyse.journeys import services

    services.progress_counter_register(
        key="test-sessions", label="Séances tenues", count=lambda journey: {cohort.team.pk: 3}
    )
    try:
        client.force_login(facilitator)
        body = client.get(reverse("journeys:dashboard", kwargs={"slug": cohort.journey.slug})).content.decode()
        assert '<th scope="col" class="num">Séances tenues</th>' in body
        assert "<strong>Séances tenues :</strong> 3" in client.get(_team_url(cohort)).content.decode()
    finally:
        services.PROGRESS_COUNTERS.pop("test-sessions")


def test_other_apps_add_their_links_to_the_journey_page(client: Client, cohort: Cohort, pilot_member: Any) -> None:
    from catalyse.journeys import services

    services.journey_link_register(
        key="test-codev",
        label="Séances de codéveloppement",
        url=lambda journey, user: f"/parcours/{journey.slug}/codev/" if journey.is_participant(user) else None,
    )
    try:
        url = cohort.journey.get_absolute_url()
        assert "Séances de codéveloppement" not in client.get(url).content.decode()
        client.force_login(pilot_member)
        assert (
            '<a href="/parcours/parcours-2027/codev/">Séances de codéveloppement</a>'
            in client.get(url).content.decode()
        )
    finally:
        services.JOURNEY_LINKS.pop("test-codev")


def test_facilitators_share_the_animation_of_a_journey(
    client: Client, cohort: Cohort, facilitator: Any, catalyst: Any
) -> None:
    client.force_login(facilitator)
    add = reverse("journeys:facilitator-add", kwargs={"slug": cohort.journey.slug})
    response = client.post(add, {"email": catalyst.email})
    assert response.status_code == 400
    assert "n’est pas animateur ou animatrice du programme" in response.content.decode()
    colleague = make_person(role="facilitator", email="paul.animateur@exemple.fr", first_name="Paul")
    assert client.post(add, {"email": "Paul.Animateur@exemple.fr"}).status_code == 302
    assert set(cohort.journey.facilitators.all()) == {facilitator, colleague}
    remove = reverse("journeys:facilitator-remove", kwargs={"slug": cohort.journey.slug, "user_id": facilitator.pk})
    assert client.post(remove)["Location"] == cohort.journey.get_absolute_url()
    assert list(cohort.journey.facilitators.all()) == [colleague]
    # The last one stays.
    client.force_login(colleague)
    remove = reverse("journeys:facilitator-remove", kwargs={"slug": cohort.journey.slug, "user_id": colleague.pk})
    response = client.post(remove, follow=True)
    assert "Un parcours garde au moins un animateur" in response.content.decode()
    assert list(cohort.journey.facilitators.all()) == [colleague]
