"""End to end in Chromium: a full event, the waiting list, a cancellation, the promotion email, the reminder,
the calendar file read with icalendar; organiser pages; after the event. axe-core on every page."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from catalyse.events import services
from catalyse.events.models import Registration
from catalyse.test import DEFAULT_PASSWORD, make_person, make_territories

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
    page.screenshot(path=str(SCREENSHOTS / f"events-{name}.png"), full_page=True)
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": 320, "height": 900})
    page.screenshot(path=str(SCREENSHOTS / f"events-{name}-320.png"), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


def download_calendar(page):
    with page.expect_download() as info:
        page.get_by_role("link", name="Ajouter à mon agenda (.ics)").click()
    return Calendar.from_ical(Path(info.value.path()).read_bytes())


def test_it_promotes_from_the_waiting_list_reminds_and_gives_a_calendar_file(live_server, page, axe, inbox):
    places = make_territories()
    organiser = make_person(role="catalyst", email="orga@exemple.fr", first_name="Amandine", last_name="Moreau")
    alice = make_person(email="alice@exemple.fr", first_name="Alice", last_name="Durand")
    bruno = make_person(email="bruno@exemple.fr", first_name="Bruno", last_name="Petit")
    start = (timezone.now() + datetime.timedelta(hours=20)).replace(second=0, microsecond=0)
    event = services.event_create(
        title="Atelier\u00a0: cartographier les acteurs",
        kind="atelier",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        format="hybride",
        venue="Maison des associations",
        address="4 rue André Malraux",
        territory=places["saint_etienne"],
        online_url="https://visio.exemple.fr/salle-secrete-42",
        registration_mode="plateforme",
        capacity=1,
        organisers=[organiser],
        summary="Dresser la carte des acteurs des quatre mondes.",
        questions=[{"label": "Votre structure", "kind": "text", "required": True}],
    )
    services.event_register(event=event, user=alice, answers={str(event.questions.get().pk): "Mairie"})
    inbox.clear()

    # Bruno finds the event in the agenda, filtered with HTMX, and joins the waiting list.
    log_in(page, live_server, bruno.email)
    page.goto(live_server.url + "/evenements/")
    axe(page, "agenda")
    page.get_by_label("Webinaires").check()
    page.wait_for_url("**type=webinaire**")
    expect(page.locator(".result-count")).to_contain_text("0 événement")
    page.get_by_label("Webinaires").uncheck()
    page.wait_for_url(lambda url: "type=webinaire" not in url)
    expect(page.get_by_label("Webinaires")).not_to_be_checked()
    page.get_by_label("Ateliers").check()
    page.wait_for_url("**type=atelier**")
    expect(page.locator(".result-count")).to_contain_text("1 événement à venir")
    axe(page, "agenda filtré")
    shot(page, "agenda")
    page.get_by_role("link", name="Atelier\u00a0: cartographier les acteurs").click()
    page.wait_for_url(f"**{event.get_absolute_url()}")
    expect(page.locator(".places")).to_contain_text("Complet")
    assert "salle-secrete-42" not in page.content()
    axe(page, "événement complet")
    page.get_by_role("button", name="M’inscrire sur la liste d’attente").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_be_visible()  # the required question, unanswered
    axe(page, "inscription avec erreur")
    page.get_by_label("Votre structure").fill("Loire Solidarités Emploi")
    page.get_by_role("button", name="M’inscrire sur la liste d’attente").click()
    page.wait_for_load_state()
    expect(page.locator(".registration-status")).to_contain_text("Vous êtes sur la liste d’attente")
    expect(page.locator(".registration-status")).to_contain_text("(position 1)")
    axe(page, "liste d’attente")
    shot(page, "liste-attente")
    waiting_mail = inbox.wait_for(1)[0]
    assert waiting_mail["To"] == bruno.email
    assert "liste d’attente" in inbox.text(waiting_mail)
    calendar = download_calendar(page)
    [vevent] = calendar.walk("VEVENT")
    assert vevent["SUMMARY"] == event.title
    assert vevent["URL"] == live_server.url + event.get_absolute_url()
    assert "salle-secrete-42" not in vevent.to_ical().decode()
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"

    # Alice cancels: Bruno gets her place and an email.
    inbox.clear()
    log_in(page, live_server, alice.email)
    page.goto(live_server.url + event.get_absolute_url())
    expect(page.locator(".registration-status")).to_contain_text("Votre inscription est confirmée")
    assert "salle-secrete-42" in page.content()
    axe(page, "inscription confirmée")
    page.get_by_role("button", name="Annuler mon inscription").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status").first).to_contain_text("Votre inscription est annulée")
    promoted = inbox.wait_for(1)[0]
    assert promoted["To"] == bruno.email
    assert str(promoted["Subject"]).strip().startswith("Une place s’est libérée")
    assert "https://visio.exemple.fr/salle-secrete-42" in inbox.text(promoted)
    assert Registration.objects.get(user=bruno).is_confirmed

    # Bruno now sees his place and the link; his calendar file carries it too.
    log_in(page, live_server, bruno.email)
    page.goto(live_server.url + event.get_absolute_url())
    expect(page.locator(".registration-status")).to_contain_text("Votre inscription est confirmée")
    expect(page.locator(".online-link")).to_have_text("https://visio.exemple.fr/salle-secrete-42")
    calendar = download_calendar(page)
    assert "salle-secrete-42" in str(calendar.walk("VEVENT")[0]["DESCRIPTION"])
    shot(page, "inscription-confirmee")

    # The reminder of the day before leaves once, with the link, over SMTP.
    inbox.clear()
    call_command("send_event_reminders")
    call_command("send_event_reminders")
    reminder = inbox.wait_for(1)[0]
    assert reminder["To"] == bruno.email
    assert str(reminder["Subject"]).strip().startswith("Demain")
    assert "https://visio.exemple.fr/salle-secrete-42" in inbox.text(reminder)
    assert len(inbox.messages) == 1

    page.goto(live_server.url + "/evenements/mes-evenements/")
    axe(page, "mes événements")
    page.get_by_role("button", name="Créer mon adresse d’agenda").click()
    page.wait_for_load_state()
    feed_url = page.get_by_label("Adresse de votre agenda").input_value()
    axe(page, "mes événements avec agenda")
    response = page.request.get(feed_url)
    assert Calendar.from_ical(response.body()).walk("VEVENT")[0]["SUMMARY"] == event.title

    # The organiser's pages.
    log_in(page, live_server, organiser.email)
    page.goto(live_server.url + event.get_absolute_url())
    page.get_by_role("link", name="Inscriptions").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inscriptions")
    assert "Loire Solidarités Emploi" in page.content()
    axe(page, "inscriptions")
    shot(page, "inscriptions")
    page.get_by_role("link", name="Inviter").first.click()
    axe(page, "inviter")
    page.get_by_label("Adresses électroniques").fill("lea@exemple.fr")
    page.get_by_role("button", name="Envoyer les invitations").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status").first).to_contain_text("lea@exemple.fr")
    axe(page, "invitations envoyées")
    page.get_by_role("link", name="Présences").first.click()
    axe(page, "présences avant l’événement")
    page.get_by_role("link", name="Compte rendu").first.click()
    axe(page, "compte rendu avant l’événement")
    assert page.js_errors == [] or all("status of 400" in e for e in page.js_errors)


def test_after_the_event_the_organiser_marks_attendance_and_participants_get_their_certificate(
    live_server, page, axe, inbox
):
    places = make_territories()
    organiser = make_person(role="catalyst", email="orga@exemple.fr", first_name="Amandine", last_name="Moreau")
    alice = make_person(email="alice@exemple.fr", first_name="Alice", last_name="Durand", world="association")
    bruno = make_person(email="bruno@exemple.fr", first_name="Bruno", last_name="Petit")
    start = timezone.now() + datetime.timedelta(days=2)
    event = services.event_create(
        title="Visite apprenante des Jardins du Scorff",
        kind="visite",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        format="presentiel",
        territory=places["saint_etienne"],
        registration_mode="plateforme",
        organisers=[organiser],
    )
    services.event_register(event=event, user=alice)
    services.event_register(event=event, user=bruno)
    event.starts_at = timezone.now() - datetime.timedelta(hours=4)
    event.ends_at = timezone.now() - datetime.timedelta(hours=1)
    event.save()

    log_in(page, live_server, organiser.email)
    page.goto(live_server.url + f"/evenements/{event.slug}/presences/")
    page.get_by_label("Alice Durand").check()
    page.get_by_role("button", name="Enregistrer les présences").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status").first).to_contain_text("1 présente(s), 1 absente(s)")
    axe(page, "présences")
    page.get_by_role("link", name="Compte rendu").first.click()
    page.get_by_label("Compte rendu (facultatif)").fill(
        "## Ce que nous retenons\n\nLes cantines changent avec les maraîchers."
    )
    page.get_by_label("Lien du replay").fill("https://video.exemple.fr/visite")
    page.get_by_label("Publier le compte rendu sur la page de l’événement").check()
    page.get_by_role("button", name="Enregistrer le compte rendu").click()
    page.wait_for_url(f"**{event.get_absolute_url()}#compte-rendu")
    expect(page.locator("#compte-rendu")).to_contain_text("Ce que nous retenons")
    expect(page.locator(".report-figures")).to_contain_text("Association (1)")
    axe(page, "compte rendu publié")

    log_in(page, live_server, alice.email)
    page.goto(live_server.url + event.get_absolute_url())
    page.get_by_label("4 — Très bien").check()
    page.get_by_label("Ce que vous en retenez, ce qui manquait").fill("Très concret.")
    page.get_by_role("button", name="Envoyer mon avis").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status").first).to_contain_text("Merci pour votre avis")
    axe(page, "avis envoyé")
    shot(page, "apres-evenement")
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger mon attestation de présence (PDF)").click()
    import io

    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(Path(info.value.path()).read_bytes())).pages[0].extract_text()
    assert "Alice Durand" in " ".join(text.split())

    log_in(page, live_server, bruno.email)
    page.goto(live_server.url + event.get_absolute_url())
    assert page.get_by_role("link", name="Télécharger mon attestation de présence (PDF)").count() == 0
    axe(page, "absent")
    page.goto(live_server.url + "/evenements/?quand=passes")
    expect(page.locator(".result-count")).to_contain_text("1 événement passé")
    axe(page, "agenda passé")
    page.goto(live_server.url + places["loire"].get_absolute_url())
    expect(page.locator("#block-events")).to_be_visible()
    assert "Visite apprenante des Jardins du Scorff" in page.content()
    axe(page, "page du territoire")


def test_a_facilitator_puts_an_event_on_the_agenda(live_server, page, axe):
    make_territories()
    facilitator = make_person(role="facilitator", email="elodie@exemple.fr", first_name="Élodie", last_name="Fabre")
    log_in(page, live_server, facilitator.email)
    page.goto(live_server.url + "/evenements/")
    page.get_by_role("link", name="Organiser un événement").click()
    page.wait_for_url("**/evenements/nouveau/")
    axe(page, "organiser un événement")
    page.get_by_role("button", name="Créer l’événement").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page, "formulaire d’événement avec erreurs")
    page.get_by_label("Titre").fill("Rencontre régionale des catalyseurs")
    page.get_by_label("Rencontre du réseau").check()
    page.get_by_label("Résumé").fill("Une journée pour partager les alliances de la région.")
    page.get_by_label("Début").fill("2027-09-16T09:30")
    page.get_by_label("Fin", exact=True).fill("2027-09-16T17:00")
    page.get_by_label("Sur place", exact=True).check()
    page.get_by_role("combobox", name="Commune").fill("Saint-Étienne")
    page.get_by_label("Inscription sur Catalyse").check()
    page.get_by_label("Axes (facultatif)").fill("Modèles hybrides | 30\nÉvaluation | 30")
    page.get_by_label("Publié").check()
    page.get_by_role("button", name="Créer l’événement").click()
    page.wait_for_url("**/evenements/rencontre-regionale-des-catalyseurs-2027/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rencontre régionale des catalyseurs")
    expect(page.locator(".track-list")).to_contain_text("Évaluation")
    axe(page, "événement créé")
    page.get_by_role("link", name="Modifier").first.click()
    axe(page, "modifier l’événement")
    shot(page, "formulaire")
