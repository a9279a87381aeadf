"""Pages of the sessions: access per role, the set-up form, the live room and its poll, the record."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalyse.codevelopment import services
from catalyse.codevelopment.models import Contribution, Session, Stage
from catalyse.codevelopment.tests.conftest import advance_to, plan_session
from catalyse.journeys.models import ActionItem
from catalyse.test import make_person
from catalyse.tests_support.typography import typography_errors

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def urls(session):
    slug = session.journey.slug
    return {
        name: reverse(f"codevelopment:{name}", kwargs={"journey_slug": slug, "pk": session.pk})
        for name in ("room", "state", "advance", "contribute", "action-add", "rate", "consent", "record", "cancel")
    }


def list_url(cohort):
    return reverse("codevelopment:list", kwargs={"journey_slug": cohort.journey.slug})


def new_url(cohort):
    return reverse("codevelopment:new", kwargs={"journey_slug": cohort.journey.slug})


# ------------------------------------------------------------------ who sees what


def test_the_journey_participants_see_the_sessions_and_others_are_refused(client, cohort, session, editor, catalyst):
    pages = [list_url(cohort), urls(session)["room"], urls(session)["record"], urls(session)["state"]]
    allowed = [cohort.facilitator, cohort.other_facilitator, cohort.client, cohort.consultants[0], cohort.members[5]]
    for person in allowed:
        client.force_login(person)
        for url in pages:
            assert client.get(url).status_code in (200, 204), (person.email, url)
    for person in (cohort.outsider, editor, catalyst, make_person(role="facilitator")):
        client.force_login(person)
        for url in pages:
            assert client.get(url).status_code == 403, (person.email, url)
    client.logout()
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302 and "/comptes/login/" in response["Location"]


def test_a_session_of_another_journey_is_not_found(client, cohort, session):
    from catalyse.codevelopment.tests.conftest import build_cohort

    other = build_cohort(slug="autre-parcours")
    client.force_login(other.facilitator)
    url = reverse("codevelopment:room", kwargs={"journey_slug": other.journey.slug, "pk": session.pk})
    assert client.get(url).status_code == 404
    assert client.get("/parcours/inconnu/codev/").status_code == 404


def test_only_the_session_people_and_facilitators_contribute(client, cohort, session):
    session = advance_to(session, cohort, Stage.LEARNINGS)
    url = urls(session)["contribute"]
    client.force_login(cohort.members[5])  # in a team of the journey, not in this session
    response = client.post(url, {"kind": "learning", "learning-text": "Je n’y étais pas"})
    assert response.status_code == 403
    client.force_login(cohort.outsider)
    assert client.post(url, {"kind": "learning", "learning-text": "Intrus"}).status_code == 403
    client.logout()
    assert client.post(url, {"kind": "learning", "learning-text": "Visiteur"}).status_code == 302
    assert not Contribution.objects.exists()
    client.force_login(cohort.other_facilitator)
    assert client.post(url, {"kind": "learning", "learning-text": "Vu de l’animation"}).status_code == 302
    assert Contribution.objects.get().author == cohort.other_facilitator


def test_only_the_session_facilitator_advances_from_the_page(client, cohort, session):
    for person in (cohort.client, cohort.consultants[0], cohort.other_facilitator):
        client.force_login(person)
        assert client.post(urls(session)["advance"], {"from_stage": "-1"}).status_code == 403
    session.refresh_from_db()
    assert session.is_planned


# ------------------------------------------------------------------ list and set-up


def test_the_list_shows_the_sessions_in_few_queries(client, cohort):
    for days in (-10, 2, 9):
        plan_session(cohort, when=timezone.now() + datetime.timedelta(days=days))
    advance_to(Session.objects.order_by("scheduled_at").first(), cohort, 7)
    client.force_login(cohort.consultants[0])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(list_url(cohort))
    assert response.status_code == 200
    page = response.content.decode()
    assert typography_errors(page) == []
    assert "Terminées" in page and "À venir" in page and "Organiser une séance" not in page
    assert len(queries) <= 10, [q["sql"] for q in queries]
    for days in (3, 4, 5):
        plan_session(cohort, when=timezone.now() + datetime.timedelta(days=days))
    with CaptureQueriesContext(connection) as more:
        client.get(list_url(cohort))
    assert len(more) <= len(queries)  # the same whatever the number of sessions


def test_the_facilitator_sees_the_proposed_client_and_creates_a_session(client, cohort):
    client.force_login(cohort.facilitator)
    page = client.get(new_url(cohort)).content.decode()
    assert "Proposition de la plateforme" in page and "Nadia Haddad" in page
    assert typography_errors(page) == []
    response = client.post(
        new_url(cohort),
        {
            "scheduled_at": "2027-03-12T14:00",
            "client": cohort.client.pk,
            "consultants": [m.pk for m in cohort.consultants],
            "facilitator": cohort.facilitator.pk,
            "title": "",
        },
    )
    session = Session.objects.get()
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    assert session.title == "Séance de codéveloppement du 12 mars 2027"
    assert timezone.localtime(session.scheduled_at).hour == 14
    assert session.participants.count() == 5
    # Nadia was client: the platform now proposes the next member.
    assert "Thomas Lefebvre" in client.get(new_url(cohort)).content.decode().split("Proposition de la plateforme")[1]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"consultants": "three"}, "Choisissez de 4 à 8 consultants (vous en avez choisi 3)."),
        ({"scheduled_at": ""}, "Indiquez la date et l’heure de la séance."),
        ({"scheduled_at": "demain"}, "Écrivez la date et l’heure ainsi"),
        ({"client": ""}, "Choisissez le client de la séance."),
        ({"client": "outsider"}, "Choisissez le client parmi les membres des équipes du parcours."),
        ({"consultants": "with_client"}, "Le client ne peut pas être aussi consultant"),
        ({"consultants": "bogus"}, "Choisissez les consultants parmi les membres des équipes du parcours."),
    ],
)
def test_a_bad_set_up_gets_a_french_error_and_creates_nothing(client, cohort, change, message):
    client.force_login(cohort.facilitator)
    consultants = [m.pk for m in cohort.consultants]
    if change.get("consultants") == "three":
        consultants = consultants[:3]
    elif change.get("consultants") == "with_client":
        consultants = [cohort.client.pk, *consultants[:3]]
    elif change.get("consultants") == "bogus":
        consultants = ["abc"]
    data = {
        "scheduled_at": change.get("scheduled_at", "2027-03-12T14:00"),
        "client": cohort.outsider.pk if change.get("client") == "outsider" else change.get("client", cohort.client.pk),
        "consultants": consultants,
        "facilitator": cohort.facilitator.pk,
    }
    response = client.post(new_url(cohort), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Session.objects.exists()


def test_team_members_cannot_open_the_set_up_form(client, cohort):
    client.force_login(cohort.client)
    assert client.get(new_url(cohort)).status_code == 403
    assert client.post(new_url(cohort), {}).status_code == 403


# ------------------------------------------------------------------ the live room


def test_the_poll_answers_204_when_nothing_changed_and_the_room_when_the_step_changed(client, cohort, session):
    client.force_login(cohort.consultants[0])
    state = urls(session)["state"]
    assert client.get(state, {"etape": -1, "v": 0, "statut": "planned"}, **HX).status_code == 204
    services.session_advance(session=session, user=cohort.facilitator)
    with CaptureQueriesContext(connection) as quiet:
        unchanged = client.get(state, {"etape": 0, "v": 1, "statut": "live"}, **HX)
    assert unchanged.status_code == 204 and unchanged.content == b""
    assert len(quiet) <= 6
    services.session_advance(session=session, user=cohort.facilitator)
    response = client.get(state, {"etape": 0, "v": 1, "statut": "live"}, **HX)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="codev-announce" hx-swap-oob="innerHTML"' in page
    assert "Étape 1 sur 6 : Exposé" in page
    assert 'id="codev-room"' in page and 'aria-current="step"' in page
    assert 'name="v" value="2"' in page


def test_a_new_question_refreshes_only_the_list_so_that_typing_is_not_lost(client, cohort, session):
    session = advance_to(session, cohort, Stage.CLARIFICATION)
    services.contribution_add(session=session, user=cohort.consultants[1], kind="question", text="Depuis quand ?")
    session.refresh_from_db()
    client.force_login(cohort.consultants[0])
    page = client.get(
        urls(session)["state"], {"etape": 2, "v": session.version - 1, "statut": "live"}, **HX
    ).content.decode()
    assert 'id="codev-produced"' in page and "Depuis quand ?" in page
    assert 'id="codev-room"' not in page and "<textarea" not in page


def test_the_poll_stops_with_286_when_the_session_is_over(client, cohort, session):
    session = advance_to(session, cohort, 7)
    client.force_login(cohort.client)
    response = client.get(urls(session)["state"], {"etape": 6, "v": 1, "statut": "live"}, **HX)
    assert response.status_code == 286
    assert "La séance est terminée" in response.content.decode()


def test_a_whole_session_from_the_pages_without_javascript(client, cohort, session, inbox):
    u = urls(session)
    client.force_login(cohort.facilitator)
    room = client.get(u["room"]).content.decode()
    assert "Ouvrir la séance (étape 0 : Suivi)" in room and 'hx-trigger="every 2s"' in room
    assert typography_errors(room) == []
    assert client.post(u["advance"], {"from_stage": "-1"}).status_code == 302
    client.post(u["advance"], {"from_stage": "0"})
    client.post(u["contribute"], {"kind": "expose", "expose-text": "Les entreprises ne viennent pas."})
    page = client.get(u["room"]).content.decode()
    assert typography_errors(page) == []
    assert "data-codev-timer" in page and "Environ 10 minutes d’exposé" in page
    client.post(u["advance"], {"from_stage": "1"})

    client.force_login(cohort.consultants[0])
    page = client.get(u["room"]).content.decode()
    assert typography_errors(page) == []
    assert "Étape 2 : Clarification" in page and "Poser la question" in page
    assert client.post(u["contribute"], {"kind": "question", "question-text": "Qui invitez-vous ?"}).status_code == 302
    response = client.post(u["contribute"], {"kind": "question", "question-text": "  "})
    assert response.status_code == 200 and "Écrivez un texte avant d’envoyer." in response.content.decode()
    response = client.post(u["contribute"], {"kind": "contract", "contract-text": "Je ne suis pas client"})
    assert response.status_code == 403

    client.force_login(cohort.facilitator)
    client.post(u["advance"], {"from_stage": "2"})
    response = client.post(u["advance"], {"from_stage": "2"})  # a second click on a stale page
    assert "La séance a déjà changé d’étape" in response.content.decode()
    session.refresh_from_db()
    assert session.stage == Stage.CONTRACT

    client.force_login(cohort.client)
    client.post(u["contribute"], {"kind": "contract", "contract-text": "Comment faire venir les entreprises ?"})
    client.post(u["consent"], {"consent": "on"})
    client.force_login(cohort.facilitator)
    client.post(u["advance"], {"from_stage": "3"})
    client.force_login(cohort.consultants[1])
    client.post(u["contribute"], {"kind": "consultation", "consultation-text": "Passez par le club d’entreprises."})
    client.force_login(cohort.facilitator)
    client.post(u["advance"], {"from_stage": "4"})

    client.force_login(cohort.client)
    client.post(u["contribute"], {"kind": "synthesis", "synthesis-text": "Je retiens le club."})
    due = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    response = client.post(
        u["action-add"],
        {"action-what": "Rencontrer le club d’entreprises", "action-who": "Nadia", "action-due_on": due},
    )
    assert response.status_code == 302
    response = client.post(u["action-add"], {"action-what": "", "action-due_on": "demain"})
    body = response.content.decode()
    assert "Dites quelle action l’équipe s’engage à mener." in body and "Écrivez la date ainsi" in body
    assert ActionItem.objects.filter(team=cohort.teams[0]).count() == 1

    assert typography_errors(client.get(u["room"]).content.decode()) == []
    client.force_login(cohort.facilitator)
    client.post(u["advance"], {"from_stage": "5"})
    assert typography_errors(client.get(u["room"]).content.decode()) == []
    client.force_login(cohort.consultants[0])
    client.post(u["contribute"], {"kind": "learning", "learning-text": "Un contrat précis aide tout le monde."})
    client.post(u["rate"], {"rating-rating": "5"})
    response = client.post(u["rate"], {"rating-rating": "9"})
    assert "Choisissez une note de 1 à 5." in response.content.decode()
    client.force_login(cohort.facilitator)
    response = client.post(u["advance"], {"from_stage": "6"})
    assert response.status_code == 302 and response["Location"] == u["record"]

    session.refresh_from_db()
    assert session.is_done and session.illustration is not None
    record = client.get(u["record"]).content.decode()
    assert typography_errors(record) == []
    for text in (
        "Les entreprises ne viennent pas.",
        "Qui invitez-vous ?",
        "Comment faire venir les entreprises ?",
        "Passez par le club d’entreprises.",
        "Je retiens le club.",
        "Rencontrer le club d’entreprises",
        "Un contrat précis aide tout le monde.",
        "5,0 sur 5",
    ):
        assert text in record, text


def test_htmx_posts_get_back_only_their_form_and_the_list_so_other_fields_keep_their_text(client, cohort, session):
    session = advance_to(session, cohort, Stage.SYNTHESIS)
    client.force_login(cohort.client)
    url = urls(session)["contribute"]
    response = client.post(url, {"kind": "synthesis", "synthesis-text": "Je retiens le club."}, **HX)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="codev-form-synthesis" hx-swap-oob="true"' in page and "Je retiens le club." in page
    assert 'id="codev-produced" class="codev-produced" hx-swap-oob="true"' in page
    assert 'id="codev-state" hidden hx-swap-oob="true"' in page
    assert 'id="codev-room"' not in page and 'id="codev-form-action"' not in page  # the action being typed stays
    response = client.post(urls(session)["action-add"], {"action-what": "", "action-due_on": "2020-01-01"}, **HX)
    page = response.content.decode()
    assert 'id="codev-form-action" hx-swap-oob="true"' in page and "Dites quelle action" in page
    assert 'id="codev-room"' not in page

    # The step changed under the form: the whole room comes back, with what happened.
    services.session_advance(session=session, user=cohort.facilitator)
    response = client.post(url, {"kind": "synthesis", "synthesis-text": "Trop tard"}, **HX)
    page = response.content.decode()
    assert 'id="codev-room" class="codev-room" hx-swap-oob="true"' in page
    assert "Ce n’est pas le moment" in page and "Étape 6 sur 6" in page


def test_the_shared_learnings_reach_the_editors_review_queue_and_stay_hidden_from_others(
    client, cohort, session, editor, inbox, django_capture_on_commit_callbacks
):
    from catalyse.codevelopment.tests.test_services import run_with_learnings

    with django_capture_on_commit_callbacks(execute=True):
        session = run_with_learnings(cohort, session, consent=True)
    resource = session.illustration
    client.force_login(editor)
    assert resource.title in client.get(reverse("resources:review-queue")).content.decode()
    assert client.get(resource.get_absolute_url()).status_code == 200
    assert any("Nouvelle proposition à relire" in str(m["Subject"]) for m in inbox.wait_for())
    for person in (cohort.consultants[0], cohort.outsider):
        client.force_login(person)
        assert client.get(resource.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(resource.get_absolute_url()).status_code == 404
    # The record page links the draft for its author (the client) only.
    client.force_login(cohort.client)
    assert resource.get_absolute_url() in client.get(session.get_record_url()).content.decode()
    client.force_login(cohort.consultants[0])
    assert resource.get_absolute_url() not in client.get(session.get_record_url()).content.decode()


def test_a_facilitator_cancels_a_planned_session_but_not_one_that_started(client, cohort, session):
    cancel = urls(session)["cancel"]
    client.force_login(cohort.client)
    assert client.post(cancel).status_code == 403
    client.force_login(cohort.other_facilitator)
    assert "Annuler cette séance" in client.get(urls(session)["room"]).content.decode()
    response = client.post(cancel)
    assert response.status_code == 302 and response["Location"] == list_url(cohort)
    assert not Session.objects.exists()
    started = advance_to(plan_session(cohort), cohort, Stage.FOLLOW_UP)
    response = client.post(urls(started)["cancel"], follow=True)
    assert "elle ne peut plus être annulée" in response.content.decode()
    assert Session.objects.filter(pk=started.pk).exists()


def test_an_open_room_hears_that_its_session_was_cancelled(client, cohort, session):
    state = urls(session)["state"]
    services.session_cancel(session=session, user=cohort.facilitator)
    client.force_login(cohort.consultants[0])
    response = client.get(state, {"etape": -1, "v": 0, "statut": "planned"}, **HX)
    assert response.status_code == 286 and "Cette séance a été annulée." in response.content.decode()
    client.force_login(cohort.outsider)
    assert client.get(state, **HX).status_code == 403


def test_it_links_the_journey_page_to_its_sessions_for_participants_only(client, cohort):
    journey_url = reverse("journeys:detail", args=[cohort.journey.slug])
    client.force_login(cohort.members[0])
    assert list_url(cohort) in client.get(journey_url).content.decode()
    client.force_login(cohort.outsider)
    assert list_url(cohort) not in client.get(journey_url).content.decode()
    client.logout()
    page = client.get(journey_url).content.decode()
    assert list_url(cohort) not in page
    assert reverse("logbooks:archive", args=[cohort.journey.slug]) in page  # published logbooks are public
