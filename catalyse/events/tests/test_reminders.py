"""Reminders 7 days and 1 day before: through the task queue, once, even if a worker dies mid-way."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from catalyse.events import services
from catalyse.events.models import Registration, ReminderSent

from .conftest import later, make_event, person

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}}


def register_long_ago(event, user):
    """Registered a month ago: both reminders concern them."""
    registration = services.event_register(event=event, user=user)
    Registration.objects.filter(pk=registration.pk).update(confirmed_at=event.starts_at - datetime.timedelta(days=30))
    return registration


@pytest.mark.django_db
def test_it_sends_the_day_reminder_once_even_when_the_command_runs_twice(inbox):
    event = make_event(starts_at=later(hours=20))
    alice = person("alice")
    register_long_ago(event, alice)
    inbox.clear()
    call_command("send_event_reminders")
    call_command("send_event_reminders")
    [mail] = inbox.wait_for(1)
    assert mail["To"] == alice.email
    assert str(mail["Subject"]).strip().startswith("Demain")
    body = inbox.text(mail)
    assert "https://visio.exemple.fr/salle-secrete-42" in body  # the private link, in the reminder
    assert [a.get_filename() for a in mail.iter_attachments()] == ["evenement.ics"]
    assert ReminderSent.objects.filter(registration__user=alice, kind="j-1").count() == 1
    assert len(inbox.messages) == 1


@pytest.mark.django_db
def test_it_sends_the_week_reminder_only_to_people_registered_before_that_week(inbox):
    event = make_event(starts_at=later(days=6))
    alice, bruno = person("alice"), person("bruno")
    register_long_ago(event, alice)
    services.event_register(event=event, user=bruno)  # registered today: the confirmation was enough
    inbox.clear()
    assert services.event_reminders_send() == {"j-1": 0, "j-7": 1}
    [mail] = inbox.wait_for(1)
    assert mail["To"] == alice.email
    assert "dans une semaine" in inbox.text(mail)


@pytest.mark.django_db
def test_it_leaves_out_people_waiting_cancelled_and_events_far_away_or_cancelled(inbox):
    soon = make_event(starts_at=later(hours=10), capacity=1)
    far = make_event(title="Loin", starts_at=later(days=30))
    cancelled = make_event(title="Annulé", starts_at=later(hours=10))
    alice, bruno, chloe = person("alice"), person("bruno"), person("chloe")
    register_long_ago(soon, alice)
    services.event_register(event=soon, user=bruno)  # waiting
    register_long_ago(far, chloe)
    register_long_ago(cancelled, chloe)
    services.event_update(event=cancelled, status="cancelled")
    leaving = register_long_ago(make_event(title="Quitté", starts_at=later(hours=10)), bruno)
    services.registration_cancel(registration=leaving, by=bruno)
    inbox.clear()
    assert services.event_reminders_send() == {"j-1": 1, "j-7": 0}
    assert [m["To"] for m in inbox.wait_for(1)] == [alice.email]


@pytest.mark.django_db(transaction=True)
def test_it_sends_nothing_and_claims_nothing_when_the_worker_dies_before_the_commit(monkeypatch, settings, inbox):
    """A crash between the claim and the queueing of the email: the transaction rolls back, nothing is lost."""
    settings.TASKS = DB_TASKS
    event = make_event(starts_at=later(hours=20))
    alice = person("alice")
    register_long_ago(event, alice)
    DBTaskResult.objects.all().delete()

    def crash(registration, kind):
        raise SystemExit("le processus s’arrête")

    monkeypatch.setattr(services, "_reminder_message", crash)
    with pytest.raises(SystemExit):
        services.event_reminders_send()
    assert not ReminderSent.objects.exists()
    assert not DBTaskResult.objects.exists()

    monkeypatch.undo()
    settings.TASKS = DB_TASKS
    assert services.event_reminders_send()["j-1"] == 1
    assert services.event_reminders_send()["j-1"] == 0  # claimed: a second run finds nothing
    # Queued (one email task), not yet sent: a worker sends it.
    assert DBTaskResult.objects.filter(task_path="catalyse.tasks.send_email").count() == 1
    call_command("db_worker", queue_name="*", batch=True, no_startup_delay=True, verbosity=0)
    [mail] = inbox.wait_for(1)
    assert mail["To"] == alice.email


@pytest.mark.django_db
def test_a_claim_rolled_back_with_its_email_is_claimed_again_later(settings, inbox):
    """The claim and the queued email are one transaction: if it rolls back, neither stays."""
    settings.TASKS = DB_TASKS
    event = make_event(starts_at=later(hours=20))
    registration = register_long_ago(event, person("alice"))
    DBTaskResult.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        assert services.reminder_send(registration_id=registration.pk, kind="j-1")
        assert DBTaskResult.objects.count() == 1
        raise RuntimeError("coupure")
    assert not ReminderSent.objects.exists() and not DBTaskResult.objects.exists()
    assert services.reminder_send(registration_id=registration.pk, kind="j-1")
    assert not services.reminder_send(registration_id=registration.pk, kind="j-1")
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db
def test_the_task_wraps_the_same_service(inbox):
    from catalyse.events.tasks import send_event_reminders

    event = make_event(starts_at=later(hours=20))
    register_long_ago(event, person("alice"))
    inbox.clear()
    result = send_event_reminders.enqueue()
    assert result.return_value == {"j-1": 1, "j-7": 0}
    assert len(inbox.wait_for(1)) == 1
