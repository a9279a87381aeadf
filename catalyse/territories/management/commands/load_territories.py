"""manage.py load_territories: the French administrative divisions shipped with Catalyse (idempotent)."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import number_format

from catalyse.territories.services import territories_load


def _count(value: int, singular: str, plural: str) -> str:
    """French plural: 0 and 1 take the singular."""
    return f"{number_format(value, force_grouping=True)} {singular if value < 2 else plural}"


class Command(BaseCommand):
    help = "Charge les divisions administratives françaises livrées avec Catalyse et affiche les nombres chargés."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--departement",
            action="append",
            dest="departements",
            metavar="CODE",
            help="ne charger que ce département (option répétable), par exemple --departement 42 --departement 2A",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            counts = territories_load(departements=options["departements"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        levels = ", ".join(
            [
                _count(counts["region"], "région", "régions"),
                _count(counts["departement"], "département", "départements"),
                _count(counts["epci"], "EPCI", "EPCI"),
                _count(counts["commune"], "commune", "communes"),
                _count(counts["arrondissement"], "arrondissement municipal", "arrondissements municipaux"),
            ]
        )
        aliases = _count(counts["alias"], "commune déléguée ou associée", "communes déléguées ou associées")
        self.stdout.write(f"Territoires chargés en {elapsed:.1f} s\u00a0: {levels}\u00a0; {aliases} (autres noms).")
        self.stdout.write(
            f"{_count(counts['created'], 'créé', 'créés')}, {_count(counts['updated'], 'mis à jour', 'mis à jour')}, "
            f"{_count(counts['unchanged'], 'inchangé', 'inchangés')}\u00a0; index de recherche\u00a0: "
            f"{_count(counts['search_rows'], 'ligne', 'lignes')} "
            f"({number_format(counts['search_rows_written'], force_grouping=True)} écrites)."
        )
