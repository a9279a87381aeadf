"""The seed's two MOOCs: four questions each, three fil-rouge witnesses linked to profiles, real quizzes; idempotent."""

from __future__ import annotations

import pytest

from catalyse.accounts import demo as accounts_demo
from catalyse.learning import demo, services
from catalyse.learning.models import Course, QuizQuestion, Segment, SegmentKind
from catalyse.resources import demo as resources_demo
from catalyse.territories.services import territories_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    territories_load(departements=["42"])
    accounts_demo.demo_load()
    resources_demo.demo_load()
    demo.demo_load()


def test_it_loads_the_two_moocs_of_the_seed_with_their_four_questions(loaded, client):
    monde = Course.objects.get(slug="partenariats-qui-changent-le-monde")
    territoires = Course.objects.get(slug="alliances-qui-changent-les-territoires")
    assert monde.title == "Les partenariats qui changent le monde"
    assert territoires.title == "Les alliances qui changent les territoires"
    assert monde.provider_name == "Coursera" and monde.external_url == "https://www.coursera.org/essec"
    assert [s.number for s in monde.sessions.all()] == [1, 2, 3, 4]
    assert (
        territoires.sessions.get(number=4).question
        == "Comment démultiplier l’impact de ces alliances territoriales\u00a0?"
    )
    for course in (monde, territoires):
        testimonies = Segment.objects.filter(session__course=course, kind=SegmentKind.TEMOIGNAGE)
        assert testimonies.values("speaker_name").distinct().count() == 3
        assert all(s.speaker_id for s in testimonies)  # linked to the witnesses' profiles
        for session in course.sessions.all():
            kinds = set(session.segments.values_list("kind", flat=True))
            assert kinds == set(SegmentKind.values)
            assert session.segments.get(kind=SegmentKind.QUIZ).questions.count() >= 2
    assert (
        QuizQuestion.objects.filter(text__contains="1,2 million").exists()
        or QuizQuestion.objects.filter(choices__text="1,2 million", choices__is_correct=True).exists()
    )
    assert Segment.objects.filter(kind=SegmentKind.RESSOURCE, resource__slug="evaluer-impact-partenariat").exists()
    page = client.get(monde.get_absolute_url()).content.decode()
    assert "Amandine Moreau" in page and "/membres/" in page
    assert client.get("/formations/partenariats-qui-changent-le-monde/sessions/2/").status_code == 200


def test_every_quiz_of_the_demo_has_a_right_answer_per_question(loaded):
    for question in QuizQuestion.objects.prefetch_related("choices"):
        assert any(c.is_correct for c in question.choices.all()), question.text
        if not question.multiple:
            assert sum(c.is_correct for c in question.choices.all()) == 1, question.text
        assert question.explanation


def test_loading_twice_changes_nothing_and_keeps_progress(loaded, catalyst):
    course = Course.objects.get(slug="partenariats-qui-changent-le-monde")
    synthesis = Segment.objects.get(session__course=course, session__number=1, kind=SegmentKind.SYNTHESE)
    services.segment_complete(user=catalyst, segment=synthesis)
    counts = (Course.objects.count(), Segment.objects.count(), QuizQuestion.objects.count())
    demo.demo_load()
    assert (Course.objects.count(), Segment.objects.count(), QuizQuestion.objects.count()) == counts
    assert services.learner_progress(user=catalyst, course=course).segments_done == 1
