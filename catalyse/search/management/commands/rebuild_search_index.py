"""Re-index what the registered search sources hold now, and drop what they no longer hold."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalyse.lib.registry import registry
from catalyse.search.services import search_index_rebuild, search_vocabulary_rebuild


class Command(BaseCommand):
    help = "Reconstruit l’index de recherche à partir des sources enregistrées (toutes, ou --source)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", help="la clé d’une source, par exemple resource")
        parser.add_argument(
            "--vocabulary", action="store_true", help="recompter aussi le vocabulaire (corrections, complétion)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = options.get("source")
        known = [s.key for s in registry.search_sources]
        if source is not None and source not in known:
            raise CommandError(
                f"Source de recherche inconnue\u00a0: «\u00a0{source}\u00a0». "
                f"Sources enregistrées\u00a0: {', '.join(known) or 'aucune'}."
            )
        counts = search_index_rebuild(source=source)
        for key, count in counts.items():
            self.stdout.write(f"{key}\u00a0: {count} documents indexés")
        if not counts:
            self.stdout.write("Aucune source de recherche enregistrée.")
        if options["vocabulary"]:
            self.stdout.write(f"Vocabulaire\u00a0: {search_vocabulary_rebuild()} mots")
