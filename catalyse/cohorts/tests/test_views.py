"""Pages of the cohorts, per role: who passes and who does not; bad input answered in French."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from catalyse.cohorts import services
from catalyse.cohorts.models import DeclaredSession, Enrolment, Invitation
from catalyse.network.models import Post

from .conftest import complete_course, make_cohort, make_course, person

pytestmark = pytest.mark.django_db


def url(name: str, cohort: Any, **kwargs: Any) -> str:
    return reverse(f"cohorts:{name}", kwargs={"slug": cohort.slug, **kwargs})


@pytest.fixture
def member(cohort: Any) -> Any:
    user = person("membre")
    services.cohort_enrol(cohort=cohort, user=user)
    return user


def test_the_list_shows_published_cohorts_in_constant_queries(
    client: Any, course: Any, django_assert_max_num_queries: Any
) -> None:
    make_cohort(course, title="Cohorte en cours")
    make_cohort(course, title="Cohorte à venir", starts_on=timezone.localdate() + datetime.timedelta(days=20))
    make_cohort(course, title="Cohorte brouillon", status="draft")
    make_cohort(course, title="Cohorte terminée", starts_on=timezone.localdate() - datetime.timedelta(days=60))
    for n in range(3):
        make_cohort(course, title=f"Autre cohorte {n}")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("cohorts:cohort-list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cohorte en cours" in html and "Cohorte à venir" in html
    assert "Cohorte brouillon" not in html and "Cohorte terminée" not in html


def test_a_draft_is_for_its_facilitators_only(client: Any, course: Any, catalyst: Any, outsider: Any) -> None:
    draft = make_cohort(course, status="draft", facilitators=[catalyst])
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(catalyst)
    assert "En préparation" in client.get(draft.get_absolute_url()).content.decode()


def test_enrolling_through_the_page(client: Any, cohort: Any, outsider: Any) -> None:
    response = client.get(cohort.get_absolute_url())
    assert "Se connecter pour s’inscrire" in response.content.decode()
    client.force_login(outsider)
    response = client.post(url("cohort-enrol", cohort), follow=True)
    assert "Bienvenue dans la cohorte" in response.content.decode()
    assert Enrolment.objects.get(cohort=cohort, user=outsider).status == "active"
    response = client.post(url("cohort-enrol", cohort))
    assert response.status_code == 400
    assert "Vous êtes déjà membre de cette cohorte." in response.content.decode()


def test_enrolment_bad_input_gets_a_french_error_and_writes_nothing(client: Any, course: Any, outsider: Any) -> None:
    cohort = make_cohort(course, enrolment_mode="approval")
    client.force_login(outsider)
    response = client.post(url("cohort-enrol", cohort), {"motivation": "x" * 1200})
    assert response.status_code == 400
    assert "Raccourcissez votre message à 1000 caractères au plus." in response.content.decode()
    assert not Enrolment.objects.exists()
    invitation_only = make_cohort(course, enrolment_mode="invitation", title="Sur invitation")
    response = client.post(url("cohort-enrol", invitation_only))
    assert response.status_code == 400
    assert "demandez à ses animateurs de vous inviter" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("outsider", 403), ("member", 200), ("cohort_facilitator", 200), ("facilitator", 200)],
)
def test_a_session_page_is_for_members_and_facilitators(
    client: Any, course: Any, outsider: Any, catalyst: Any, facilitator: Any, who: str, status: int
) -> None:
    cohort = make_cohort(course, facilitators=[catalyst])
    member = person("membre")
    services.cohort_enrol(cohort=cohort, user=member)
    people = {"outsider": outsider, "member": member, "cohort_facilitator": catalyst, "facilitator": facilitator}
    if who in people:
        client.force_login(people[who])
    response = client.get(url("session-detail", cohort, number=1))
    assert response.status_code == status
    if status == 200:
        assert "visio.exemple.fr/cohorte-secrete" in response.content.decode()
    calendar = client.get(url("cohort-calendar", cohort))
    assert calendar.status_code == status


def test_members_post_in_the_private_discussion(client: Any, cohort: Any, member: Any, outsider: Any) -> None:
    client.force_login(member)
    response = client.post(url("session-post", cohort, number=1), {"body": "Chez nous, la mairie **anime**."})
    assert response.status_code == 302
    post = Post.objects.get(body__startswith="Chez nous")
    assert post.thread.space == f"cohort:{cohort.pk}"
    page = client.get(url("session-detail", cohort, number=1)).content.decode()
    assert "<strong>anime</strong>" in page
    # HTMX gets the discussion partial; an empty message, a French error
    response = client.post(url("session-post", cohort, number=1), {"body": " "}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Écrivez votre message avant de le publier." in response.content.decode()
    assert "<html" not in response.content.decode()
    # the thread stays private on the network's side too
    thread_url = post.thread.get_absolute_url()
    assert client.get(thread_url).status_code == 200
    client.force_login(outsider)
    assert client.get(thread_url).status_code == 404
    assert client.post(url("session-post", cohort, number=1), {"body": "Intrus"}).status_code == 403
    assert Post.objects.filter(thread=post.thread).count() == 2  # the opening message and the member's


def test_a_session_not_yet_open_has_no_discussion(client: Any, cohort: Any, member: Any) -> None:
    client.force_login(member)
    response = client.get(url("session-detail", cohort, number=2))
    assert "Cette session s’ouvre le" in response.content.decode()
    response = client.post(url("session-post", cohort, number=2), {"body": "Trop tôt"})
    assert response.status_code == 400
    assert "sa discussion aussi" in response.content.decode()


def test_the_calendar_file_parses_and_carries_the_meetings(client: Any, cohort: Any, member: Any) -> None:
    from icalendar import Calendar

    client.force_login(member)
    response = client.get(url("cohort-calendar", cohort))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2
    first = cohort.schedule.get(session__number=1)
    assert events[0].decoded("dtstart") == first.meeting_starts_at
    assert "réunion de la session 1" in str(events[0]["summary"])


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("outsider", 403), ("member", 403), ("cohort_facilitator", 200), ("facilitator", 200)],
)
def test_the_dashboard_is_for_facilitators(
    client: Any, course: Any, outsider: Any, catalyst: Any, facilitator: Any, who: str, status: int
) -> None:
    cohort = make_cohort(course, facilitators=[catalyst])
    member = person("membre")
    services.cohort_enrol(cohort=cohort, user=member)
    people = {"outsider": outsider, "member": member, "cohort_facilitator": catalyst, "facilitator": facilitator}
    if who in people:
        client.force_login(people[who])
    assert client.get(url("dashboard", cohort)).status_code == status
    assert client.get(url("dashboard-csv", cohort)).status_code == status


def test_the_dashboard_says_who_is_behind_and_which_questions_fail(
    client: Any, cohort: Any, course: Any, facilitator: Any, django_assert_max_num_queries: Any
) -> None:
    ahead, behind, failing = person("alice"), person("bruno"), person("chloe")
    for user in (ahead, behind, failing):
        services.cohort_enrol(cohort=cohort, user=user)
    complete_course(ahead, course)
    complete_course(failing, course, right=False)
    client.force_login(facilitator)
    with django_assert_max_num_queries(30):
        response = client.get(url("dashboard", cohort))
    html = response.content.decode()
    assert "Bruno Testeur</strong> — session 1 à terminer" in html
    assert "<svg" in html and "Taux d’erreur par question de quiz" in html
    assert "50&nbsp;%" in html
    csv_text = client.get(url("dashboard-csv", cohort)).content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("membre;sessions terminées")
    assert "Alice Testeur;2;2;100;100;0;;oui" in lines
    questions = client.get(url("dashboard-csv", cohort) + "?table=questions").content.decode("utf-8-sig")
    assert "1;Question 1 : vrai ?;2;1;50" in questions


def test_facilitators_decide_and_invite_from_the_dashboard(client: Any, course: Any, catalyst: Any) -> None:
    cohort = make_cohort(course, enrolment_mode="approval", facilitators=[catalyst])
    asking = person("demandeur")
    enrolment = services.cohort_enrol(cohort=cohort, user=asking, motivation="Pour mon territoire.")
    client.force_login(catalyst)
    assert "Pour mon territoire." in client.get(url("dashboard", cohort)).content.decode()
    response = client.post(url("enrolment-decide", cohort, pk=enrolment.pk), {"decision": "peut-etre"}, follow=True)
    assert "Choisissez « Accepter » ou « Refuser »." in response.content.decode()
    client.post(url("enrolment-decide", cohort, pk=enrolment.pk), {"decision": "accepter"})
    enrolment.refresh_from_db()
    assert enrolment.status == "active"
    response = client.post(url("cohort-invite", cohort), {"emails": "bon@exemple.fr, pas-une-adresse"})
    assert response.status_code == 400
    assert "Ces adresses ne sont pas valides : pas-une-adresse. Corrigez-les." in response.content.decode()
    assert not Invitation.objects.exists()
    response = client.post(url("cohort-invite", cohort), {"emails": "bon@exemple.fr\nautre@exemple.fr"}, follow=True)
    assert "Invitation envoyée à : bon@exemple.fr, autre@exemple.fr." in response.content.decode()


def test_an_invitation_link_lets_one_person_in(client: Any, course: Any, facilitator: Any, outsider: Any) -> None:
    cohort = make_cohort(course, enrolment_mode="invitation", facilitators=[facilitator])
    services.cohort_invite(cohort=cohort, by=facilitator, emails=[outsider.email])
    invitation = Invitation.objects.get()
    accept = url("invitation-accept", cohort, token=invitation.token)
    assert client.get(accept).status_code == 302  # sign in first
    client.force_login(outsider)
    assert client.get(accept).status_code == 200
    client.post(accept)
    assert Enrolment.objects.get(user=outsider).status == "active"
    client.force_login(person("autre"))
    response = client.post(accept)
    assert response.status_code == 400
    assert "Cette invitation a déjà servi" in response.content.decode()
    assert client.get(url("invitation-accept", cohort, token="faux")).status_code == 404


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_certificate_is_for_its_learner_once_the_course_is_completed(
    client: Any, cohort: Any, course: Any, member: Any, outsider: Any, facilitator: Any
) -> None:
    client.force_login(member)
    refused = client.get(url("certificate", cohort))
    assert refused.status_code == 403
    complete_course(member, course, right=False)
    assert client.get(url("certificate", cohort)).status_code == 403  # quizzes below the threshold
    complete_course(member, course)
    response = client.get(url("certificate", cohort))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Membre Testeur" in text and "Les partenariats qui changent le monde" in text
    assert "Attestation de réussite" in text
    for other in (outsider, facilitator):
        client.force_login(other)
        assert client.get(url("certificate", cohort)).status_code == 403


def test_a_study_group_declares_its_sessions_and_gets_the_groups_certificate(client: Any, facilitator: Any) -> None:
    course = make_course(slug="mooc-externe", external=True)
    cohort = make_cohort(course, facilitators=[facilitator], title="Groupe d’étude Coursera")
    member = person("membre")
    services.cohort_enrol(cohort=cohort, user=member)
    client.force_login(member)
    page = client.get(url("session-detail", cohort, number=1)).content.decode()
    assert "J’ai suivi cette session" in page and "Coursera" in page
    client.post(url("session-declare", cohort, number=1), {"done": "1"})
    response = client.post(url("session-declare", cohort, number=2), {"done": "1"}, follow=True)
    assert "Cette session ouvre le" in response.content.decode()
    assert client.get(url("certificate", cohort)).status_code == 403
    cohort.schedule.filter(session__number=2).update(opens_on=timezone.localdate())
    client.post(url("session-declare", cohort, number=2), {"done": "1"})
    assert DeclaredSession.objects.filter(user=member).count() == 2
    text = _pdf_text(client.get(url("certificate", cohort)).content)
    assert "groupe d’étude" in text
    assert "ne vaut pas certificat du MOOC" in text
