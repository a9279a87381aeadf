"""Search in a real browser: type, read the highlighted results, tick a facet, see them narrowed."""

import re

import pytest
from playwright.sync_api import expect

from catalyse.search.tests.conftest import index, published
from catalyse.test import make_territory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def documents():
    aura = make_territory("region", "84", "Auvergne-Rhône-Alpes")
    make_territory("departement", "42", "Loire", region=aura)
    index(
        "ste",
        "Saint-Étienne\u00a0: la coopération pour l’insertion",
        "Entreprises et mission locale accompagnent des jeunes.",
        kind="illustration",
        facets={"themes": ["social"], "territories": ["departement:42", "region:84"]},
        published_at=published(2023),
    )
    index(
        "grille",
        "Grille d’auto-évaluation de la coopération",
        "Vingt questions pour situer une alliance.",
        kind="outil",
        facets={"themes": ["social"]},
        published_at=published(2022),
    )
    index(
        "mecenat",
        "Mécénat de compétences",
        "La coopération entre une PME et des associations.",
        kind="illustration",
        facets={"themes": ["economique"]},
        published_at=published(2024),
    )


def hits(page):
    return page.locator(".search-hit-title a")


def test_it_searches_and_narrows_with_a_facet(live_server, page, axe, documents):
    page.goto(live_server.url + "/recherche/")
    axe(page, "search, empty")
    page.get_by_label("Mots cherchés").fill("cooperaton")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"q=cooperaton"))
    assert hits(page).count() == 3
    assert page.locator(".search-hit-title mark").first.inner_text().lower().startswith("coop")
    assert page.get_by_role("link", name="coopération", exact=True).is_visible()  # Vouliez-vous dire « coopération » ?
    axe(page, "search, results")

    page.get_by_label(re.compile("Boîte à outils")).check()
    page.wait_for_url(re.compile(r"kind=outil"))
    expect(hits(page)).to_have_count(1)
    assert hits(page).first.inner_text() == "Grille d’auto-évaluation de la coopération"
    assert page.locator("#search-status").text_content().strip().startswith("1 résultat")
    assert page.get_by_label(re.compile("Boîte à outils")).is_checked()
    axe(page, "search, narrowed")

    page.get_by_label(re.compile("Boîte à outils")).uncheck()
    expect(hits(page)).to_have_count(3)
    assert page.js_errors == [], page.js_errors


def test_it_works_without_javascript(live_server, browser, axe, documents):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/recherche/?q=coop%C3%A9ration")
        assert page.locator(".search-hit-title a").count() == 3
        page.get_by_label(re.compile("Économique")).check()
        page.get_by_role("button", name="Appliquer les filtres").click()
        page.wait_for_url(re.compile(r"themes=economique"))
        assert page.locator(".search-hit-title a").count() == 1
    finally:
        context.close()


def test_it_fits_a_320_pixel_screen(live_server, page, axe, documents):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + "/recherche/?q=coop%C3%A9ration")
    assert hits(page).count() == 3
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    axe(page, "search 320px")
