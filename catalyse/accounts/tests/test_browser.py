"""End to end in Chromium: sign up, confirm by email, fill the profile; organisations; personal data."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from catalyse.accounts.models import Membership, MemberStatus, Organisation, User
from catalyse.accounts.tests.helpers import link_in
from catalyse.test import DEFAULT_PASSWORD, make_person, make_territories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"


def log_in(page, live_server, email, password=DEFAULT_PASSWORD):
    page.goto(live_server.url + "/comptes/login/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def test_it_signs_up_confirms_by_email_and_fills_the_profile(live_server, page, axe, inbox):
    from catalyse.territories.services import territories_load

    territories_load(departements=["42"])
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Créer un compte").first.click()
    page.wait_for_url("**/comptes/signup/")
    axe(page, "inscription")

    # A mistake first: the errors are summarised and tied to their fields.
    page.get_by_label("Adresse électronique").fill("camille.durand@exemple.fr")
    page.get_by_label("Mot de passe", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill("autre-chose-42")
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Confirmez le mot de passe").get_attribute("aria-invalid") == "true"
    axe(page, "inscription avec erreurs")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "signup-errors.png"), full_page=True)

    page.get_by_label("Mot de passe", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url("**/comptes/confirm-email/")
    assert "Confirmez votre adresse électronique" in page.locator("h1").inner_text()
    axe(page, "lien envoyé")

    [message] = inbox.wait_for(1)
    link = link_in(inbox.text(message), "/comptes/confirm-email/")
    assert link.startswith(live_server.url)
    page.goto(link)
    axe(page, "confirmation")
    page.get_by_role("button", name="Confirmer mon adresse").click()
    page.wait_for_url("**/profil/modifier/")
    axe(page, "profil à remplir")

    page.get_by_label("Prénom").fill("Camille")
    page.get_by_label("Nom", exact=True).fill("Durand")
    page.get_by_label("Le monde d’où vous agissez").select_option("entreprise")
    # The territories app's autocomplete suggests; choosing fills the hidden reference.
    territory = page.get_by_role("combobox", name=re.compile("^Votre territoire"))
    territory.fill("saint etienne")
    page.get_by_role("option", name=re.compile("^Saint-Étienne \\(42\\)")).first.wait_for()
    axe(page, "profil, suggestions de territoires")
    territory.press("ArrowDown")
    territory.press("Enter")
    assert page.locator("#id_territory_ref").input_value() == "commune:42218"
    page.get_by_label("Environnemental").check()
    page.get_by_label("Compétences").fill("Économie circulaire, RSE")
    page.get_by_label("Présentation").fill("Je dirige une entreprise de réemploi.\nEt j’aime les alliances.")
    page.get_by_label("Apparaître dans l’annuaire du réseau").check()
    page.screenshot(path=str(SCREENSHOTS / "profile-edit.png"), full_page=True)
    page.get_by_role("button", name="Enregistrer mon profil").click()
    page.wait_for_url("**/profil/")
    assert page.locator("h1").inner_text() == "Camille Durand"
    assert page.get_by_text("Votre profil est enregistré.").is_visible()
    assert page.get_by_role("link", name="Saint-Étienne").is_visible()
    axe(page, "mon profil")

    user = User.objects.get(email="camille.durand@exemple.fr")
    assert user.profile.directory_consent
    assert user.profile.territory.code == "42218"

    # The public page, then the profile on a 320 px wide screen.
    page.get_by_role("link", name="Voir ma page publique").click()
    assert page.locator("h1").inner_text() == "Camille Durand"
    axe(page, "page publique")
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(live_server.url + "/profil/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.screenshot(path=str(SCREENSHOTS / "profile-320.png"), full_page=True)
    axe(page, "mon profil 320 px")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SCREENSHOTS / "profile-1280.png"), full_page=True)
    assert page.js_errors == []


def test_it_resolves_an_ambiguous_territory_without_javascript(live_server, browser, axe):
    make_territories()
    person = make_person(email="sans-js@exemple.fr")
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    try:
        log_in(page, live_server, person.email)
        page.goto(live_server.url + "/profil/modifier/")
        page.get_by_label("Votre territoire").fill("Saint-Denis")
        page.get_by_role("button", name="Enregistrer mon profil").click()
        page.wait_for_load_state()
        error = page.locator("#id_territory-erreur").inner_text()
        assert "Plusieurs territoires" in error and "commune:97411" in error
        page.get_by_label("Votre territoire").fill("Saint-Denis (commune:97411)")
        page.get_by_role("button", name="Enregistrer mon profil").click()
        page.wait_for_url("**/profil/")
        assert page.get_by_role("link", name="Saint-Denis").is_visible()
    finally:
        context.close()


def test_it_creates_an_organisation_and_accepts_a_request_to_join(live_server, browser, page, axe):
    make_territories()
    founder = make_person(email="fondatrice@exemple.fr", first_name="Nadia", last_name="Haddad")
    newcomer = make_person(email="nouveau@exemple.fr", first_name="Youssef", last_name="Benali")

    log_in(page, live_server, founder.email)
    page.goto(live_server.url + "/organisations/")
    axe(page, "organisations vides")
    page.get_by_role("link", name="Créer une organisation").click()
    axe(page, "créer une organisation")
    page.get_by_label("Nom de l’organisation").fill("Coopérative du Forez")
    page.get_by_label("Type d’organisation").select_option("entreprise")
    page.get_by_label("SIREN").fill("812 345 677")
    page.get_by_role("combobox", name=re.compile("^Territoire")).fill("42218")
    page.get_by_role("button", name="Créer l’organisation").click()
    page.wait_for_load_state()
    assert "clé de contrôle" in page.locator("#id_siren-erreur").inner_text()
    axe(page, "organisation avec erreur")
    page.screenshot(path=str(SCREENSHOTS / "organisation-errors.png"), full_page=True)
    page.get_by_label("SIREN").fill("812 345 676")
    page.get_by_role("button", name="Créer l’organisation").click()
    page.wait_for_url("**/organisations/cooperative-du-forez/")
    axe(page, "organisation créée")

    other = browser.new_context(locale="fr-FR")
    newcomer_page = other.new_page()
    try:
        log_in(newcomer_page, live_server, newcomer.email)
        newcomer_page.goto(live_server.url + "/organisations/cooperative-du-forez/")
        newcomer_page.get_by_label("Votre fonction dans l’organisation").fill("Chargé de projets")
        newcomer_page.get_by_role("button", name="Demander à rejoindre").click()
        newcomer_page.wait_for_load_state()
        assert newcomer_page.get_by_text("Votre demande est envoyée").is_visible()
        axe(newcomer_page, "demande envoyée")
    finally:
        other.close()

    page.reload()
    page.get_by_role("button", name=re.compile("^Accepter")).click()
    page.wait_for_load_state()
    assert page.get_by_text("Youssef Benali est maintenant membre").is_visible()
    axe(page, "membre accepté")
    membership = Membership.objects.get(user=newcomer, organisation=Organisation.objects.get())
    assert membership.status == MemberStatus.ACTIVE
    assert page.js_errors == []


def test_it_downloads_the_personal_data_and_deletes_the_account(live_server, page, axe):
    person = make_person(email="partante@exemple.fr", first_name="Léa", last_name="Rousseau")
    log_in(page, live_server, person.email)
    page.goto(live_server.url + "/profil/")
    page.get_by_role("link", name=re.compile("Mes données")).click()
    axe(page, "mes données")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger mes données (JSON)").click()
    content = Path(download_info.value.path()).read_text()
    assert '"email": "partante@exemple.fr"' in content

    page.get_by_label("Votre mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_label("Je comprends que la suppression est définitive.").check()
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_text("Votre compte et vos données personnelles ont été supprimés").is_visible()
    axe(page, "compte supprimé")

    log_in(page, live_server, "partante@exemple.fr")
    assert "incorrect" in page.get_by_role("alert").inner_text()
    axe(page, "connexion refusée")
