"""End to end in Chromium: enrol in a cohort, open a session, post in its discussion, follow its segments and pass
its quiz, download the certificate (read back with pypdf); a facilitator sees the dashboard and accepts a request;
an invitation page. axe-core on every page of the cohorts."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect
from pypdf import PdfReader

from catalyse.cohorts import services
from catalyse.cohorts.models import Enrolment, Invitation
from catalyse.test import DEFAULT_PASSWORD, make_person

from .conftest import make_cohort, make_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"


def log_in(page: Any, live_server: Any, email: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + "/comptes/login/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"cohorts-{name}.png"), full_page=True)
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": 320, "height": 900})
    page.screenshot(path=str(SCREENSHOTS / f"cohorts-{name}-320.png"), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


def test_a_learner_goes_from_enrolment_to_certificate_and_a_facilitator_follows(
    live_server: Any, page: Any, axe: Any
) -> None:
    facilitator = make_person(role="facilitator", email="elodie@exemple.fr", first_name="Élodie", last_name="Fabre")
    learner = make_person(email="lea@exemple.fr", first_name="Léa", last_name="Rousseau")
    course = make_course(sessions=1)
    cohort = make_cohort(course, facilitators=[facilitator], capacity=12)
    upcoming = make_cohort(
        course,
        title="Cohorte d’été",
        enrolment_mode="approval",
        starts_on=cohort.starts_on.replace(year=cohort.starts_on.year + 1),
        facilitators=[facilitator],
        schedule=[],
    )

    # Signed out: the list and the cohort's page.
    page.goto(live_server.url + "/formations/cohortes/")
    expect(page.get_by_role("heading", name="Cohortes de formation")).to_be_visible()
    axe(page, "cohorts list")
    page.get_by_role("link", name="Cohorte du printemps").click()
    expect(page.get_by_role("link", name="Se connecter pour s’inscrire")).to_be_visible()
    axe(page, "cohort page, signed out")

    # Léa joins, opens the session and writes in its discussion (HTMX).
    log_in(page, live_server, learner.email)
    page.goto(live_server.url + cohort.get_absolute_url())
    page.get_by_role("button", name="Rejoindre la cohorte").click()
    expect(page.get_by_text("Vous êtes membre de cette cohorte.")).to_be_visible()
    axe(page, "cohort page, member")
    shot(page, "cohort")
    page.get_by_role("link", name="Session 1 : Session 1").click()
    expect(page.get_by_role("heading", name="Discussion de la session")).to_be_visible()
    expect(page.get_by_role("link", name="https://visio.exemple.fr/cohorte-secrete")).to_be_visible()
    axe(page, "cohort session")
    page.get_by_label("Votre message").fill("Sur notre territoire, la mairie **anime** le réseau.")
    page.get_by_role("button", name="Publier le message").click()
    expect(page.locator("#discussion .post").last).to_contain_text("la mairie anime le réseau")
    expect(page.locator("#discussion strong", has_text="anime")).to_be_visible()
    shot(page, "session")

    # The session's segments, on the course's pages: the synthesis, then the quiz.
    page.get_by_role("link", name="Ouvrir les séquences de la session").click()
    page.get_by_role("button", name="Marquer « Ce qu’il faut retenir » comme terminée").click()
    expect(page.get_by_text("Séquence terminée", exact=True)).to_be_visible()
    page.get_by_label("Vrai").check()
    page.get_by_role("button", name="Valider mes réponses").click()
    expect(page.get_by_text("quiz réussi")).to_be_visible()

    # Back to the cohort: completed, the certificate downloads and reads back.
    page.goto(live_server.url + cohort.get_absolute_url())
    expect(page.get_by_text("Bravo : vous avez terminé la formation avec la cohorte.")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger mon attestation (PDF)").click()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(Path(info.value.path()).read_bytes())).pages)
    assert "Attestation de réussite" in text and "Léa Rousseau" in text
    assert "Les partenariats qui changent le monde" in text

    # Léa asks to join the next cohort, on approval.
    page.goto(live_server.url + upcoming.get_absolute_url())
    page.get_by_label("Quelques mots pour les animateurs").fill("Pour revoir la session avec mon équipe.")
    page.get_by_role("button", name="Demander à rejoindre la cohorte").click()
    expect(page.get_by_text("Votre demande attend la réponse des animateurs")).to_be_visible()

    # Élodie sees who is behind, the quiz questions, and accepts the request.
    services.cohort_enrol(
        cohort=cohort, user=make_person(email="bruno@exemple.fr", first_name="Bruno", last_name="Petit")
    )
    log_in(page, live_server, facilitator.email)
    page.goto(live_server.url + cohort.get_absolute_url())
    page.get_by_role("link", name="Tableau de bord de la cohorte").click()
    expect(page.get_by_text("Bruno Petit — session 1 à terminer")).to_be_visible()
    expect(page.locator("figure.chart svg")).to_be_visible()
    expect(page.get_by_role("table", name="Réponses aux questions de quiz des membres")).to_contain_text("Question 1")
    axe(page, "dashboard")
    shot(page, "dashboard")
    page.get_by_label("Adresses électroniques").fill("pas-une-adresse")
    page.get_by_role("button", name="Envoyer les invitations").click()
    expect(page.locator("#id_emails")).to_have_attribute("aria-invalid", "true")
    expect(
        page.get_by_text("Erreur : Ces adresses ne sont pas valides : pas-une-adresse. Corrigez-les.")
    ).to_be_visible()
    axe(page, "dashboard with an error")
    page.goto(live_server.url + upcoming.get_absolute_url() + "tableau-de-bord/")
    expect(page.get_by_text("Pour revoir la session avec mon équipe.")).to_be_visible()
    page.get_by_role("button", name="Accepter Léa Rousseau").click()
    expect(page.get_by_text("Léa Rousseau est membre de la cohorte")).to_be_visible()
    assert Enrolment.objects.get(cohort=upcoming, user=learner).status == "active"

    # Élodie opens a new cohort, sets its schedule and publishes it.
    page.goto(live_server.url + "/formations/cohortes/")
    page.get_by_role("link", name="Créer une cohorte").click()
    axe(page, "new cohort")
    page.get_by_label("Formation suivie").select_option(label=course.title)
    page.get_by_label("Titre de la cohorte").fill("Cohorte d’hiver")
    page.get_by_label("Date de début").fill("2027-01-11")
    page.get_by_role("button", name="Créer la cohorte").click()
    expect(page.get_by_role("heading", name="Calendrier de la cohorte")).to_be_visible()
    page.get_by_label("Jour de la réunion").fill("2027-01-13")
    page.locator("#id_session-1-meeting_start").fill("18:00")
    page.locator("#id_session-1-meeting_end").fill("17:00")
    page.get_by_role("button", name="Enregistrer le calendrier").click()
    expect(page.get_by_text("Session 1 : la réunion doit finir après son début.")).to_be_visible()
    axe(page, "schedule with an error")
    page.locator("#id_session-1-meeting_end").fill("19:30")
    page.get_by_role("button", name="Enregistrer le calendrier").click()
    expect(page.get_by_text("Le calendrier est enregistré")).to_be_visible()
    shot(page, "schedule")
    page.get_by_role("button", name="Publier la cohorte").click()
    expect(page.get_by_text("La cohorte est publiée")).to_be_visible()

    # An invitation page, for the person invited.
    services.cohort_invite(cohort=upcoming, by=facilitator, emails=["nadia@exemple.fr"])
    make_person(email="nadia@exemple.fr", first_name="Nadia", last_name="Haddad")
    log_in(page, live_server, "nadia@exemple.fr")
    page.goto(live_server.url + Invitation.objects.get().get_absolute_url())
    axe(page, "invitation")
    page.get_by_role("button", name="Accepter l’invitation").click()
    expect(page.get_by_text("Vous êtes membre de cette cohorte.")).to_be_visible()
