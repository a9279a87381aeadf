"""Suggestions for a need at 100,000 organisations, on SQLite and PostgreSQL.

Prints, for each database (a fresh SQLite file, and a dedicated PostgreSQL database): the time to load the
territories, to generate the organisations (bulk, spread over real communes in proportion to their population,
some placed only on an EPCI, a département or a région, some nowhere), their offers and needs, and to build the
organisation cards (`cards_rebuild`); then, for a sample of needs, the p50/p95/max of `suggestions_for` (the
ranked candidates, their organisations and offers, the reasons: what the detail page computes), how many rings
each answer reached and its number of SQL queries — and separately for needs without a territory (the whole of
France), the worst case. Then p50/p95 of the detail page through the Django test client.

    .venv/bin/python bench/matching.py
    .venv/bin/python bench/matching.py --organisations 20000 --databases sqlite --sample 100

Each database runs in its own process. The PostgreSQL database is dropped and created again: never point
--postgres-url at real data. Target: suggestions under 50 ms (p95) on both.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import percentile, recreate_postgres

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/catalyse_bench_matching"

ORG_TYPES = ["association", "entreprise", "collectivite", "etablissement_public", "academique", "fondation", "autre"]
ORG_TYPE_WEIGHTS = [45, 30, 10, 5, 3, 4, 3]
NAME_PARTS = {
    "association": ["Association", "Collectif", "Maison", "Réseau", "Amis de"],
    "entreprise": ["SARL", "SCOP", "Atelier", "Groupe", "Coopérative"],
    "collectivite": ["Commune de", "Ville de", "Communauté de communes", "Département"],
    "etablissement_public": ["Office", "Agence", "Centre"],
    "academique": ["Université", "Lycée", "École", "Laboratoire"],
    "fondation": ["Fondation", "Fonds de dotation"],
    "autre": ["Groupement", "Tiers-lieu"],
}
WORDS = ["solidaire", "du Pilat", "des Jardins", "Avenir", "Horizon", "Emploi", "Bois", "Numérique", "Rivière"]
KINDS = ["competences", "benevoles", "financement", "locaux", "materiel", "expertise", "acces_marche"]
THEMES = ["economique", "social", "environnemental", "societal"]


def generate(organisations: int, offers: int, needs: int, seed: int = 42) -> dict[str, Any]:
    """Organisations and listings in bulk (the services would refresh a card per row), then every card at once."""
    from django.db import transaction

    from catalyse.accounts.models import Organisation
    from catalyse.matching.models import THEME_KEYS, Listing, to_mask
    from catalyse.matching.services import cards_rebuild
    from catalyse.territories.models import Level, Territory

    rng = random.Random(seed)
    communes = list(
        Territory.objects.filter(level=Level.COMMUNE, kind="commune-actuelle", population__gt=0).values_list(
            "pk", "population"
        )
    )
    commune_ids = [pk for pk, _pop in communes]
    cumulative = list(itertools.accumulate(pop for _pk, pop in communes))
    epcis = list(Territory.objects.filter(level=Level.EPCI).values_list("pk", flat=True))
    departements = list(Territory.objects.filter(level=Level.DEPARTEMENT).values_list("pk", flat=True))
    regions = list(Territory.objects.filter(level=Level.REGION).values_list("pk", flat=True))
    parents = {
        pk: (level, region, departement, epci)
        for pk, level, region, departement, epci in Territory.objects.exclude(level=Level.COMMUNE)
        .values_list("pk", "level", "region_id", "departement_id", "epci_id")
        .iterator()
    }
    parents.update(
        {
            pk: ("commune", region, departement, epci)
            for pk, region, departement, epci in Territory.objects.filter(pk__in=set(commune_ids))
            .values_list("pk", "region_id", "departement_id", "epci_id")
            .iterator()
        }
    )

    started = time.perf_counter()
    with transaction.atomic():
        batch = []
        for index in range(organisations):
            org_type = rng.choices(ORG_TYPES, ORG_TYPE_WEIGHTS)[0]
            roll = rng.random()
            if roll < 0.04:
                territory = rng.choice(epcis)
            elif roll < 0.07:
                territory = rng.choice(departements)
            elif roll < 0.08:
                territory = rng.choice(regions)
            elif roll < 0.09:
                territory = None
            else:
                territory = rng.choices(commune_ids, cum_weights=cumulative)[0]
            name = f"{rng.choice(NAME_PARTS[org_type])} {rng.choice(WORDS)} {index}"
            batch.append(Organisation(name=name, slug=f"bench-{index}", org_type=org_type, territory_id=territory))
        Organisation.objects.bulk_create(batch, batch_size=5000)
    organisations_s = time.perf_counter() - started

    started = time.perf_counter()
    org_rows = list(Organisation.objects.filter(slug__startswith="bench-").values_list("pk", "territory_id"))
    with transaction.atomic():
        listings = []
        for direction, count in (("offer", offers), ("need", needs)):
            for index in range(count):
                org_id, territory = rng.choice(org_rows)
                listing = Listing(
                    organisation_id=org_id,
                    direction=direction,
                    kind=rng.choice(KINDS),
                    title=f"{'Offre' if direction == 'offer' else 'Besoin'} {index}",
                    description="Généré par bench/matching.py.",
                    themes=to_mask(rng.sample(THEMES, rng.randint(0, 3)), THEME_KEYS),
                    territory_id=territory,
                )
                if territory is not None:
                    level, region, departement, epci = parents[territory]
                    listing.region_id = territory if level == "region" else region
                    listing.departement_id = territory if level == "departement" else departement
                    listing.epci_id = territory if level == "epci" else epci
                listings.append(listing)
        Listing.objects.bulk_create(listings, batch_size=5000)
    listings_s = time.perf_counter() - started

    started = time.perf_counter()
    cards = cards_rebuild()
    cards_s = time.perf_counter() - started
    return {"organisations_s": organisations_s, "listings_s": listings_s, "cards_s": cards_s, "cards": cards}


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def measure(needs: list[Any], rounds: int) -> dict[str, Any]:
    from django.db import connection

    from catalyse.matching.suggestions import suggestions_for

    timings: list[float] = []
    rings: collections.Counter[str] = collections.Counter()
    queries: list[int] = []
    sizes: list[int] = []
    for need in needs:
        suggestions_for(need)  # warm
        for _round in range(rounds):
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                started = time.perf_counter()
                found = suggestions_for(need)
                timings.append((time.perf_counter() - started) * 1000)
            queries.append(counter.count)
        sizes.append(len(found))
        rings[["EPCI", "département", "région", "France"][max((s.ring for s in found), default=3)]] += 1
    return {
        "needs": len(needs),
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "max": max(timings),
        "queries_max": max(queries),
        "suggestions_min": min(sizes),
        "farthest_ring": dict(rings),
    }


def child(database_url: str, organisations: int, offers: int, needs: int, sample: int, rounds: int) -> dict[str, Any]:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalyse.settings")
    os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="catalyse-bench-"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.ALLOWED_HOSTS = ["*"]

    from catalyse.matching.models import Listing
    from catalyse.territories.services import territories_load

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    started = time.perf_counter()
    territories_load()
    territories_s = time.perf_counter() - started
    made = generate(organisations, offers, needs)
    with connection.cursor() as cursor:  # what autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) does
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    rng = random.Random(7)
    located = list(Listing.objects.needs().filter(territory__isnull=False).values_list("pk", flat=True))
    nowhere = list(Listing.objects.needs().filter(territory__isnull=True).values_list("pk", flat=True))
    pick = rng.sample(located, min(sample, len(located)))
    pick_nowhere = rng.sample(nowhere, min(max(sample // 10, 5), len(nowhere)))
    load = Listing.objects.select_related("organisation")
    located_needs = [load.get(pk=pk) for pk in pick]
    nowhere_needs = [load.get(pk=pk) for pk in pick_nowhere]
    results = {
        "located": measure(located_needs, rounds),
        "nowhere": measure(nowhere_needs, rounds),
    }

    client = Client(SERVER_NAME="localhost")
    page_timings = []
    for need in located_needs[:30]:
        url = need.get_absolute_url()
        assert client.get(url).status_code == 200
        started = time.perf_counter()
        client.get(url)
        page_timings.append((time.perf_counter() - started) * 1000)
    return {
        "vendor": connection.vendor,
        "organisations": organisations,
        "offers": offers,
        "needs": needs,
        "territories_s": territories_s,
        **made,
        **results,
        "page_p50": statistics.median(page_timings),
        "page_p95": percentile(page_timings, 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=DEFAULT_PG)
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--offers", type=int, default=30_000)
    parser.add_argument("--needs", type=int, default=20_000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [str(args.organisations), str(args.offers), str(args.needs), str(args.sample), str(args.rounds)]

    if args.child:
        print(json.dumps(child(args.child, *(int(value) for value in sizes))))
        return

    results = []
    with tempfile.TemporaryDirectory(prefix="catalyse-bench-") as tmp:
        for database in args.databases.split(","):
            if database == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'matching.sqlite3'}"
            else:
                url = args.postgres_url
                recreate_postgres(url)
            command = [sys.executable, __file__, "--child", url, "--organisations", sizes[0], "--offers", sizes[1]]
            command += ["--needs", sizes[2], "--sample", sizes[3], "--rounds", sizes[4]]
            output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
            results.append(json.loads(output.stdout.strip().splitlines()[-1]))

    for result in results:
        print(
            f"== {result['vendor']}: {result['organisations']:,} organisations in {result['organisations_s']:.1f} s, "
            f"{result['offers']:,} offers and {result['needs']:,} needs in {result['listings_s']:.1f} s, "
            f"{result['cards']:,} cards built in {result['cards_s']:.1f} s "
            f"(territories {result['territories_s']:.1f} s)"
        )
        for key, label in (("located", "needs with a territory"), ("nowhere", "needs without territory (France)")):
            row = result[key]
            print(
                f"   suggestions, {label:<34} {row['needs']:>4} needs  p50 {row['p50']:5.1f} ms  "
                f"p95 {row['p95']:5.1f} ms  max {row['max']:5.1f} ms  ≤{row['queries_max']} queries  "
                f"farthest ring {row['farthest_ring']}"
            )
        print(
            f"   detail page with its suggestions (test client)   p50 {result['page_p50']:5.1f} ms  "
            f"p95 {result['page_p95']:5.1f} ms"
        )


if __name__ == "__main__":
    main()
