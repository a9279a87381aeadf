"""Territories: load the French administrative divisions shipped with Catalyse, and keep their search index.

The data file is derived from the Code officiel géographique by `scripts/build_territories_data.py`
(see NOTICE). Loading is idempotent: a territory is identified by (level, code); a second run
updates what changed in place and writes nothing when nothing changed. Territories are never
deleted (other apps point at them); aliases and search rows follow the data.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction

from catalyse.lib.text import fold, slugify_fr
from catalyse.territories.models import (
    LEVEL_ORDER,
    Level,
    SearchTermKind,
    Territory,
    TerritoryAlias,
    TerritorySearchName,
    TerritorySearchWord,
    TerritoryWordVariant,
)
from catalyse.territories.search import has_typo_variants, name_terms, normalize, word_variants, words_of

DATA_FILE = Path(__file__).resolve().parent / "data" / "territories.json.gz"
BATCH_SIZE = 2000
DELETE_BATCH_SIZE = 500
OVERSEAS_COLLECTIVITY = "collectivite-outre-mer"
_LEVEL_INDEX: dict[str, int] = {str(level): index for index, level in enumerate(LEVEL_ORDER)}
_FIELDS = [
    "name", "slug", "kind", "population", "postal_codes", "zone", "search_name", "search_rank",
    "region_id", "departement_id", "epci_id", "commune_id",
]  # fmt: skip
_PARENTS = {"region_id": Level.REGION, "departement_id": Level.DEPARTEMENT, "epci_id": Level.EPCI}


@dataclass
class _Wanted:
    level: str
    code: str
    name: str
    kind: str = ""
    population: int | None = None
    postal_codes: str = ""
    zone: str = ""
    parents: dict[str, str] = field(default_factory=dict)  # "region_id" → code of the region…

    @property
    def key(self) -> tuple[str, str]:
        return (self.level, self.code)


@dataclass
class _Selection:
    groups: list[list[_Wanted]]  # in the order of creation: parents first
    aliases: list[tuple[str, str, str, str]]  # code, name, kind, code of the commune


def read_data(path: Path = DATA_FILE) -> dict[str, Any]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _select(data: dict[str, Any], departements: list[str] | None) -> _Selection:
    """Everything is derived from the whole file (populations, parents of EPCI), then the
    départements asked for are kept: a partial load writes the same values as a full one."""
    known = {row[0] for row in data["departements"]}
    wanted = known if departements is None else {code.strip().upper() for code in departements}
    unknown = sorted(wanted - known)
    if unknown:
        raise ValueError(f"Département inconnu : {', '.join(unknown)}")

    current = [row for row in data["communes"] if row[2] == "commune-actuelle"]
    arrondissements = [row for row in data["communes"] if row[2] == "arrondissement-municipal"]
    commune_row = {row[0]: row for row in current}

    def total(values: Iterable[int | None]) -> int | None:
        known_values = [v for v in values if v is not None]
        return sum(known_values) if known_values else None

    by_departement = defaultdict(list)
    for row in current:
        by_departement[row[3]].append(row[6])
    departement_population = {code: total(values) for code, values in by_departement.items()}
    by_region = defaultdict(list)
    for code, _name, region, _zone in data["departements"]:
        by_region[region].append(departement_population.get(code))

    departement_rows = [row for row in data["departements"] if row[0] in wanted]
    region_codes = {row[2] for row in departement_rows}
    regions = [
        _Wanted(
            Level.REGION,
            code,
            name,
            kind=OVERSEAS_COLLECTIVITY if zone == "com" else "",
            zone=zone,
            population=total(by_region[code]),
        )
        for code, name, zone in data["regions"]
        if code in region_codes
    ]
    departement_list = [
        _Wanted(
            Level.DEPARTEMENT,
            code,
            name,
            kind=OVERSEAS_COLLECTIVITY if zone == "com" else "",
            zone=zone,
            population=departement_population.get(code),
            parents={"region_id": region},
        )
        for code, name, region, zone in departement_rows
    ]

    commune_epci: dict[str, str] = {}
    epcis = []
    for code, name, kind, members in data["epci"]:
        for member in members:
            commune_epci[member] = code
        if not any(commune_row[m][3] in wanted for m in members):
            continue
        # An EPCI may straddle départements: its parents are those of its most populated commune.
        seat = commune_row[max(members, key=lambda m: (commune_row[m][6] or 0, m))]
        epcis.append(
            _Wanted(
                Level.EPCI,
                code,
                name,
                kind=kind,
                zone=seat[7],
                population=total(commune_row[m][6] for m in members),
                parents={"region_id": seat[4], "departement_id": seat[3]},
            )
        )

    def commune(row: list[Any]) -> _Wanted:
        code, name, kind, departement, region, postal_codes, pop, zone, city = row
        parents = {"region_id": region, "departement_id": departement}
        epci = commune_epci.get(city or code)
        if epci:
            parents["epci_id"] = epci
        if city:
            parents["commune_id"] = city
        return _Wanted(Level.COMMUNE, code, name, kind, pop, " ".join(postal_codes), zone, parents)

    loaded = {row[0] for row in current if row[3] in wanted}
    return _Selection(
        groups=[
            regions,
            departement_list,
            epcis,
            [commune(row) for row in current if row[3] in wanted],
            [commune(row) for row in arrondissements if row[3] in wanted],
        ],
        aliases=[(row[0], row[1], row[2], row[3]) for row in data["aliases"] if row[3] in loaded],
    )


def territories_load(*, departements: list[str] | None = None, path: Path = DATA_FILE) -> dict[str, int]:
    """Load the territories (all of them, or those of some départements, for tests and demos).

    Returns the counts loaded per level (communes without, then arrondissements), aliases, and
    how many territories were created, updated or left unchanged. Raises ValueError for an
    unknown département."""
    selection = _select(read_data(path), departements)
    with transaction.atomic():
        ranks = _ranks(selection)
        counts = _upsert_territories(selection, ranks)
        counts.update(_sync_aliases(selection))
        counts.update(_sync_search_index())
    return counts


def _ranks(selection: _Selection) -> dict[tuple[str, str], int]:
    """Search ranks of every territory, loaded now or before: most populated first, then level, then code."""
    population: dict[tuple[str, str], int | None] = {
        (level, code): pop for level, code, pop in Territory.objects.values_list("level", "code", "population")
    }
    for group in selection.groups:
        for wanted in group:
            population[wanted.key] = wanted.population
    order = sorted(population, key=lambda key: (-(population[key] or 0), _LEVEL_INDEX[key[0]], key[1]))
    return {key: rank for rank, key in enumerate(order, start=1)}


def _upsert_territories(selection: _Selection, ranks: dict[tuple[str, str], int]) -> dict[str, int]:
    ids: dict[tuple[str, str], int] = {}
    existing: dict[tuple[str, str], dict[str, Any]] = {}
    for row in Territory.objects.values("id", "level", "code", *_FIELDS):
        existing[(row["level"], row["code"])] = row
        ids[(row["level"], row["code"])] = row["id"]

    counts = {"created": 0, "updated": 0, "unchanged": 0}
    loaded: set[tuple[str, str]] = set()
    columns = ["level", "code", *_FIELDS]
    for group in selection.groups:
        to_create: list[tuple[Any, ...]] = []
        to_update: list[tuple[Any, ...]] = []
        for wanted in group:
            values = {
                "name": wanted.name,
                "slug": slugify_fr(wanted.name)[:200],
                "kind": wanted.kind,
                "population": wanted.population,
                "postal_codes": wanted.postal_codes,
                "zone": wanted.zone,
                "search_name": fold(wanted.name)[:200],
                "search_rank": ranks[wanted.key],
                "region_id": None,
                "departement_id": None,
                "epci_id": None,
                "commune_id": None,
            }
            for parent_field, code in wanted.parents.items():
                # An EPCI whose main commune lies in a département not loaded (partial loads) has no parents yet.
                values[parent_field] = ids.get((_PARENTS.get(parent_field, Level.COMMUNE), code))
            loaded.add(wanted.key)
            current = existing.get(wanted.key)
            if current is None:
                to_create.append((wanted.level, wanted.code, *values.values()))
            elif any(current[name] != value for name, value in values.items()):
                to_update.append((*values.values(), current["id"]))
            else:
                counts["unchanged"] += 1
        _insert(Territory, columns, to_create)
        _update(Territory, _FIELDS, to_update)
        if to_create:
            for level in {row[0] for row in to_create}:
                ids.update(
                    ((level, code), pk) for code, pk in Territory.objects.filter(level=level).values_list("code", "id")
                )
        counts["created"] += len(to_create)
        counts["updated"] += len(to_update)

    # Territories loaded earlier (other départements) may have moved in the ranking.
    moved = [
        (ranks[key], row["id"])
        for key, row in existing.items()
        if key not in loaded and row["search_rank"] != ranks[key]
    ]
    _update(Territory, ["search_rank"], moved)

    groups = selection.groups
    return {
        **counts,
        "region": len(groups[0]),
        "departement": len(groups[1]),
        "epci": len(groups[2]),
        "commune": len(groups[3]),
        "arrondissement": len(groups[4]),
    }


def _sync_aliases(selection: _Selection) -> dict[str, int]:
    commune_ids = dict(Territory.objects.filter(level=Level.COMMUNE, kind="commune-actuelle").values_list("code", "id"))
    wanted = {(commune_ids[commune], code, name, kind) for code, name, kind, commune in selection.aliases}
    loaded_ids = {commune_ids[w.code] for w in selection.groups[3]}
    present: set[tuple[int, str, str, str]] = set()
    stale = []
    for pk, territory_id, code, name, kind in TerritoryAlias.objects.values_list(
        "id", "territory_id", "code", "name", "kind"
    ):
        row = (territory_id, code, name, kind)
        if row in wanted and row not in present:
            present.add(row)
        elif row[0] in loaded_ids:
            stale.append(pk)
    _delete(TerritoryAlias, stale)
    TerritoryAlias.objects.bulk_create(
        [
            TerritoryAlias(territory_id=tid, code=code, name=name, kind=kind, search_name=fold(name)[:200])
            for tid, code, name, kind in sorted(wanted - present)
        ],
        batch_size=BATCH_SIZE,
    )
    return {"alias": len(wanted)}


def _sync_search_index() -> dict[str, int]:
    """Derive the search rows of every territory in the database, and write only the difference."""
    names: dict[tuple[int, str], tuple[int, str, int]] = {}  # (territory, term) → (kind, level, rank)
    words: set[tuple[int, str, str, int]] = set()
    info = {}
    for pk, level, name, postal_codes, rank in Territory.objects.values_list(
        "id", "level", "name", "postal_codes", "search_rank"
    ):
        info[pk] = (level, rank)
        terms = name_terms(name, level=level)
        for position, term in enumerate(terms):
            kind = SearchTermKind.NAME if position == 0 else SearchTermKind.NAME_VARIANT
            _add_name(names, pk, term, kind, level, rank)
            _add_name(names, pk, term.replace(" ", ""), SearchTermKind.NAME_VARIANT, level, rank)
            words.update((pk, word[:60], level, rank) for word in words_of(term))
        words.update((pk, code, level, rank) for code in postal_codes.split())
    for pk, alias_name in TerritoryAlias.objects.values_list("territory_id", "name"):
        level, rank = info[pk]
        term = normalize(alias_name)
        _add_name(names, pk, term, SearchTermKind.ALIAS, level, rank)
        _add_name(names, pk, term.replace(" ", ""), SearchTermKind.ALIAS, level, rank)
        words.update((pk, word[:60], level, rank) for word in words_of(term))

    name_rows = {(pk, term, kind, level, rank) for (pk, term), (kind, level, rank) in names.items() if term}
    vocabulary = {word for _pk, word, _level, _rank in words if has_typo_variants(word)}
    variant_rows = {(variant, word) for word in vocabulary for variant in word_variants(word)}

    written = 0
    written += _sync_rows(TerritorySearchName, ["territory_id", "term", "kind", "level", "rank"], name_rows)
    written += _sync_rows(TerritorySearchWord, ["territory_id", "word", "level", "rank"], words)
    written += _sync_rows(TerritoryWordVariant, ["variant", "word"], variant_rows)
    if written:
        with connection.cursor() as cursor:  # fresh statistics: the planner picks the range indexes
            for model in (Territory, TerritorySearchName, TerritorySearchWord, TerritoryWordVariant):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return {"search_rows": len(name_rows) + len(words) + len(variant_rows), "search_rows_written": written}


def _add_name(
    names: dict[tuple[int, str], tuple[int, str, int]], pk: int, term: str, kind: int, level: str, rank: int
) -> None:
    term = term[:200]
    current = names.get((pk, term))
    if current is None or kind < current[0]:
        names[(pk, term)] = (kind, level, rank)


def _sync_rows(model: type[models.Model], fields: list[str], wanted: set[tuple[Any, ...]]) -> int:
    """Make the table hold exactly `wanted` (tuples of `fields`): delete the others, insert the missing."""
    present: set[tuple[Any, ...]] = set()
    stale = []
    for pk, *values in model._default_manager.values_list("id", *fields).iterator(chunk_size=20_000):
        row = tuple(values)
        if row in wanted and row not in present:
            present.add(row)
        else:
            stale.append(pk)
    missing = sorted(wanted - present)
    _delete(model, stale)
    _insert(model, fields, missing)
    return len(stale) + len(missing)


def _delete(model: type[models.Model], pks: list[int]) -> None:
    for batch in _chunks(pks, DELETE_BATCH_SIZE):
        model._default_manager.filter(pk__in=batch).delete()


def _insert(model: type[models.Model], fields: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Plain multi-row INSERTs: the index tables are large, and nothing listens to their saves."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(_column(model, name) for name in fields)
    if connection.vendor == "postgresql":  # COPY is several times faster than INSERT there
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    per_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    batch_size = max(1, min(BATCH_SIZE, 30_000 // len(fields)))  # under SQLite's limit of bound parameters
    with connection.cursor() as cursor:
        for batch in _chunks(rows, batch_size):
            values = ", ".join([per_row] * len(batch))
            params = [value for row in batch for value in row]
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)  # noqa: S608 (no user input)


def _update(model: type[models.Model], fields: list[str], rows: list[tuple[Any, ...]]) -> None:
    """One UPDATE per row, sent together (rows are the values of `fields`, then the primary key)."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(f"{_column(model, name)} = %s" for name in fields)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE id = %s", rows)  # noqa: S608 (no user input)


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{name} is not a column")
    return connection.ops.quote_name(field.column)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
