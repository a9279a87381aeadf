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


def test_a_facilitator_edits_a_question_and_sees_the_advice_with_an_event(live_server, page, axe):
    import datetime

    from django.utils import timezone

    from catalyse.diagnostics.tests.conftest import answer_all
    from catalyse.events.services import event_create

    territories_load(departements=["42"])
    from catalyse.territories.models import Territory

    roanne = Territory.objects.by_ref("commune:42187")
    questionnaire = Questionnaire.objects.current()
    answer_all(user=make_person(), territory=roanne, questionnaire=questionnaire,
               by_dimension={"animation": 1, "experimentation": 2, "accompagnement": 3})  # fmt: skip
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=12)
    event_create(title="Atelier des alliances roannaises", kind="atelier", starts_at=start,
                 ends_at=start + datetime.timedelta(hours=3), territory=roanne, format="presentiel")  # fmt: skip
    facilitator = make_person(email="elodie@exemple.fr", role="facilitator")

    log_in(page, live_server, facilitator.email)
    page.goto(live_server.url + "/observatoire/autodiagnostic/questions/")
    axe(page, "questions")
    first = questionnaire.questions.first()
    field = page.locator(f'[name="question_{first.pk}"]')
    field.fill("Un lieu de dialogue réunit-il les acteurs du territoire\u00a0?")
    page.get_by_role("button", name="Enregistrer les questions").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Les questions sont enregistrées.")).to_be_visible()
    first.refresh_from_db()
    assert first.text == "Un lieu de dialogue réunit-il les acteurs du territoire\u00a0?"

    page.goto(live_server.url + "/observatoire/autodiagnostic/commune/42187/")
    axe(page, "résultats vus par une animatrice")
    events = page.get_by_role("heading", name="Événements à venir").locator("xpath=following-sibling::ul[1]")
    expect(events).to_contain_text("Atelier des alliances roannaises")
    expect(events).to_contain_text("(Roanne)")
