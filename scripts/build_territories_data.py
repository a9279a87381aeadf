"""Derive the compact territories file shipped with Catalyse from the COG JSON files.

Source: the npm package @etalab/decoupage-administratif 6.0.0 (MIT), whose data comes from
INSEE (Code officiel géographique, Licence Ouverte 2.0). See NOTICE.

    python scripts/build_territories_data.py [--source DIR] [--output FILE]

The output is a gzipped JSON document (deterministic: same input, same bytes) read by
`manage.py load_territories`; the product never reads the source files at run time.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "cog"
DEFAULT_OUTPUT = ROOT / "catalyse" / "territories" / "data" / "territories.json.gz"
FORMAT_VERSION = 1


def typographic(name: str) -> str:
    """French typography: the apostrophe of names is ’, not the typewriter '."""
    return name.replace("'", "’")


def read(source: Path, name: str) -> list[dict[str, Any]]:
    with (source / f"{name}.json").open(encoding="utf-8") as handle:
        data: list[dict[str, Any]] = json.load(handle)
    return data


def build(source: Path) -> dict[str, Any]:
    regions = read(source, "regions")
    departements = read(source, "departements")
    epcis = read(source, "epci")
    communes = read(source, "communes")

    current = [c for c in communes if c["type"] == "commune-actuelle"]
    arrondissements = [c for c in communes if c["type"] == "arrondissement-municipal"]
    former = [c for c in communes if c["type"] in {"commune-deleguee", "commune-associee"}]
    current_codes = {c["code"] for c in current}

    commune_rows = []
    for c in sorted(current + arrondissements, key=lambda c: (c["type"] != "commune-actuelle", c["code"])):
        commune_rows.append(
            [
                c["code"],
                typographic(c["nom"]),
                c["type"],
                c["departement"],
                c["region"],
                sorted(c.get("codesPostaux", [])),
                c.get("population"),
                c.get("zone", ""),
                c.get("commune"),  # the city of a municipal arrondissement
            ]
        )
    alias_rows = []
    for c in sorted(former, key=lambda c: (c["chefLieu"], c["code"], c["nom"])):
        if c["chefLieu"] not in current_codes:
            raise SystemExit(f"{c['code']} {c['nom']}: chef-lieu {c['chefLieu']} inconnu")
        alias_rows.append([c["code"], typographic(c["nom"]), c["type"], c["chefLieu"]])

    epci_rows = []
    for e in sorted(epcis, key=lambda e: e["code"]):
        members = sorted(m["code"] for m in e["membres"])
        missing = [code for code in members if code not in current_codes]
        if missing:
            raise SystemExit(f"EPCI {e['code']}: communes membres inconnues {missing}")
        epci_rows.append([e["code"], typographic(e["nom"]), e["type"], members])

    return {
        "format": FORMAT_VERSION,
        "source": "@etalab/decoupage-administratif 6.0.0 (MIT), INSEE COG (Licence Ouverte 2.0)",
        "fields": {
            "regions": ["code", "name", "zone"],
            "departements": ["code", "name", "region", "zone"],
            "epci": ["code", "name", "kind", "members"],
            "communes": [
                "code",
                "name",
                "kind",
                "departement",
                "region",
                "postal_codes",
                "population",
                "zone",
                "commune",
            ],
            "aliases": ["code", "name", "kind", "commune"],
        },
        "regions": [[r["code"], typographic(r["nom"]), r.get("zone", "")] for r in sorted(regions, key=code_key)],
        "departements": [
            [d["code"], typographic(d["nom"]), d["region"], d.get("zone", "")]
            for d in sorted(departements, key=code_key)
        ],
        "epci": epci_rows,
        "communes": commune_rows,
        "aliases": alias_rows,
    }


def code_key(row: dict[str, Any]) -> str:
    return str(row["code"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="dossier des fichiers JSON du COG")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()

    data = build(args.source)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
        out.write(payload)
    kinds = Counter(row[2] for row in data["communes"]) + Counter(row[2] for row in data["aliases"])
    print(
        f"{args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}: "
        f"{len(data['regions'])} régions, {len(data['departements'])} départements, {len(data['epci'])} EPCI, "
        f"{dict(sorted(kinds.items()))}; {args.output.stat().st_size / 1024:.0f} Kio"
    )


if __name__ == "__main__":
    main()
