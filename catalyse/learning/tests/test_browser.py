"""End to end in Chromium, the learner's part of issue 7: follow a session's segments, answer a quiz (see the
explanation, retry), write an activity into the private notebook, read the progress; axe-core on every page."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from catalyse.learning.models import ActivityEntry, Provider, QuizAttempt
from catalyse.learning.tests.conftest import build_course
from catalyse.test import DEFAULT_PASSWORD, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"


def log_in(page, live_server, email):
    page.context.clear_cookies()
    page.goto(live_server.url + "/comptes/login/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def shot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"learning-{name}.png"), full_page=True, caret="initial")
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": 320, "height": 900})
    page.screenshot(path=str(SCREENSHOTS / f"learning-{name}-320.png"), full_page=True, caret="initial")
    page.set_viewport_size({"width": width, "height": 900})


def test_a_learner_follows_a_session_answers_the_quiz_twice_and_writes_an_activity(live_server, page, axe):
    fx = build_course()
    external = build_course(slug="mooc-externe", provider=Provider.EXTERNAL)
    external.course.title = "Les alliances qui changent les territoires"
    external.course.save()
    alice = make_person(email="alice@exemple.fr", first_name="Alice", last_name="Durand")

    # The catalogue, its filters (HTMX), the course page: a visitor may look.
    page.goto(live_server.url + "/formations/")
    axe(page, "catalogue")
    shot(page, "catalogue")
    page.get_by_label("Plateforme externe").check()
    expect(page.get_by_role("status")).to_contain_text("1 formation")
    expect(page.get_by_role("link", name="Alliances locales")).to_have_count(0)
    page.get_by_label("Partout").check()
    expect(page.get_by_role("status")).to_contain_text("2 formations")
    page.get_by_role("link", name="Alliances locales").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alliances locales")
    axe(page, "course")
    shot(page, "course")

    log_in(page, live_server, alice.email)
    page.goto(live_server.url + fx.course.get_absolute_url())
    page.get_by_role("link", name="Commencer la session 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Le territoire")
    axe(page, "session")

    # A testimony: the video by its link, the transcript always there; marked done in place.
    expect(page.get_by_role("link", name="Regarder la vidéo « Le témoignage de Nadia »")).to_be_visible()
    expect(page.get_by_text("Nadia raconte la première rencontre")).to_be_visible()
    page.get_by_role("button", name="Marquer « Le témoignage de Nadia » comme terminée").click()
    expect(page.locator(f"#status-{fx.testimony.pk}")).to_contain_text("Séquence terminée")
    expect(page.locator("#session-progress")).to_contain_text("1 séquence terminée sur 5")
    page.get_by_role("button", name="Marquer « La synthèse » comme terminée").click()
    expect(page.locator("#session-progress")).to_contain_text("2 séquences terminées sur 5")

    # The quiz: a wrong answer, the explanation, a retry, the best score kept.
    quiz = page.locator(f"#quiz-{fx.quiz.pk}")
    quiz.get_by_label("120 000").check()
    quiz.get_by_label("L’animation du territoire").check()
    quiz.get_by_label("Les expérimentations collectives").check()
    quiz.get_by_role("button", name="Valider mes réponses").click()
    expect(quiz.get_by_role("status")).to_contain_text("Votre score\u00a0: 50\u00a0%")
    expect(quiz.get_by_text("Réponse inexacte")).to_be_visible()
    expect(quiz.get_by_text("Le panorama en compte 1,2 million.")).to_be_visible()
    axe(page, "quiz-result")
    shot(page, "quiz-result")
    quiz.get_by_role("link", name="Recommencer le quiz").click()
    quiz = page.locator(f"#quiz-{fx.quiz.pk}")
    quiz.get_by_label("1,2 million").check()
    quiz.get_by_label("L’animation du territoire").check()
    quiz.get_by_label("Les expérimentations collectives").check()
    quiz.get_by_role("button", name="Valider mes réponses").click()
    expect(quiz.get_by_role("status")).to_contain_text("Votre score\u00a0: 100\u00a0%")
    expect(quiz.get_by_role("status")).to_contain_text("Meilleur score\u00a0: 100\u00a0% en 2 tentatives")
    assert sorted(QuizAttempt.objects.filter(user=alice).values_list("score_percent", flat=True)) == [50, 100]

    # The activity: an empty answer is refused in place, then written into the notebook.
    activity = page.locator(f"#activity-{fx.activity.pk}")
    activity.get_by_role("button", name="Enregistrer dans mon carnet").click()
    expect(activity.get_by_text("Écrivez votre réponse avant d’enregistrer.")).to_be_visible()
    expect(activity.get_by_label("Votre réponse")).to_have_attribute("aria-invalid", "true")
    axe(page, "activity-error")
    activity.get_by_label("Votre réponse").fill("La vallée du Gier : l’agglomération, deux associations, une SCOP.")
    activity.get_by_role("button", name="Enregistrer dans mon carnet").click()
    expect(activity.get_by_role("status")).to_contain_text("Enregistré dans votre carnet.")
    assert ActivityEntry.objects.get(user=alice).text.startswith("La vallée du Gier")
    expect(page.locator("#session-progress")).to_contain_text("4 séquences terminées sur 5")

    page.get_by_role("link", name="Ma progression").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma progression")
    expect(page.get_by_role("row", name="1. Le territoire")).to_contain_text("4 sur 5")
    axe(page, "progress")
    shot(page, "progress")

    page.goto(live_server.url + "/formations/carnet/")
    expect(page.get_by_text("La vallée du Gier")).to_be_visible()
    axe(page, "notebook")

    # Another person's notebook is empty of Alice's words.
    bruno = make_person(email="bruno@exemple.fr", first_name="Bruno", last_name="Petit")
    log_in(page, live_server, bruno.email)
    page.goto(live_server.url + "/formations/carnet/")
    expect(page.get_by_text("Votre carnet est vide")).to_be_visible()
    expect(page.get_by_text("La vallée du Gier")).to_have_count(0)
    axe(page, "notebook-empty")

    # An external MOOC: the videos are on the platform, the synthesis, quiz and activity here.
    page.goto(live_server.url + external.s1.get_absolute_url())
    expect(page.get_by_role("heading", name="Les vidéos de cette session sont sur Coursera")).to_be_visible()
    expect(page.get_by_role("link", name="Regarder sur Coursera")).to_have_attribute(
        "href", "https://www.coursera.org/essec"
    )
    axe(page, "external-session")
    shot(page, "external-session")
    # Only the refused empty activity (400) may show in the console.
    assert all("status of 400" in error for error in page.js_errors), page.js_errors


def test_an_editor_builds_a_course_in_the_front_end_editor(live_server, page, axe):
    editor = make_person(role="editor", email="pierre@exemple.fr", first_name="Pierre", last_name="Dumas")
    log_in(page, live_server, editor.email)
    page.goto(live_server.url + "/formations/")
    page.get_by_role("link", name="Créer une formation").click()
    axe(page, "course-form")
    page.get_by_label("Titre").fill("Animer une alliance locale")
    page.get_by_label("Alliances territoriales").check()
    page.get_by_label("Publiée").check()
    page.get_by_role("button", name="Enregistrer la formation").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Modifier « Animer une alliance locale »")
    page.get_by_role("link", name="Ajouter une session").click()
    page.get_by_label("Titre").fill("Se rencontrer")
    page.get_by_label("Question à laquelle elle répond").fill("Comment réunir les acteurs ?")
    page.get_by_role("button", name="Enregistrer la session").click()
    axe(page, "session-form")
    page.get_by_role("link", name="Ajouter une séquence").click()
    page.get_by_label("Nature").select_option("quiz")
    page.get_by_label("Titre").fill("Quiz de la session")
    page.get_by_label("Questions du quiz").fill("? Qui anime ?\n* Un catalyseur")
    page.get_by_role("button", name="Enregistrer la séquence").click()
    expect(page.get_by_text("proposez au moins deux réponses").first).to_be_visible()
    axe(page, "segment-form-error")
    page.get_by_label("Questions du quiz").fill(
        "? Qui anime ?\n* Un catalyseur territorial\n- Personne\n> Le catalyseur."
    )
    page.get_by_role("button", name="Enregistrer la séquence").click()
    expect(page.get_by_role("link", name="Quiz de la session")).to_be_visible()
    page.get_by_role("link", name="Voir la session").click()
    expect(page.get_by_text("Qui anime ?")).to_be_visible()
