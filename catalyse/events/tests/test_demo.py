"""The demo events: the seed's meeting and webinars, a past meeting with its report; loading twice changes nothing."""

import pytest
from icalendar import Calendar

from catalyse.accounts import demo as accounts_demo
from catalyse.events import demo
from catalyse.events.models import Event, Registration, Track
from catalyse.territories.services import territories_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    territories_load(departements=["75", "69", "42"])
    accounts_demo.demo_load()
    demo.demo_load()


def test_it_loads_the_seed_meeting_with_its_four_axes_and_the_webinars(loaded, client):
    meeting = Event.objects.get(slug="4e-rencontre-du-reseau-ensemble-innovons-2027")
    assert meeting.theme == "Ensemble innovons\u202f!"
    assert meeting.edition == 4
    assert meeting.starts_at.date().isoformat() == "2027-06-12"
    assert [t.title for t in meeting.tracks.all()] == [
        "Les modèles socio-économiques hybrides",
        "L’impact de la digitalisation",
        "Les mutations des compétences",
        "La diversité des modes d’évaluation",
    ]
    assert meeting.territory.name == "Paris"
    cnfpt = Event.objects.get(slug="webinaire-cnfpt-collectivites-co-construction-2027")
    assert cnfpt.organiser_label.startswith("CNFPT")
    assert cnfpt.starts_at.isoformat() == "2027-04-03T10:00:00+00:00"  # 12:00 in Paris
    assert cnfpt.ends_at.isoformat() == "2027-04-03T12:00:00+00:00"
    territoires_conseils = Event.objects.get(slug__startswith="webinaire-territoires-conseils")
    assert territoires_conseils.starts_at.isoformat() == "2027-04-05T08:00:00+00:00"
    assert territoires_conseils.registration_mode == "externe"
    past = Event.objects.get(slug="3e-rencontre-du-reseau-2026")
    assert past.has_report()
    assert Registration.objects.filter(event=past, attended=True).count() == 4
    # Every demo page answers, and its calendar file parses.
    for event in Event.objects.all():
        assert client.get(event.get_absolute_url()).status_code == 200
        Calendar.from_ical(client.get(event.get_ics_url()).content)
    assert client.get("/evenements/").status_code == 200
    paris = client.get(meeting.territory.departement.get_absolute_url())
    assert "Ensemble innovons" in paris.content.decode()


def test_the_full_demo_webinar_has_a_waiting_list(loaded):
    webinar = Event.objects.get(slug="webinaire-mecenat-de-competences-2027")
    assert Registration.objects.confirmed().filter(event=webinar).count() == 2
    assert Registration.objects.waiting().filter(event=webinar).count() == 1


def test_loading_twice_changes_nothing(loaded):
    counts = (Event.objects.count(), Registration.objects.count(), Track.objects.count())
    accounts_demo.demo_load()
    demo.demo_load()
    assert (Event.objects.count(), Registration.objects.count(), Track.objects.count()) == counts
