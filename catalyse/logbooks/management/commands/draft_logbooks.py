"""Draft the month's carnet de bord of every running journey. Run it once a month, e.g. on the 25th by cron:

    0 6 25 * * cd /srv/catalyse && .venv/bin/python manage.py draft_logbooks

Idempotent: an issue already drafted (or edited, or published) is left as it is."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from catalyse.logbooks.services import logbooks_draft_month


def _month(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(f"{value}-01")
    except ValueError as exc:
        raise CommandError(f"Mois invalide « {value} » : écrivez-le AAAA-MM, par exemple 2026-11.") from exc


class Command(BaseCommand):
    help = "Prépare le brouillon du carnet de bord du mois pour chaque parcours en cours (sans toucher aux existants)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="Le mois, AAAA-MM (par défaut : le mois en cours, heure de Paris).")

    def handle(self, *args: Any, **options: Any) -> None:
        month = _month(options["month"]) if options.get("month") else timezone.localdate().replace(day=1)
        with translation.override("fr"):
            counts = logbooks_draft_month(month=month)
        self.stdout.write(
            f"Carnets de bord de {month:%Y-%m} : {counts['préparés']} brouillon(s) préparé(s), "
            f"{counts['déjà là']} déjà là."
        )
