"""Facilitators put events on the agenda; organisers change them, and the people registered are told."""

import pytest
from icalendar import Calendar

from catalyse.events import services
from catalyse.events.models import Event, Registration
from catalyse.tests_support.typography import typography_errors

from .conftest import make_event, person

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title": "Atelier\u00a0: évaluer l’impact",
        "kind": "atelier",
        "summary": "Choisir sa méthode d’évaluation.",
        "starts_at": "2027-05-20T09:30",
        "ends_at": "2027-05-20T12:30",
        "format": "hybride",
        "venue": "Maison des associations",
        "address": "4 rue André Malraux",
        "territory": "Saint-Étienne",
        "online_url": "https://visio.exemple.fr/atelier",
        "registration_mode": "plateforme",
        "capacity": "40",
        "tracks": "Indicateurs | 20\nRécits | 20",
        "questions": "Votre structure | obligatoire\nDéjeuner ? | Oui ; Non | obligatoire\nRemarques",
        "status": "published",
    }
    data.update(overrides)
    return data


def test_a_facilitator_creates_an_event_with_tracks_and_questions(client, facilitator, places):
    client.force_login(facilitator)
    page = client.get("/evenements/nouveau/")
    assert page.status_code == 200
    assert typography_errors(page.content.decode()) == []
    response = client.post("/evenements/nouveau/", form_data())
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.slug == "atelier-evaluer-l-impact-2027"
    assert event.territory == places["saint_etienne"] and event.departement == places["loire"]
    assert event.starts_at.isoformat() == "2027-05-20T07:30:00+00:00"  # 9 h 30 in Paris
    assert list(event.organisers.all()) == [facilitator]
    assert [(t.title, t.capacity) for t in event.tracks.all()] == [("Indicateurs", 20), ("Récits", 20)]
    questions = [(q.label, q.kind, q.choices, q.required) for q in event.questions.all()]
    assert questions == [
        ("Votre structure", "text", [], True),
        ("Déjeuner ?", "choice", ["Oui", "Non"], True),
        ("Remarques", "text", [], False),
    ]
    assert "Organiser un événement" in client.get("/evenements/").content.decode()


@pytest.mark.parametrize("who", ["catalyst", "pilot_member", "outsider"])
def test_only_facilitators_create_events(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/evenements/nouveau/").status_code == 403
    assert client.post("/evenements/nouveau/", form_data()).status_code == 403
    assert "Organiser un événement" not in client.get("/evenements/").content.decode()
    client.logout()
    assert client.get("/evenements/nouveau/").status_code == 302
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"territory": ""}, "Indiquez la commune"),
        ({"territory": "Loire"}, "Indiquez une commune"),
        ({"ends_at": "2027-05-20T08:00"}, "La fin doit venir après le début"),
        ({"starts_at": "demain matin"}, "Indiquez une date et une heure"),
        ({"tracks": "Indicateurs | beaucoup"}, "Ligne 1"),
        ({"questions": "Déjeuner ? | Oui"}, "au moins deux réponses"),
        ({"registration_mode": "externe"}, "Donnez l’adresse où s’inscrire"),
        ({"registration_closes_at": "2027-06-01T10:00"}, "La clôture des inscriptions doit précéder"),
        ({"capacity": "0"}, "supérieure ou égale à 1"),
    ],
)
def test_mistakes_are_explained_in_french(client, facilitator, places, overrides, message):
    client.force_login(facilitator)
    response = client.post("/evenements/nouveau/", form_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode().replace("\u00a0", " ").replace("\u202f", " ")
    assert not Event.objects.exists()


def test_organisers_change_their_event_and_the_people_registered_are_told(
    client, places, inbox, django_capture_on_commit_callbacks
):
    organiser = person("orga")
    event = make_event(organisers=[organiser], capacity=1)
    alice, bruno = person("alice"), person("bruno")
    services.event_register(event=event, user=alice)
    services.event_register(event=event, user=bruno)  # waiting
    client.force_login(organiser)
    page = client.get(f"/evenements/{event.slug}/modifier/").content.decode()
    assert "mécénat de compétences" in page
    data = form_data(
        title=event.title, kind="webinaire", format="en_ligne", territory="", capacity="2", tracks="", questions=""
    )
    data["starts_at"], data["ends_at"] = "2027-03-01T14:00", "2027-03-01T16:00"
    inbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/evenements/{event.slug}/modifier/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.sequence == 1
    assert Registration.objects.get(user=bruno).is_confirmed  # a second place: promoted
    received = inbox.wait_for(3)
    subjects = sorted((m["To"], str(m["Subject"]).strip().split("\u00a0:")[0]) for m in received)
    assert subjects == [
        (alice.email, "Changement"),
        (bruno.email, "Changement"),
        (bruno.email, "Une place s’est libérée"),
    ]
    change = next(m for m in received if str(m["Subject"]).strip().startswith("Changement") and m["To"] == alice.email)
    assert "lundi 1 mars 2027" in inbox.text(change)
    ics = next(a for a in change.iter_attachments() if a.get_filename() == "evenement.ics")
    vevent = Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]
    assert vevent["SEQUENCE"] == 1

    inbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/evenements/{event.slug}/modifier/", {**data, "status": "cancelled"})
    received = inbox.wait_for(2)
    assert sorted(m["To"] for m in received) == [alice.email, bruno.email]
    assert all(str(m["Subject"]).strip().startswith("Événement annulé") for m in received)
    ics = next(a for a in received[0].iter_attachments() if a.get_filename() == "evenement.ics")
    assert Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_a_track_with_registrations_cannot_be_removed(client, facilitator):
    event = make_event(kind="rencontre", tracks=[{"title": "Indicateurs"}, {"title": "Récits"}])
    services.event_register(event=event, user=person("alice"), track=event.tracks.get(title="Récits"))
    client.force_login(facilitator)
    data = form_data(title=event.title, format="en_ligne", territory="", tracks="Indicateurs", questions="")
    response = client.post(f"/evenements/{event.slug}/modifier/", data)
    assert response.status_code == 400
    assert "Des personnes sont inscrites à l’axe « Récits »" in response.content.decode().replace("\u00a0", " ")
    assert event.tracks.count() == 2


def test_other_members_cannot_change_an_event(client, catalyst):
    event = make_event(organisers=[person("orga")])
    client.force_login(catalyst)
    assert client.get(f"/evenements/{event.slug}/modifier/").status_code == 403
    assert client.post(f"/evenements/{event.slug}/modifier/", form_data()).status_code == 403
