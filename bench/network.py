"""The network view of a large territory: time of `/observatoire/reseau/<level>/<code>/` on generated data.

Generates COUNT partnerships (real communes, in proportion to population) in a fresh SQLite file, then
prints, for the most populated départements and a région, the number of partnerships, organisations and
links and the p50 of the page (Django test client; the first answer, which lays the graph out, apart).

    .venv/bin/python bench/network.py --count 300000
"""

# Paths here are the bench's own constants.
# ruff: noqa: S108
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SQLITE_FILE = Path("/tmp/catalyse_bench_network.sqlite3")
TERRITORIES = ["departement:59", "departement:75", "departement:42", "region:84"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="keep the database of a previous run")
    args = parser.parse_args()
    if not args.reuse:
        SQLITE_FILE.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalyse.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from catalyse.partnerships.filters import Filters
    from catalyse.partnerships.generation import partnerships_generate
    from catalyse.partnerships.network import network_build
    from catalyse.territories.models import Territory
    from catalyse.territories.services import territories_load

    settings.ALLOWED_HOSTS.append("testserver")
    call_command("migrate", verbosity=0)
    if not args.reuse:
        territories_load()
        started = time.perf_counter()
        partnerships_generate(count=args.count, seed=1)
        print(f"generate_partnerships --count {args.count}: {time.perf_counter() - started:.1f} s")
    client = Client()
    from django.contrib.auth.models import AnonymousUser

    for ref in TERRITORIES:
        level, code = ref.split(":")
        territory = Territory.objects.get(level=level, code=code)
        network = network_build(user=AnonymousUser(), territory=territory, filters=Filters())
        url = f"/observatoire/reseau/{level}/{code}/"
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        first = time.perf_counter() - started
        samples = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            assert client.get(url).status_code == 200
            samples.append(time.perf_counter() - started)
        print(
            f"{territory.name} ({ref}): {network.partnership_count} partenariats, {network.node_count} organisations,"
            f" {network.edge_count} liens, {len(network.nodes)} dessinées — première réponse {first * 1000:.0f} ms,"
            f" p50 {statistics.median(samples) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
