"""End to end in Chromium: a facilitator creates a journey, adds a territory, its team and steps; a team member
hands in a deliverable and builds the action plan (HTMX). axe-core on every page built by journeys."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from catalyse.journeys.models import ActionItem, CommonMessage, Deliverable, Journey, PilotTeam, Step
from catalyse.journeys.tests.conftest import make_cohort
from catalyse.territories.services import territories_load
from catalyse.test import DEFAULT_PASSWORD, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"


def log_in(page: Any, live_server: Any, email: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + "/comptes/login/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def _script_errors(page: Any) -> list[str]:
    # Forms with errors answer 400 on purpose: the browser logs that, it is not a script error.
    return [e for e in page.js_errors if "status of 400" not in e and "status of 403" not in e]


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"journeys-{name}.png"), full_page=True)
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": 320, "height": 900})
    page.screenshot(path=str(SCREENSHOTS / f"journeys-{name}-320.png"), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


def test_a_facilitator_creates_a_journey_adds_a_territory_its_team_and_steps(
    live_server: Any, page: Any, axe: Any, facilitator: Any
) -> None:
    # The real reference of the Loire, so that the territories' autocomplete answers as in production.
    territories_load(departements=["42"])
    nadia = make_person(email="nadia.binome@exemple.fr", first_name="Nadia", last_name="Haddad", world="collectivite")
    marc = make_person(email="marc.binome@exemple.fr", first_name="Marc", last_name="Olivier", world="entreprise")
    today = timezone.localdate()

    log_in(page, live_server, facilitator.email)
    page.goto(live_server.url + "/parcours/")
    axe(page, "accueil des parcours (vide)")
    page.get_by_role("link", name="Créer un parcours").first.click()
    axe(page, "formulaire de parcours")
    page.get_by_label("Titre").fill("Parcours d’expérience 2027")
    page.get_by_label("Début").fill((today - datetime.timedelta(days=60)).isoformat())
    page.get_by_label("Fin", exact=True).fill((today - datetime.timedelta(days=70)).isoformat())
    page.get_by_role("button", name="Créer le parcours").click()
    expect(page.locator(".error-summary")).to_contain_text("La fin du parcours doit venir après son début")
    axe(page, "formulaire de parcours avec erreurs")
    page.get_by_label("Fin", exact=True).fill((today + datetime.timedelta(days=210)).isoformat())
    page.get_by_label("Présentation").fill("Douze territoires pilotes, **neuf mois** de co-développement.")
    page.get_by_role("button", name="Créer le parcours").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Parcours d’expérience 2027")
    journey = Journey.objects.get()
    assert list(journey.facilitators.all()) == [facilitator]

    # A pilot territory, chosen with the territories' autocomplete.
    page.get_by_role("link", name="Ajouter un territoire pilote").first.click()
    axe(page, "ajout d’un territoire")
    field = page.get_by_role("combobox", name=re.compile("^Territoire pilote"))
    field.press_sequentially("saint etienne", delay=20)
    page.get_by_role("option", name=re.compile("^Saint-Étienne Métropole")).first.click()
    assert page.locator("#id_territory_ref").input_value() == "epci:244200770"
    page.get_by_label("Défi commun").fill("Une alimentation locale pour tous, avec les producteurs.")
    page.get_by_label("Environnemental").check()
    page.get_by_label("Expérimentation collective").check()
    page.get_by_role("button", name="Ajouter le territoire").click()
    expect(page.locator(".messages")).to_contain_text("rejoint le parcours")
    team = PilotTeam.objects.get(journey=journey)
    assert team.territory.name == "Saint-Étienne Métropole" and team.themes == ["environnemental"]

    # Its binôme: two people from two worlds.
    page.get_by_label("Adresse électronique").fill(nadia.email)
    page.get_by_role("button", name="Ajouter à l’équipe").click()
    expect(page.locator(".messages")).to_contain_text("Nadia Haddad rejoint l’équipe")
    page.get_by_label("Adresse électronique").fill("inconnue@exemple.fr")
    page.get_by_role("button", name="Ajouter à l’équipe").click()
    expect(page.locator(".error-summary")).to_contain_text("Personne n’a de compte Catalyse")
    axe(page, "espace d’équipe, erreur d’ajout")
    page.get_by_label("Adresse électronique").fill(marc.email)
    page.get_by_role("button", name="Ajouter à l’équipe").click()
    expect(page.locator("#membres ~ ul, .member-list").first).to_contain_text("Marc Olivier")
    assert {m.world for m in team.memberships.all()} == {"collectivite", "entreprise"}

    # Two steps: a temps collectif and a travail individuel.
    page.goto(live_server.url + journey.get_absolute_url())
    page.get_by_role("link", name="Ajouter une étape").first.click()
    axe(page, "formulaire d’étape")
    page.get_by_label("Temps collectif").check()
    page.get_by_label("Titre").fill("Temps collectif de lancement")
    page.get_by_label("Début").fill((timezone.localtime() - datetime.timedelta(days=50)).strftime("%Y-%m-%dT10:00"))
    page.get_by_role("button", name="Ajouter au calendrier").click()
    expect(page.locator(".messages")).to_contain_text("est au calendrier")
    page.get_by_role("link", name="Ajouter une étape").first.click()
    page.get_by_label("Travail individuel").check()
    page.get_by_label("Titre").fill("Portrait du territoire")
    page.get_by_role("button", name="Ajouter au calendrier").click()
    expect(page.locator(".error-summary")).to_contain_text("Un travail individuel a une date de remise")
    page.get_by_label("À rendre le").fill((today + datetime.timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Ajouter au calendrier").click()
    expect(page.locator(".timeline-svg")).to_be_visible()
    expect(page.locator(".today-marker")).to_contain_text("Aujourd’hui")
    assert Step.objects.filter(journey=journey).count() == 2
    axe(page, "page du parcours")
    shot(page, "parcours")

    page.get_by_role("link", name="Tableau de bord").click()
    expect(page.get_by_role("table")).to_contain_text("Saint-Étienne Métropole")
    axe(page, "tableau de bord")
    shot(page, "tableau-de-bord")

    page.goto(live_server.url + f"/parcours/{journey.slug}/modifier/")
    page.get_by_role("button", name="Ajouter à l’animation").click()
    expect(page.locator(".error-summary")).to_contain_text("Indiquez l’adresse électronique")
    axe(page, "modifier le parcours et son animation")

    page.goto(live_server.url + f"/parcours/{journey.slug}/espace-commun/")
    page.get_by_label("Votre message").fill("Bienvenue à toutes et à tous dans le parcours !")
    page.get_by_role("button", name="Publier le message").click()
    expect(page.locator(".message-list")).to_contain_text("Bienvenue à toutes et à tous")
    axe(page, "espace commun")
    assert CommonMessage.objects.count() == 1
    page.goto(live_server.url + "/parcours/")
    axe(page, "accueil des parcours")
    # The territory's page says it pilots the journey.
    page.goto(live_server.url + team.territory.get_absolute_url())
    expect(page.get_by_role("link", name="Parcours d’expérience 2027")).to_be_visible()
    axe(page, "page du territoire pilote")
    assert not _script_errors(page), page.js_errors


def test_a_team_member_hands_in_a_deliverable_and_builds_the_action_plan(
    live_server: Any, page: Any, axe: Any, facilitator: Any, pilot_member: Any, tmp_path: Any
) -> None:
    cohort = make_cohort(facilitator, pilot_member)
    pdf = tmp_path / "portrait.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% Portrait du territoire\n")

    log_in(page, live_server, pilot_member.email)
    page.goto(live_server.url + cohort.journey.get_absolute_url())
    page.get_by_role("link", name="Espace de l’équipe Saint-Étienne").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saint-Étienne")
    axe(page, "espace d’équipe")

    card = page.locator(f"#etape-{cohort.next_work.pk}")
    card.get_by_label("Votre livrable").fill("Notre **cartographie** des parties prenantes.")
    card.get_by_label("Fichier").set_input_files(str(pdf))
    card.get_by_role("button", name="Remettre le livrable").click()
    expect(page.locator(".messages")).to_contain_text("Livrable remis")
    card = page.locator(f"#etape-{cohort.next_work.pk}")
    expect(card.locator(".status-done")).to_have_text("remis")
    expect(card.get_by_role("link", name="Télécharger « portrait.pdf »")).to_be_visible()
    deliverable = Deliverable.objects.get(team=cohort.team, step=cohort.next_work)
    assert deliverable.submitted_by == pilot_member and deliverable.content_type == "application/pdf"

    # The action plan, with HTMX: no reload of the page.
    page.evaluate("window.__notReloaded = true")
    plan = page.locator("#plan-d-action")
    plan.get_by_label("Action").fill("Réunir les producteurs et la restauration collective")
    plan.get_by_label("Qui").fill("Nadia")
    plan.get_by_role("button", name="Ajouter").click()
    expect(page.locator("#plan-d-action table")).to_contain_text("Réunir les producteurs")
    page.locator("#plan-d-action").get_by_role("button", name="Marquer comme faite").click()
    expect(page.locator("#plan-d-action .status-done")).to_have_text("faite")
    expect(page.locator("#progres-actions")).to_contain_text("1 / 1")
    assert page.evaluate("window.__notReloaded === true")
    assert ActionItem.objects.get(team=cohort.team).done
    plan = page.locator("#plan-d-action")
    plan.get_by_role("button", name="Ajouter").click()
    expect(page.locator("#plan-d-action .error-summary")).to_contain_text("Dites quelle action")
    axe(page, "espace d’équipe après le plan d’action")
    shot(page, "espace-equipe")

    # Another team's workspace is refused.
    response = page.goto(live_server.url + cohort.other_team.get_absolute_url())
    assert response is not None and response.status == 403
    assert not _script_errors(page), page.js_errors
