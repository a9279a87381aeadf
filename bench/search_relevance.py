"""Search relevance: nDCG@10 and MRR of the French relevance set, on SQLite and on PostgreSQL.

The set (catalyse/search/tests/relevance.py) holds 41 documents of the kit and 40 queries as people
type them — missing or extra accents, upper case, elisions, plurals, verb forms, one typo per word,
hyphenated place names, several words, title over body — each with the documents it should find.

    .venv/bin/python bench/search_relevance.py                 # both engines
    .venv/bin/python bench/search_relevance.py --engines sqlite --verbose

Each engine runs in its own process against a fresh database (a temporary SQLite file; a PostgreSQL
database that is dropped and created again, so never point --postgres-url at real data).
Target: nDCG@10 of at least 0.9.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import recreate_postgres

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/catalyse_bench_relevance"


def worker(verbose: bool) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalyse.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from catalyse.search.tests import relevance

    engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    call_command("migrate", "search", verbosity=0)
    relevance.index_documents()
    scores = relevance.evaluate(relevance.search_keys)
    if verbose:
        for query, ndcg, rr, ranked in scores.per_query:
            flag = "" if ndcg >= 0.9 else "   <"
            print(f"[{engine}] {ndcg:.2f} {rr:.2f}  {query!r} → {', '.join(ranked[:3])}{flag}")
    print(
        f"[{engine}] {len(relevance.QUERIES)} queries over {len(relevance.DOCUMENTS)} documents: "
        f"nDCG@10 {scores.ndcg:.3f}, MRR {scores.mrr:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG))
    parser.add_argument("--verbose", action="store_true", help="one line per query")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.verbose)
        return
    for engine in args.engines.split(","):
        with tempfile.TemporaryDirectory(prefix="catalyse-relevance-") as tmp:
            env = dict(os.environ, VAR_DIR=tmp, SECRET_KEY="bench-only-not-secret", DEBUG="")  # noqa: S106
            if engine == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{tmp}/relevance.sqlite3"
            elif engine == "postgres":
                recreate_postgres(args.postgres_url)
                env["DATABASE_URL"] = args.postgres_url
            else:
                parser.error(f"unknown engine {engine!r}")
            command = [sys.executable, __file__, "--worker", *(["--verbose"] if args.verbose else [])]
            subprocess.run(command, env=env, check=True)


if __name__ == "__main__":
    main()
