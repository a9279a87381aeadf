"""End to end in Chromium: find a peer and write to them; open a thread, reply, report, moderate.
axe-core runs on every page visited; screenshots (desktop and 320 px) land in test-results/."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from catalyse.network.members import member_for
from catalyse.network.models import EmailFrequency, Message, ModerationLog, Post, Thread, Topic
from catalyse.test import DEFAULT_PASSWORD, make_person, make_territories

from .conftest import member

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
    page.screenshot(path=str(SCREENSHOTS / f"network-{name}.png"), full_page=True)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    page.screenshot(path=str(SCREENSHOTS / f"network-{name}-320.png"), full_page=True)
    # Nothing wider than the screen on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320 + 1, name
    page.set_viewport_size(size)


def test_it_finds_a_peer_in_the_directory_and_sends_a_message(live_server, page, axe, inbox):
    places = make_territories()
    amandine = member(
        first_name="Amandine",
        last_name="Moreau",
        territory=places["saint_etienne"],
        themes=("social",),
        skills=("Insertion", "ESS"),
        bio="Chantiers d’insertion dans le bassin stéphanois.",
        email="amandine@exemple.fr",
    )
    settings_row = member_for(amandine)
    settings_row.email_frequency = EmailFrequency.IMMEDIATE
    settings_row.save()
    member(first_name="Pauline", last_name="Renard", territory=places["saint_denis_974"], email="pauline@exemple.fr")
    nadia = member(first_name="Nadia", last_name="Haddad", world="collectivite", email="nadia@exemple.fr")

    page.goto(live_server.url + "/reseau/")
    axe(page, "accueil du réseau")
    page.get_by_role("link", name="Trouver des pairs dans l’annuaire").click()
    page.wait_for_url("**/reseau/annuaire/")
    axe(page, "annuaire")

    # The map: a département says its count on keyboard focus, as on hover.
    loire = page.get_by_role("link", name="Loire\u00a0: 1 membre")
    loire.focus()
    expect(loire.locator(".map-readout")).to_be_visible()
    expect(loire.locator(".map-readout-count")).to_have_text("1 membre")
    page.get_by_role("link", name="Ain\u00a0: aucun membre").locator("path").hover()
    expect(page.get_by_role("link", name="Ain\u00a0: aucun membre").locator(".map-readout")).to_be_visible()
    expect(page.get_by_role("link", name="La Réunion\u00a0: 1 membre")).to_be_visible()
    shot(page, "annuaire")

    loire.locator("path").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status").filter(has_text="membre trouvé")).to_contain_text("1 membre trouvé")
    axe(page, "annuaire filtré par la carte")

    # Search and facets work without a sign-in; the facet refreshes the results in place (HTMX).
    page.goto(live_server.url + "/reseau/annuaire/")
    page.get_by_label("Nom, présentation ou compétence").fill("stephanois")
    page.get_by_role("button", name="Chercher").click()
    expect(page.locator(".member-name")).to_have_text(["Amandine Moreau"])
    page.get_by_label("Association").check()
    expect(page).to_have_url(
        live_server.url + "/reseau/annuaire/?q=stephanois&territoire=&territoire_ref=&monde=association"
    )
    expect(page.locator(".member-name")).to_have_text(["Amandine Moreau"])

    log_in(page, live_server, nadia.email)
    page.goto(live_server.url + "/reseau/annuaire/?q=amandine")
    page.get_by_role("link", name="Amandine Moreau", exact=True).click()
    page.wait_for_url(f"**/membres/{amandine.pk}/")
    axe(page, "profil avec formulaire de message")
    assert "amandine@exemple.fr" not in page.content()
    page.get_by_label("Votre message").fill("Bonjour Amandine, pouvons-nous parler de vos chantiers ?")
    page.get_by_role("button", name="Envoyer à Amandine").click()
    page.wait_for_url("**/reseau/messages/*/")
    expect(page.get_by_role("status")).to_contain_text("Votre message est envoyé à Amandine Moreau")
    axe(page, "conversation")
    assert Message.objects.get().body.startswith("Bonjour Amandine")

    mails = inbox.wait_for(1)
    assert mails and mails[0]["To"] == "amandine@exemple.fr"
    assert "Nadia Haddad vous a écrit" in mails[0]["Subject"]
    assert "nadia@exemple.fr" not in mails[0].as_string()

    page.goto(live_server.url + f"/reseau/messages/ecrire/{amandine.pk}/")
    expect(page.get_by_role("link", name="Voir vos échanges précédents")).to_be_visible()
    axe(page, "écrire à un membre")

    # Amandine sees the badge, the notification, and answers in place.
    log_in(page, live_server, amandine.email)
    badge = page.locator(".notifications-link .badge")
    expect(badge).to_contain_text("1")
    page.get_by_role("link", name="Notifications").click()
    page.wait_for_url("**/reseau/notifications/")
    axe(page, "notifications")
    page.get_by_role("link", name="Nadia Haddad vous a écrit").click()
    page.wait_for_url("**/reseau/messages/*/")
    page.get_by_label("Votre réponse").fill("Avec plaisir, jeudi ?")
    url = page.url
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator(".message-mine")).to_contain_text("Avec plaisir, jeudi")
    assert page.url == url
    page.goto(live_server.url + "/reseau/messages/")
    axe(page, "boîte de réception")
    page.goto(live_server.url + "/reseau/notifications/preferences/")
    axe(page, "préférences")
    page.goto(live_server.url + "/reseau/pairs/")
    axe(page, "pairs à rencontrer")
    page.goto(live_server.url + "/reseau/")
    shot(page, "accueil")
    assert page.js_errors == []


def test_it_runs_a_thread_from_the_first_message_to_its_moderation(live_server, page, axe):
    Topic.objects.get_or_create(slug="evaluer-l-impact", defaults={"title": "Évaluer l’impact", "position": 5})
    amandine = member(first_name="Amandine", last_name="Moreau", email="amandine@exemple.fr")
    troll = member(first_name="Gaston", last_name="Lagaffe", world="citoyen", email="gaston@exemple.fr")
    facilitator = make_person(
        role="facilitator", email="elodie@exemple.fr", first_name="Élodie", last_name="Fabre", world="association"
    )

    log_in(page, live_server, amandine.email)
    page.goto(live_server.url + "/reseau/discussions/")
    axe(page, "discussions")
    page.get_by_role("link", name="Ouvrir une discussion").click()
    page.wait_for_url("**/reseau/discussions/nouvelle/")
    page.get_by_role("button", name="Publier la discussion").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page, "nouvelle discussion avec erreurs")
    page.get_by_label("Thème").select_option(label="Évaluer l’impact")
    page.get_by_label("Titre").fill("Partager nos grilles d’évaluation")
    page.get_by_label("Premier message").fill("Voici la **nôtre**, et la vôtre\u00a0?")
    page.get_by_role("button", name="Publier la discussion").click()
    page.wait_for_url("**/reseau/discussions/*/")
    thread = Thread.objects.get()
    expect(page.locator(".post-body strong")).to_have_text("nôtre")
    axe(page, "discussion")

    # A reply without reloading the page (HTMX), and following it, as another member.
    log_in(page, live_server, troll.email)
    page.goto(live_server.url + thread.get_absolute_url())
    url = page.url
    page.get_by_label("Votre réponse").fill("Vos grilles sont nulles, @amandine-moreau.")
    page.get_by_role("button", name="Publier la réponse").click()
    expect(page.locator(".post")).to_have_count(2)
    expect(page.get_by_label("Votre réponse")).to_have_value("")
    assert page.url == url
    expect(page.get_by_role("link", name="@amandine-moreau")).to_be_visible()
    page.get_by_role("button", name="Ne plus suivre").click()
    expect(page.get_by_role("button", name="Suivre la discussion")).to_be_visible()
    axe(page, "discussion après réponse")

    # Amandine reports it.
    log_in(page, live_server, amandine.email)
    page.goto(live_server.url + thread.get_absolute_url())
    page.get_by_role("link", name="Signaler le message de Gaston Lagaffe").click()
    page.wait_for_url("**/signaler/")
    axe(page, "signaler")
    page.get_by_label("Propos injurieux, haineux ou harcèlement").check()
    page.get_by_label("Précisions pour l’équipe d’animation").fill("Dénigrant.")
    page.get_by_role("button", name="Envoyer le signalement").click()
    page.wait_for_url("**/reseau/discussions/*/**")
    expect(page.get_by_role("status")).to_contain_text("l’équipe d’animation va examiner ce message")

    # The facilitator hides it, locks the thread; everything is logged.
    log_in(page, live_server, facilitator.email)
    page.goto(live_server.url + "/reseau/moderation/")
    axe(page, "modération")
    expect(page.locator(".report-card")).to_contain_text("Dénigrant.")
    shot(page, "moderation")
    page.get_by_role("link", name="Masquer le message").click()
    page.wait_for_url("**/masquer/")
    axe(page, "masquer un message")
    page.get_by_role("button", name="Masquer le message").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("Indiquez le motif")
    page.get_by_label("Motif").fill("Propos dénigrants envers un membre.")
    page.get_by_role("button", name="Masquer le message").click()
    page.wait_for_url("**/reseau/discussions/*/**")
    expect(page.locator(".post-hidden")).to_contain_text("Message masqué par l’équipe d’animation")
    page.get_by_role("link", name="Verrouiller la discussion").click()
    page.get_by_label("Motif").fill("Le débat est clos.")
    page.get_by_role("button", name="Verrouiller la discussion").click()
    page.wait_for_url("**/reseau/discussions/*/")
    page.goto(live_server.url + "/reseau/moderation/journal/")
    axe(page, "journal de modération")
    expect(page.locator(".moderation-log tbody tr")).to_have_count(2)
    assert list(ModerationLog.objects.order_by("pk").values_list("action", flat=True)) == [
        "hide_post",
        "lock_thread",
    ]

    # The others no longer see the message, nor a way to answer.
    log_in(page, live_server, amandine.email)
    page.goto(live_server.url + thread.get_absolute_url())
    expect(page.locator(".post")).to_have_count(1)
    assert "nulles" not in page.content()
    expect(page.get_by_text("Discussion verrouillée")).to_be_visible()
    expect(page.get_by_label("Votre réponse")).to_have_count(0)
    shot(page, "discussion")
    page.goto(live_server.url + thread.topic.get_absolute_url())
    axe(page, "thème")
    assert Post.objects.filter(hidden_at__isnull=False).count() == 1
    # Forms sent with mistakes answer 400 on purpose; nothing else may fail.
    assert [error for error in page.js_errors if "status of 400" not in error] == []


def test_a_catalyst_has_no_moderation_tools(live_server, page, axe):
    Topic.objects.get_or_create(slug="evaluer-l-impact", defaults={"title": "Évaluer l’impact", "position": 5})
    amandine = member(first_name="Amandine", last_name="Moreau", email="amandine@exemple.fr")
    log_in(page, live_server, amandine.email)
    response = page.goto(live_server.url + "/reseau/moderation/")
    assert response.status == 403
    axe(page, "modération refusée")
