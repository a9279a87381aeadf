"""The observatory at national scale: 1,200,000 partnerships, on SQLite and PostgreSQL.

Prints, for each database (a fresh SQLite file under /tmp, and a dedicated PostgreSQL database): the
time of `generate_partnerships`, of `export_partnerships`, and for four typical dashboard queries the
p50 of the API (`GET /api/v1/observatory/partnerships`, Django test client, summary tables) beside the
p50 of DuckDB counting the same thing in memory from the exported CSV (loaded once into a DuckDB table;
the time of that load is printed too). Each API answer is checked against DuckDB's.

    .venv/bin/python bench/observatory.py
    .venv/bin/python bench/observatory.py --count 200000 --databases sqlite --rounds 20

Each database runs in its own process. The PostgreSQL database is dropped and created again: never point
--postgres-url at real data.
"""

# SQL and paths here are built from the bench's own constants, never from input.
# ruff: noqa: S608, S108
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/catalyse_bench_obs"
SQLITE_FILE = Path("/tmp/catalyse_bench_obs.sqlite3")

# (name, API parameters): what the dashboards ask most.
QUERIES = [
    ("France par mode", {"group_by": "mode"}),
    ("innovation sociétale par année", {"group_by": "year", "mode": "innovation_societale"}),
    ("départements, 2010–2020", {"group_by": "departement", "year_from": "2010", "year_to": "2020"}),
    ("Auvergne-Rhône-Alpes par type", {"group_by": "org_type", "territory": "region:84"}),
]

DUCK_TABLE = """CREATE TABLE p AS SELECT * FROM read_csv('{path}', header = true, columns = {{
  'id': 'BIGINT', 'start_year': 'INTEGER', 'end_year': 'INTEGER', 'modes': 'VARCHAR', 'commune': 'VARCHAR',
  'epci': 'VARCHAR', 'departement': 'VARCHAR', 'region': 'VARCHAR', 'themes': 'VARCHAR', 'partner_types': 'VARCHAR'
}})"""


def duck_sql(params: dict[str, str]) -> tuple[str, str]:
    """(total, groups) in SQL with the contract's semantics: multi-valued fields count once per value."""
    where = ["TRUE"]
    territory = params.get("territory")
    if territory:
        level, code = territory.split(":")
        where.append(f"{level} = '{code}'")
    if params.get("year_from"):
        where.append(f"start_year >= {int(params['year_from'])}")
    if params.get("year_to"):
        where.append(f"start_year <= {int(params['year_to'])}")
    if params.get("mode"):
        where.append(f"list_contains(string_split(modes, ';'), '{params['mode']}')")
    condition = " AND ".join(where)
    total = f"SELECT count(*) FROM p WHERE {condition}"
    key = params["group_by"]
    if key in ("mode", "org_type"):
        column = "modes" if key == "mode" else "partner_types"
        groups = (
            f"SELECT k, count(*) FROM (SELECT unnest(string_split({column}, ';')) AS k FROM p WHERE {condition}) "
            "GROUP BY k"
        )
    elif key == "year":
        groups = f"SELECT CAST(start_year AS VARCHAR), count(*) FROM p WHERE {condition} GROUP BY 1"
    else:
        groups = f"SELECT {key}, count(*) FROM p WHERE {condition} AND {key} IS NOT NULL AND {key} <> '' GROUP BY 1"
    return total, groups


def p50(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def worker(args: argparse.Namespace) -> dict[str, Any]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalyse.settings")
    django.setup()
    import duckdb
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from catalyse.partnerships.exports import partnerships_export
    from catalyse.partnerships.generation import partnerships_generate
    from catalyse.partnerships.models import ObservatoryCell, ObservatoryFacetCell
    from catalyse.territories.services import territories_load

    settings.ALLOWED_HOSTS.append("testserver")
    out: dict[str, Any] = {"vendor": connection.vendor}
    call_command("migrate", verbosity=0)
    if args.reuse:
        from catalyse.partnerships.choices import MODE_KEYS
        from catalyse.partnerships.models import Partnership

        out.update(generate_s=0.0, generate_steps={"reused": 0.0}, organisations=0, partners=0)
        out["modes"] = {m: Partnership.objects.counted().with_mode(m).count() for m in MODE_KEYS}
    else:
        started = time.perf_counter()
        territories_load()
        out["territories_s"] = time.perf_counter() - started
        started = time.perf_counter()
        report = partnerships_generate(count=args.count, seed=args.seed)
        out["generate_s"] = time.perf_counter() - started
        out["generate_steps"] = report.seconds
        out["modes"] = report.modes
        out["organisations"] = report.organisations
        out["partners"] = report.partners
    out["cells"] = ObservatoryCell.objects.count()
    out["facet_cells"] = ObservatoryFacetCell.objects.count()
    csv_path = Path(f"/tmp/catalyse_bench_obs_{connection.vendor}.csv")
    started = time.perf_counter()
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        out["exported"] = partnerships_export(out=handle)
    out["export_s"] = time.perf_counter() - started

    duck = duckdb.connect()
    started = time.perf_counter()
    duck.execute(DUCK_TABLE.format(path=csv_path))
    out["duck_load_s"] = time.perf_counter() - started
    client = Client()
    results = []
    for name, params in QUERIES:
        url = "/api/v1/observatory/partnerships?" + "&".join(f"{k}={v}" for k, v in params.items())
        answer = client.get(url)
        assert answer.status_code == 200, answer.content
        body = answer.json()
        total_sql, groups_sql = duck_sql(params)
        duck_total = duck.execute(total_sql).fetchone()[0]
        duck_groups = {str(k): n for k, n in duck.execute(groups_sql).fetchall()}
        api_groups = {g["key"]: g["count"] for g in body["groups"]}
        equal = body["total"] == duck_total and api_groups == duck_groups
        api_times, duck_times = [], []
        for _round in range(args.rounds):
            t = time.perf_counter()
            client.get(url)
            api_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            duck.execute(total_sql).fetchone()
            duck.execute(groups_sql).fetchall()
            duck_times.append(time.perf_counter() - t)
        results.append(
            {"name": name, "url": url, "api_p50_ms": p50(api_times), "duck_p50_ms": p50(duck_times), "equal": equal}
        )
    out["queries"] = results
    # DuckDB straight from the file, as a one-off question would be asked (no table kept in memory).
    t = time.perf_counter()
    duck.execute(
        f"SELECT count(*) FROM read_csv('{csv_path}', header = true, columns = {{'id': 'BIGINT', 'start_year': "
        "'INTEGER', 'end_year': 'INTEGER', 'modes': 'VARCHAR', 'commune': 'VARCHAR', 'epci': 'VARCHAR', "
        "'departement': 'VARCHAR', 'region': 'VARCHAR', 'themes': 'VARCHAR', 'partner_types': 'VARCHAR'})"
    ).fetchone()
    out["duck_scan_file_ms"] = (time.perf_counter() - t) * 1000
    return out


def prepare_postgres(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def run(database: str, args: argparse.Namespace) -> dict[str, Any]:
    env = dict(os.environ)
    if database == "sqlite":
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
    else:
        if not args.reuse:
            prepare_postgres(args.postgres_url)
        env["DATABASE_URL"] = args.postgres_url
    command = [sys.executable, __file__, "--worker", "--count", str(args.count), "--seed", str(args.seed)]
    command += ["--rounds", str(args.rounds)] + (["--reuse"] if args.reuse else [])
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{database}: the worker failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def show(result: dict[str, Any], count: int) -> None:
    print(f"\n== {result['vendor']} — {count:,} partenariats ==".replace(",", " "))
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in result["generate_steps"].items())
    print(f"generate_partnerships : {result['generate_s']:.1f} s ({steps})")
    print(
        f"  {result['organisations']:,} organisations, {result['partners']:,} liens ; tables de synthèse : "
        f"{result['cells']:,} + {result['facet_cells']:,} lignes".replace(",", " ")
    )
    shares = ", ".join(f"{k} {100 * v / max(count, 1):.1f} %" for k, v in result["modes"].items())
    print(f"  modes : {shares}")
    print(f"export_partnerships : {result['export_s']:.1f} s ({result['exported']:,} lignes)".replace(",", " "))
    print(f"DuckDB : chargement du CSV en mémoire {result['duck_load_s']:.2f} s ; "
          f"un count(*) relu depuis le fichier {result['duck_scan_file_ms']:.0f} ms")  # fmt: skip
    print(f"{'requête':36} {'API p50':>10} {'DuckDB p50':>11}  égal")
    for q in result["queries"]:
        print(f"{q['name']:36} {q['api_p50_ms']:8.2f} ms {q['duck_p50_ms']:8.2f} ms  {'oui' if q['equal'] else 'NON'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1_200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG))
    parser.add_argument("--reuse", action="store_true", help="keep the data of the last run: measure the queries only")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return
    for database in [d.strip() for d in args.databases.split(",") if d.strip()]:
        result = run("sqlite" if database == "sqlite" else "postgresql", args)
        show(result, args.count)
        if not all(q["equal"] for q in result["queries"]):
            raise SystemExit("Une réponse de l’API diffère de DuckDB.")


if __name__ == "__main__":
    main()
