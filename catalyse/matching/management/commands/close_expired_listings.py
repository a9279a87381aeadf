"""Close the needs and offers past their end date. Run it once a day, e.g. by cron:

5 0 * * * cd /srv/catalyse && .venv/bin/python manage.py close_expired_listings"""

from typing import Any

from django.core.management.base import BaseCommand

from catalyse.matching.services import listings_close_expired


class Command(BaseCommand):
    help = "Ferme les besoins et offres dont la date de fin est passée."

    def handle(self, *args: Any, **options: Any) -> None:
        count = listings_close_expired()
        self.stdout.write(f"Annonces closes : {count}.")
