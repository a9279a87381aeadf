"""Autocomplete of territories: load the whole of France, then replay what people type, keystroke by keystroke.

Prints, for each database (a fresh SQLite file, and PostgreSQL): the time of `territories_load()` (first
load, then the idempotent second one), and the latency p50/p95/max of every keystroke through the search
service `territories_search` and through the HTTP API (`GET /api/v1/territories`, Django test client).

    .venv/bin/python bench/territories_autocomplete.py
    .venv/bin/python bench/territories_autocomplete.py --databases sqlite --rounds 5
    .venv/bin/python bench/territories_autocomplete.py --postgres-url postgres://postgres@127.0.0.1:5432/catalyse_bench

Each database runs in its own process. The PostgreSQL database is dropped and created again: never point
--postgres-url at real data. Target: p95 well under 30 ms per keystroke on both.
"""

from __future__ import annotations

import argparse
import json
import os
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

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/catalyse_bench"

# What people type, in full; every prefix is one keystroke ("s", "sa", "sai"…).
PHRASES = [
    "saint-etienne",
    "lyon",
    "marseille 13",
    "42000",
    "ste foy",
    "aix en pro",
    "bordeuax",
    "oeuvre",
    "paris 15",
    "villeneuve d'ascq",
    "l’isle-adam",
    "metropole de lyon",
    "communaute de communes du pays",
    "strasbourg",
    "montpellier",
    "st jean de luz",
    "boulogne s/ mer",
    "chateauneuf",
    "bagneres de bigorre",
    "69003",
    "2a004",
    "roubiax",
    "sant etienne",
    "Île-de-France",
    "loire atlantique",
    "grenoble",
    "toulouse",
    "nantes",
]


def keystrokes() -> list[str]:
    typed = []
    for phrase in PHRASES:
        typed += [phrase[:n] for n in range(1, len(phrase) + 1) if phrase[:n].strip()]
    return typed


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": statistics.median(values),
        "p95": percentile(values, 0.95),
        "max": max(values),
    }


def child(database_url: str, rounds: int) -> dict[str, Any]:
    """Runs in its own process, against one database."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalyse.settings")
    os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="catalyse-bench-"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from catalyse.territories.search import territories_search
    from catalyse.territories.services import territories_load

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    counts = territories_load()
    first_load = time.perf_counter() - started
    started = time.perf_counter()
    again = territories_load()
    second_load = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum would do soon after a load
            cursor.execute("VACUUM ANALYZE")

    typed = keystrokes()
    client = Client(SERVER_NAME="localhost")
    for q in typed:  # warm the caches once
        territories_search(q=q, limit=10)
    service: list[float] = []
    api: list[float] = []
    slowest: list[tuple[float, str]] = []
    for _round in range(rounds):
        for q in typed:
            started = time.perf_counter()
            territories_search(q=q, limit=10)
            elapsed = (time.perf_counter() - started) * 1000
            service.append(elapsed)
            slowest.append((elapsed, q))
            started = time.perf_counter()
            response = client.get("/api/v1/territories", {"q": q, "limit": 10})
            api.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (q, response.status_code)
    examples = {
        q: [m.territory.name for m in territories_search(q=q, limit=3)]
        for q in ["saint-etienne", "marseille 13", "42000", "ste foy", "aix en pro", "bordeuax", "oeuvre"]
    }
    return {
        "vendor": connection.vendor,
        "counts": {k: counts[k] for k in ("region", "departement", "epci", "commune", "arrondissement", "alias")},
        "search_rows": counts["search_rows"],
        "first_load_s": first_load,
        "second_load_s": second_load,
        "second_load_written": again["search_rows_written"] + again["created"] + again["updated"],
        "keystrokes": len(typed),
        "service_ms": summary(service),
        "api_ms": summary(api),
        "slowest": sorted(slowest, reverse=True)[:5],
        "examples": examples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=DEFAULT_PG)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(child(args.child, args.rounds)))
        return

    results = []
    with tempfile.TemporaryDirectory(prefix="catalyse-bench-") as tmp:
        for database in args.databases.split(","):
            if database == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'territories.sqlite3'}"
            else:
                url = args.postgres_url
                recreate_postgres(url)
            command = [sys.executable, __file__, "--child", url, "--rounds", str(args.rounds)]
            output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
            results.append(json.loads(output.stdout.strip().splitlines()[-1]))

    for result in results:
        print(f"== {result['vendor']}: {result['counts']}, {result['search_rows']:,} search rows")
        print(
            f"   load: {result['first_load_s']:.1f} s (first), {result['second_load_s']:.1f} s "
            f"(again: {result['second_load_written']} rows written)"
        )
        print(f"   {result['keystrokes']} keystrokes × rounds:")
        for label in ("service_ms", "api_ms"):
            s = result[label]
            figures = f"p50 {s['p50']:5.1f} ms   p95 {s['p95']:5.1f} ms   max {s['max']:5.1f} ms"
            print(f"   {label[:-3]:>8}: {figures}   (n={s['n']})")
        print("   slowest (service): " + ", ".join(f"{q!r} {ms:.1f} ms" for ms, q in result["slowest"]))
        for q, names in result["examples"].items():
            print(f"   {q!r:>16} → {', '.join(names)}")


if __name__ == "__main__":
    main()
