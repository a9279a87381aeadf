"""Organiser pages: who may open them, the CSV export, invitations, attendance, the report."""

import csv
import io

import pytest

from catalyse.events import services
from catalyse.events.models import Invitation, Registration

from .conftest import ago, later, make_event, person

pytestmark = pytest.mark.django_db

PAGES = ["inscrits/", "inscrits.csv", "inviter/", "presences/", "compte-rendu/"]


@pytest.fixture
def organiser(db):
    return person("organisatrice", role="catalyst")


@pytest.fixture
def event(organiser):
    return make_event(
        organisers=[organiser],
        capacity=2,
        questions=[{"label": "Votre structure", "kind": "text", "required": False}],
    )


@pytest.mark.parametrize("page", PAGES)
def test_organisers_and_facilitators_open_the_organiser_pages(client, event, organiser, facilitator, page):
    for who in (organiser, facilitator):
        client.force_login(who)
        assert client.get(f"/evenements/{event.slug}/{page}").status_code == 200, who


@pytest.mark.parametrize("page", PAGES)
def test_other_members_are_refused_and_visitors_sent_to_sign_in(client, event, catalyst, pilot_member, page):
    url = f"/evenements/{event.slug}/{page}"
    response = client.get(url)
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]
    services.event_register(event=event, user=pilot_member)
    for who in (catalyst, pilot_member):  # another catalyst, a participant
        client.force_login(who)
        assert client.get(url).status_code == 403, who
        assert client.post(url, {"emails": "x@exemple.fr", "present": "1", "report": "x"}).status_code == 403
    assert not Invitation.objects.exists()


def test_the_registration_list_shows_each_group_with_answers(client, event, organiser):
    alice, bruno, chloe = person("alice"), person("bruno"), person("chloe")
    question = event.questions.get()
    services.event_register(event=event, user=alice, answers={str(question.pk): "Ville de Lorient"})
    services.event_register(event=event, user=bruno)
    services.event_register(event=event, user=chloe)
    client.force_login(organiser)
    response = client.get(f"/evenements/{event.slug}/inscrits/")
    groups = response.context["groups"]
    assert [r.user for r in groups["confirmed"]] == [alice, bruno]
    assert [r.user for r in groups["waiting"]] == [chloe]
    assert "Ville de Lorient" in response.content.decode()


def test_the_registration_list_keeps_a_constant_number_of_queries(
    client, event, organiser, django_assert_max_num_queries
):
    client.force_login(organiser)
    services.event_register(event=event, user=person("alice"))
    client.get(f"/evenements/{event.slug}/inscrits/")
    with django_assert_max_num_queries(30) as few:
        client.get(f"/evenements/{event.slug}/inscrits/")
    for index in range(15):
        services.event_register(event=event, user=person(f"p{index}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"/evenements/{event.slug}/inscrits/")
    assert len(response.context["groups"]["waiting"]) == 14


def test_the_csv_export_lists_everyone_with_answers_and_defuses_formulas(client, event, organiser):
    question = event.questions.get()
    alice = person("alice")
    services.event_register(event=event, user=alice, answers={str(question.pk): '=HYPERLINK("http://x")'})
    services.event_register(event=event, user=person("bruno"))
    services.event_register(event=event, user=person("chloe"))
    client.force_login(organiser)
    response = client.get(f"/evenements/{event.slug}/inscrits.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert f"inscriptions-{event.slug}.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "nom", "prénom", "adresse", "statut", "axe", "inscrit_le", "présent", "organisations", "Votre structure"
    ]  # fmt: skip
    assert len(rows) == 4
    alice_row = next(r for r in rows if r[2] == alice.email)
    assert alice_row[3] == "Inscription confirmée"
    assert alice_row[-1].startswith("'=")
    assert sum(1 for r in rows if r[3] == "Sur liste d’attente") == 1


def test_it_invites_people_by_email_once(client, event, organiser, inbox, django_capture_on_commit_callbacks):
    alice = person("alice")
    services.event_register(event=event, user=alice)
    client.force_login(organiser)
    inbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/evenements/{event.slug}/inviter/",
            {"emails": "lea@exemple.fr, Marc@Exemple.fr\nalice@exemple.fr", "message": "Venez nombreux !"},
            follow=True,
        )
    assert response.status_code == 200
    assert set(Invitation.objects.values_list("email", flat=True)) == {"lea@exemple.fr", "marc@exemple.fr"}
    received = inbox.wait_for(2)
    assert sorted(m["To"] for m in received) == ["lea@exemple.fr", "marc@exemple.fr"]
    assert "Venez nombreux" in inbox.text(received[0])
    assert event.get_absolute_url() in inbox.text(received[0])
    body = response.content.decode()
    assert "alice@exemple.fr" in body  # skipped: already registered
    inbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/evenements/{event.slug}/inviter/", {"emails": "lea@exemple.fr"})
    assert Invitation.objects.count() == 2
    assert inbox.messages == []


def test_an_invitation_with_a_wrong_address_says_which(client, event, organiser):
    client.force_login(organiser)
    response = client.post(f"/evenements/{event.slug}/inviter/", {"emails": "lea@exemple.fr pas-une-adresse"})
    assert response.status_code == 400
    assert "pas-une-adresse" in response.content.decode()
    assert not Invitation.objects.exists()
    response = client.post(f"/evenements/{event.slug}/inviter/", {"emails": ""})
    assert response.status_code == 400


def test_attendance_is_marked_once_the_event_has_started(client, organiser):
    event = make_event(organisers=[organiser], starts_at=later(days=1))
    alice, bruno = person("alice"), person("bruno")
    first = services.event_register(event=event, user=alice)
    second = services.event_register(event=event, user=bruno)
    client.force_login(organiser)
    response = client.post(f"/evenements/{event.slug}/presences/", {"present": [first.pk]})
    assert response.status_code == 400
    assert "s’ouvre au début" in response.content.decode()
    event.starts_at, event.ends_at = ago(hours=2), ago(hours=1)
    event.save()
    response = client.post(f"/evenements/{event.slug}/presences/", {"present": [first.pk]})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.attended, second.attended) == (True, False)
    response = client.post(f"/evenements/{event.slug}/presences/", {"present": ["999999"]})
    assert response.status_code == 400


def test_the_report_is_published_with_figures_organisations_and_resources(client, organiser, places):
    from catalyse.accounts.models import Membership, Organisation
    from catalyse.resources.tests.conftest import make_resource

    event = make_event(organisers=[organiser], starts_at=later(days=1))
    alice, bruno = person("alice", world="association"), person("bruno")
    organisation = Organisation.objects.create(
        name="Jardins du Scorff", slug="jardins-du-scorff", org_type="association"
    )
    Membership.objects.create(user=alice, organisation=organisation, status="active")
    first = services.event_register(event=event, user=alice)
    services.event_register(event=event, user=bruno)
    event.starts_at, event.ends_at = ago(hours=3), ago(hours=1)
    event.save()
    services.event_attendance_mark(event=event, by=organiser, present=[first.pk])
    editor = person("editrice", role="editor")
    resource = make_resource(author=organiser, editor=editor, title="Grille d’évaluation")
    client.force_login(organiser)
    response = client.post(
        f"/evenements/{event.slug}/compte-rendu/",
        {
            "report": "## Ce que nous retenons\n\nL’évaluation se construit avec les partenaires.",
            "replay_url": "https://video.exemple.fr/replay",
            "resources": f"https://catalyse.exemple.fr/ressources/{resource.slug}/",
            "publish": "on",
        },
    )
    assert response.status_code == 302
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Ce que nous retenons" in page
    assert "https://video.exemple.fr/replay" in page
    assert "Grille d’évaluation" in page
    assert "Jardins du Scorff" in page
    assert "Association (1)" in page
    figures = client.get(event.get_absolute_url()).context["figures"]
    assert (figures["registered"], figures["present"]) == (2, 1)


def test_the_report_form_says_what_to_fix(client, organiser):
    event = make_event(organisers=[organiser], starts_at=ago(hours=3), ends_at=ago(hours=1))
    client.force_login(organiser)
    response = client.post(
        f"/evenements/{event.slug}/compte-rendu/", {"report": "", "resources": "/ressources/inconnue/", "publish": "on"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Aucune ressource publiée du kit" in body
    assert "Écrivez le compte rendu" in body
    event.refresh_from_db()
    assert event.report_published_at is None


def test_the_registration_page_counts_participants_for_organisers_only(client, event, organiser, catalyst):
    services.event_register(event=event, user=person("alice"))
    client.force_login(organiser)
    assert "Vous organisez cet événement" in client.get(event.get_absolute_url()).content.decode()
    client.force_login(catalyst)
    assert "Vous organisez cet événement" not in client.get(event.get_absolute_url()).content.decode()
    assert Registration.objects.count() == 1
