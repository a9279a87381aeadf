"""End to end in Chromium: a facilitator drafts the month's logbook, edits it, previews it (HTMX), publishes it,
and the subscribers receive it by email (real SMTP server); a visitor reads it, its feed and PDF; a subscriber
leaves through the link of the email. axe-core on every page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from catalyse.logbooks.models import Delivery, LogbookIssue, Status, Subscription
from catalyse.logbooks.tests.conftest import add_session, build_journey
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


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"logbooks-{name}.png"), full_page=True)
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": 320, "height": 900})
    page.screenshot(path=str(SCREENSHOTS / f"logbooks-{name}-320.png"), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


def test_a_logbook_is_drafted_edited_published_and_received_by_email(
    live_server: Any, page: Any, axe: Any, inbox: Any
) -> None:
    facilitator = make_person(
        role="facilitator", email="elodie.animatrice@exemple.fr", first_name="Élodie", last_name="Fabre"
    )
    member = make_person(email="nadia.pilote@exemple.fr", first_name="Nadia", last_name="Haddad")
    cohort = build_journey(facilitator=facilitator, member=member)
    reader = make_person(email="lecteur@exemple.fr", first_name="Paul", last_name="Lecteur")
    month = timezone.localdate().replace(day=1)
    add_session(cohort, consent=True, title="Séance de Saint-Étienne", day=f"{month:%Y-%m}-02")
    archive = f"{live_server.url}/parcours/{cohort.journey.slug}/carnets/"

    # A reader from outside the journey subscribes: the logbook is meant to be shared.
    log_in(page, live_server, reader.email)
    page.goto(archive)
    expect(page.get_by_role("heading", name="Carnets de bord", level=1)).to_be_visible()
    expect(page.get_by_text("Aucun carnet paru pour l’instant.")).to_be_visible()
    axe(page, "archive vide")
    page.get_by_role("button", name="S’abonner au carnet de bord").click()
    expect(page.get_by_text("Vous recevrez chaque carnet")).to_be_visible()

    # The facilitator drafts the month's issue from the journey's activity.
    log_in(page, live_server, facilitator.email)
    page.goto(archive)
    axe(page, "archive (animatrice)")
    shot(page, "archive-animatrice")
    expect(page.get_by_label("Mois")).to_have_value(f"{month:%Y-%m}")
    page.get_by_role("button", name="Préparer le carnet du mois").click()
    page.wait_for_url(re.compile(r"/carnets/\d{4}-\d{2}/modifier/$"))
    expect(page.get_by_label("Pratiques")).to_contain_text("Séance de Saint-Étienne")
    expect(page.get_by_label("Pratiques")).to_contain_text("Inviter les entreprises dès la conception")
    axe(page, "brouillon")

    # A bad input first: a clear French error, nothing saved.
    page.get_by_label("Titre").fill("")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".error-summary")).to_contain_text("Donnez un titre au carnet")
    axe(page, "erreur")

    # Edit, preview with HTMX (nothing saved), then publish.
    page.get_by_label("Titre").fill("Le parcours prend son élan")
    page.get_by_label("Le mot des animateurs").fill("Merci à **toutes les équipes** pour ce mois intense !")
    page.get_by_role("button", name="Prévisualiser").click()
    preview = page.locator("#apercu")
    expect(preview).to_contain_text("Aperçu (rien n’est encore enregistré)")
    expect(preview.locator("strong", has_text="toutes les équipes")).to_be_visible()
    expect(preview).to_be_focused()  # keyboard users land on the preview
    assert LogbookIssue.objects.get().editorial == ""
    axe(page, "aperçu")
    shot(page, "edition")
    page.get_by_role("button", name="Publier et envoyer").click()
    page.wait_for_url(re.compile(r"/carnets/\d{4}-\d{2}/$"))
    expect(page.get_by_role("heading", name="Le parcours prend son élan", level=1)).to_be_visible()
    expect(page.locator(".alert-success")).to_contain_text("Carnet publié : il part par courriel")
    axe(page, "carnet publié")
    shot(page, "carnet")

    # Everyone subscribed receives it once: the participants (by default) and the reader (opt-in).
    messages = inbox.wait_for(4)
    assert sorted(str(m["To"]) for m in messages) == sorted(
        [facilitator.email, member.email, cohort.second_member.email, reader.email]
    )
    issue = LogbookIssue.objects.get()
    assert issue.status == Status.PUBLISHED
    assert Delivery.objects.filter(issue=issue).count() == 4
    mail = inbox.to(reader.email)[0]
    assert "Le parcours prend son élan" in str(mail["Subject"])
    text = inbox.text(mail)
    assert "Merci à **toutes les équipes** pour ce mois intense !" in text
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert "<strong>toutes les équipes</strong>" in html
    unsubscribe = re.search(r"Se désabonner en un clic : (\S+)", text)
    assert unsubscribe is not None

    # A visitor signed out reads it, with its PDF and the feed.
    page.context.clear_cookies()
    page.goto(archive)
    expect(page.get_by_role("link", name="Le parcours prend son élan", exact=True)).to_be_visible()
    axe(page, "archive publique")
    shot(page, "archive")
    page.get_by_role("link", name="Le parcours prend son élan", exact=True).click()
    expect(page.get_by_role("heading", name="Le mot des animateurs")).to_be_visible()
    axe(page, "carnet public")
    pdf = page.request.get(live_server.url + issue.get_pdf_url())
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    feed = page.request.get(archive + "flux.atom")
    assert feed.ok and "Le parcours prend son élan" in feed.text()

    # The reader leaves through the link of the email, without signing in.
    page.goto(unsubscribe.group(1).replace(settings.SITE_URL, live_server.url))
    axe(page, "désabonnement")
    page.get_by_role("button", name="Me désabonner").click()
    expect(page.get_by_text("vous ne recevrez plus le carnet de bord")).to_be_visible()
    axe(page, "désabonné")
    assert not Subscription.objects.get(user=reader).is_active
    # The only console errors are the 400 answers of the bad input, on purpose.
    assert all("status of 400" in error for error in page.js_errors), page.js_errors
