"""End to end in Chromium, two browsers: the facilitator runs a session step by step; a consultant follows each
step change live, without reloading; the actions land in the team's action plan. axe-core on every page."""

from __future__ import annotations

import datetime
import os

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from playwright.sync_api import expect

from catalyse.codevelopment import services
from catalyse.codevelopment.models import Session
from catalyse.codevelopment.tests.conftest import build_cohort
from catalyse.journeys.models import ActionItem
from catalyse.test import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def shot(page, name):
    """Screenshots to look at the pages (CODEV_SCREENSHOTS=/some/dir)."""
    folder = os.environ.get("CODEV_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def log_in(page, live_server, email):
    page.goto(live_server.url + "/comptes/login/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def test_a_session_runs_live_in_two_browsers(live_server, page, browser, axe):
    cohort = build_cohort()
    journey = cohort.journey
    consultant = cohort.consultants[0]
    base = live_server.url + f"/parcours/{journey.slug}/codev/"

    # The facilitator plans the session: the platform proposes the client.
    log_in(page, live_server, cohort.facilitator.email)
    page.goto(base)
    axe(page, "codev-list-empty")
    page.get_by_role("link", name="Organiser une séance").click()
    expect(page.get_by_text("Proposition de la plateforme")).to_be_visible()
    axe(page, "codev-new")
    shot(page, "new")
    when = (timezone.localtime() + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Date et heure").fill(when)
    expect(page.get_by_label("Client", exact=True)).to_have_value(str(cohort.client.pk))
    for person in cohort.consultants:
        page.get_by_label(f"{person.display_name} — ").check()
    page.get_by_role("button", name="Prévoir la séance").click()
    page.wait_for_url("**/codev/*/")
    session = Session.objects.get()
    room_url = live_server.url + session.get_absolute_url()
    axe(page, "codev-room-planned")

    # The consultant opens the room in another browser.
    other = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 320, "height": 900})
    other.set_default_timeout(10_000)
    guest = other.new_page()
    guest_errors: list[str] = []
    guest.on("pageerror", lambda exc: guest_errors.append(str(exc)))
    log_in(guest, live_server, consultant.email)
    guest.goto(room_url)
    expect(guest.locator("#codev-announce")).to_contain_text("La séance n’a pas encore commencé")
    axe(guest, "codev-room-planned-consultant")
    guest.evaluate("window.__sameDocument = 'oui'")  # gone if the page reloads
    announce = guest.locator("#codev-announce")

    def next_step(button: str, expected: str) -> None:
        page.get_by_role("button", name=button).click()
        expect(page.locator("#codev-announce")).to_contain_text(expected)
        expect(announce).to_contain_text(expected)  # the consultant's page follows, by polling

    next_step("Ouvrir la séance (étape 0\u00a0: Suivi)", "Étape 0 sur 6\u00a0: Suivi")
    expect(guest.locator('[aria-current="step"]')).to_contain_text("Suivi")
    next_step("Passer à l’étape 1\u00a0: Exposé", "Étape 1 sur 6\u00a0: Exposé")
    # The timer (JavaScript) counts down; the start and end times are written in the page anyway.
    expect(guest.locator("[data-codev-remaining]")).to_contain_text("Il reste")
    expect(guest.get_by_text("Environ 10 minutes d’exposé")).to_be_visible()
    axe(guest, "codev-room-expose")

    next_step("Passer à l’étape 2\u00a0: Clarification", "Étape 2 sur 6\u00a0: Clarification")
    # The consultant asks a question with the keyboard only.
    field = guest.get_by_label("Votre question de clarification")
    field.focus()
    guest.keyboard.type("Qui invite les entreprises aujourd’hui\u202f?")
    guest.keyboard.press("Tab")
    guest.keyboard.press("Enter")
    expect(guest.locator("#codev-produced")).to_contain_text("Qui invite les entreprises aujourd’hui")
    expect(guest.get_by_label("Votre question de clarification")).to_have_value("")
    expect(guest.get_by_label("Votre question de clarification")).to_be_focused()  # ready for the next one
    expect(page.locator("#codev-produced")).to_contain_text("Qui invite les entreprises aujourd’hui")
    axe(guest, "codev-room-clarification")
    shot(guest, "room-clarification-320")
    shot(page, "room-clarification-desktop")
    axe(page, "codev-room-clarification-facilitator")

    next_step("Passer à l’étape 3\u00a0: Contrat", "Étape 3 sur 6\u00a0: Contrat")
    expect(page.locator("#codev-step-title")).to_be_focused()  # the facilitator stays in the room
    # The client (not in a browser here) writes the contract: both rooms show it without reloading.
    services.contribution_add(
        session=session, user=cohort.client, kind="contract", text="Comment faire venir les entreprises\u202f?"
    )
    expect(guest.locator("#codev-produced")).to_contain_text("Comment faire venir les entreprises")

    next_step("Passer à l’étape 4\u00a0: Consultation", "Étape 4 sur 6\u00a0: Consultation")
    guest.get_by_label("Votre réaction, votre idée ou votre expérience").fill("Passez par le club d’entreprises.")
    guest.get_by_role("button", name="Partager ma consultation").click()
    expect(page.locator("#codev-produced")).to_contain_text("Passez par le club d’entreprises.")

    next_step("Passer à l’étape 5\u00a0: Synthèse et plan d’action", "Étape 5 sur 6\u00a0: Synthèse et plan d’action")
    services.session_action_add(
        session=session,
        user=cohort.client,
        what="Rencontrer le club d’entreprises",
        who="Nadia",
        due_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    expect(guest.locator("#codev-produced")).to_contain_text("Rencontrer le club d’entreprises")

    next_step("Passer à l’étape 6\u00a0: Apprentissages", "Étape 6 sur 6\u00a0: Apprentissages")
    guest.get_by_label("Ce que j’ai appris").fill("Un contrat précis aide tout le monde.")
    # Sending the evaluation first does not lose the learning being typed.
    guest.get_by_label("5 — Très utile").check()
    guest.get_by_role("button", name="Enregistrer mon évaluation").click()
    expect(guest.get_by_text("Votre évaluation\u00a0: 5 sur 5.")).to_be_visible()
    expect(guest.get_by_label("Ce que j’ai appris")).to_have_value("Un contrat précis aide tout le monde.")
    guest.get_by_role("button", name="Noter mon apprentissage").click()
    expect(guest.locator("#codev-produced")).to_contain_text("Un contrat précis aide tout le monde.")
    axe(guest, "codev-room-learnings")
    shot(guest, "room-learnings")

    page.get_by_role("button", name="Clore la séance").click()
    expect(announce).to_contain_text("La séance est terminée.")
    assert guest.evaluate("window.__sameDocument") == "oui", "the consultant's page reloaded"
    assert guest_errors == [] and page.js_errors == []

    # What the session produced is kept.
    guest.get_by_role("link", name="Lire le compte rendu de la séance").click()
    expect(guest.get_by_role("heading", level=1)).to_contain_text("Compte rendu")
    for text in ("Qui invite les entreprises", "Comment faire venir les entreprises", "Un contrat précis"):
        expect(guest.locator("main")).to_contain_text(text)
    axe(guest, "codev-record")
    shot(guest, "record")
    page.goto(base)
    axe(page, "codev-list")
    shot(page, "list")
    other.close()

    # The action is in the team's action plan (the journeys app's workspace when it is there).
    item = ActionItem.objects.get(team=cohort.teams[0])
    assert item.what == "Rencontrer le club d’entreprises" and item.source_url == session.get_record_url()
    try:
        workspace = reverse("journeys:team", kwargs={"slug": journey.slug, "team_id": cohort.teams[0].pk})
    except NoReverseMatch:
        return
    page.goto(live_server.url + workspace)
    expect(page.locator("main")).to_contain_text("Rencontrer le club d’entreprises")
    axe(page, "journeys-team-workspace")
