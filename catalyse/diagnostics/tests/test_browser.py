"""End to end in Chromium: two people answer for Roanne, the second sees both answers averaged; axe-core everywhere."""

import pytest
from playwright.sync_api import expect

from catalyse.diagnostics.models import Questionnaire
from catalyse.territories.services import territories_load
from catalyse.test import DEFAULT_PASSWORD, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(page, live_server, email):
    page.context.clear_cookies()
    page.goto(live_server.url + "/comptes/login/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def answer(page, live_server, axe, levels):
    page.goto(live_server.url + "/observatoire/autodiagnostic/")
    axe(page, "diagnostic-questionnaire")
    page.get_by_label("Territoire pour lequel vous répondez").fill("Roanne")
    for question in Questionnaire.objects.current().questions.all():
        page.locator(f'input[name="question_{question.pk}"][value="{levels[question.dimension]}"]').check()
    page.get_by_role("button", name="Enregistrer mes réponses").click()
    page.wait_for_load_state()
    page.wait_for_url("**/observatoire/autodiagnostic/commune/42187/")


def test_it_averages_two_people_answering_for_the_same_territory(live_server, page, axe):
    # The questionnaire comes from a data migration: serialized_rollback brings it back (root conftest.py).
    assert Questionnaire.objects.current() is not None
    territories_load(departements=["42"])
    alice = make_person(email="alice@exemple.fr", first_name="Alice", last_name="Durand")
    bruno = make_person(email="bruno@exemple.fr", first_name="Bruno", last_name="Petit")

    log_in(page, live_server, alice.email)
    answer(page, live_server, axe, {"animation": 4, "experimentation": 1, "accompagnement": 2})
    axe(page, "diagnostic-results-alice")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Roanne")

    log_in(page, live_server, bruno.email)
    # Before answering, Bruno cannot see Roanne's results.
    assert page.goto(live_server.url + "/observatoire/autodiagnostic/commune/42187/").status == 404
    answer(page, live_server, axe, {"animation": 2, "experimentation": 0, "accompagnement": 3})
    axe(page, "diagnostic-results-bruno")

    table = page.get_by_role("table")
    expect(table.get_by_role("row", name="Animation du territoire")).to_contain_text("3,0")
    expect(table.get_by_role("row", name="Expérimentations collectives")).to_contain_text("0,5")
    expect(table.get_by_role("row", name="Accompagnement des organisations")).to_contain_text("2,5")
    expect(page.get_by_role("img", name="Radar de maturité de Roanne")).to_be_visible()
    expect(page.get_by_text("« Expérimentations collectives »")).to_be_visible()
    expect(page.locator("#repondants + ul li")).to_have_count(2)
