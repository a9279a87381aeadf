"""A newcomer's first visit, end to end in Chromium: sign up, confirm by email (real SMTP),
fill the profile, search a territory from the home page, land on the territory's page."""

import re

import pytest

from catalyse.accounts.models import User
from catalyse.accounts.tests.helpers import link_in
from catalyse.territories.services import territories_load
from catalyse.test import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_it_takes_a_newcomer_from_sign_up_to_a_territory_page(live_server, page, axe, inbox):
    territories_load(departements=["42", "69"])

    page.goto(live_server.url + "/")
    axe(page, "accueil")
    page.get_by_role("link", name="Rejoindre le réseau des catalyseurs").click()
    page.get_by_label("Adresse électronique").fill("ines.moreau@exemple.fr")
    page.get_by_label("Mot de passe", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url("**/comptes/confirm-email/")

    [message] = inbox.wait_for(1)
    assert message["To"] == "ines.moreau@exemple.fr"
    page.goto(link_in(inbox.text(message), "/comptes/confirm-email/"))
    page.get_by_role("button", name="Confirmer mon adresse").click()
    page.wait_for_url("**/profil/modifier/")

    page.get_by_label("Prénom").fill("Inès")
    page.get_by_label("Nom", exact=True).fill("Moreau")
    page.get_by_label("Le monde d’où vous agissez").select_option("collectivite")
    page.get_by_role("combobox", name=re.compile("^Votre territoire")).fill("Saint-Étienne")
    page.get_by_role("button", name="Enregistrer mon profil").click()
    page.wait_for_url("**/profil/")
    assert page.locator("h1").inner_text() == "Inès Moreau"
    axe(page, "profil")
    territory = User.objects.get(email="ines.moreau@exemple.fr").profile.territory
    assert territory is not None and territory.code == "42218"

    # From the home page, the territory search (keyboard only) leads to the territory's page.
    page.goto(live_server.url + "/")
    field = page.locator("#home-territory")
    field.press_sequentially("villeurb", delay=20)
    page.get_by_role("option", name=re.compile("^Villeurbanne")).first.wait_for()
    field.press("ArrowDown")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/territoires/commune/69266-villeurbanne/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Villeurbanne"
    assert page.get_by_role("link", name="Métropole de Lyon").first.is_visible()
    axe(page, "page de Villeurbanne")
    assert page.js_errors == []
