"""A small hosted course to learn in: two sessions, every kind of segment, quizzes with single and multiple choice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from catalyse.learning.models import Course, CourseSession, Provider, QuizChoice, QuizQuestion, Segment, SegmentKind


@dataclass
class Fixture:
    course: Course
    s1: CourseSession
    s2: CourseSession
    testimony: Segment
    synthesis: Segment
    quiz: Segment
    activity: Segment
    resource: Segment
    quiz2: Segment
    synthesis2: Segment
    q_single: QuizQuestion
    q_multiple: QuizQuestion
    q2: QuizQuestion

    def right(self, question: QuizQuestion) -> list[int]:
        return [c.pk for c in question.choices.all() if c.is_correct]

    def wrong(self, question: QuizQuestion) -> list[int]:
        return [next(c.pk for c in question.choices.all() if not c.is_correct)]

    def all_right(self) -> dict[int, list[int]]:
        return {self.q_single.pk: self.right(self.q_single), self.q_multiple.pk: self.right(self.q_multiple)}


def question(segment: Segment, order: int, text: str, choices: list[tuple[str, bool]], **fields: Any) -> QuizQuestion:
    item = QuizQuestion.objects.create(segment=segment, order=order, text=text, **fields)
    for label, right in choices:
        QuizChoice.objects.create(question=item, text=label, is_correct=right)
    return item


def build_course(
    *, slug: str = "alliances-locales", provider: str = Provider.HOSTED, published: bool = True
) -> Fixture:
    course = Course.objects.create(
        slug=slug,
        title="Alliances locales",
        summary="Une formation **courte** pour nouer des alliances.",
        audience="Collectivités et associations",
        audiences=["collectivite", "association"],
        themes=["alliances"],
        duration_label="2 sessions de 2 heures",
        licence="CC BY-SA 4.0",
        provider=provider,
        provider_name="Coursera" if provider == Provider.EXTERNAL else "",
        external_url="https://www.coursera.org/essec" if provider == Provider.EXTERNAL else "",
        is_published=published,
    )
    s1 = CourseSession.objects.create(
        course=course, number=1, title="Le territoire", question="Qu’est-ce qu’un territoire ?"
    )
    s2 = CourseSession.objects.create(course=course, number=2, title="Les alliances", question="Pourquoi s’allier ?")
    testimony = Segment.objects.create(
        session=s1,
        order=1,
        kind=SegmentKind.TEMOIGNAGE,
        title="Le témoignage de Nadia",
        video_url="https://video.example.org/nadia",
        transcript="Nadia raconte la première rencontre des acteurs de l’agglomération.",
        speaker_name="Nadia Haddad",
        speaker_title="Chargée de mission",
    )
    synthesis = Segment.objects.create(
        session=s1, order=2, kind=SegmentKind.SYNTHESE, title="La synthèse", body="Trois formes d’action."
    )
    quiz = Segment.objects.create(session=s1, order=3, kind=SegmentKind.QUIZ, title="Quiz de la session")
    q_single = question(
        quiz,
        1,
        "Combien de partenariats en France ?",
        [("120 000", False), ("1,2 million", True), ("12 millions", False)],
        explanation="Le panorama en compte 1,2 million.",
    )
    q_multiple = question(
        quiz,
        2,
        "Quelles formes d’action ?",
        [("L’animation du territoire", True), ("Les expérimentations collectives", True), ("La concurrence", False)],
        multiple=True,
        explanation="Animation, expérimentation, accompagnement.",
    )
    activity = Segment.objects.create(
        session=s1, order=4, kind=SegmentKind.ACTIVITE, title="Votre territoire", body="Décrivez votre territoire."
    )
    resource = Segment.objects.create(session=s1, order=5, kind=SegmentKind.RESSOURCE, title="Pour aller plus loin")
    synthesis2 = Segment.objects.create(session=s2, order=1, kind=SegmentKind.SYNTHESE, title="À retenir")
    quiz2 = Segment.objects.create(session=s2, order=2, kind=SegmentKind.QUIZ, title="Quiz 2")
    q2 = question(quiz2, 1, "Le réseau des pionniers date de…", [("2014", True), ("2018", False)])
    return Fixture(
        course, s1, s2, testimony, synthesis, quiz, activity, resource, quiz2, synthesis2, q_single, q_multiple, q2
    )


@pytest.fixture
def learning(db: Any) -> Fixture:
    return build_course()
