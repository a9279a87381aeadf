"""The observatory's summary tables: what each partnership adds to them, kept in step by upserts inside
the writer's transaction, rebuilt in bulk after a generation, and read by every dashboard and the API.

Two tables (models.py): ObservatoryCell counts partnerships by (grain, territory, start year, set of
modes, public flag); ObservatoryFacetCell counts them once per distinct partner type or enjeu. A
partnership appears once per grain it reaches, so a sum over one grain counts each partnership once:
totals stay exact with any filter, and a partnership with several modes or partner types counts once
in each of its groups (contracts.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import CharField, F, QuerySet, Sum, Value
from django.db.models.functions import Concat

from catalyse.partnerships.choices import (
    MODE_KEYS,
    ORG_TYPE_KEYS,
    THEME_KEYS,
    Mode,
    Status,
    Theme,
    masks_with,
)
from catalyse.partnerships.models import (
    ALL_MODES,
    ALL_YEARS,
    ROLLUP_GRAINS,
    FacetDimension,
    Grain,
    ObservatoryCell,
    ObservatoryFacetCell,
    Partnership,
)

# The group_by keys of the API (contracts.md), then those the dashboards use too.
API_GROUP_KEYS = ("mode", "year", "org_type", "region", "departement")
GROUP_KEYS = (*API_GROUP_KEYS, "epci", "commune", "theme")
TERRITORY_LEVELS = ("region", "departement", "epci", "commune")
LEVEL_GRAIN = {
    "region": Grain.REGION,
    "departement": Grain.DEPARTEMENT,
    "epci": Grain.EPCI,
    "commune": Grain.COMMUNE,
}
UPSERT_CHUNK = 400

CellKey = tuple[int, str, str, str, str, int, int]  # grain, code, region, departement, epci, year, modes
FacetKey = tuple[int, str, str, str, str, int, int, int, int]  # ... dimension, year, modes, value


@dataclass(frozen=True)
class Footprint:
    """What of a partnership the summary tables see."""

    counted: bool
    is_public: bool
    start_year: int
    modes: int
    themes: int
    org_types: int
    region: str
    departement: str
    epci: str
    commune: str

    @classmethod
    def of(cls, partnership: Partnership | None) -> Footprint | None:
        if partnership is None or partnership.status != Status.CONFIRMED:
            return None
        return cls(
            counted=True,
            is_public=partnership.is_public,
            start_year=partnership.start_year,
            modes=partnership.modes,
            themes=partnership.themes,
            org_types=partnership.org_types,
            region=partnership.region_code,
            departement=partnership.departement_code,
            epci=partnership.epci_code,
            commune=partnership.commune_code,
        )

    def levels(self) -> list[tuple[int, str, str, str, str]]:
        r, d, e, c = self.region, self.departement, self.epci, self.commune
        levels = [(Grain.NATIONAL.value, "", "", "", "")]
        if r:
            levels.append((Grain.REGION.value, r, r, "", ""))
        if d:
            levels.append((Grain.DEPARTEMENT.value, d, r, d, ""))
        if e:
            levels.append((Grain.EPCI.value, e, r, d, e))
        if c:
            levels.append((Grain.COMMUNE.value, c, r, d, e))
        return levels

    def cells(self) -> list[CellKey]:
        keys: list[CellKey] = []
        for grain, code, region, departement, epci in self.levels():
            if grain in ROLLUP_GRAINS:
                combos = [(y, m) for y in (self.start_year, ALL_YEARS) for m in (self.modes, ALL_MODES)]
            else:
                combos = [(self.start_year, self.modes)]
            for year, modes in combos:
                keys.append((grain, code, region, departement, epci, year, modes))
        return keys

    def facet_cells(self) -> list[FacetKey]:
        values = [(FacetDimension.ORG_TYPE.value, i) for i in range(len(ORG_TYPE_KEYS)) if self.org_types & (1 << i)]
        values += [(FacetDimension.THEME.value, i) for i in range(len(THEME_KEYS)) if self.themes & (1 << i)]
        keys: list[FacetKey] = []
        for grain, code, region, departement, epci, year, modes in self.cells():
            for dimension, value in values:
                keys.append((grain, code, region, departement, epci, dimension, year, modes, value))
        return keys


CELL_COLUMNS = ("grain", "code", "region", "departement", "epci", "year", "modes")
FACET_COLUMNS = ("grain", "code", "region", "departement", "epci", "dimension", "year", "modes", "value")


def _upsert(table: str, columns: tuple[str, ...], deltas: dict[Any, tuple[int, int]]) -> None:
    """count += delta (and public_count) for each key, creating missing rows: one statement per chunk.

    Keys are sorted so that concurrent writers lock rows in the same order (no deadlock on PostgreSQL)."""
    items = sorted((key, delta) for key, delta in deltas.items() if delta != (0, 0))
    q = connection.ops.quote_name
    quoted = ", ".join(q(c) for c in columns)
    n, pn, table_q = q("count"), q("public_count"), q(table)
    row = "(" + ", ".join(["%s"] * (len(columns) + 2)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(items), UPSERT_CHUNK):
            chunk = items[start : start + UPSERT_CHUNK]
            params: list[Any] = []
            for key, (delta, public_delta) in chunk:
                params.extend(key)
                params.extend((delta, public_delta))
            sql = (
                f"INSERT INTO {table_q} ({quoted}, {n}, {pn}) VALUES {', '.join([row] * len(chunk))} "  # noqa: S608
                f"ON CONFLICT ({quoted}) DO UPDATE SET {n} = {table_q}.{n} + excluded.{n}, "
                f"{pn} = {table_q}.{pn} + excluded.{pn}"
            )
            cursor.execute(sql, params)


def _deltas(before: Footprint | None, after: Footprint | None, facets: bool) -> dict[Any, tuple[int, int]]:
    totals: dict[Any, tuple[int, int]] = {}
    for footprint, sign in ((before, -1), (after, 1)):
        if footprint is None:
            continue
        public = sign if footprint.is_public else 0
        for key in footprint.facet_cells() if facets else footprint.cells():
            count, public_count = totals.get(key, (0, 0))
            totals[key] = (count + sign, public_count + public)
    return totals


def observatory_apply(*, before: Footprint | None, after: Footprint | None) -> None:
    """Move a partnership's counts from its old footprint to its new one (in the caller's transaction)."""
    if before == after:
        return
    _upsert(ObservatoryCell._meta.db_table, CELL_COLUMNS, _deltas(before, after, facets=False))
    _upsert(ObservatoryFacetCell._meta.db_table, FACET_COLUMNS, _deltas(before, after, facets=True))


# ------------------------------------------------------------------ bulk rebuild

# For each grain, finest first: (code, region, departement, epci) of its rows, the partnerships whose
# finest level it is (read from the registry), and the rows of finer grains it sums (chained rollups:
# each grain reads the smaller table just below it, never the whole registry again).
_P_KEYS = {
    Grain.COMMUNE: ("p.commune_code", "p.region_code", "p.departement_code", "p.epci_code"),
    Grain.EPCI: ("p.epci_code", "p.region_code", "p.departement_code", "p.epci_code"),
    Grain.DEPARTEMENT: ("p.departement_code", "p.region_code", "p.departement_code", "''"),
    Grain.REGION: ("p.region_code", "p.region_code", "''", "''"),
    Grain.NATIONAL: ("''", "''", "''", "''"),
}
_P_OWN = {
    Grain.COMMUNE: "p.commune_code <> ''",
    Grain.EPCI: "p.commune_code = '' AND p.epci_code <> ''",
    Grain.DEPARTEMENT: "p.commune_code = '' AND p.epci_code = '' AND p.departement_code <> ''",
    Grain.REGION: "p.departement_code = '' AND p.region_code <> ''",
    Grain.NATIONAL: "p.region_code = ''",
}
_C_KEYS = {
    Grain.EPCI: ("c.epci", "c.region", "c.departement", "c.epci"),
    Grain.DEPARTEMENT: ("c.departement", "c.region", "c.departement", "''"),
    Grain.REGION: ("c.region", "c.region", "''", "''"),
    Grain.NATIONAL: ("''", "''", "''", "''"),
}
_C_FROM = {
    Grain.EPCI: f"c.grain = {int(Grain.COMMUNE)} AND c.epci <> ''",
    Grain.DEPARTEMENT: f"(c.grain = {int(Grain.EPCI)} OR (c.grain = {int(Grain.COMMUNE)} AND c.epci = ''))",
    Grain.REGION: f"c.grain = {int(Grain.DEPARTEMENT)}",
    Grain.NATIONAL: f"c.grain = {int(Grain.REGION)}",
}


def _bits_cte(dimension: FacetDimension) -> str:
    size = len(ORG_TYPE_KEYS) if dimension == FacetDimension.ORG_TYPE else len(THEME_KEYS)
    rows = ", ".join(f"({i}, {1 << i})" for i in range(size))
    return f"WITH bits(idx, bit) AS (VALUES {rows}) "


def observatory_rebuild() -> dict[str, int]:
    """Recompute both summary tables from the registry, in one transaction (after a bulk load)."""
    q = connection.ops.quote_name
    n, pn = q("count"), q("public_count")
    partnership = q(Partnership._meta.db_table)
    cell = q(ObservatoryCell._meta.db_table)
    facet = q(ObservatoryFacetCell._meta.db_table)
    confirmed = [Status.CONFIRMED.value]
    public = "SUM(CASE WHEN p.is_public THEN 1 ELSE 0 END)"
    base_rows = f"c.year <> {ALL_YEARS} AND c.modes <> {ALL_MODES}"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {cell}")  # noqa: S608
        cursor.execute(f"DELETE FROM {facet}")  # noqa: S608
        for grain in (Grain.COMMUNE, Grain.EPCI, Grain.DEPARTEMENT, Grain.REGION, Grain.NATIONAL):
            g = int(grain)
            pk = ", ".join(_P_KEYS[grain])
            own = _P_OWN[grain]
            parts = [
                f"SELECT {_aliased(pk)}, p.start_year AS y, p.modes AS m, COUNT(*) AS n, {public} AS pn "  # noqa: S608
                f"FROM {partnership} p WHERE p.status = %s AND {own} GROUP BY {_grouped(pk)}p.start_year, p.modes"
            ]
            if grain in _C_FROM:
                ck = ", ".join(_C_KEYS[grain])
                parts.append(
                    f"SELECT {ck}, c.year, c.modes, SUM(c.{n}), SUM(c.{pn}) FROM {cell} c "  # noqa: S608
                    f"WHERE {_C_FROM[grain]} AND {base_rows} GROUP BY {_grouped(ck)}c.year, c.modes"
                )
            cursor.execute(
                f"INSERT INTO {cell} (grain, code, region, departement, epci, year, modes, {n}, {pn}) "  # noqa: S608
                f"SELECT {g}, k1, k2, k3, k4, y, m, SUM(n), SUM(pn) FROM ("
                + " UNION ALL ".join(parts)
                + ") t GROUP BY k1, k2, k3, k4, y, m",
                confirmed,
            )
            for dimension in (FacetDimension.ORG_TYPE, FacetDimension.THEME):
                column = "p.org_types" if dimension == FacetDimension.ORG_TYPE else "p.themes"
                parts = [
                    f"SELECT {_aliased(pk)}, b.idx AS v, p.start_year AS y, p.modes AS m, COUNT(*) AS n, "  # noqa: S608
                    f"{public} AS pn FROM {partnership} p JOIN bits b ON ({column} & b.bit) <> 0 "
                    f"WHERE p.status = %s AND {own} GROUP BY {_grouped(pk)}b.idx, p.start_year, p.modes"
                ]
                if grain in _C_FROM:
                    ck = ", ".join(_C_KEYS[grain])
                    parts.append(
                        f"SELECT {ck}, c.value, c.year, c.modes, SUM(c.{n}), SUM(c.{pn}) FROM {facet} c "  # noqa: S608
                        f"WHERE {_C_FROM[grain]} AND c.dimension = {int(dimension)} AND {base_rows} "
                        f"GROUP BY {_grouped(ck)}c.value, c.year, c.modes"
                    )
                # Table names and constants only: the values are parameters.
                insert = (
                    f"INSERT INTO {facet} (grain, code, region, departement, epci, dimension, year, modes, value, "  # noqa: S608
                    f"{n}, {pn}) SELECT {g}, k1, k2, k3, k4, {int(dimension)}, y, m, v, SUM(n), SUM(pn) FROM ("
                )
                sql = _bits_cte(dimension) + insert + " UNION ALL ".join(parts) + ") t GROUP BY k1, k2, k3, k4, v, y, m"
                cursor.execute(sql, confirmed)
            if grain in ROLLUP_GRAINS:
                # year 0 (every year), modes 0 (every set of modes), and both.
                for year, modes, group in (
                    (str(ALL_YEARS), "modes", "modes"),
                    ("year", str(ALL_MODES), "year"),
                    (str(ALL_YEARS), str(ALL_MODES), ""),
                ):
                    extra = f", {group}" if group else ""
                    cursor.execute(
                        f"INSERT INTO {cell} (grain, code, region, departement, epci, year, modes, {n}, {pn}) "  # noqa: S608
                        f"SELECT grain, code, region, departement, epci, {year}, {modes}, SUM({n}), SUM({pn}) "
                        f"FROM {cell} c WHERE grain = {g} AND {base_rows} "
                        f"GROUP BY grain, code, region, departement, epci{extra}"
                    )
                    cursor.execute(
                        f"INSERT INTO {facet} (grain, code, region, departement, epci, dimension, year, modes, "  # noqa: S608
                        f"value, {n}, {pn}) SELECT grain, code, region, departement, epci, dimension, {year}, "
                        f"{modes}, value, SUM({n}), SUM({pn}) FROM {facet} c WHERE grain = {g} AND {base_rows} "
                        f"GROUP BY grain, code, region, departement, epci, dimension, value{extra}"
                    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {cell}")
            cursor.execute(f"ANALYZE {facet}")
    return {"cells": ObservatoryCell.objects.count(), "facet_cells": ObservatoryFacetCell.objects.count()}


def _grouped(keys: str) -> str:
    """The key expressions to group by, constants left out (PostgreSQL refuses them), with a trailing comma."""
    columns = [key.strip() for key in keys.split(",") if key.strip() != "''"]
    return "".join(f"{column}, " for column in columns)


def _aliased(keys: str) -> str:
    return ", ".join(f"{key.strip()} AS k{i + 1}" for i, key in enumerate(keys.split(",")))


# ------------------------------------------------------------------ queries


@dataclass(frozen=True)
class ObservatoryQuery:
    group_by: str
    territory: tuple[str, str] | None = None  # (level, code)
    year_from: int | None = None
    year_to: int | None = None
    mode: str | None = None
    public_only: bool = False  # the public registry's facets; the observatory counts every confirmed one


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class ObservatoryResult:
    total: int
    groups: list[Group]

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "groups": [g.__dict__ for g in self.groups]}

    def count_of(self, key: str) -> int:
        return next((g.count for g in self.groups if g.key == key), 0)


def _base(model: Any, grain: int, query: ObservatoryQuery, *, by_year: bool, by_mode: bool) -> QuerySet[Any]:
    """The rows of one grain that answer the query: rollup rows where the query needs no finer detail."""
    qs = model.objects.filter(grain=grain)
    if query.territory:
        level, code = query.territory
        qs = qs.filter(code=code) if LEVEL_GRAIN[level] == grain else qs.filter(**{level: code})
    rollup = grain in ROLLUP_GRAINS
    if query.year_from is not None or query.year_to is not None:
        qs = qs.filter(year__gte=max(query.year_from or 1, 1), year__lte=query.year_to or 9999)
    elif rollup:
        qs = qs.exclude(year=ALL_YEARS) if by_year else qs.filter(year=ALL_YEARS)
    if query.mode:
        qs = qs.filter(modes__in=masks_with(MODE_KEYS.index(query.mode), len(MODE_KEYS)))
    elif rollup:
        qs = qs.exclude(modes=ALL_MODES) if by_mode else qs.filter(modes=ALL_MODES)
    return qs


def _measure(query: ObservatoryQuery) -> Sum:
    return Sum("public_count" if query.public_only else "count")


def _territory_labels(level: str, codes: Iterable[str]) -> dict[str, str]:
    from catalyse.territories.models import Territory

    return dict(Territory.objects.filter(level=level, code__in=list(codes)).values_list("code", "name"))


def observatory_count(query: ObservatoryQuery) -> ObservatoryResult:
    """Counts of partnerships grouped by one key, from the summary tables (a few small queries)."""
    filter_grain = LEVEL_GRAIN[query.territory[0]] if query.territory else Grain.NATIONAL
    key = query.group_by
    measure = _measure(query)
    if key == "mode":
        rows = (
            _base(ObservatoryCell, filter_grain, query, by_year=False, by_mode=True)
            .values_list("modes")
            .annotate(n=measure)
        )
        total = 0
        per_mode = [0] * len(MODE_KEYS)
        for modes, n in rows:
            total += n
            for i in range(len(MODE_KEYS)):
                if modes & (1 << i):
                    per_mode[i] += n
        groups = [Group(m, str(Mode(m).label), per_mode[i]) for i, m in enumerate(MODE_KEYS) if per_mode[i]]
        return ObservatoryResult(total, groups)
    if key == "year":
        rows = (
            _base(ObservatoryCell, filter_grain, query, by_year=True, by_mode=False)
            .values_list("year")
            .annotate(n=measure)
        )
        years = sorted((year, n) for year, n in rows if n)
        return ObservatoryResult(sum(n for _y, n in years), [Group(str(y), str(y), n) for y, n in years])
    total = _base(ObservatoryCell, filter_grain, query, by_year=False, by_mode=False).aggregate(n=measure)["n"] or 0
    if key in ("org_type", "theme"):
        dimension, keys = (
            (FacetDimension.ORG_TYPE, ORG_TYPE_KEYS) if key == "org_type" else (FacetDimension.THEME, THEME_KEYS)
        )
        rows = (
            _base(ObservatoryFacetCell, filter_grain, query, by_year=False, by_mode=False)
            .filter(dimension=dimension)
            .values_list("value")
            .annotate(n=measure)
        )
        counts = dict(rows)
        labels = _org_type_labels() if key == "org_type" else {t: str(Theme(t).label) for t in THEME_KEYS}
        groups = [Group(k, labels[k], counts[i]) for i, k in enumerate(keys) if counts.get(i)]
        return ObservatoryResult(total, groups)
    # A territorial key: rows at the finer of the filter's grain and the key's, grouped by the key's column.
    grain = max(filter_grain, LEVEL_GRAIN[key])
    column = "code" if LEVEL_GRAIN[key] == grain else key
    # Grouped by an expression, not the bare column: SQLite would otherwise pick the index sorted by
    # that column (to skip a sort) over the one that narrows the rows, and read a whole grain.
    key_expression = Concat(F(column), Value(""), output_field=CharField())
    rows = (
        _base(ObservatoryCell, grain, query, by_year=False, by_mode=False)
        .annotate(key=key_expression)
        .values_list("key")
        .annotate(n=measure)
    )
    counts = {code: n for code, n in rows if code and n}
    labels = _territory_labels(key, counts)
    groups = [Group(code, labels.get(code, code), counts[code]) for code in sorted(counts)]
    return ObservatoryResult(total, groups)


def _org_type_labels() -> dict[str, str]:
    from catalyse.accounts.models import OrganisationType

    return {k: str(OrganisationType(k).label) for k in ORG_TYPE_KEYS}


def partnerships_refresh_codes() -> int:
    """Copy again the territory codes of every partnership (the geography changes once a year)."""
    changed = 0
    queryset = Partnership.objects.filter(territory__isnull=False).select_related(
        "territory__region", "territory__departement", "territory__epci", "territory__commune"
    )
    with transaction.atomic():
        for partnership in queryset.iterator(chunk_size=2000):
            before = (
                partnership.region_code,
                partnership.departement_code,
                partnership.epci_code,
                partnership.commune_code,
            )
            partnership.set_territory_codes()
            after = (
                partnership.region_code,
                partnership.departement_code,
                partnership.epci_code,
                partnership.commune_code,
            )
            if before != after:
                partnership.save(update_fields=["region_code", "departement_code", "epci_code", "commune_code"])
                changed += 1
    return changed
