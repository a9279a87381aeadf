"""manage.py import_partnerships FILE.csv — all or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalyse.partnerships.imports import COLUMNS, ImportFailed, partnerships_import


class Command(BaseCommand):
    help = (
        "Importe des partenariats depuis un fichier CSV (en-tête : " + ",".join(COLUMNS) + "). Tout ou rien : "
        "à la moindre erreur, rien n’est modifié."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Fichier CSV à importer, encodé en UTF-8.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        try:
            with Path(path).open(encoding="utf-8-sig", newline="") as handle:
                count = partnerships_import(lines=handle)
        except FileNotFoundError as exc:
            raise CommandError(f"Fichier introuvable : {path}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"Le fichier {path} n’est pas encodé en UTF-8 : enregistrez-le en UTF-8.") from exc
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(f"Erreur {error}")
            raise CommandError(
                "Import annulé : aucun partenariat n’a été créé. Corrigez le fichier et relancez."
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"{count} partenariat(s) importé(s)."))
