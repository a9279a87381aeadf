"""manage.py rebuild_observatory: refresh the territory codes of every partnership and rebuild the summary
tables (after `load_territories` brought a new geography; the tables are otherwise kept in step)."""

from typing import Any

from django.core.management.base import BaseCommand

from catalyse.partnerships.observatory import observatory_rebuild, partnerships_refresh_codes


class Command(BaseCommand):
    help = "Recalcule les codes territoriaux des partenariats et les tables de synthèse de l’observatoire."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = partnerships_refresh_codes()
        cells = observatory_rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"{changed} partenariat(s) ont changé de territoire ; tables reconstruites "
                f"({cells['cells']} + {cells['facet_cells']} lignes)."
            )
        )
