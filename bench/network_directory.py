"""The network's directory at the programme's target size: 10,000 members, on SQLite and PostgreSQL.

Prints, for each database (a fresh SQLite file, and a dedicated PostgreSQL database): the time to load the
territories and generate the members (spread over real communes in proportion to their population, some
placed only on a département or a région), then for typical directory pages (search, facets, a région,
a deep page) the latency p50/p95 through the Django test client and the number of SQL queries of each
page, and the same for a thread of 300 messages (first and last page).

    .venv/bin/python bench/network_directory.py
    .venv/bin/python bench/network_directory.py --members 2000 --databases sqlite --rounds 5

Each database runs in its own process. The PostgreSQL database is dropped and created again: never point
--postgres-url at real data. Target: p95 under 150 ms for every page on both.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
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

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/catalyse_bench_network"

FOUND_RE = re.compile(r"([\d\s\u00a0\u202f]+) membres? trouvés?")
PAGES = [
    ("annuaire entier", "/reseau/annuaire/"),
    ("mot « insertion »", "/reseau/annuaire/?q=insertion"),
    ("prénom « marie »", "/reseau/annuaire/?q=marie"),
    ("région Auvergne-Rhône-Alpes", "/reseau/annuaire/?territoire=region%3A84"),
    ("Rhône, associations", "/reseau/annuaire/?territoire=departement%3A69&monde=association"),
    ("deux enjeux et une compétence", "/reseau/annuaire/?enjeu=social&enjeu=environnemental&competence=ess"),
    ("page 200", "/reseau/annuaire/?page=200"),
    ("« ess », Île-de-France, collectivités", "/reseau/annuaire/?q=ess&territoire=region%3A11&monde=collectivite"),
]

FIRST_NAMES = [
    "Marie",
    "Jean",
    "Camille",
    "Nicolas",
    "Sophie",
    "Thomas",
    "Julie",
    "Pierre",
    "Claire",
    "Antoine",
    "Léa",
    "Hugo",
    "Manon",
    "Lucas",
    "Chloé",
    "Louis",
    "Inès",
    "Nathalie",
    "Karim",
    "Sarah",
    "Youssef",
    "Emma",
    "Paul",
    "Anaïs",
    "Julien",
    "Pauline",
    "Mathieu",
    "Laura",
    "Romain",
    "Élodie",
    "Amandine",
    "Nadia",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Haddad",
    "Benali",
    "Nguyen",
    "Fabre",
    "Marchand",
    "Olivier",
    "Renard",
    "Colin",
    "Barbier",
    "Arnaud",
    "Masson",
]
SKILLS = [
    "ESS",
    "Insertion",
    "Mécénat de compétences",
    "RSE",
    "Achats responsables",
    "Développement économique",
    "Politique de la ville",
    "Économie circulaire",
    "Alimentation durable",
    "Inclusion numérique",
    "Évaluation d’impact",
    "Recherche-action",
    "Co-développement",
    "Animation de réseau",
    "Facilitation",
    "Vie associative",
    "Éducation populaire",
    "Circuits courts",
    "Transition écologique",
    "Participation citoyenne",
    "Innovation sociale",
    "Coopération économique",
    "Médiation",
    "Tourisme durable",
    "Mobilité",
    "Logement",
    "Santé",
    "Culture",
    "Sport",
    "Jeunesse",
    "Emploi",
    "Formation",
    "Philanthropie territoriale",
]
WORLDS = ["collectivite", "association", "entreprise", "academique", "acteur_public", "citoyen"]
WORLD_WEIGHTS = [30, 30, 20, 8, 8, 4]
THEMES = ["economique", "social", "environnemental", "societal"]
BIOS = [
    "J’anime des chantiers d’insertion avec les entreprises du territoire.",
    "Chargée de mission développement économique, je fais se rencontrer associations et entreprises.",
    "Chercheur en sciences de gestion, j’étudie l’évaluation de l’impact des alliances.",
    "Je coordonne un tiers-lieu et des ateliers d’inclusion numérique.",
    "Responsable RSE, je monte des partenariats avec les associations locales.",
    "Élue, je porte la politique de la ville et la participation citoyenne.",
]


def generate(members: int, seed: int = 42) -> dict[str, float]:
    """Members in bulk (the services would send a signal per row): users, profiles, skills, search rows."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from catalyse.accounts.models import Profile, Skill, User
    from catalyse.lib.text import fold
    from catalyse.network.models import NetworkMember, Topic
    from catalyse.network.services import post_create, thread_create
    from catalyse.territories.models import Level, Territory

    rng = random.Random(seed)
    communes = list(
        Territory.objects.filter(level=Level.COMMUNE, kind="commune-actuelle", population__gt=0).values_list(
            "pk", "population"
        )
    )
    departements = list(Territory.objects.filter(level=Level.DEPARTEMENT).values_list("pk", flat=True))
    regions = list(Territory.objects.filter(level=Level.REGION).values_list("pk", flat=True))
    commune_ids = [pk for pk, _pop in communes]
    weights = [pop for _pk, pop in communes]
    started = time.perf_counter()
    password = make_password(None)
    with transaction.atomic():
        skills = [Skill(name=name, key=Skill.make_key(name)) for name in SKILLS]
        Skill.objects.bulk_create(skills, ignore_conflicts=True)
        skill_by_name = {s.name: s for s in Skill.objects.filter(name__in=SKILLS)}
        users = [
            User(
                email=f"membre-{index}@bench.invalid",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                password=password,
            )
            for index in range(members)
        ]
        User.objects.bulk_create(users, batch_size=2000)
        users = list(User.objects.filter(email__endswith="@bench.invalid").order_by("pk"))
        profiles = []
        chosen_skills: dict[int, list[str]] = {}
        for user in users:
            roll = rng.random()
            if roll < 0.05:
                territory = rng.choice(departements)
            elif roll < 0.07:
                territory = rng.choice(regions)
            elif roll < 0.09:
                territory = None
            else:
                territory = rng.choices(commune_ids, weights)[0]
            chosen_skills[user.pk] = rng.sample(SKILLS, rng.randint(0, 4))
            profiles.append(
                Profile(
                    user=user,
                    world=rng.choices(WORLDS, WORLD_WEIGHTS)[0],
                    territory_id=territory,
                    bio=rng.choice(BIOS),
                    themes=sorted(rng.sample(THEMES, rng.randint(0, 3))),
                    directory_consent=rng.random() < 0.9,
                )
            )
        Profile.objects.bulk_create(profiles, batch_size=2000)
        through = Profile.skills.through
        profile_ids = dict(Profile.objects.filter(user__in=users).values_list("user_id", "pk"))
        Profile.skills.through.objects.bulk_create(
            [
                through(profile_id=profile_ids[user_id], skill_id=skill_by_name[name].pk)
                for user_id, names in chosen_skills.items()
                for name in names
            ],
            batch_size=5000,
        )
        bios = {p.user_id: p.bio for p in profiles}
        NetworkMember.objects.bulk_create(
            [
                NetworkMember(
                    user=user,
                    handle=f"membre-bench-{user.pk}",
                    search_text=" ".join(
                        fold(part) for part in [user.first_name, user.last_name, bios[user.pk], *chosen_skills[user.pk]]
                    ),
                )
                for user in users
            ],
            batch_size=2000,
        )
    members_s = time.perf_counter() - started

    started = time.perf_counter()
    topic = Topic.objects.order_by("pk").first()
    assert topic is not None
    with transaction.atomic():
        thread = thread_create(author=users[0], topic=topic, title="Un long fil de discussion", body="Premier message")
        for index in range(299):
            post_create(author=users[1 + index % 50], thread=thread, body=f"Réponse **{index}** à @membre-bench-1")
    thread_s = time.perf_counter() - started
    return {"members_s": members_s, "thread_s": thread_s, "thread_id": thread.pk, "viewer": users[5].pk}


class QueryCounter:
    """Counts the SQL statements of a request (DEBUG stays off, as in production)."""

    def __init__(self, sink: list[str]) -> None:
        self.sink = sink

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.sink.append(sql)
        return execute(sql, params, many, context)


def child(database_url: str, members: int, rounds: int) -> dict[str, Any]:
    """Runs in its own process, against one database."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalyse.settings")
    os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="catalyse-bench-"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    # Pages render without collectstatic: plain static URLs (production serves hashed ones).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    from catalyse.accounts.models import User
    from catalyse.territories.services import territories_load

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    started = time.perf_counter()
    territories_load()
    territories_s = time.perf_counter() - started
    made = generate(members)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum would do soon after a load
            cursor.execute("VACUUM ANALYZE")

    pages = [*PAGES]
    thread_url = f"/reseau/discussions/{made['thread_id']}/"
    pages += [("fil de 300 messages, page 1", thread_url), ("fil de 300 messages, page 10", f"{thread_url}?page=10")]
    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(pk=made["viewer"]))
    results = []
    for label, url in pages:
        response = client.get(url)  # warm
        assert response.status_code == 200, (url, response.status_code)
        queries: list[str] = []
        with connection.execute_wrapper(QueryCounter(queries)):
            client.get(url)
        timings = []
        for _round in range(rounds):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        found = FOUND_RE.search(response.content.decode())
        count = int(re.sub(r"\D", "", found.group(1))) if found else None
        results.append(
            {
                "label": label,
                "url": url,
                "results": count,
                "queries": len(queries),
                "p50": statistics.median(timings),
                "p95": percentile(timings, 0.95),
            }
        )
    return {
        "vendor": connection.vendor,
        "members": members,
        "territories_s": territories_s,
        **made,
        "pages": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=DEFAULT_PG)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(child(args.child, args.members, args.rounds)))
        return

    results = []
    with tempfile.TemporaryDirectory(prefix="catalyse-bench-") as tmp:
        for database in args.databases.split(","):
            if database == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'network.sqlite3'}"
            else:
                url = args.postgres_url
                recreate_postgres(url)
            command = [
                sys.executable,
                __file__,
                "--child",
                url,
                "--members",
                str(args.members),
                "--rounds",
                str(args.rounds),
            ]
            output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
            results.append(json.loads(output.stdout.strip().splitlines()[-1]))

    for result in results:
        print(
            f"== {result['vendor']}: {result['members']:,} members generated in {result['members_s']:.1f} s "
            f"(territories {result['territories_s']:.1f} s, a 300-message thread {result['thread_s']:.1f} s)"
        )
        for page in result["pages"]:
            found = f"{page['results']:>6,} results" if page["results"] is not None else " " * 14
            print(
                f"   {page['label']:<40} {found}  {page['queries']:>2} queries   "
                f"p50 {page['p50']:6.1f} ms   p95 {page['p95']:6.1f} ms"
            )


if __name__ == "__main__":
    main()
