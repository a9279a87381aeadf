"""Rebuild every organisation card of the suggestions (after a bulk import of organisations or a reload of
the territorial reference: both bypass the signals that keep the cards in step)."""

from typing import Any

from django.core.management.base import BaseCommand

from catalyse.matching.services import cards_rebuild


class Command(BaseCommand):
    help = "Reconstruit les fiches des organisations qui servent aux suggestions (besoins et offres)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = cards_rebuild()
        self.stdout.write(f"Fiches reconstruites : {count}.")
