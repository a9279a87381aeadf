"""Fixtures of the cohorts' tests: a small course built with the learning models, cohorts through the services."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from catalyse.cohorts import services
from catalyse.learning.models import Course, CourseSession, QuizChoice, QuizQuestion, Segment
from catalyse.test import make_person


def make_course(*, slug: str = "partenariats-test", external: bool = False, sessions: int = 2) -> Course:
    """A published course of `sessions` sessions, each with a synthesis and a one-question quiz."""
    course = Course.objects.create(
        slug=slug,
        title="Les partenariats qui changent le monde",
        summary="Comprendre les alliances entre entreprises et associations.",
        provider="external" if external else "hosted",
        provider_name="Coursera" if external else "",
        external_url="https://www.coursera.org/learn/partenariats" if external else "",
        is_published=True,
    )
    for number in range(1, sessions + 1):
        session = CourseSession.objects.create(
            course=course, number=number, title=f"Session {number}", question=f"Pourquoi s’allier ({number}) ?"
        )
        Segment.objects.create(session=session, order=1, kind="synthese", title="Ce qu’il faut retenir", body="Texte.")
        quiz = Segment.objects.create(session=session, order=2, kind="quiz", title="Quiz")
        question = QuizQuestion.objects.create(segment=quiz, order=1, text=f"Question {number} : vrai ?")
        QuizChoice.objects.create(question=question, text="Vrai", is_correct=True)
        QuizChoice.objects.create(question=question, text="Faux", is_correct=False)
    return course


def make_cohort(course: Course, **fields: Any) -> Any:
    """A published open cohort that started five days ago, a session a week, a live meeting in each."""
    today = timezone.localdate()
    starts_on = fields.pop("starts_on", today - datetime.timedelta(days=5))
    schedule = fields.pop("schedule", None)
    if schedule is None:
        schedule = []
        for index in range(course.sessions.count()):
            opens = starts_on + datetime.timedelta(weeks=index)
            start = timezone.make_aware(datetime.datetime.combine(opens, datetime.time(18, 0)))
            schedule.append(
                {
                    "opens_on": opens,
                    "meeting_starts_at": start + datetime.timedelta(days=2),
                    "meeting_ends_at": start + datetime.timedelta(days=2, hours=1),
                    "meeting_url": "https://visio.exemple.fr/cohorte-secrete",
                }
            )
    defaults: dict[str, Any] = {
        "title": "Cohorte du printemps",
        "starts_on": starts_on,
        "status": "published",
        "enrolment_mode": "open",
        "schedule": schedule,
    }
    defaults.update(fields)
    return services.cohort_create(course=course, **defaults)


def person(name: str, **fields: Any) -> Any:
    return make_person(email=f"{name}@exemple.fr", first_name=name.capitalize(), last_name="Testeur", **fields)


def complete_course(user: Any, course: Course, *, right: bool = True) -> None:
    """Do every segment of the course through the learning services."""
    from catalyse.learning import services as learning

    for session in course.sessions.all():
        for segment in session.segments.all():
            if segment.kind == "quiz":
                answers = {}
                for question in segment.questions.all():
                    choice = question.choices.get(is_correct=right)
                    answers[question.pk] = [choice.pk]
                learning.quiz_submit(user=user, segment=segment, answers=answers)
            else:
                learning.segment_complete(user=user, segment=segment)


@pytest.fixture
def course(db: Any) -> Course:
    return make_course()


@pytest.fixture
def cohort(course: Course, facilitator: Any) -> Any:
    return make_cohort(course, facilitators=[facilitator])


@pytest.fixture
def learner(db: Any) -> Any:
    return person("lea")
