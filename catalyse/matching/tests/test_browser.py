"""End to end in Chromium: a member publishes a need, gets suggestions with their reasons, contacts one;
a visitor sees the need but cannot contact. axe-core on every page, screenshots at 320 px too."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from catalyse.accounts.models import MemberRole
from catalyse.matching.models import Contact, Listing
from catalyse.matching.tests.conftest import join, make_org, make_rings, publish
from catalyse.test import DEFAULT_PASSWORD, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"


def log_in(page, live_server, email):
    page.context.clear_cookies()
    page.goto(live_server.url + "/comptes/login/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def shot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"matching-{name}.png"), full_page=True)
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": 320, "height": 900})
    page.screenshot(path=str(SCREENSHOTS / f"matching-{name}-320.png"), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


def test_it_publishes_a_need_gets_suggestions_and_contacts_one(live_server, page, axe, inbox):
    rings = make_rings()
    association = make_org("Loire Solidarités Emploi", "association", rings["saint_etienne"])
    nadia = make_person(email="nadia@exemple.fr", first_name="Nadia", last_name="Haddad")
    join(nadia, association)
    menuiserie = make_org("Menuiserie coopérative du Pilat", "entreprise", rings["saint_chamond"])
    helene = make_person(email="helene@exemple.fr", first_name="Hélène", last_name="Garnier", directory_consent=True)
    join(helene, menuiserie, role=MemberRole.ADMIN)
    publish(menuiserie, direction="offer", kind="locaux", themes=["social"], title="Notre atelier ouvert le samedi")
    ville = make_org("Ville de Roanne", "collectivite", rings["roanne"])
    make_org("Jardins de Saint-Étienne", "association", rings["saint_etienne"])  # same world: never suggested

    log_in(page, live_server, nadia.email)
    page.goto(live_server.url + "/partenariats/besoins-et-offres/")
    axe(page, "matching-list")
    page.get_by_role("link", name="Publier un besoin ou une offre").first.click()
    page.wait_for_load_state()
    axe(page, "matching-form")
    # A first try without a title: the error says what to fix, nothing is published.
    page.get_by_label("Nature").select_option("locaux")
    page.get_by_label("Description").fill("Deux jours par semaine, pour former huit personnes aux métiers du bois.")
    page.get_by_role("button", name="Publier").click()
    page.wait_for_load_state()
    expect(page.locator("#id_title-erreur")).to_contain_text("Donnez un titre")
    axe(page, "matching-form-errors")
    assert Listing.objects.filter(organisation=association).count() == 0
    page.get_by_label("Titre").fill("Un atelier pour notre chantier d’insertion")
    page.get_by_label("Social").check()
    page.get_by_role("button", name="Publier").click()
    page.wait_for_load_state()

    expect(page.get_by_text("Votre besoin est publié")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Un atelier pour notre chantier d’insertion")
    suggestions = page.locator("#suggestions ol > li")
    expect(suggestions).to_have_count(2)
    expect(suggestions.nth(0)).to_contain_text("Menuiserie coopérative du Pilat")
    expect(suggestions.nth(0)).to_contain_text(
        "Entreprise du même EPCI (Saint-Étienne Métropole), enjeu commun\u00a0: social\u00a0; propose des locaux"
    )
    expect(suggestions.nth(1)).to_contain_text("Collectivité du même département (Loire)")
    expect(page.locator("#suggestions")).not_to_contain_text("Jardins de Saint-Étienne")
    axe(page, "matching-detail-member")
    shot(page, "detail")

    page.get_by_text("Contacter Menuiserie coopérative du Pilat").click()
    page.locator(f"#id_message_{menuiserie.pk}").fill("Bonjour, pourrions-nous visiter votre atelier un samedi ?")
    axe(page, "matching-contact-open")
    page.get_by_role("button", name="Envoyer le message").first.click()
    page.wait_for_load_state()
    expect(page.get_by_text("Votre message est parti vers Menuiserie coopérative du Pilat")).to_be_visible()
    expect(page.locator(f"#suggestion-{menuiserie.pk}")).to_contain_text("Contactée le")
    contact = Contact.objects.get()
    assert (contact.organisation, contact.sender, contact.channel) == (menuiserie, nadia, "message")
    axe(page, "matching-detail-contacted")

    page.goto(live_server.url + f"/partenariats/besoins-et-offres/organisation/{association.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Loire Solidarités Emploi")
    axe(page, "matching-organisation")

    # A visitor sees the need and its suggestions, but is asked to log in to contact.
    page.context.clear_cookies()
    need = Listing.objects.get(organisation=association)
    page.goto(live_server.url + need.get_absolute_url())
    expect(page.locator("#suggestions")).to_contain_text(ville.name)
    expect(page.get_by_text("Connectez-vous")).to_be_visible()
    expect(page.get_by_role("button", name="Envoyer le message")).to_have_count(0)
    axe(page, "matching-detail-visitor")
    page.goto(live_server.url + "/partenariats/besoins-et-offres/?sens=need&territoire=departement%3A42")
    expect(page.locator(".result-count")).to_have_text("1 annonce ouverte — Loire (42)")
    axe(page, "matching-list-filtered")
    shot(page, "list")
