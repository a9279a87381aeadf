"""The agenda at scale: 2,000 events over real communes, 1,000 people and their registrations.

Prints, for each database (a fresh SQLite file, and PostgreSQL), the latency p50/p95/max of the agenda
(`/evenements/` with and without filters, the HTMX fragment, a later page), an event page, the API
(`GET /api/v1/events`) and a département's page with its events block, through the Django test client,
and the number of SQL queries of each (constant whatever the size).

    .venv/bin/python bench/events_agenda.py
    .venv/bin/python bench/events_agenda.py --databases sqlite --events 2000 --rounds 20
    .venv/bin/python bench/events_agenda.py --postgres-url postgres://postgres@127.0.0.1:5432/catalyse_bench

Each database runs in its own process. The PostgreSQL database is dropped and created again: never point
--postgres-url at real data. Target: p95 under 100 ms per page on both.
"""

from __future__ import annotations

import argparse
import datetime
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

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/catalyse_bench"
# Twelve départements in several régions (~4,000 communes): enough for territory filters to mean something.
DEPARTEMENTS = ["42", "69", "13", "75", "59", "2A", "35", "56", "26", "25", "64", "33"]


def summary(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "p50": statistics.median(values), "p95": percentile(values, 0.95), "max": max(values)}


def populate(n_events: int, n_people: int, seed: int) -> dict[str, int]:
    from django.db import transaction
    from django.utils import timezone

    from catalyse.accounts.models import User
    from catalyse.events.models import Event, Format, Kind, Registration, RegistrationMode, Track
    from catalyse.territories.models import Territory

    rng = random.Random(seed)
    communes = list(Territory.objects.filter(level="commune", kind="commune-actuelle").order_by("code"))
    weights = [max(c.population or 1, 1) for c in communes]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    with transaction.atomic():
        users = User.objects.bulk_create(
            [User(email=f"bench{i}@exemple.fr", first_name="Camille", last_name=f"Bench {i}") for i in range(n_people)]
        )
        events = []
        for index in range(n_events):
            kind = rng.choice(Kind.values)
            form = rng.choice(Format.values)
            commune = rng.choices(communes, weights)[0] if form != Format.ONLINE or rng.random() < 0.3 else None
            start = now + datetime.timedelta(days=rng.randint(-365, 365), hours=rng.randint(8, 18))
            event = Event(
                slug=f"bench-{index}",
                kind=kind,
                title=f"{Kind(kind).label} n° {index}",
                summary="Un événement du réseau des catalyseurs territoriaux, pour mesurer l’agenda.",
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=rng.choice([1, 2, 3, 7])),
                format=form,
                registration_mode=rng.choice([RegistrationMode.PLATFORM] * 4 + [RegistrationMode.NONE]),
                capacity=rng.choice([None, 20, 50, 200]),
                online_url="https://visio.exemple.fr/bench" if form != Format.IN_PERSON else "",
            )
            event.set_territory(commune)
            events.append(event)
        events = Event.objects.bulk_create(events, batch_size=500)
        tracks = [
            Track(event=event, title=f"Axe {n}", capacity=40, position=n)
            for event in events
            if event.kind == Kind.MEETING
            for n in range(4)
        ]
        Track.objects.bulk_create(tracks, batch_size=1000)
        registrations = []
        for event in events:
            for user in rng.sample(users, rng.randint(0, 25)):
                registrations.append(Registration(event=event, user=user, status="confirmed", confirmed_at=now))
        Registration.objects.bulk_create(registrations, batch_size=2000)
    return {"events": len(events), "people": len(users), "registrations": len(registrations), "tracks": len(tracks)}


def child(database_url: str, rounds: int, n_events: int, n_people: int, seed: int) -> dict[str, Any]:
    """Runs in its own process, against one database."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalyse.settings")
    os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="catalyse-bench-"))
    # Pages render with the static files found by the finders (no collectstatic manifest in a bench).
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client

    from catalyse.events.models import Event
    from catalyse.territories.models import Territory
    from catalyse.territories.services import territories_load

    call_command("migrate", verbosity=0)
    territories_load(departements=DEPARTEMENTS)
    started = time.perf_counter()
    counts = populate(n_events, n_people, seed)
    populate_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    loire = Territory.objects.get(level="departement", code="42")
    event = Event.objects.upcoming().first()
    assert event is not None
    pages = {
        "agenda": ("/evenements/", {}),
        "agenda kind": ("/evenements/", {"type": "atelier"}),
        "agenda région": ("/evenements/", {"territoire": "region:84"}),
        "agenda département": ("/evenements/", {"territoire": "departement:42", "type": ["webinaire", "atelier"]}),
        "agenda past p5": ("/evenements/", {"quand": "passes", "page": "5"}),
        "agenda htmx": ("/evenements/", {"type": "visite", "hx": "1"}),
        "event page": (event.get_absolute_url(), {}),
        "event .ics": (event.get_ics_url(), {}),
        "api": ("/api/v1/events", {"limit": "50"}),
        "api territory": ("/api/v1/events", {"territory": "departement:42"}),
        "territory page": (loire.get_absolute_url(), {}),
    }
    client = Client(SERVER_NAME="localhost")
    results: dict[str, Any] = {}
    for label, (url, params) in pages.items():
        headers = {"HX-Request": "true"} if params.pop("hx", None) else {}
        response = client.get(url, params, headers=headers)  # warm
        assert response.status_code == 200, (label, response.status_code)
        queries: list[str] = []

        def count(
            execute: Any, sql: str, parameters: Any, many: bool, context: Any, queries: list[str] = queries
        ) -> Any:
            queries.append(sql)
            return execute(sql, parameters, many, context)

        with connection.execute_wrapper(count):
            client.get(url, params, headers=headers)
        timings = []
        for _round in range(rounds):
            started = time.perf_counter()
            client.get(url, params, headers=headers)
            timings.append((time.perf_counter() - started) * 1000)
            reset_queries()
        results[label] = {**summary(timings), "queries": len(queries)}
    return {"vendor": connection.vendor, "counts": counts, "populate_s": populate_s, "pages": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=DEFAULT_PG)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(child(args.child, args.rounds, args.events, args.people, args.seed)))
        return

    results = []
    with tempfile.TemporaryDirectory(prefix="catalyse-bench-") as tmp:
        for database in args.databases.split(","):
            if database == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'events.sqlite3'}"
            else:
                url = args.postgres_url
                recreate_postgres(url)
            command = [
                sys.executable, __file__, "--child", url, "--rounds", str(args.rounds),
                "--events", str(args.events), "--people", str(args.people), "--seed", str(args.seed),
            ]  # fmt: skip
            output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
            results.append(json.loads(output.stdout.strip().splitlines()[-1]))

    for result in results:
        counts = result["counts"]
        print(
            f"== {result['vendor']}: {counts['events']:,} events, {counts['people']:,} people, "
            f"{counts['registrations']:,} registrations (made in {result['populate_s']:.1f} s)"
        )
        for label, s in result["pages"].items():
            print(
                f"   {label:>20}: p50 {s['p50']:6.1f} ms   p95 {s['p95']:6.1f} ms   max {s['max']:6.1f} ms"
                f"   {s['queries']:2d} queries   (n={s['n']})"
            )


if __name__ == "__main__":
    main()
