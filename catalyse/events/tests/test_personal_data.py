"""What the events hold about a person: in their GDPR download, and gone (place freed) when they leave."""

import pytest

from catalyse.events import personal_data, services
from catalyse.events.models import CalendarFeed, Feedback, Registration

from .conftest import ago, make_event, person

pytestmark = pytest.mark.django_db


def test_it_exports_registrations_with_answers_and_feedback():
    event = make_event(questions=[{"label": "Votre structure", "kind": "text"}])
    alice = person("alice")
    services.event_register(event=event, user=alice, answers={str(event.questions.get().pk): "Mairie"})
    past = make_event(title="Passé")
    services.event_register(event=past, user=alice)
    past.starts_at, past.ends_at = ago(hours=3), ago(hours=1)
    past.save()
    services.event_feedback_submit(event=past, user=alice, rating=4, comment="Utile.")
    exported = personal_data.personal_data_export(alice)
    assert [r["événement"] for r in exported["inscriptions"]] == [event.slug, past.slug]
    assert exported["inscriptions"][0]["réponses"] == {str(event.questions.get().pk): "Mairie"}
    assert exported["avis"] == [
        {"événement": past.slug, "note": 4, "commentaire": "Utile.", "le": exported["avis"][0]["le"]}
    ]


def test_erasing_a_person_frees_their_place_for_the_next_one_waiting():
    event = make_event(capacity=1)
    alice, bruno = person("alice"), person("bruno")
    services.event_register(event=event, user=alice)
    services.event_register(event=event, user=bruno)
    services.calendar_feed_get_or_create(user=alice)
    personal_data.personal_data_erase(alice)
    assert not Registration.objects.filter(user=alice).exists()
    assert not CalendarFeed.objects.filter(user=alice).exists()
    assert not Feedback.objects.filter(user=alice).exists()
    assert Registration.objects.get(user=bruno).is_confirmed
