"""After the event: the certificate of attendance (read back with pypdf) and the participants' feedback."""

import io

import pytest
from pypdf import PdfReader

from catalyse.events import services
from catalyse.events.models import Feedback, Registration

from .conftest import ago, later, make_event, person

pytestmark = pytest.mark.django_db


def past_event(**fields):
    event = make_event(starts_at=later(days=1), **fields)
    return event


def finish(event, *, hours_ago=2):
    event.starts_at, event.ends_at = ago(hours=hours_ago + 2), ago(hours=hours_ago)
    event.save()


def test_people_marked_present_download_their_certificate(client, places):
    organiser = person("orga")
    event = past_event(
        title="Atelier\u00a0: évaluer l’impact d’une alliance",
        kind="atelier",
        format="presentiel",
        territory=places["saint_etienne"],
        organisers=[organiser],
        organiser_name="Loire Solidarités Emploi",
    )
    amelie = person("amelie")
    amelie.first_name, amelie.last_name = "Amélie", "Lefèvre-Sørensen"
    amelie.save()
    registration = services.event_register(event=event, user=amelie)
    finish(event)
    services.event_attendance_mark(event=event, by=organiser, present=[registration.pk])
    client.force_login(amelie)
    assert "attestation de présence" in client.get(event.get_absolute_url()).content.decode()
    response = client.get(f"/evenements/{event.slug}/attestation.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Attestation de présence" in text
    assert "Amélie Lefèvre-Sørensen" in text
    assert "évaluer l’impact d’une alliance" in text
    assert "Saint-Étienne" in text
    assert "Loire Solidarités Emploi" in text
    assert reader.metadata.title.startswith("Attestation de présence")


def test_no_certificate_for_people_absent_unmarked_waiting_or_before_the_end(client):
    organiser = person("orga")
    event = past_event(organisers=[organiser], capacity=2)
    present, absent, unmarked, waiting = (person(n) for n in ("present", "absent", "unmarked", "waiting"))
    first = services.event_register(event=event, user=present)
    services.event_register(event=event, user=absent)
    services.event_register(event=event, user=waiting)
    url = f"/evenements/{event.slug}/attestation.pdf"
    # Not yet over.
    event.starts_at = ago(minutes=30)
    event.save()
    services.event_attendance_mark(event=event, by=organiser, present=[first.pk])
    client.force_login(present)
    assert client.get(url).status_code == 403
    finish(event)
    assert client.get(url).status_code == 200
    for who in (absent, unmarked, waiting, organiser):
        client.force_login(who)
        assert client.get(url).status_code == 403, who
    client.logout()
    assert client.get(url).status_code == 302


def test_participants_give_their_feedback_after_the_event(client):
    organiser = person("orga")
    event = past_event(organisers=[organiser])
    alice, bruno = person("alice"), person("bruno")
    services.event_register(event=event, user=alice)
    client.force_login(alice)
    response = client.post(f"/evenements/{event.slug}/avis/", {"rating": "5"})
    assert response.status_code == 403  # not started yet
    finish(event)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Votre avis" in page
    response = client.post(f"/evenements/{event.slug}/avis/", {"rating": "4", "comment": "Très concret."})
    assert response.status_code == 302
    response = client.post(f"/evenements/{event.slug}/avis/", {"rating": "5", "comment": "Encore mieux."})
    assert Feedback.objects.get(user=alice).rating == 5
    response = client.post(f"/evenements/{event.slug}/avis/", {"rating": "9"})
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.content.decode() or "note" in response.content.decode()
    client.force_login(bruno)  # not a participant
    assert "Votre avis" not in client.get(event.get_absolute_url()).content.decode()
    assert client.post(f"/evenements/{event.slug}/avis/", {"rating": "1"}).status_code == 403
    client.force_login(organiser)
    listing = client.get(f"/evenements/{event.slug}/inscrits/").content.decode()
    assert "Encore mieux." in listing
    assert Feedback.objects.count() == 1
    assert Registration.objects.count() == 1
