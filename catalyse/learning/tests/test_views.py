"""The pages under /formations/: who sees what, what each POST writes, the clear French errors of bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from catalyse.learning import services, views
from catalyse.learning.models import ActivityEntry, Provider, QuizAttempt, SegmentCompletion
from catalyse.learning.tests.conftest import build_course
from catalyse.test import make_person

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def session_url(fx, number=1):
    return reverse("learning:session-detail", kwargs={"slug": fx.course.slug, "number": number})


def action_url(fx, segment, name):
    kwargs = {"slug": fx.course.slug, "number": segment.session.number, "pk": segment.pk}
    return reverse(f"learning:{name}", kwargs=kwargs)


def quiz_data(answers):
    return {f"question_{qid}": [str(c) for c in choices] for qid, choices in answers.items()}


# ---------------------------------------------------------------- catalogue


def test_the_catalogue_lists_published_courses_to_everyone(client, learning):
    build_course(slug="brouillon", published=False)
    response = client.get(reverse("learning:catalogue"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alliances locales" in body
    assert "/formations/brouillon/" not in body


def test_editors_see_drafts_in_the_catalogue_and_can_open_them(client, editor, catalyst):
    build_course(slug="brouillon", published=False)
    client.force_login(catalyst)
    assert client.get("/formations/brouillon/").status_code == 404
    client.force_login(editor)
    assert "/formations/brouillon/" in client.get(reverse("learning:catalogue")).content.decode()
    assert client.get("/formations/brouillon/").status_code == 200


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", {"alliances-locales", "mooc-externe"}),
        ("?plateforme=external", {"mooc-externe"}),
        ("?plateforme=hosted", {"alliances-locales"}),
        ("?theme=impact", {"mooc-externe"}),
        ("?theme=alliances&theme=impact", {"alliances-locales", "mooc-externe"}),
        ("?public=entreprise", {"mooc-externe"}),
        ("?public=collectivite&plateforme=external", set()),
        ("?plateforme=nimporte&theme=inconnu", {"alliances-locales", "mooc-externe"}),
    ],
)
def test_the_catalogue_filters_by_theme_audience_and_provider(client, learning, query, expected):
    external = build_course(slug="mooc-externe", provider=Provider.EXTERNAL).course
    external.themes, external.audiences = ["impact"], ["entreprise"]
    external.save()
    response = client.get(reverse("learning:catalogue") + query)
    assert response.status_code == 200
    found = {
        slug for slug in ("alliances-locales", "mooc-externe") if f"/formations/{slug}/" in response.content.decode()
    }
    assert found == expected
    if not expected:
        assert "Aucune formation ne correspond" in response.content.decode()


def test_the_catalogue_answers_htmx_with_its_results_only(client, learning):
    response = client.get(reverse("learning:catalogue") + "?theme=alliances", **HTMX)
    body = response.content.decode()
    assert 'id="catalogue"' in body
    assert "<html" not in body


def test_the_catalogue_takes_a_fixed_number_of_queries(client, catalyst, django_assert_max_num_queries):
    for i in range(8):
        fx = build_course(slug=f"formation-{i}", provider=Provider.EXTERNAL if i % 2 else Provider.HOSTED)
        if i < 6:
            services.segment_complete(user=catalyst, segment=fx.synthesis)
    client.force_login(catalyst)
    client.get(reverse("learning:catalogue"))
    # session, user, roles, courses, segments done, segments counted
    with django_assert_max_num_queries(6):
        response = client.get(reverse("learning:catalogue"))
    body = response.content.decode()
    assert body.count("course-card-title") == 8
    assert body.count("Votre progression") == 6
    assert "<strong>14&nbsp;%</strong>" in body  # 1 of the 7 segments of a hosted course
    assert "<strong>17&nbsp;%</strong>" in body  # 1 of the 6 segments shown on Catalyse for an external MOOC


def test_the_catalogue_of_a_visitor_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for i in range(8):
        build_course(slug=f"formation-{i}")
    with django_assert_max_num_queries(3):
        response = client.get(reverse("learning:catalogue"))
    assert response.content.decode().count("course-card-title") == 8


# ---------------------------------------------------------------- course and session pages


def test_the_course_page_shows_what_a_learner_needs_to_decide(client, learning):
    witness = make_person(email="nadia@exemple.fr", first_name="Nadia", last_name="Haddad", directory_consent=True)
    learning.testimony.speaker = witness
    learning.testimony.save()
    body = client.get(learning.course.get_absolute_url()).content.decode()
    for text in [
        "Alliances locales",
        "<strong>courte</strong>",
        "Qu’est-ce qu’un territoire",
        "Pourquoi s’allier",
        "Collectivités et associations",
        "2 sessions de 2 heures",
        "CC BY-SA 4.0",
        "Nadia Haddad",
    ]:
        assert text in body
    assert f'href="/membres/{witness.pk}/"' in body


def test_a_witness_outside_the_directory_is_named_without_a_link(client, learning):
    learning.testimony.speaker = make_person(email="nadia@exemple.fr", directory_consent=False)
    learning.testimony.save()
    body = client.get(learning.course.get_absolute_url()).content.decode()
    assert "Nadia Haddad" in body
    assert f"/membres/{learning.testimony.speaker_id}/" not in body


def test_an_external_course_links_to_its_platform(client, db):
    fx = build_course(slug="mooc-externe", provider=Provider.EXTERNAL)
    body = client.get(fx.course.get_absolute_url()).content.decode()
    assert 'href="https://www.coursera.org/essec"' in body
    assert "Suivre les vidéos sur Coursera" in body
    session = client.get(session_url(fx)).content.decode()
    assert "Les vidéos de cette session sont sur Coursera" in session
    assert "Le témoignage de Nadia" in session  # named, pointing to the platform
    assert "https://video.example.org/nadia" not in session
    assert f'id="sequence-{fx.synthesis.pk}"' in session
    assert f'id="sequence-{fx.testimony.pk}"' not in session


def test_the_session_page_shows_every_segment_with_its_transcript(client, learning):
    learning.synthesis.body = "**Retenir** <script>alert(1)</script> [lien](javascript:alert(1))"
    learning.synthesis.save()
    response = client.get(session_url(learning))
    assert response.status_code == 200
    body = response.content.decode()
    for text in [
        "Qu’est-ce qu’un territoire",
        "Le témoignage de Nadia",
        "Transcription de la vidéo",
        "Nadia raconte la première rencontre",
        'href="https://video.example.org/nadia"',
        "Combien de partenariats en France",
        "Décrivez votre territoire",
        "<strong>Retenir</strong>",
    ]:
        assert text in body
    assert "<script>alert" not in body
    assert 'href="javascript' not in body
    assert "Connectez-vous pour répondre au quiz" in body


def test_an_unknown_session_or_course_is_a_404(client, learning):
    assert client.get(session_url(learning, number=9)).status_code == 404
    assert client.get("/formations/inconnue/").status_code == 404


# ---------------------------------------------------------------- marking done


def test_a_learner_marks_a_segment_done_and_back(client, learning, catalyst):
    client.force_login(catalyst)
    url = action_url(learning, learning.synthesis, "segment-complete")
    response = client.post(url, **HTMX)
    assert response.status_code == 200
    assert "Séquence terminée" in response.content.decode()
    assert 'id="session-progress"' in response.content.decode()  # the session's count follows (out of band)
    assert SegmentCompletion.objects.filter(user=catalyst, segment=learning.synthesis).exists()
    response = client.post(url, {"action": "revoir"})
    assert response.status_code == 302
    assert not SegmentCompletion.objects.filter(user=catalyst).exists()


def test_a_visitor_is_sent_to_sign_in_before_writing(client, learning):
    for segment, name in [
        (learning.synthesis, "segment-complete"),
        (learning.quiz, "quiz-submit"),
        (learning.activity, "activity-save"),
    ]:
        response = client.post(action_url(learning, segment, name), {"text": "x"})
        assert response.status_code == 302
        assert "/comptes/login/" in response["Location"]
    assert not SegmentCompletion.objects.exists() and not QuizAttempt.objects.exists()
    assert not ActivityEntry.objects.exists()


def test_marking_a_quiz_done_by_hand_is_refused_in_french(client, learning, catalyst):
    client.force_login(catalyst)
    response = client.post(action_url(learning, learning.quiz, "segment-complete"), **HTMX)
    assert response.status_code == 400
    assert "Un quiz est terminé quand vous y avez répondu" in response.content.decode()
    assert not SegmentCompletion.objects.exists()


def test_a_segment_of_another_session_is_a_404(client, learning, catalyst):
    client.force_login(catalyst)
    url = reverse(
        "learning:segment-complete", kwargs={"slug": learning.course.slug, "number": 2, "pk": learning.synthesis.pk}
    )
    assert client.post(url).status_code == 404
    assert not SegmentCompletion.objects.exists()


def test_writing_needs_post(client, learning, catalyst):
    client.force_login(catalyst)
    assert client.get(action_url(learning, learning.synthesis, "segment-complete")).status_code == 405


# ---------------------------------------------------------------- quizzes


def test_answering_a_quiz_shows_the_score_and_the_explanations_then_allows_a_retry(client, learning, catalyst):
    client.force_login(catalyst)
    url = action_url(learning, learning.quiz, "quiz-submit")
    wrong = {
        learning.q_single.pk: learning.wrong(learning.q_single),
        learning.q_multiple.pk: learning.right(learning.q_multiple),
    }
    response = client.post(url, quiz_data(wrong), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Votre score\u00a0: 50" in body
    assert "Réponse inexacte" in body and "Bonne réponse" in body
    assert "Le panorama en compte 1,2 million." in body
    assert "Recommencer le quiz" in body
    assert QuizAttempt.objects.get(user=catalyst).score_percent == 50
    retry = client.get(session_url(learning) + f"?recommencer={learning.quiz.pk}", **HTMX)
    assert "Valider mes réponses" in retry.content.decode()
    assert "Meilleur score\u00a0: 50" in retry.content.decode()
    response = client.post(url, quiz_data(learning.all_right()))
    assert response.status_code == 302
    assert [a.score_percent for a in QuizAttempt.objects.filter(user=catalyst)] == [100, 50]


@pytest.mark.parametrize(
    "tamper, message",
    [
        ("score", "Le score est calculé par Catalyse"),
        ("score_percent", "Le score est calculé par Catalyse"),
        ("foreign_choice", "n’appartient pas à cette question"),
        ("other_segment_question", "n’appartient pas à ce quiz"),
        ("unknown_field", "champ inconnu"),
        ("not_a_number", "pas lisible"),
        ("missing", "choisissez une réponse"),
    ],
)
def test_a_tampered_quiz_is_refused_with_a_clear_french_error(client, learning, catalyst, tamper, message):
    client.force_login(catalyst)
    data = quiz_data(learning.all_right())
    if tamper in ("score", "score_percent"):
        data[tamper] = "100"
    elif tamper == "foreign_choice":
        data[f"question_{learning.q_single.pk}"] = [str(learning.right(learning.q2)[0])]
    elif tamper == "other_segment_question":
        data[f"question_{learning.q2.pk}"] = [str(learning.right(learning.q2)[0])]
    elif tamper == "unknown_field":
        data["reussi"] = "oui"
    elif tamper == "not_a_number":
        data[f"question_{learning.q_single.pk}"] = ["un"]
    elif tamper == "missing":
        del data[f"question_{learning.q_multiple.pk}"]
    response = client.post(action_url(learning, learning.quiz, "quiz-submit"), data, **HTMX)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Vos réponses n’ont pas été enregistrées" in response.content.decode()
    assert not QuizAttempt.objects.exists()
    assert not SegmentCompletion.objects.exists()


def test_a_refused_quiz_without_htmx_shows_the_whole_page_with_the_error(client, learning, catalyst):
    client.force_login(catalyst)
    data = quiz_data(learning.all_right()) | {"score": "100"}
    response = client.post(action_url(learning, learning.quiz, "quiz-submit"), data)
    assert response.status_code == 400
    assert "<html" in response.content.decode()
    assert "Le score est calculé par Catalyse" in response.content.decode()


# ---------------------------------------------------------------- the notebook


def test_an_activity_goes_into_the_learners_own_notebook(client, learning, catalyst):
    client.force_login(catalyst)
    response = client.post(
        action_url(learning, learning.activity, "activity-save"), {"text": "La vallée du Gier"}, **HTMX
    )
    assert response.status_code == 200
    assert "Enregistré dans votre carnet" in response.content.decode()
    assert ActivityEntry.objects.get(user=catalyst).text == "La vallée du Gier"
    notebook = client.get(reverse("learning:notebook")).content.decode()
    assert "La vallée du Gier" in notebook
    assert "Décrivez votre territoire." in notebook


def test_an_empty_activity_is_refused_and_nothing_is_written(client, learning, catalyst):
    client.force_login(catalyst)
    response = client.post(action_url(learning, learning.activity, "activity-save"), {"text": "  "}, **HTMX)
    assert response.status_code == 400
    assert "Écrivez votre réponse avant d’enregistrer" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not ActivityEntry.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "facilitator", "editor", "administrator", "pilot_member"])
def test_nobody_else_reads_a_learners_notebook(client, learning, catalyst, persona, request):
    services.activity_save(user=catalyst, segment=learning.activity, text="Mes doutes sur l’agglomération")
    client.force_login(request.getfixturevalue(persona))
    body = client.get(reverse("learning:notebook")).content.decode()
    assert "Mes doutes sur l’agglomération" not in body
    assert "Votre carnet est vide" in body
    session = client.get(session_url(learning)).content.decode()
    assert "Mes doutes sur l’agglomération" not in session


def test_the_notebook_needs_signing_in(client, learning):
    response = client.get(reverse("learning:notebook"))
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]


# ---------------------------------------------------------------- progress


def test_the_progress_page_shows_each_session_in_a_table(client, learning, catalyst):
    services.segment_complete(user=catalyst, segment=learning.synthesis)
    services.quiz_submit(user=catalyst, segment=learning.quiz, answers=learning.all_right())
    client.force_login(catalyst)
    response = client.get(reverse("learning:course-progress", kwargs={"slug": learning.course.slug}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<table" in body and "2 sur 5" in body and "100&nbsp;%" in body
    assert "À commencer" in body


def test_the_progress_page_needs_signing_in(client, learning):
    response = client.get(reverse("learning:course-progress", kwargs={"slug": learning.course.slug}))
    assert response.status_code == 302


# ---------------------------------------------------------------- cohorts, through the reverse relation only


def make_cohort(course, *, slug, starts_in_days, status="published"):
    import datetime

    from django.apps import apps
    from django.utils import timezone

    cohort_model = apps.get_model("cohorts", "Cohort")
    return cohort_model.objects.create(
        course=course,
        slug=slug,
        title=f"Cohorte {slug}",
        starts_on=timezone.localdate() + datetime.timedelta(days=starts_in_days),
        status=status,
    )


@pytest.mark.skipif(not views._has_cohorts(), reason="the cohorts app has no Cohort model yet")
def test_the_catalogue_filters_courses_with_an_upcoming_published_cohort(client, learning):
    other = build_course(slug="sans-cohorte").course
    make_cohort(other, slug="passee", starts_in_days=-30)
    make_cohort(other, slug="brouillon", starts_in_days=30, status="draft")
    make_cohort(learning.course, slug="printemps", starts_in_days=20)
    make_cohort(learning.course, slug="automne", starts_in_days=90)
    body = client.get(reverse("learning:catalogue") + "?cohorte=a-venir").content.decode()
    assert "/formations/alliances-locales/" in body
    assert "/formations/sans-cohorte/" not in body
    assert body.count("Prochaine cohorte le") == 1
    everything = client.get(reverse("learning:catalogue")).content.decode()
    assert "/formations/sans-cohorte/" in everything
    course_page = client.get(learning.course.get_absolute_url()).content.decode()
    assert "Cohorte printemps" in course_page and "Cohorte automne" in course_page


def test_a_witness_member_page_lists_the_courses_they_testify_in(client, learning):
    witness = make_person(email="nadia@exemple.fr", first_name="Nadia", last_name="Haddad", directory_consent=True)
    learning.testimony.speaker = witness
    learning.testimony.save()
    draft = build_course(slug="brouillon", published=False).testimony
    draft.speaker = witness
    draft.save()
    body = client.get(reverse("accounts:member-detail", kwargs={"pk": witness.pk})).content.decode()
    assert "Témoigne dans les formations" in body
    assert 'href="/formations/alliances-locales/"' in body
    assert "/formations/brouillon/" not in body
