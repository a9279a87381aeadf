"""Tasks of the events: thin wrappers around services."""

from django_tasks import task

from catalyse.events.services import event_reminders_send


@task()
def send_event_reminders() -> dict[str, int]:
    """The reminders due now; enqueue it (or run `manage.py send_event_reminders`) every few minutes."""
    return event_reminders_send()
