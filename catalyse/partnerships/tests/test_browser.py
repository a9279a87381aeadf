"""End to end, in Chromium: declare a partnership, confirm it as the other partner, see it counted at once."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest

from catalyse.test import DEFAULT_PASSWORD

from .conftest import declare

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(tempfile.gettempdir()) / "catalyse-shots"  # screenshots to look at


def sign_in(page: Any, base: str, user: Any) -> None:
    page.goto(base + "/comptes/login/")
    page.get_by_label("Adresse électronique").first.fill(user.email)
    page.get_by_label("Mot de passe").first.fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()


def counted(page: Any, base: str) -> str:
    page.goto(base + "/observatoire/?territoire=commune:42218")
    return page.locator(".key-figures .figure").first.inner_text()


def test_it_declares_confirms_and_counts_a_partnership(
    live_server: Any, page: Any, axe: Any, world: dict[str, Any]
) -> None:
    base = live_server.url
    SHOTS.mkdir(exist_ok=True)
    assert counted(page, base) == "0"
    axe(page, "observatoire (commune)")

    sign_in(page, base, world["alice"])
    page.goto(base + "/partenariats/declarer/")
    axe(page, "déclarer")
    page.get_by_label("Intitulé").fill("Repair café de Tarentaize")
    page.get_by_label("Innovation sociétale").check()
    page.get_by_label("Environnemental").check()
    page.get_by_label("Territoire").fill("Saint-Étienne")
    page.get_by_label("Année de début").fill("2023")
    page.get_by_label("Organisation partenaire 1", exact=True).fill(world["company"].slug)
    page.get_by_role("button", name="Déclarer le partenariat").click()
    page.wait_for_load_state()
    assert "Partenariat déclaré" in page.content()
    axe(page, "détail déclaré")
    detail = page.url
    page.screenshot(path=str(SHOTS / "partnership-declared.png"), full_page=True)
    # Declared, not yet confirmed: not counted.
    assert counted(page, base) == "0"
    sign_out(page)

    sign_in(page, base, world["bruno"])
    page.goto(base + f"/partenariats/organisations/{world['company'].slug}/")
    axe(page, "partenariats de l’organisation")
    page.get_by_role("link", name=re.compile("Confirmer «")).click()
    axe(page, "confirmer")
    page.get_by_role("button", name="Confirmer le partenariat").click()
    page.wait_for_load_state()
    assert page.url == detail
    assert "Partenariat confirmé" in page.content()

    page.get_by_role("link", name="Modifier le partenariat").click()
    axe(page, "modifier")
    assert page.get_by_label("Intitulé").input_value() == "Repair café de Tarentaize"

    assert counted(page, base) == "1"
    page.get_by_role("link", name="Modes d’action").click()
    table = page.locator("#modes table")
    page.locator("#modes summary").click()
    assert "Innovation sociétale" in table.inner_text()
    page.screenshot(path=str(SHOTS / "observatory-commune.png"), full_page=True)


def test_it_shows_the_national_dashboard_accessibly(
    live_server: Any, page: Any, axe: Any, world: dict[str, Any]
) -> None:
    base = live_server.url
    declare(world, status="confirmed", modes=["mecenat"], start_year=1994)
    declare(world, status="confirmed", territory=world["saint_denis_974"], start_year=2021)
    page.goto(base + "/observatoire/")
    axe(page, "observatoire")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "observatory.png"), full_page=True)
    # The map: each département is reachable by keyboard, and says its count on focus.
    loire = page.locator('.map-area[aria-label^="Loire (42)"]')
    loire.focus()
    assert page.locator("#map-readout").inner_text().startswith("Loire (42)")
    loire.press("Enter")
    page.wait_for_load_state()
    assert "territoire=departement%3A42" in page.url or "territoire=departement:42" in page.url
    assert "Observatoire des alliances" in page.locator("h1").inner_text()
    axe(page, "observatoire Loire")
    # The registry, its facets and a detail page.
    page.goto(base + "/partenariats/")
    axe(page, "registre")
    page.get_by_role("link", name=re.compile("^Mécénat")).first.click()
    page.wait_for_load_state()
    assert "mode=mecenat" in page.url
    page.locator(".partnership-list a").first.click()
    axe(page, "détail")
    assert page.js_errors == []


def test_it_fits_a_320_pixel_screen(live_server: Any, page: Any, axe: Any, world: dict[str, Any]) -> None:
    declare(world, status="confirmed")
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/observatoire/", "/partenariats/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
        axe(page, f"{path} 320px")


def test_it_shows_a_territorys_network_with_its_list(
    live_server: Any, page: Any, axe: Any, world: dict[str, Any]
) -> None:
    from catalyse.partnerships.services import partnership_create

    from .conftest import make_organisation

    here = world["saint_etienne"]
    organisations = [world["association"], world["company"]] + [
        make_organisation(f"Acteur stéphanois {i}", ("entreprise", "collectivite", "academique")[i % 3], here)
        for i in range(12)
    ]
    for i in range(1, len(organisations)):
        group = [organisations[0 if i % 4 else 1], organisations[i]] + ([organisations[i - 1]] if i % 3 == 0 else [])
        partnership_create(user=None, organisation=group[0], title=f"Alliance {i}", modes=["mecenat"],
                           start_year=2010 + i, territory=here, status="confirmed",
                           partners=[(o, "partenaire") for o in dict.fromkeys(group)])  # fmt: skip
    base = live_server.url
    page.goto(base + "/observatoire/?territoire=commune:42218")
    page.get_by_role("link", name="Voir le réseau des alliances").click()
    page.wait_for_load_state()
    assert page.url.endswith("/observatoire/reseau/commune/42218/")
    axe(page, "réseau")
    graph = page.get_by_role("img", name="Réseau des alliances : Saint-Étienne")
    assert graph.is_visible()
    assert page.locator(".network-graph circle").count() == 14
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "network.png"), full_page=True)
    # The list is the alternative: reached from the link before the graph, by keyboard.
    skip = page.get_by_role("link", name=re.compile("^Aller à la liste des organisations"))
    skip.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#liste-reseau")
    assert page.evaluate("document.activeElement.id") == "liste-reseau"
    rows = page.get_by_role("table", name="Organisations du réseau, les plus connectées d’abord").locator("tbody tr")
    assert rows.count() == 14
    # Filters: a mode and years, then a wrong year says what to fix.
    page.get_by_label("Année de début, à partir de").fill("2020")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_load_state()
    assert "de=2020" in page.url
    assert page.locator(".network-graph circle").count() < 14
    axe(page, "réseau filtré")
    page.goto(base + "/observatoire/reseau/commune/42218/?de=20x0")
    assert "indiquez une année en chiffres" in page.get_by_role("alert").inner_text()
    axe(page, "réseau, filtre invalide")
    page.js_errors.clear()  # the console reports the 400 of that page
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(base + "/observatoire/reseau/commune/42218/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    axe(page, "réseau 320px")
    page.screenshot(path=str(SHOTS / "network-320.png"), full_page=True)
    assert page.js_errors == []


def test_the_other_pages_pass_axe(live_server: Any, page: Any, axe: Any, world: dict[str, Any]) -> None:
    """The organisation page with its partnerships block, the deletion page, an empty registry search."""
    base = live_server.url
    confidential = declare(world, title="Accord confidentiel", status="confirmed", is_public=False)
    declare(world, title="À confirmer par la menuiserie", status="declared")
    sign_in(page, base, world["bruno"])
    page.goto(base + world["company"].get_absolute_url())
    block = page.get_by_role("region", name="Partenariats")
    assert "Accord confidentiel" in block.inner_text()
    assert "Un partenariat attend la confirmation de votre organisation." in block.inner_text()
    axe(page, "page de l’organisation")
    page.goto(base + "/partenariats/?territoire=commune:97411")
    assert "Aucun partenariat public" in page.locator("h2#results-title").inner_text()
    axe(page, "registre sans résultat")
    sign_out(page)
    sign_in(page, base, world["alice"])
    page.goto(base + f"/partenariats/{confidential.pk}/supprimer/")
    axe(page, "supprimer")
    page.get_by_role("button", name=re.compile("Supprimer")).click()
    page.wait_for_load_state()
    assert "Partenariat supprimé." in page.content()
    assert page.js_errors == []
