"""The two full-text engines behind one interface: SQLite FTS5 and PostgreSQL full text.

Both index the same stems (catalyse.search.french) in three weighted fields (title ≫ summary > body)
and take the same query: groups of alternative stems, all groups required (AND) or any (OR).
Tokens reach the engines only as quoted [a-z0-9]+ strings, so no input can inject query syntax.

Bounded work, the same on both engines, so that a query stays fast at 100,000 documents:
- matches are counted exactly up to COUNT_LIMIT; beyond, the count says "more than COUNT_LIMIT"
  (PostgreSQL needs ~35 ms to count 80,000 matches exactly; as Elasticsearch does, we stop at 10,000);
- up to FULL_RANK_LIMIT matches, every match is scored (bm25 on SQLite, ts_rank on PostgreSQL);
  beyond, scoring them all would cost hundreds of milliseconds, so the documents whose title holds
  the query come first (scored on their title while they are at most FULL_RANK_LIMIT), then the
  other matches, most recently indexed first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any

from django.db import connection, transaction

from catalyse.search.models import FTS_TABLE, SearchDocument, SearchFacet

COUNT_LIMIT = 10_000
FULL_RANK_LIMIT = 1_000
# Column weights, title ≫ summary > body: FTS5 bm25() arguments; PostgreSQL {D, C, B, A}.
SQLITE_WEIGHTS = (10.0, 4.0, 1.0)
POSTGRES_WEIGHTS = "{0.05, 0.1, 0.4, 1.0}"
_SAFE_TOKEN = re.compile(r"^[a-z0-9]+$")
_DOCUMENTS = SearchDocument._meta.db_table
# "+rowid IN (…)": a rowid constraint handed to FTS5 would run the full-text query once per row.
_UNINDEXED_ROWID = f"+{FTS_TABLE}.rowid"
# The same on PostgreSQL: its planner does not know that @@ reads a large TOASTed vector, and would
# rather walk the kind or primary key index and test @@ row by row (200 ms) than use the GIN index.
_PG_ID = "(d.id + 0)"
_PG_KIND = "(d.kind || '')"
_FACETS = SearchFacet._meta.db_table

Filters = Mapping[str, Sequence[str]]


def _token(stem: str) -> str:
    if not _SAFE_TOKEN.match(stem):  # the analyser yields [a-z0-9]+ only: this is a second lock
        raise ValueError(f"unsafe search token: {stem!r}")
    return stem


def _facet_filters(filters: Filters, id_column: str, kind_column: str | None = None) -> tuple[str, list[Any]]:
    """AND across facets, OR within one."""
    sql, params = "", []
    for name, values in sorted(filters.items()):
        marks = ", ".join(["%s"] * len(values))
        if name == "kind" and kind_column:
            sql += f" AND {kind_column} IN ({marks})"
            params += list(values)
        else:
            sql += f" AND {id_column} IN (SELECT document_id FROM {_FACETS} WHERE name = %s AND value IN ({marks}))"  # noqa: S608
            params += [name, *values]
    return sql, params


def _fetch_ids(sql: str, params: Sequence[Any]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _fetch_count(sql: str, params: Sequence[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


class Engine:
    """What the query layer needs from a full-text engine."""

    def expression(self, groups: Sequence[Sequence[str]], *, require_all: bool) -> str:
        raise NotImplementedError

    def session(self) -> Any:
        """A context for the queries of one search."""
        return nullcontext()

    def count(self, expression: str, filters: Filters, *, title_only: bool = False, cap: int | None = None) -> int:
        """How many documents match, counting no further than cap + 1."""
        raise NotImplementedError

    def ranked(
        self, expression: str, filters: Filters, *, limit: int, offset: int, title_only: bool = False
    ) -> list[int]:
        raise NotImplementedError

    def recent(
        self, expression: str, filters: Filters, *, limit: int, offset: int, title_only: bool = False
    ) -> list[int]:
        """Matches most recently indexed first: those whose title holds the query (title_only), or the others."""
        raise NotImplementedError

    def matching_ids_sql(self, expression: str, filters: Filters, *, limit: int) -> tuple[str, list[Any]]:
        """SQL for the ids of (at most `limit`) matching documents."""
        raise NotImplementedError

    def page(self, expression: str, filters: Filters, *, total: int, limit: int, offset: int) -> list[int]:
        """One page of results, best first."""
        if total <= FULL_RANK_LIMIT:
            return self.ranked(expression, filters, limit=limit, offset=offset)
        # Exact up to FULL_RANK_LIMIT, which is more than the deepest page (catalyse.search.views.MAX_PAGE).
        title_total = self.count(expression, filters, title_only=True, cap=FULL_RANK_LIMIT)
        ids = []
        if offset < title_total <= FULL_RANK_LIMIT:
            ids = self.ranked(expression, filters, limit=limit, offset=offset, title_only=True)
        elif offset < title_total:
            ids = self.recent(expression, filters, limit=limit, offset=offset, title_only=True)
        if len(ids) < limit and title_total <= FULL_RANK_LIMIT:
            ids += self.recent(expression, filters, limit=limit - len(ids), offset=max(0, offset - title_total))
        return ids


class SQLiteEngine(Engine):
    def expression(self, groups: Sequence[Sequence[str]], *, require_all: bool) -> str:
        parts = ["(" + " OR ".join(f'"{_token(s)}"' for s in group) + ")" for group in groups]
        return (" AND " if require_all else " OR ").join(parts)

    @staticmethod
    def _title(expression: str) -> str:
        return f"terms_title : ({expression})"

    def count(self, expression: str, filters: Filters, *, title_only: bool = False, cap: int | None = None) -> int:
        where, params = _facet_filters(filters, _UNINDEXED_ROWID)
        match = self._title(expression) if title_only else expression
        return _fetch_count(
            f"SELECT COUNT(*) FROM (SELECT {FTS_TABLE}.rowid FROM {FTS_TABLE} "  # noqa: S608
            f"WHERE {FTS_TABLE} MATCH %s{where} LIMIT %s)",
            [match, *params, (COUNT_LIMIT if cap is None else cap) + 1],
        )

    def ranked(
        self, expression: str, filters: Filters, *, limit: int, offset: int, title_only: bool = False
    ) -> list[int]:
        where, params = _facet_filters(filters, "+d.id", "+d.kind")
        weights = ", ".join(str(w) for w in SQLITE_WEIGHTS)
        match = self._title(expression) if title_only else expression
        return _fetch_ids(
            f"SELECT d.id FROM {FTS_TABLE} JOIN {_DOCUMENTS} d ON d.id = {FTS_TABLE}.rowid "  # noqa: S608
            f"WHERE {FTS_TABLE} MATCH %s{where} "
            f"ORDER BY bm25({FTS_TABLE}, {weights}) * d.boost, d.published_at IS NULL, d.published_at DESC, d.id DESC "
            f"LIMIT %s OFFSET %s",
            [match, *params, limit, offset],
        )

    def recent(
        self, expression: str, filters: Filters, *, limit: int, offset: int, title_only: bool = False
    ) -> list[int]:
        where, params = _facet_filters(filters, _UNINDEXED_ROWID)
        title = self._title(expression)
        match = title if title_only else f"({expression}) NOT ({title})"
        return _fetch_ids(
            f"SELECT {FTS_TABLE}.rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{where} "  # noqa: S608
            f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s OFFSET %s",
            [match, *params, limit, offset],
        )

    def matching_ids_sql(self, expression: str, filters: Filters, *, limit: int) -> tuple[str, list[Any]]:
        where, params = _facet_filters(filters, _UNINDEXED_ROWID)
        return (
            f"SELECT {FTS_TABLE}.rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{where} LIMIT %s",  # noqa: S608
            [expression, *params, limit],
        )


class PostgresEngine(Engine):
    def expression(self, groups: Sequence[Sequence[str]], *, require_all: bool) -> str:
        parts = ["(" + " | ".join(f"'{_token(s)}'" for s in group) + ")" for group in groups]
        return (" & " if require_all else " | ").join(parts)

    @contextmanager
    def session(self) -> Iterator[None]:
        # The planner does not know that @@ reads a large TOASTed vector: a sequential scan over
        # 100,000 rows costs 200 ms where the GIN bitmap over narrow rows costs 10 ms.
        nested = connection.in_atomic_block
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('work_mem'), current_setting('enable_seqscan'), "
                "set_config('work_mem', '32MB', true), set_config('enable_seqscan', 'off', true)"
            )
            work_mem, seqscan, _new_mem, _new_seqscan = cursor.fetchone()
            yield
            if nested:  # SET LOCAL lasts as long as the caller's transaction: give it its settings back
                cursor.execute(
                    "SELECT set_config('work_mem', %s, true), set_config('enable_seqscan', %s, true)",
                    [work_mem, seqscan],
                )

    def count(self, expression: str, filters: Filters, *, title_only: bool = False, cap: int | None = None) -> int:
        where, params = _facet_filters(filters, _PG_ID, _PG_KIND)
        vector = "d.title_vector" if title_only else "d.search_vector"
        return _fetch_count(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {_DOCUMENTS} d "  # noqa: S608
            f"WHERE {vector} @@ to_tsquery('simple', %s){where} LIMIT %s) AS matches",
            [expression, *params, (COUNT_LIMIT if cap is None else cap) + 1],
        )

    def ranked(
        self, expression: str, filters: Filters, *, limit: int, offset: int, title_only: bool = False
    ) -> list[int]:
        where, params = _facet_filters(filters, _PG_ID, _PG_KIND)
        score = (
            "ts_rank(d.title_vector, query, 1)"
            if title_only
            else f"ts_rank('{POSTGRES_WEIGHTS}', d.search_vector, query, 1)"
        )
        vector = "d.title_vector" if title_only else "d.search_vector"
        return _fetch_ids(
            f"SELECT d.id FROM {_DOCUMENTS} d, to_tsquery('simple', %s) query "  # noqa: S608
            f"WHERE {vector} @@ query{where} "
            f"ORDER BY {score} * d.boost DESC, d.published_at DESC NULLS LAST, d.id DESC LIMIT %s OFFSET %s",
            [expression, *params, limit, offset],
        )

    def recent(
        self, expression: str, filters: Filters, *, limit: int, offset: int, title_only: bool = False
    ) -> list[int]:
        where, params = _facet_filters(filters, _PG_ID, _PG_KIND)
        match = "d.title_vector @@ query" if title_only else "d.search_vector @@ query AND NOT d.title_vector @@ query"
        return _fetch_ids(
            f"SELECT d.id FROM {_DOCUMENTS} d, to_tsquery('simple', %s) query "  # noqa: S608
            f"WHERE {match}{where} ORDER BY d.id DESC LIMIT %s OFFSET %s",
            [expression, *params, limit, offset],
        )

    def matching_ids_sql(self, expression: str, filters: Filters, *, limit: int) -> tuple[str, list[Any]]:
        where, params = _facet_filters(filters, _PG_ID, _PG_KIND)
        return (
            f"SELECT d.id FROM {_DOCUMENTS} d WHERE d.search_vector @@ to_tsquery('simple', %s){where} LIMIT %s",  # noqa: S608
            [expression, *params, limit],
        )


def engine() -> Engine:
    return PostgresEngine() if connection.vendor == "postgresql" else SQLiteEngine()


def facet_counts(active: Engine, expression: str, filters: Filters, names: Sequence[str]) -> dict[str, dict[str, int]]:
    """Counts per facet value over the results; a facet's own selection does not narrow its counts.

    Over COUNT_LIMIT results, the counts cover the first COUNT_LIMIT of them (by id), which bounds the
    work as the result count is bounded."""
    counts: dict[str, dict[str, int]] = {}
    selected = [n for n in names if filters.get(n)]
    passes: list[tuple[list[str], Filters]] = [([n for n in names if n not in selected], filters)]
    passes += [([name], {k: v for k, v in filters.items() if k != name}) for name in selected]
    for facet_names, facet_filters in passes:
        if not facet_names:
            continue
        ids_sql, params = active.matching_ids_sql(expression, facet_filters, limit=COUNT_LIMIT)
        marks = ", ".join(["%s"] * len(facet_names))
        with connection.cursor() as cursor:
            # From the matches to their facet values (index on document): not the other way round.
            cursor.execute(
                f"SELECT f.name, f.value, COUNT(*) FROM ({ids_sql}) AS m "  # noqa: S608
                f"JOIN {_FACETS} f ON f.document_id = m.id WHERE f.name IN ({marks}) GROUP BY f.name, f.value",
                [*params, *facet_names],
            )
            for name, value, count in cursor.fetchall():
                counts.setdefault(name, {})[value] = count
    return counts
