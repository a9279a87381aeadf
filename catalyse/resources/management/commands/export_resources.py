"""manage.py export_resources FILE.jsonl — the import format, so that an export imports again unchanged."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from catalyse.resources.imports import resources_export


class Command(BaseCommand):
    help = "Exporte les ressources publiées au format d’import_resources (JSON Lines)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Fichier .jsonl à écrire (- pour la sortie standard).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        if path == "-":
            count = resources_export(out=sys.stdout)
            return
        target = Path(path)
        partial = target.with_name(target.name + ".partiel")
        with partial.open("w", encoding="utf-8") as handle:
            count = resources_export(out=handle)
        partial.replace(target)
        self.stdout.write(self.style.SUCCESS(f"{count} ressource(s) exportée(s) dans {target}."))
