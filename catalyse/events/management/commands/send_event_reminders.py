"""Send the reminders due now, 7 days and 1 day before each event. Run it every 15 minutes, e.g. by cron:

    */15 * * * * cd /srv/catalyse && .venv/bin/python manage.py send_event_reminders

Safe to run twice or from several machines: each reminder is claimed once (ReminderSent) before it is queued."""

from typing import Any

from django.core.management.base import BaseCommand

from catalyse.events.services import event_reminders_send


class Command(BaseCommand):
    help = "Envoie les rappels d’événements dus (7 jours et 1 jour avant) ; chaque rappel ne part qu’une fois."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = event_reminders_send()
        self.stdout.write(f"Rappels envoyés : {counts.get('j-7', 0)} à une semaine, {counts.get('j-1', 0)} la veille.")
