"""Tasks of the cohorts: thin wrappers around services."""

from django_tasks import task

from catalyse.cohorts.services import meeting_reminders_send


@task()
def send_cohort_reminders() -> int:
    """The reminders of tomorrow's live meetings; enqueue it (or run `manage.py send_cohort_reminders`) often."""
    return meeting_reminders_send()
