"""manage.py import_resources FILE.jsonl — all or nothing (contracts.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalyse.resources.imports import ImportFailed, resources_import


class Command(BaseCommand):
    help = (
        "Importe des ressources depuis un fichier JSON Lines (un objet par ligne). Tout ou rien : "
        "à la moindre erreur, rien n’est modifié."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Fichier .jsonl à importer (- pour l’entrée standard).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        try:
            if path == "-":
                import sys

                report = resources_import(lines=sys.stdin)
            else:
                with Path(path).open(encoding="utf-8-sig") as handle:
                    report = resources_import(lines=handle)
        except FileNotFoundError as exc:
            raise CommandError(f"Fichier introuvable : {path}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"Le fichier {path} n’est pas encodé en UTF-8 : enregistrez-le en UTF-8.") from exc
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(f"Erreur {error}")
            raise CommandError(
                "Import annulé : aucune ressource n’a été modifiée. Corrigez le fichier et relancez."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Import terminé : {report.created} créée(s), {report.updated} mise(s) à jour "
                f"(dont {report.unchanged} sans changement). created={report.created} updated={report.updated}"
            )
        )
