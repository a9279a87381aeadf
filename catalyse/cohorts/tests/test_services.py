"""The rules of the cohorts: enrolment modes and capacity, approval, invitations, progress, completion, reminders."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from catalyse.cohorts import services
from catalyse.cohorts.models import DeclaredSession, Enrolment, Invitation

from .conftest import complete_course, make_cohort, make_course, person

pytestmark = pytest.mark.django_db


def test_it_enrols_in_an_open_cohort_and_welcomes_by_email(cohort, learner, inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.cohort_enrol(cohort=cohort, user=learner)
    assert enrolment.status == "active"
    message = inbox.wait_for(1)[0]
    assert message["To"] == learner.email
    assert "Bienvenue dans la cohorte « Cohorte du printemps »" in message["Subject"]


def test_it_refuses_a_second_enrolment_in_french(cohort, learner):
    services.cohort_enrol(cohort=cohort, user=learner)
    with pytest.raises(ValidationError, match="déjà membre"):
        services.cohort_enrol(cohort=cohort, user=learner)
    assert Enrolment.objects.filter(cohort=cohort).count() == 1


def test_it_refuses_enrolment_beyond_the_capacity(course):
    cohort = make_cohort(course, capacity=2)
    services.cohort_enrol(cohort=cohort, user=person("a"))
    services.cohort_enrol(cohort=cohort, user=person("b"))
    late = person("c")
    with pytest.raises(ValidationError, match="complète"):
        services.cohort_enrol(cohort=cohort, user=late)
    assert services.places_left(cohort) == 0
    assert not Enrolment.objects.filter(user=late).exists()


def test_a_place_freed_by_leaving_can_be_taken(course):
    cohort = make_cohort(course, capacity=1)
    first, second = person("a"), person("b")
    services.cohort_enrol(cohort=cohort, user=first)
    services.enrolment_withdraw(cohort=cohort, user=first)
    assert services.cohort_enrol(cohort=cohort, user=second).status == "active"
    with pytest.raises(ValidationError, match="complète"):
        services.cohort_enrol(cohort=cohort, user=first)


def test_it_refuses_enrolment_in_a_draft_or_finished_cohort(course, learner):
    draft = make_cohort(course, status="draft", title="Brouillon")
    with pytest.raises(ValidationError, match="closes"):
        services.cohort_enrol(cohort=draft, user=learner)
    old = make_cohort(course, title="Ancienne", starts_on=timezone.localdate() - datetime.timedelta(days=90))
    with pytest.raises(ValidationError, match="closes"):
        services.cohort_enrol(cohort=old, user=learner)


def test_a_cohort_on_approval_waits_for_a_facilitator_who_is_told(
    course, facilitator, learner, inbox, django_capture_on_commit_callbacks
):
    cohort = make_cohort(course, enrolment_mode="approval", facilitators=[facilitator])
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.cohort_enrol(cohort=cohort, user=learner, motivation="Je pilote un projet d’alliance.")
    assert enrolment.status == "pending"
    request = inbox.wait_for(1)[0]
    assert request["To"] == facilitator.email
    assert "Je pilote un projet d’alliance." in inbox.text(request)
    with pytest.raises(ValidationError, match="attend déjà"):
        services.cohort_enrol(cohort=cohort, user=learner)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_decide(enrolment=enrolment, by=facilitator, accept=True)
    enrolment.refresh_from_db()
    assert enrolment.status == "active" and enrolment.decided_by == facilitator
    assert "Bienvenue" in inbox.wait_for(2)[1]["Subject"]
    with pytest.raises(ValidationError, match="déjà reçu une réponse"):
        services.enrolment_decide(enrolment=enrolment, by=facilitator, accept=False)


def test_only_facilitators_decide_and_a_full_cohort_cannot_accept(course, facilitator, catalyst):
    cohort = make_cohort(course, enrolment_mode="approval", capacity=1, facilitators=[catalyst])
    first = services.cohort_enrol(cohort=cohort, user=person("a"))
    second = services.cohort_enrol(cohort=cohort, user=person("b"))
    with pytest.raises(PermissionDenied):
        services.enrolment_decide(enrolment=first, by=person("c"), accept=True)
    services.enrolment_decide(enrolment=first, by=catalyst, accept=True)  # the cohort's own facilitator
    with pytest.raises(ValidationError, match="complète"):
        services.enrolment_decide(enrolment=second, by=facilitator, accept=True)  # a programme facilitator
    second.refresh_from_db()
    assert second.status == "pending"
    services.enrolment_decide(enrolment=second, by=facilitator, accept=False)
    second.refresh_from_db()
    assert second.status == "declined"


def test_a_cohort_on_invitation_is_joined_by_the_link_once(
    course, facilitator, learner, inbox, django_capture_on_commit_callbacks
):
    cohort = make_cohort(course, enrolment_mode="invitation", facilitators=[facilitator])
    with pytest.raises(ValidationError, match="sur invitation"):
        services.cohort_enrol(cohort=cohort, user=learner)
    with django_capture_on_commit_callbacks(execute=True):
        invited, skipped = services.cohort_invite(
            cohort=cohort, by=facilitator, emails=[learner.email, learner.email.upper(), "autre@exemple.fr"]
        )
    assert invited == [learner.email, "autre@exemple.fr"] and skipped == []
    invitation = Invitation.objects.get(email=learner.email)
    mail = inbox.to(learner.email)[0] if inbox.wait_for(2) else None
    assert invitation.token in inbox.text(mail)
    enrolment = services.invitation_accept(invitation=invitation, user=learner)
    assert enrolment.status == "active"
    with pytest.raises(ValidationError, match="déjà servi"):
        services.invitation_accept(invitation=invitation, user=person("z"))
    _invited, skipped = services.cohort_invite(cohort=cohort, by=facilitator, emails=[learner.email])
    assert skipped == [learner.email]


def test_invitations_refuse_bad_input_in_french(cohort, facilitator, learner):
    with pytest.raises(ValidationError, match="au moins une adresse"):
        services.cohort_invite(cohort=cohort, by=facilitator, emails=[" "])
    with pytest.raises(ValidationError, match="pas valides : pas-une-adresse"):
        services.parse_emails("bon@exemple.fr, pas-une-adresse")
    with pytest.raises(PermissionDenied):
        services.cohort_invite(cohort=cohort, by=learner, emails=["x@exemple.fr"])
    assert services.parse_emails("a@exemple.fr; B@exemple.fr\nc@exemple.fr a@exemple.fr") == [
        "a@exemple.fr",
        "b@exemple.fr",
        "c@exemple.fr",
    ]


def test_the_schedule_refuses_bad_dates_and_keeps_nothing(course):
    today = timezone.localdate()
    start = timezone.now()
    bad = [
        {"opens_on": today, "meeting_starts_at": start, "meeting_ends_at": start - datetime.timedelta(hours=1)},
        {"opens_on": today},
    ]
    with pytest.raises(ValidationError, match="finir après son début"):
        make_cohort(course, starts_on=today, schedule=bad, title="Mauvaise")
    with pytest.raises(ValidationError, match="avant le début de la cohorte"):
        make_cohort(course, starts_on=today, schedule=[{"opens_on": today - datetime.timedelta(days=1)}] * 2)
    with pytest.raises(ValidationError, match="chacune des 2 sessions"):
        make_cohort(course, starts_on=today, schedule=[{"opens_on": today}])


def test_progress_says_who_is_behind_and_completion_follows_the_course_rule(cohort, course):
    ahead, behind, failing = person("ahead"), person("behind"), person("failing")
    for user in (ahead, behind, failing):
        services.cohort_enrol(cohort=cohort, user=user)
    complete_course(ahead, course)
    complete_course(failing, course, right=False)
    rows = {row.user.pk: row for row in services.cohort_progress(cohort=cohort)}
    assert rows[ahead.pk].behind == [] and rows[ahead.pk].is_completed
    assert rows[behind.pk].behind == [1]  # session 1 is open, session 2 opens in two days
    assert rows[failing.pk].percent_done == 100 and not rows[failing.pk].is_completed
    assert services.enrolment_is_completed(cohort=cohort, user=ahead)
    assert not services.enrolment_is_completed(cohort=cohort, user=failing)
    failures = services.question_failures(cohort=cohort)
    assert [(attempts, failed) for _q, attempts, failed in failures] == [(2, 1), (2, 1)]


def test_completion_needs_membership(cohort, course, learner):
    complete_course(learner, course)
    assert not services.enrolment_is_completed(cohort=cohort, user=learner)


def test_a_study_group_counts_sessions_declared_followed(facilitator):
    course = make_course(slug="mooc-externe", external=True)
    cohort = make_cohort(course, facilitators=[facilitator])
    member = person("lea")
    services.cohort_enrol(cohort=cohort, user=member)
    first, second = list(course.sessions.order_by("number"))
    services.session_declare(cohort=cohort, user=member, session=first)
    services.session_declare(cohort=cohort, user=member, session=first)  # idempotent
    assert DeclaredSession.objects.filter(user=member).count() == 1
    with pytest.raises(ValidationError, match="ouvre le"):
        services.session_declare(cohort=cohort, user=member, session=second)
    with pytest.raises(PermissionDenied):
        services.session_declare(cohort=cohort, user=person("intrus"), session=first)
    assert not services.enrolment_is_completed(cohort=cohort, user=member)
    cohort.schedule.filter(session=second).update(opens_on=timezone.localdate())
    services.session_declare(cohort=cohort, user=member, session=second)
    assert services.enrolment_is_completed(cohort=cohort, user=member)
    row = services.cohort_progress(cohort=cohort)[0]
    assert row.sessions_done == 2 and row.percent_done == 100 and row.behind == []


def test_a_hosted_course_refuses_declared_progress(cohort, learner, course):
    services.cohort_enrol(cohort=cohort, user=learner)
    with pytest.raises(ValidationError, match="se mesure sur Catalyse"):
        services.session_declare(cohort=cohort, user=learner, session=course.sessions.first())


def test_a_meeting_reminder_leaves_once_with_its_calendar_file(
    cohort, learner, facilitator, inbox, django_capture_on_commit_callbacks
):
    from icalendar import Calendar

    services.cohort_enrol(cohort=cohort, user=learner)
    row = cohort.schedule.get(session__number=1)
    now = row.meeting_starts_at - datetime.timedelta(hours=10)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.meeting_reminders_send(now=now) == 2  # the member and the facilitator
        assert services.meeting_reminders_send(now=now) == 0
    messages = inbox.wait_for(2)
    reminder = next(m for m in messages if "Rappel" in m["Subject"])
    ics = next(part for part in reminder.walk() if part.get_content_type() == "text/calendar")
    calendar = Calendar.from_ical(ics.get_payload(decode=True))
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("dtstart") == row.meeting_starts_at
    assert "visio.exemple.fr/cohorte-secrete" in str(event["conference"])


def test_moving_a_meeting_raises_its_sequence_and_rearms_the_reminder(cohort, facilitator, learner):
    row = cohort.schedule.get(session__number=1)
    services.meeting_reminder_send(cohort_session_id=row.pk, now=timezone.now())
    later = row.meeting_starts_at + datetime.timedelta(days=1)
    row = services.cohort_session_update(
        cohort_session=row, by=facilitator, meeting_starts_at=later, meeting_ends_at=later + datetime.timedelta(hours=2)
    )
    assert row.sequence == 1 and row.reminder_sent_at is None
    with pytest.raises(PermissionDenied):
        services.cohort_session_update(cohort_session=row, by=learner, meeting_url="https://x.exemple.fr")
