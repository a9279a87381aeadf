import re

import pytest

from catalyse.territories.services import territories_load

from .conftest import SUBSET

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def loaded(transactional_db):
    return territories_load(departements=SUBSET)


def test_it_picks_a_territory_with_the_keyboard(live_server, page, axe, loaded, tmp_path):
    page.goto(live_server.url + "/territoires/")
    axe(page, "recherche de territoires")
    field = page.get_by_label("Nom, code postal ou code INSEE")
    assert field.get_attribute("role") == "combobox"
    assert field.get_attribute("aria-expanded") == "false"

    field.press_sequentially("saint eti", delay=30)
    listbox = page.get_by_role("listbox", name="Territoires suggérés")
    listbox.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    assert field.get_attribute("aria-controls") == listbox.get_attribute("id")
    options = listbox.get_by_role("option")
    assert options.count() >= 2
    page.get_by_role("status").filter(has_text="suggestion").wait_for()
    axe(page, "suggestions ouvertes")
    page.screenshot(path=str(tmp_path / "suggestions.png"))

    # Arrows move the active option (focus stays in the field), Escape closes, ArrowDown reopens.
    field.press("ArrowDown")
    field.press("ArrowDown")
    second = options.nth(1)
    assert second.get_attribute("aria-selected") == "true"
    assert field.get_attribute("aria-activedescendant") == second.get_attribute("id")
    field.press("ArrowUp")
    first = options.nth(0)
    assert first.get_attribute("aria-selected") == "true"
    assert "Saint-Étienne" in first.inner_text()
    field.press("Escape")
    assert listbox.is_hidden()
    assert field.get_attribute("aria-expanded") == "false"
    field.press("ArrowDown")
    assert listbox.is_visible()
    # Saint-Étienne Métropole is the most populated, Saint-Étienne the second.
    field.press("ArrowDown")
    assert options.nth(1).get_attribute("aria-selected") == "true"
    assert options.nth(1).inner_text().startswith("Saint-Étienne (42)")
    field.press("Enter")

    page.wait_for_url(re.compile(r"/territoires/commune/42218-saint-etienne/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Saint-Étienne"
    axe(page, "page de Saint-Étienne")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    page.screenshot(path=str(tmp_path / "saint-etienne-320.png"), full_page=True)
    assert page.js_errors == []


def test_the_home_page_search_suggests_territories(live_server, page, axe, loaded):
    page.goto(live_server.url + "/")
    field = page.locator("#home-territory")
    field.press_sequentially("lyon", delay=30)
    page.get_by_role("option").first.wait_for()
    axe(page, "accueil, suggestions ouvertes")
    field.press("ArrowDown")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/territoires/commune/69123-lyon/$"))
    assert "9 arrondissements municipaux" in page.content()
    assert page.js_errors == []


def test_enter_without_a_choice_submits_the_search(live_server, page, axe, loaded):
    page.goto(live_server.url + "/territoires/")
    field = page.get_by_label("Nom, code postal ou code INSEE")
    field.press_sequentially("marseille", delay=20)
    page.get_by_role("option").first.wait_for()
    field.press("Enter")
    page.wait_for_url(re.compile(r"\?q=marseille"))
    assert page.get_by_role("link", name="Marseille (13)").is_visible()
    axe(page, "résultats de recherche")
    # A département page with its tables, then the next page of communes.
    page.goto(live_server.url + "/territoires/departement/13-bouches-du-rhone/")
    axe(page, "page des Bouches-du-Rhône")
    page.get_by_role("link", name="Page suivante").click()
    assert "Page 2 sur 3" in page.content()
    assert page.js_errors == []


def test_it_can_fill_a_form_field_with_the_chosen_reference(live_server, page, loaded):
    """Other apps' forms: data-territory-field names the hidden input that receives LEVEL:CODE."""
    page.goto(live_server.url + "/territoires/")
    page.evaluate(
        """() => {
          const form = document.createElement("form");
          form.innerHTML = '<label for="t">Territoire</label><input type="hidden" id="ref" name="territory">'
            + '<div data-territory-autocomplete data-territory-field="ref" data-level="departement">'
            + '<input id="t" type="text"></div>';
          document.querySelector("main").append(form);
          document.dispatchEvent(new CustomEvent("htmx:load", {detail: {elt: form}}));
        }"""
    )
    field = page.locator("#t")
    field.press_sequentially("loire", delay=20)
    page.locator("[role=option]").first.wait_for()
    assert page.locator("[role=option]").first.inner_text().startswith("Loire (42)")
    field.press("ArrowDown")
    field.press("Enter")
    assert page.locator("#ref").input_value() == "departement:42"
    assert field.input_value() == "Loire (42)"
    assert page.url.endswith("/territoires/")
    assert page.js_errors == []
