"""manage.py export_partnerships FILE.csv (contracts.md)."""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalyse.partnerships.exports import partnerships_export


class Command(BaseCommand):
    help = (
        "Exporte les partenariats confirmés en CSV, une ligne par partenariat : "
        "id,start_year,end_year,modes,commune,epci,departement,region,themes,partner_types."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Fichier CSV à écrire (- pour la sortie standard).")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        path = options["path"]
        if path == "-":
            count = partnerships_export(out=self.stdout)  # type: ignore[arg-type]
            return
        try:
            with Path(path).open("w", encoding="utf-8", newline="") as handle:
                count = partnerships_export(out=handle)
        except OSError as exc:
            raise CommandError(f"Impossible d’écrire {path} : {exc.strerror}.") from exc
        self.stdout.write(
            self.style.SUCCESS(f"{count} partenariats exportés dans {path} en {time.perf_counter() - started:.1f} s.")
        )
