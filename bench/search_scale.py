"""Search at scale: index N synthetic French documents through the search services, then time queries.

Prints, for each engine (SQLite FTS5 and PostgreSQL full text): the indexing time, the index size,
and the latency (p50/p95/p99) of a realistic mix of queries through `search_documents` (what the
API and the page call) and through the HTTP API itself.

    .venv/bin/python bench/search_scale.py                      # 100,000 documents, both engines
    .venv/bin/python bench/search_scale.py --count 20000 --engines sqlite
    .venv/bin/python bench/search_scale.py --postgres-url postgres://postgres@127.0.0.1:5432/catalyse_bench_search

Each engine runs in its own process against a fresh database (a temporary SQLite file; a PostgreSQL
database that is dropped and created again, so never point --postgres-url at real data).
Targets: index 100,000 documents in under 2 minutes; p95 under 50 ms on SQLite, 25 ms on PostgreSQL.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from _common import percentile, recreate_postgres

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/catalyse_bench_search"
TERRITORIES = ROOT / "catalyse" / "territories" / "data" / "territories.json.gz"

KINDS = [("cadre", 1), ("illustration", 4), ("methode", 3), ("outil", 2)]
THEMES = ["economique", "social", "environnemental", "societal"]
FORMS = ["animation", "experimentation", "accompagnement"]
OBJECTIVES = ["comprendre", "s_approprier", "innover"]
AUDIENCES = ["collectivite", "association", "entreprise", "academique", "acteur_public", "citoyen"]
ACTORS = [
    "les collectivités", "les associations", "les entreprises", "les chercheurs", "les habitants",
    "la mission locale", "les agriculteurs", "les bailleurs sociaux", "les écoles", "les PME",
    "la communauté de communes", "le conseil départemental", "la région", "les fondations",
    "les acteurs de l’insertion", "les clubs sportifs", "les centres sociaux", "les commerçants",
    "les artisans", "les jeunes", "les retraités", "les bénévoles", "les élus", "les agents publics",
]  # fmt: skip
SUBJECTS = [
    "la coopération territoriale", "l’animation du territoire", "l’évaluation d’impact", "la gouvernance partagée",
    "le diagnostic partagé", "le mécénat de compétences", "l’insertion professionnelle", "la mobilité solidaire",
    "l’inclusion numérique", "la transition énergétique", "l’économie circulaire", "les circuits courts",
    "la restauration collective", "la santé de proximité", "l’accès aux droits", "le logement des jeunes",
    "la revitalisation du centre-bourg", "les tiers-lieux", "le réemploi des matériaux", "la ressource en eau",
    "la biodiversité", "la sobriété énergétique", "l’emploi des seniors", "l’égalité femmes-hommes",
    "la lutte contre l’isolement", "la culture pour tous", "le sport santé", "l’alimentation durable",
    "l’accompagnement des organisations", "les expérimentations collectives", "le financement participatif",
    "les groupements d’employeurs", "la formation des bénévoles", "le codéveloppement entre pairs",
    "la capitalisation d’expérience", "la participation citoyenne", "la concertation des habitants",
    "le changement d’échelle", "l’essaimage des projets", "la responsabilité sociétale des entreprises",
]  # fmt: skip
VERBS = [
    "animer", "évaluer", "financer", "mobiliser", "organiser", "construire", "piloter", "accompagner",
    "développer", "partager", "expérimenter", "coopérer autour de", "essaimer", "valoriser", "capitaliser sur",
]  # fmt: skip
TITLE_TEMPLATES = [
    "{Place} : {subject} avec {actor}",
    "{Verb} {subject} à {place}",
    "Guide pour {verb} {subject}",
    "Fiche outil : {subject}",
    "{Subject}, l’exemple de {place}",
    "Comment {verb} {subject} quand on est {actor_short}",
    "Retour d’expérience : {subject} en {departement}",
    "{Subject} et {subject2}",
]
SENTENCES = [
    "À {place}, {actor} et {actor2} ont décidé de travailler ensemble sur {subject}.",
    "Le projet est né d’un constat partagé : {subject} restait l’affaire de quelques-uns.",
    "Un comité de pilotage réunit chaque trimestre {actor}, {actor2} et des représentants de {actor3}.",
    "La démarche s’appuie sur un diagnostic partagé réalisé avec {actor}.",
    "Pour {verb} {subject}, l’équipe a d’abord recensé les ressources existantes du territoire.",
    "Les premiers résultats sont encourageants : {number} personnes ont participé dès la première année.",
    "Le budget annuel de {number} 000 euros est financé par {actor} et par une fondation d’entreprise.",
    "Les partenaires ont signé une charte qui précise les engagements de chacun.",
    "Une évaluation participative mesure chaque année l’impact de l’alliance sur {subject2}.",
    "Des ateliers ouverts aux habitants permettent d’ajuster les actions au fil du temps.",
    "La coopération entre {actor} et {actor2} a demandé du temps et de la confiance.",
    "Les salariés des entreprises partenaires s’engagent dans des missions de mécénat de compétences.",
    "Le département de {departement} soutient la démarche depuis {year}.",
    "L’expérimentation doit être étendue à d’autres communes de {region} d’ici deux ans.",
    "Une visite apprenante a permis à d’autres territoires de découvrir le projet.",
    "Cette fiche décrit pas à pas comment {verb} {subject} avec peu de moyens.",
    "Les difficultés rencontrées tiennent surtout à la disponibilité des bénévoles.",
    "Le carnet de bord du projet consigne chaque mois les décisions et les apprentissages.",
    "Les indicateurs suivis portent sur {subject} et sur {subject2}.",
    "Les élus de {place} présentent le projet comme un exemple de co-construction territoriale.",
    "La gouvernance associe à parts égales {actor}, {actor2} et {actor3}.",
    "Un animateur à mi-temps coordonne le réseau et prépare les rencontres.",
    "Le modèle économique repose sur des ressources hybrides, publiques et privées.",
    "Les enjeux économiques, sociaux et environnementaux sont traités ensemble.",
]
FALLBACK_PLACES = [
    ("Saint-Étienne", "42", "84"), ("Aix-en-Provence", "13", "93"), ("Villeneuve-d’Ascq", "59", "32"),
    ("Lyon", "69", "84"), ("Nantes", "44", "52"), ("Grenoble", "38", "84"), ("Marseille", "13", "93"),
    ("Lille", "59", "32"), ("Strasbourg", "67", "44"), ("Bordeaux", "33", "75"), ("Rennes", "35", "53"),
    ("Montpellier", "34", "76"), ("Toulouse", "31", "76"), ("Dijon", "21", "27"), ("Brest", "29", "53"),
]  # fmt: skip


def load_places() -> tuple[list[tuple[str, str, str, str]], dict[str, str], dict[str, str]]:
    """(name, commune code, departement, region) for communes, plus names of départements and régions."""
    if TERRITORIES.exists():
        with gzip.open(TERRITORIES) as file:
            data = json.loads(file.read())
        communes = [
            (row[1], row[0], row[3], row[4])
            for row in data["communes"]
            if row[2] == "commune-actuelle" and row[3] and row[4]
        ]
        departements = {row[0]: row[1] for row in data["departements"]}
        regions = {row[0]: row[1] for row in data["regions"]}
        return communes, departements, regions
    communes = [(name, f"{dep}000", dep, reg) for name, dep, reg in FALLBACK_PLACES]
    return communes, {dep: f"département {dep}" for _n, dep, _r in FALLBACK_PLACES}, {}


def generate(count: int, seed: int) -> Iterator[Any]:
    from catalyse.lib.registry import SearchEntry

    rng = random.Random(seed)
    communes, departements, regions = load_places()
    # Big places come up more often, as in a real kit.
    weights = [1.0 / (1 + i) ** 0.6 for i in range(len(communes))]
    rng.shuffle(weights)
    cumulative = list(itertools.accumulate(weights))
    kinds = [k for k, w in KINDS for _ in range(w)]
    paris = ZoneInfo("Europe/Paris")
    for number in range(count):
        name, code, dep, reg = rng.choices(communes, cum_weights=cumulative)[0]
        subject, subject2 = rng.sample(SUBJECTS, 2)
        actor, actor2, actor3 = rng.sample(ACTORS, 3)
        verb = rng.choice(VERBS)
        slots = {
            "place": name,
            "Place": name,
            "subject": subject,
            "Subject": subject[0].upper() + subject[1:],
            "subject2": subject2,
            "actor": actor,
            "actor2": actor2,
            "actor3": actor3,
            "actor_short": actor.split(" ", 1)[-1],
            "verb": verb,
            "Verb": verb[0].upper() + verb[1:],
            "departement": departements.get(dep, dep),
            "region": regions.get(reg, "la région"),
            "number": rng.randint(12, 480),
            "year": rng.randint(2012, 2025),
        }
        title = rng.choice(TITLE_TEMPLATES).format(**slots)
        summary = " ".join(rng.choice(SENTENCES).format(**slots) for _ in range(2))
        body = " ".join(rng.choice(SENTENCES).format(**slots) for _ in range(rng.randint(6, 12)))
        year = rng.randint(2015, 2026)
        yield SearchEntry(
            key=f"ressource-{number}",
            title=title,
            summary=summary,
            body=body,
            url=f"/ressources/ressource-{number}/",
            kind=rng.choice(kinds),
            facets={
                "themes": rng.sample(THEMES, rng.randint(1, 2)),
                "forms": rng.sample(FORMS, rng.randint(0, 2)),
                "objective": rng.choice(OBJECTIVES),
                "audiences": rng.sample(AUDIENCES, rng.randint(1, 3)),
                "territories": [f"commune:{code}", f"departement:{dep}", f"region:{reg}"],
                "year": year,
            },
            published_at=datetime(year, rng.randint(1, 12), rng.randint(1, 28), 9, tzinfo=paris),
        )


def query_mix(seed: int, count: int) -> list[str]:
    """What people type: topics, places, several words, typos, unfinished words."""
    from catalyse.search.tests.relevance import QUERIES

    rng = random.Random(seed + 1)
    communes, _d, _r = load_places()
    big = [c[0] for c in communes[:2000]]
    words = sorted({w for s in SUBJECTS for w in s.replace("’", " ").split() if len(w) > 4})
    queries = [q.query for q in QUERIES]

    def typo(word: str) -> str:
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]

    makers = [
        lambda: rng.choice(queries),
        lambda: rng.choice(words),
        lambda: " ".join(rng.sample(words, 2)),
        lambda: f"{rng.choice(words)} {rng.choice(big)}",
        lambda: rng.choice(big),
        lambda: typo(rng.choice(words)),
        lambda: rng.choice(words)[: rng.randint(3, 6)],
        lambda: rng.choice(SUBJECTS),
    ]
    return [rng.choice(makers)() for _ in range(count)]


def worker(args: argparse.Namespace) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalyse.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from catalyse.search.models import SearchDocument, SearchTerm
    from catalyse.search.services import search_index_bulk_upsert

    engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    call_command("migrate", "search", verbosity=0)
    if args.reuse:
        return query_bench(args, engine)
    started = time.perf_counter()
    entries = list(generate(args.count, args.seed))
    print(f"[{engine}] generated {len(entries):,} documents in {time.perf_counter() - started:.1f} s (not counted)")
    started = time.perf_counter()
    indexed = search_index_bulk_upsert(source="resource", entries=entries, batch_size=args.batch)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
            cursor.execute("SELECT pg_database_size(current_database())")
        else:
            cursor.execute("PRAGMA optimize")
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        size = cursor.fetchone()[0]
    print(f"[{engine}] indexed {indexed:,} documents in {elapsed:.1f} s ({indexed / elapsed:,.0f} documents/s)")
    print(
        f"[{engine}] {SearchDocument.objects.count():,} documents, {SearchTerm.objects.count():,} vocabulary "
        f"words, database {size / 1e6:,.0f} MB"
    )
    query_bench(args, engine)


def query_bench(args: argparse.Namespace, engine: str) -> None:
    from django.test import Client

    from catalyse.search.query import search_documents

    queries = query_mix(args.seed, args.queries)
    started = time.perf_counter()
    for query in queries:  # a first pass warms the caches, as a running server has them
        search_documents(query, limit=20)
    print(f"[{engine}] first pass over the {len(queries)} queries (cold caches): {time.perf_counter() - started:.1f} s")
    timings, found = [], []
    for query in queries:
        start = time.perf_counter()
        results = search_documents(query, limit=20)
        timings.append((time.perf_counter() - start) * 1000)
        found.append(results.count)
    print(
        f"[{engine}] search_documents, {len(queries)} queries: p50 {percentile(timings, 0.5):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms, p99 {percentile(timings, 0.99):.1f} ms, max {max(timings):.1f} ms; "
        f"median {statistics.median(found):,.0f} results per query"
    )
    client = Client(HTTP_HOST="localhost")
    api_timings = []
    for query in queries:
        start = time.perf_counter()
        response = client.get("/api/v1/search", {"q": query, "limit": 20})
        api_timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (query, response.status_code, response.content[:200])
    print(
        f"[{engine}] GET /api/v1/search, {len(queries)} requests: p50 {percentile(api_timings, 0.5):.1f} ms, "
        f"p95 {percentile(api_timings, 0.95):.1f} ms, p99 {percentile(api_timings, 0.99):.1f} ms"
    )
    slow = sorted(zip(timings, queries, found, strict=True), reverse=True)[:5]
    print(f"[{engine}] slowest: " + "; ".join(f"{q!r} {t:.0f} ms ({n:,} results)" for t, q, n in slow))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG))
    parser.add_argument("--sqlite-path", help="keep the SQLite database there (default: a temporary file)")
    parser.add_argument("--reuse", action="store_true", help="query the databases as they are, without indexing")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    print(f"Search at scale: {args.count:,} synthetic French documents, {args.queries} queries (seed {args.seed})")
    for engine in args.engines.split(","):
        with tempfile.TemporaryDirectory(prefix="catalyse-bench-") as tmp:
            env = dict(os.environ, VAR_DIR=tmp, SECRET_KEY="bench-only-not-secret", DEBUG="")  # noqa: S106
            if engine == "sqlite":
                path = Path(args.sqlite_path or f"{tmp}/bench.sqlite3").resolve()
                if not args.reuse:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{path}{suffix}").unlink(missing_ok=True)
                env["DATABASE_URL"] = f"sqlite:///{path}"
            elif engine == "postgres":
                if not args.reuse:
                    recreate_postgres(args.postgres_url)
                env["DATABASE_URL"] = args.postgres_url
            else:
                parser.error(f"unknown engine {engine!r}")
            command = [sys.executable, __file__, "--worker", *sys.argv[1:]]
            subprocess.run(command, env=env, check=True)


if __name__ == "__main__":
    main()
