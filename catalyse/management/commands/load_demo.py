"""Load realistic French demo content: every app adds its part through the registry."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from catalyse.lib.registry import registry


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent) de chaque partie de la plateforme."

    def handle(self, *args: Any, **options: Any) -> None:
        for loader in registry.demo_loaders:
            with transaction.atomic():
                counts = loader.load()
            summary = ", ".join(f"{name} : {count}" for name, count in counts.items()) or "rien"
            self.stdout.write(f"{loader.key} — {summary}")
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration chargé."))
