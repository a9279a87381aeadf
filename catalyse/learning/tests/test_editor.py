"""The front-end editor of courses: editors only; the quiz syntax read back; bad input in clear French."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalyse.learning import services
from catalyse.learning.models import Course, QuizAttempt, Segment, SegmentKind

pytestmark = pytest.mark.django_db

QUIZ = """? Combien de partenariats en France ?
- 120 000
* 1,2 million
> Le panorama en compte 1,2 million.

?? Quelles formes d’action ?
* L’animation du territoire
* Les expérimentations collectives
- La concurrence
"""


def test_the_quiz_syntax_reads_questions_choices_and_explanations():
    first, second = services.quiz_text_parse(QUIZ)
    assert (first.text, first.multiple, first.explanation) == (
        "Combien de partenariats en France ?",
        False,
        "Le panorama en compte 1,2 million.",
    )
    assert first.choices == [("120 000", False), ("1,2 million", True)]
    assert second.multiple and [right for _text, right in second.choices] == [True, True, False]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "au moins une question"),
        ("* Réponse seule", "Ligne 1 : commencez par une question"),
        ("? Question\nréponse sans marque", "Ligne 2 : commencez la ligne par"),
        ("? Question\n* Une seule réponse", "au moins deux réponses"),
        ("? Question\n- Non\n- Non plus", "au moins une bonne réponse"),
        ("? Question\n* Oui\n* Aussi", "écrivez « ?? »"),
    ],
)
def test_the_quiz_syntax_says_which_line_to_fix(text, message):
    with pytest.raises(ValidationError) as error:
        services.quiz_text_parse(text)
    assert message.replace(" :", "\u00a0:").replace("« ", "«\u00a0").replace(" »", "\u00a0»") in " ".join(
        error.value.messages
    )


def test_formatting_then_parsing_a_quiz_gives_it_back(learning):
    text = services.quiz_text_format(learning.quiz)
    specs = services.quiz_text_parse(text)
    assert [s.text for s in specs] == [learning.q_single.text, learning.q_multiple.text]
    assert specs[0].explanation == "Le panorama en compte 1,2 million."


@pytest.mark.parametrize("persona, status", [("catalyst", 403), ("facilitator", 403), ("editor", 200)])
def test_only_editors_reach_the_editor(client, learning, persona, status, request):
    client.force_login(request.getfixturevalue(persona))
    for url in [
        reverse("learning:course-create"),
        reverse("learning:course-edit", kwargs={"slug": learning.course.slug}),
        reverse("learning:session-edit", kwargs={"slug": learning.course.slug, "number": 1}),
        reverse("learning:segment-edit", kwargs={"slug": learning.course.slug, "number": 1, "pk": learning.quiz.pk}),
    ]:
        assert client.get(url).status_code == status, url


def test_a_visitor_is_sent_to_sign_in(client, learning):
    response = client.get(reverse("learning:course-create"))
    assert response.status_code == 302


def test_an_editor_creates_a_course_a_session_and_a_quiz(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("learning:course-create"),
        {
            "title": "Les alliances qui changent les territoires",
            "summary": "Un MOOC **ESSEC**.",
            "audience": "Tous",
            "themes": ["alliances"],
            "audiences": ["collectivite"],
            "duration_label": "4 sessions de 2 heures",
            "licence": "CC BY-SA 4.0",
            "provider": "external",
            "provider_name": "Coursera",
            "external_url": "https://www.coursera.org/essec",
            "quiz_pass_percent": "70",
            "is_published": "on",
        },
    )
    course = Course.objects.get()
    assert response.status_code == 302
    assert course.slug == "les-alliances-qui-changent-les-territoires"
    assert course.themes == ["alliances"]
    response = client.post(
        reverse("learning:session-create", kwargs={"slug": course.slug}),
        {"title": "Le territoire", "question": "Qu’est-ce que le territoire ?", "duration_minutes": "120"},
    )
    session = course.sessions.get()
    assert session.number == 1
    response = client.post(
        reverse("learning:segment-create", kwargs={"slug": course.slug, "number": 1}),
        {"kind": "quiz", "order": "1", "title": "Quiz", "quiz": QUIZ},
    )
    assert response.status_code == 302
    quiz = Segment.objects.get(kind=SegmentKind.QUIZ)
    assert [q.multiple for q in quiz.questions.all()] == [False, True]
    assert client.get(session.get_absolute_url()).status_code == 200


def test_bad_input_is_refused_in_french_and_nothing_is_written(client, learning, editor):
    client.force_login(editor)
    url = reverse("learning:segment-create", kwargs={"slug": learning.course.slug, "number": 1})
    before = Segment.objects.count()
    cases = [
        ({"kind": "quiz", "order": "9", "title": "Quiz", "quiz": "? Sans réponse"}, "au moins deux réponses"),
        (
            {"kind": "temoignage", "order": "9", "title": "Vidéo", "video_url": "https://video.example.org/x"},
            "accompagnée de sa transcription",
        ),
        ({"kind": "ressource", "order": "9", "title": "Lire", "resource_slug": "inconnue"}, "Aucune ressource"),
        ({"kind": "ressource", "order": "9", "title": "Lire"}, "Indiquez la ressource du kit"),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 400
        assert message in response.content.decode(), message
    assert Segment.objects.count() == before
    response = client.post(
        reverse("learning:course-edit", kwargs={"slug": learning.course.slug}),
        {"title": "Alliances locales", "provider": "external", "quiz_pass_percent": "70"},
    )
    assert response.status_code == 400
    assert "Indiquez l’adresse de la formation sur la plateforme externe" in response.content.decode()
    assert Course.objects.get(pk=learning.course.pk).provider == "hosted"


def test_rewriting_a_quiz_keeps_the_scores_already_made(client, learning, editor, catalyst):
    services.quiz_submit(user=catalyst, segment=learning.quiz, answers=learning.all_right())
    client.force_login(editor)
    url = reverse("learning:segment-edit", kwargs={"slug": learning.course.slug, "number": 1, "pk": learning.quiz.pk})
    assert "? Combien de partenariats en France" in client.get(url).content.decode()
    response = client.post(url, {"kind": "quiz", "order": "3", "title": "Quiz", "quiz": QUIZ.split("\n\n")[0]})
    assert response.status_code == 302
    assert learning.quiz.questions.count() == 1
    assert QuizAttempt.objects.get().score_percent == 100


def test_an_editor_deletes_a_segment(client, learning, editor):
    client.force_login(editor)
    url = reverse(
        "learning:segment-edit", kwargs={"slug": learning.course.slug, "number": 1, "pk": learning.resource.pk}
    )
    assert client.post(url, {"action": "supprimer"}).status_code == 302
    assert not Segment.objects.filter(pk=learning.resource.pk).exists()
