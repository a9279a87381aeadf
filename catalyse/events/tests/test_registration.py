"""Registration: capacity, waiting list, promotion (with an email), tracks, questions, cancellation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalyse.events import services
from catalyse.events.models import Registration, RegistrationStatus

from .conftest import ago, later, make_event, person

pytestmark = pytest.mark.django_db


def test_it_confirms_while_places_remain_then_puts_people_on_the_waiting_list(
    inbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2)
    alice, bruno, chloe, david = (person(n) for n in ("alice", "bruno", "chloe", "david"))
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [services.event_register(event=event, user=u).status for u in (alice, bruno, chloe, david)]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]
    assert Registration.objects.confirmed().filter(event=event).count() == 2
    chloe_reg = Registration.objects.get(event=event, user=chloe)
    david_reg = Registration.objects.get(event=event, user=david)
    assert (chloe_reg.waiting_position(), david_reg.waiting_position()) == (1, 2)
    messages = inbox.wait_for(4)
    subjects = {m["To"]: str(m["Subject"]).strip() for m in messages}
    assert subjects[alice.email].startswith("Inscription confirmée")
    assert subjects[chloe.email].startswith("Liste d’attente")
    # The confirmation carries the calendar file and the private link; the waiting list's does not.
    alice_mail = inbox.to(alice.email)[0]
    assert "salle-secrete-42" in inbox.text(alice_mail)
    assert [a.get_filename() for a in alice_mail.iter_attachments()] == ["evenement.ics"]
    assert "salle-secrete-42" not in inbox.text(inbox.to(chloe.email)[0])


def test_it_promotes_the_first_person_waiting_when_a_place_frees_and_tells_them(
    inbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    alice, bruno, chloe = person("alice"), person("bruno"), person("chloe")
    for user in (alice, bruno, chloe):
        services.event_register(event=event, user=user)
    inbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=Registration.objects.get(user=alice), by=alice)
    assert [r.user for r in promoted] == [bruno]
    assert Registration.objects.get(user=alice).status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(user=bruno).status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(user=chloe).status == RegistrationStatus.WAITING
    assert Registration.objects.get(user=chloe).waiting_position() == 1
    [mail] = inbox.wait_for(1)
    assert mail["To"] == bruno.email
    assert str(mail["Subject"]).strip().startswith("Une place s’est libérée")
    assert "salle-secrete-42" in inbox.text(mail)


def test_it_does_not_promote_anyone_when_someone_leaves_the_waiting_list():
    event = make_event(capacity=1)
    alice, bruno, chloe = person("alice"), person("bruno"), person("chloe")
    for user in (alice, bruno, chloe):
        services.event_register(event=event, user=user)
    assert services.registration_cancel(registration=Registration.objects.get(user=bruno), by=bruno) == []
    assert Registration.objects.get(user=chloe).status == RegistrationStatus.WAITING
    assert Registration.objects.get(user=chloe).waiting_position() == 1


def test_it_promotes_people_waiting_when_the_organisers_add_places(facilitator):
    event = make_event(capacity=1)
    users = [person(n) for n in ("alice", "bruno", "chloe")]
    for user in users:
        services.event_register(event=event, user=user)
    services.event_update(event=event, capacity=3)
    assert Registration.objects.confirmed().filter(event=event).count() == 3


def test_it_lets_someone_register_again_after_cancelling_at_the_back_of_the_queue():
    event = make_event(capacity=1)
    alice, bruno = person("alice"), person("bruno")
    services.event_register(event=event, user=alice)
    services.registration_cancel(registration=Registration.objects.get(user=alice), by=alice)
    services.event_register(event=event, user=bruno)
    again = services.event_register(event=event, user=alice)
    assert again.status == RegistrationStatus.WAITING
    assert Registration.objects.filter(event=event, user=alice).count() == 1


def test_it_refuses_a_second_registration_and_closed_registrations():
    alice = person("alice")
    event = make_event()
    services.event_register(event=event, user=alice)
    with pytest.raises(ValidationError, match="déjà inscrit"):
        services.event_register(event=event, user=alice)
    started = make_event(title="Commencé", starts_at=ago(minutes=10))
    with pytest.raises(ValidationError, match="closes"):
        services.event_register(event=started, user=alice)
    closed = make_event(title="Clos", registration_closes_at=ago(hours=1))
    with pytest.raises(ValidationError, match="closes"):
        services.event_register(event=closed, user=alice)
    elsewhere = make_event(title="Ailleurs", registration_mode="externe", external_registration_url="https://x.fr/")
    with pytest.raises(ValidationError, match="closes"):
        services.event_register(event=elsewhere, user=alice)


def test_it_counts_places_per_track():
    event = make_event(
        kind="rencontre",
        capacity=None,
        tracks=[{"title": "Modèles hybrides", "capacity": 1}, {"title": "Digitalisation", "capacity": 2}],
    )
    hybrid, digital = event.tracks.all()
    alice, bruno, chloe = person("alice"), person("bruno"), person("chloe")
    assert services.event_register(event=event, user=alice, track=hybrid).is_confirmed
    assert services.event_register(event=event, user=bruno, track=hybrid).is_waiting
    assert services.event_register(event=event, user=chloe, track=digital).is_confirmed
    assert services.places_left(event, hybrid) == 0
    assert services.places_left(event, digital) == 1
    # A place freed in "Digitalisation" does not promote someone waiting for "Modèles hybrides".
    services.registration_cancel(registration=Registration.objects.get(user=chloe), by=chloe)
    assert Registration.objects.get(user=bruno).is_waiting
    services.registration_cancel(registration=Registration.objects.get(user=alice), by=alice)
    assert Registration.objects.get(user=bruno).is_confirmed


def test_it_skips_people_waiting_for_a_full_track_and_promotes_the_next_who_fits():
    event = make_event(
        kind="rencontre", capacity=2, tracks=[{"title": "A", "capacity": 1}, {"title": "B", "capacity": 5}]
    )
    track_a, track_b = event.tracks.all()
    alice, bruno, chloe, david = (person(n) for n in ("alice", "bruno", "chloe", "david"))
    services.event_register(event=event, user=alice, track=track_a)
    services.event_register(event=event, user=bruno, track=track_b)
    services.event_register(event=event, user=chloe, track=track_a)  # waits: event full (and track A full)
    services.event_register(event=event, user=david, track=track_b)  # waits: event full
    services.registration_cancel(registration=Registration.objects.get(user=bruno), by=bruno)
    assert Registration.objects.get(user=chloe).is_waiting  # track A is still full
    assert Registration.objects.get(user=david).is_confirmed


def test_it_requires_a_track_from_this_event():
    event = make_event(kind="rencontre", tracks=[{"title": "A"}])
    other = make_event(title="Autre", kind="rencontre", tracks=[{"title": "B"}])
    alice = person("alice")
    with pytest.raises(ValidationError) as error:
        services.event_register(event=event, user=alice)
    assert "track" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.event_register(event=event, user=alice, track=other.tracks.get())
    assert "n’appartient pas" in error.value.message_dict["track"][0]


def test_it_validates_the_answers_to_the_questions():
    event = make_event(
        questions=[
            {"label": "Votre structure", "kind": "text", "required": True},
            {"label": "Déjeuner", "kind": "choice", "choices": ["Oui", "Non"], "required": True},
            {"label": "Remarques", "kind": "text", "required": False},
        ]
    )
    structure, lunch, remarks = event.questions.all()
    alice = person("alice")
    with pytest.raises(ValidationError) as error:
        services.event_register(event=event, user=alice, answers={str(lunch.pk): "Peut-être"})
    errors = error.value.message_dict
    assert "Répondez à la question « Votre structure »" in errors[structure.field_name][0].replace("\u00a0", " ")
    assert "Oui, Non" in errors[lunch.field_name][0]
    assert not Registration.objects.exists()
    registration = services.event_register(
        event=event, user=alice, answers={structure.field_name: "  Mairie de Lorient ", str(lunch.pk): "Non"}
    )
    assert registration.answers == {str(structure.pk): "Mairie de Lorient", str(lunch.pk): "Non"}
    assert remarks.field_name not in registration.answers


def test_it_refuses_an_answer_too_long():
    event = make_event(questions=[{"label": "Remarques", "kind": "text"}])
    question = event.questions.get()
    with pytest.raises(ValidationError, match="1000"):
        services.event_register(event=event, user=person("alice"), answers={str(question.pk): "x" * 1001})


def test_only_the_person_or_an_organiser_cancels_and_not_once_started(facilitator):
    event = make_event()
    alice, bruno = person("alice"), person("bruno")
    registration = services.event_register(event=event, user=alice)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(registration=registration, by=bruno)
    services.registration_cancel(registration=registration, by=facilitator)
    with pytest.raises(ValidationError, match="déjà annulée"):
        services.registration_cancel(registration=registration, by=alice)
    started = make_event(title="En cours", starts_at=later(days=1))
    registration = services.event_register(event=started, user=alice)
    started.starts_at = ago(minutes=5)
    started.save()
    with pytest.raises(ValidationError, match="commencé"):
        services.registration_cancel(registration=registration, by=alice)


def test_it_refuses_an_event_that_ends_before_it_starts():
    with pytest.raises(ValidationError) as error:
        make_event(starts_at=later(days=3), ends_at=later(days=2))
    assert "ends_at" in error.value.message_dict
