"""manage.py generate_partnerships --count N [--seed S] (contracts.md)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalyse.partnerships.choices import Mode
from catalyse.partnerships.generation import partnerships_generate
from catalyse.partnerships.services import PartnershipError


class Command(BaseCommand):
    help = (
        "Génère des organisations et des partenariats fictifs mais réalistes sur les communes réelles "
        "(il faut avoir chargé le référentiel territorial). Même graine, mêmes données ; une nouvelle "
        "génération remplace la précédente."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True, help="Nombre de partenariats (1 200 000 en France).")
        parser.add_argument("--seed", type=int, default=1, help="Graine du générateur (1 par défaut).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["count"] < 0:
            raise CommandError("--count doit être un nombre positif ou nul.")
        try:
            report = partnerships_generate(
                count=options["count"], seed=options["seed"], progress=lambda m: self.stderr.write(f"… {m}")
            )
        except PartnershipError as exc:
            raise CommandError(str(exc)) from exc
        total = report.partnerships or 1
        shares = ", ".join(f"{Mode(key).label} {n} ({100 * n / total:.1f}\u00a0%)" for key, n in report.modes.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.partnerships} partenariats, {report.organisations} organisations, "
                f"{report.partners} liens de partenaires générés en {report.seconds['total']:.1f} s."
            )
        )
        self.stdout.write(f"Modes d’action : {shares}.")
        self.stdout.write(
            f"partnerships={report.partnerships} organisations={report.organisations} partners={report.partners}"
        )
