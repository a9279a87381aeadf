"""Send the email digests that are due: `manage.py send_digests [--frequency daily|weekly] [--force]`.

Idempotent: run it from cron as often as you like; a notification is never sent twice, and each person
gets at most one digest per period (daily or weekly, their choice)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from catalyse.network.digests import digests_send
from catalyse.network.models import EmailFrequency


class Command(BaseCommand):
    help = "Envoie les résumés de notifications dus (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--frequency",
            choices=[EmailFrequency.DAILY.value, EmailFrequency.WEEKLY.value],
            help="Seulement les personnes qui ont choisi ce rythme.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Sans attendre la fin de la période (rattrapage, essais)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        run = digests_send(frequency=options.get("frequency"), force=options["force"])
        self.stdout.write(
            f"Résumés envoyés : {run.digests} ({run.notifications} notifications)\u00a0; "
            f"pas encore dus : {run.not_due}."
        )
