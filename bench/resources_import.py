"""Import at scale: generate N resources in the import format, then time `import_resources` (the real
command, in its own process), a second import of the same file (every line an update, nothing
changes), `export_resources`, and check that the export imports back unchanged.

    .venv/bin/python bench/resources_import.py                    # 100,000 lines, SQLite and PostgreSQL
    .venv/bin/python bench/resources_import.py --count 20000 --engines sqlite

Each engine gets a fresh database (a temporary SQLite file; a PostgreSQL database that is dropped and
created again, so never point --postgres-url at real data). Target: 100,000 lines in under 2 minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import recreate_postgres

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/catalyse_bench_import"
DEPARTEMENTS = ["42", "59", "69", "13", "33", "35", "974"]

KINDS = ["cadre", "illustration", "methode", "outil"]
THEMES = ["economique", "social", "environnemental", "societal"]
FORMS = ["animation", "experimentation", "accompagnement"]
SUBJECTS = [
    "une alliance pour l’emploi des jeunes", "un tiers-lieu de la coopération", "des circuits courts alimentaires",
    "la mobilité solidaire en milieu rural", "le réemploi des matériaux", "un numérique inclusif",
    "la rénovation énergétique d’un quartier", "des achats responsables", "le logement des jeunes actifs",
    "la santé environnementale", "l’accompagnement des associations", "la coopération entre entreprises",
]  # fmt: skip
VERBS = ["Animer", "Évaluer", "Construire", "Réussir", "Financer", "Essaimer", "Comprendre", "Outiller"]


def python() -> str:
    return str(ROOT / ".venv" / "bin" / "python")


def manage(*args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([python(), "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def territory_refs(env: dict[str, str]) -> list[str]:
    code = (
        "import django, json; django.setup();"
        "from catalyse.territories.models import Territory;"
        "print(json.dumps([t.ref for t in Territory.objects.all()]))"
    )
    out = subprocess.run(
        [python(), "-c", code], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "catalyse.settings"},
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(out)


def generate(path: Path, count: int, refs: list[str], seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            subject = rng.choice(SUBJECTS)
            title = f"{rng.choice(VERBS)} {subject} ({n})"
            body = "\n\n".join(
                f"## Étape {i}\n\nLes acteurs du territoire se réunissent pour {rng.choice(SUBJECTS)}."
                for i in range(1, rng.randint(2, 6))
            )
            line = {
                "slug": f"ressource-{n}",
                "title": title,
                "kind": rng.choice(KINDS),
                "summary": f"Comment {subject} : une ressource du kit, pas à pas.",
                "body": body,
                "themes": rng.sample(THEMES, rng.randint(0, 3)),
                "forms": rng.sample(FORMS, rng.randint(0, 2)),
                "territory": rng.choice(refs) if refs and rng.random() < 0.7 else None,
                "published": f"{rng.randint(2014, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "license": "CC-BY-SA-4.0",
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def run_engine(engine: str, count: int, postgres_url: str, workdir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG",)}
    env["VAR_DIR"] = str(workdir / engine)
    Path(env["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    if engine == "postgresql":
        recreate_postgres(postgres_url)
        env["DATABASE_URL"] = postgres_url
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / engine / 'bench.sqlite3'}"
    manage("migrate", "--noinput", env=env)
    code = (
        "import django; django.setup();"
        "from catalyse.territories.services import territories_load;"
        f"territories_load(departements={DEPARTEMENTS!r})"
    )
    subprocess.run(
        [python(), "-c", code], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "catalyse.settings"}, check=True
    )
    refs = territory_refs(env)
    source = workdir / f"{engine}-kit.jsonl"
    generate(source, count, refs)
    first = manage("import_resources", str(source), env=env)
    again = manage("import_resources", str(source), env=env)
    exported = workdir / f"{engine}-export.jsonl"
    export_time = manage("export_resources", str(exported), env=env)
    manage("import_resources", str(exported), env=env)
    second = workdir / f"{engine}-export2.jsonl"
    manage("export_resources", str(second), env=env)
    same = digest(exported) == digest(second)
    print(
        f"{engine:10s} {count:>7,d} lines ({len(refs):,d} territories): "
        f"import {first:6.1f} s · re-import (all unchanged) {again:6.1f} s · export {export_time:5.1f} s · "
        f"round trip {'identical' if same else 'DIFFERENT'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=DEFAULT_PG)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="catalyse-bench-import-") as tmp:
        for engine in args.engines.split(","):
            run_engine(engine.strip(), args.count, args.postgres_url, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
