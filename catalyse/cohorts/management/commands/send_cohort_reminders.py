"""Send the reminders of the cohorts' live meetings due now (the day before). Run it every 15 minutes, e.g.:

    */15 * * * * cd /srv/catalyse && .venv/bin/python manage.py send_cohort_reminders

Safe to run twice or from several machines: each meeting's reminder is claimed once before it is queued."""

from typing import Any

from django.core.management.base import BaseCommand

from catalyse.cohorts.services import meeting_reminders_send


class Command(BaseCommand):
    help = "Envoie les rappels des réunions en direct des cohortes (la veille) ; chaque rappel ne part qu’une fois."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = meeting_reminders_send()
        self.stdout.write(f"Rappels de réunion envoyés : {sent}.")
