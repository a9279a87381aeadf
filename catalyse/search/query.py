"""Reads of the search index: one interface, two engines (SQLite FTS5, PostgreSQL full text).

A query is analysed like the documents (catalyse.search.french), then rewritten with the
vocabulary: the last word typed is expanded as a prefix, a word with one typo is corrected (and
offered as "did you mean"). All words must match; when no document holds them all, any word may.
Tokens reach the engines only as quoted [a-z0-9]+ strings: no input can inject query syntax.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import connection

from catalyse.lib.text import fold
from catalyse.search import french
from catalyse.search.models import FTS_TABLE, SearchDocument, SearchFacet, SearchTerm

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
MAX_PREFIX_EXPANSIONS = 30
MIN_TYPO_LENGTH = 4
MAX_TYPO_LENGTH = 30
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_SAFE_TOKEN = re.compile(r"^[a-z0-9]+$")
# Column weights: title ≫ summary > body (FTS5 bm25 arguments; PostgreSQL {D, C, B, A} weights).
SQLITE_WEIGHTS = (10.0, 4.0, 1.0)
POSTGRES_WEIGHTS = "{0.05, 0.1, 0.4, 1.0}"


@dataclass(frozen=True)
class QueryTerm:
    """One word of the query: the stems that satisfy it (any of them)."""

    word: str
    stems: tuple[str, ...]
    known: bool = True
    corrected: str | None = None  # the vocabulary word that replaced a typo, as written
    expanded: bool = False  # the last word, completed as a prefix


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    terms: tuple[QueryTerm, ...]
    suggestion: str | None = None  # the query with its typos corrected

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(s for term in self.terms for s in term.stems)


@dataclass
class SearchResults:
    query: ParsedQuery
    count: int
    documents: list[SearchDocument]
    partial: bool = False  # no document holds every word: these hold some
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


def edits1(word: str) -> set[str]:
    """Every string one edit away: deletion, transposition, substitution, insertion."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0]}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | transposes | replaces | inserts) - {word}


def _prefix_stems(word: str) -> list[str]:
    terms = SearchTerm.objects.all()
    if connection.vendor == "sqlite":
        # Binary collation: a range reads the unique index (LIKE would scan).
        terms = terms.filter(term__gte=word, term__lt=word + "{")
    else:
        terms = terms.filter(term__startswith=word)
    rows = terms.order_by("-doc_count", "term").values_list("stem", flat=True)[:MAX_PREFIX_EXPANSIONS]
    return list(dict.fromkeys(rows))


def _corrections(words: Sequence[str]) -> dict[str, SearchTerm]:
    """The best vocabulary word one typo away from each word, if any."""
    candidates = {word: edits1(word) for word in words}
    everything = sorted(set().union(*candidates.values())) if candidates else []
    found: dict[str, SearchTerm] = {}
    for start in range(0, len(everything), 2000):
        for term in SearchTerm.objects.filter(term__in=everything[start : start + 2000]):
            found[term.term] = term
    best = {}
    for word, options in candidates.items():
        matches = [found[o] for o in options if o in found]
        if matches:
            # Same first letter first (people rarely mistype it), then the most common word.
            best[word] = min(matches, key=lambda t: (t.term[0] != word[0], -t.doc_count, t.term))
    return best


def _suggestion(text: str, replacements: Mapping[str, str]) -> str:
    """The query as typed, with its corrected words replaced."""

    def replace(match: re.Match[str]) -> str:
        folded = "".join(re.findall(r"[a-z0-9]+", fold(match.group())))
        return replacements.get(folded, match.group())

    return re.sub(r"[^\W_]+", replace, text)


def parse_query(text: str) -> ParsedQuery:
    text = (text or "").replace("\x00", " ")[:MAX_QUERY_LENGTH].strip()
    words = list(dict.fromkeys(french.words(text)))[:MAX_WORDS]
    if not words:
        return ParsedQuery(text=text, terms=())
    stems = {w: french.stem(w) for w in words}
    known = set(SearchTerm.objects.filter(stem__in=set(stems.values())).values_list("stem", flat=True).distinct())
    terms: dict[str, QueryTerm] = {}
    unknown: list[str] = []
    for index, word in enumerate(words):
        if stems[word] in known:
            terms[word] = QueryTerm(word=word, stems=(stems[word],))
            continue
        if index == len(words) - 1 and len(word) >= 2:
            expansions = _prefix_stems(word)
            if expansions:
                terms[word] = QueryTerm(word=word, stems=tuple(expansions), expanded=True)
                continue
        unknown.append(word)
    typos = [w for w in unknown if MIN_TYPO_LENGTH <= len(w) <= MAX_TYPO_LENGTH and w.isalpha()]
    corrections = _corrections(typos) if typos else {}
    for word in unknown:
        if word in corrections:
            term = corrections[word]
            terms[word] = QueryTerm(word=word, stems=(term.stem,), corrected=term.display)
        else:
            terms[word] = QueryTerm(word=word, stems=(stems[word],), known=False)
    replacements = {w: corrections[w].display for w in corrections}
    suggestion = _suggestion(text, replacements) if replacements else None
    return ParsedQuery(text=text, terms=tuple(terms[w] for w in words), suggestion=suggestion)


# --- the engines -------------------------------------------------------------------------------


def _quoted(stem: str) -> str:
    if not _SAFE_TOKEN.match(stem):  # never happens: the analyser yields [a-z0-9]+ only
        raise ValueError(stem)
    return stem


def _match_expression(groups: Sequence[Sequence[str]], *, require_all: bool) -> str:
    if connection.vendor == "postgresql":
        parts = ["(" + " | ".join(f"'{_quoted(s)}'" for s in group) + ")" for group in groups]
        return (" & " if require_all else " | ").join(parts)
    parts = ["(" + " OR ".join(f'"{_quoted(s)}"' for s in group) + ")" for group in groups]
    return (" AND " if require_all else " OR ").join(parts)


def _filters_sql(filters: Mapping[str, Sequence[str]], id_column: str, kind_column: str | None) -> tuple[str, list]:
    """AND across facets, OR within one."""
    sql, params = "", []
    facet_table = SearchFacet._meta.db_table
    for name, values in sorted(filters.items()):
        values = [v for v in values if v]
        if not values:
            continue
        marks = ", ".join(["%s"] * len(values))
        if name == "kind" and kind_column:
            sql += f" AND {kind_column} IN ({marks})"
            params += values
        else:
            sql += f" AND {id_column} IN (SELECT document_id FROM {facet_table} WHERE name = %s AND value IN ({marks}))"
            params += [name, *values]
    return sql, params


def _matching_ids_sql(expression: str, filters: Mapping[str, Sequence[str]]) -> tuple[str, list]:
    if connection.vendor == "postgresql":
        table = SearchDocument._meta.db_table
        where, params = _filters_sql(filters, "d.id", "d.kind")
        return (
            f"SELECT d.id FROM {table} d WHERE d.search_vector @@ to_tsquery('simple', %s){where}",  # noqa: S608
            [expression, *params],
        )
    where, params = _filters_sql(filters, f"{FTS_TABLE}.rowid", None)
    return f"SELECT {FTS_TABLE}.rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{where}", [expression, *params]  # noqa: S608


def _ranked(
    expression: str, filters: Mapping[str, Sequence[str]], *, limit: int, offset: int
) -> tuple[list[int], int | None]:
    """Ids of one page of results, best first, and the total (None when the page is past the end)."""
    table = SearchDocument._meta.db_table
    if connection.vendor == "postgresql":
        where, params = _filters_sql(filters, "d.id", "d.kind")
        sql = (
            f"SELECT d.id, COUNT(*) OVER () FROM {table} d, to_tsquery('simple', %s) query "  # noqa: S608
            f"WHERE d.search_vector @@ query{where} "
            f"ORDER BY ts_rank('{POSTGRES_WEIGHTS}', d.search_vector, query, 1) * d.boost DESC, "
            f"d.published_at DESC NULLS LAST, d.id LIMIT %s OFFSET %s"
        )
        params = [expression, *params, limit, offset]
    else:
        where, params = _filters_sql(filters, "d.id", "d.kind")
        weights = ", ".join(str(w) for w in SQLITE_WEIGHTS)
        sql = (
            f"SELECT d.id, COUNT(*) OVER () FROM {FTS_TABLE} JOIN {table} d ON d.id = {FTS_TABLE}.rowid "  # noqa: S608
            f"WHERE {FTS_TABLE} MATCH %s{where} "
            f"ORDER BY bm25({FTS_TABLE}, {weights}) * d.boost, d.published_at IS NULL, d.published_at DESC, d.id "
            f"LIMIT %s OFFSET %s"
        )
        params = [expression, *params, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [row[0] for row in rows], (rows[0][1] if rows else None)


def _count(expression: str, filters: Mapping[str, Sequence[str]]) -> int:
    sql, params = _matching_ids_sql(expression, filters)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS matches", params)  # noqa: S608
        return int(cursor.fetchone()[0])


def _facet_counts(
    expression: str, filters: Mapping[str, Sequence[str]], names: Sequence[str]
) -> dict[str, dict[str, int]]:
    """Counts per facet value over the results; a facet's own selection does not narrow its counts."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    facet_table = SearchFacet._meta.db_table
    selected = [n for n in names if filters.get(n)]
    passes: list[tuple[list[str], dict[str, Sequence[str]]]] = [
        ([n for n in names if n not in selected], dict(filters))
    ]
    passes += [([name], {k: v for k, v in filters.items() if k != name}) for name in selected]
    for facet_names, facet_filters in passes:
        if not facet_names:
            continue
        ids_sql, params = _matching_ids_sql(expression, facet_filters)
        marks = ", ".join(["%s"] * len(facet_names))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT name, value, COUNT(*) FROM {facet_table} "  # noqa: S608
                f"WHERE name IN ({marks}) AND document_id IN ({ids_sql}) GROUP BY name, value",
                [*facet_names, *params],
            )
            for name, value, count in cursor.fetchall():
                counts[name][value] = count
    return dict(counts)


def search_documents(
    text: str,
    *,
    filters: Mapping[str, Sequence[str]] | None = None,
    limit: int = 20,
    offset: int = 0,
    facet_names: Sequence[str] = (),
) -> SearchResults:
    """Documents matching `text`, best first; `filters` = {facet: [values]} (`kind` included)."""
    filters = {name: list(values) for name, values in (filters or {}).items() if values}
    query = parse_query(text)
    if not query.terms:
        return SearchResults(query=query, count=0, documents=[])
    groups = [term.stems for term in query.terms]
    all_known = all(term.known for term in query.terms)
    partial = False
    ids: list[int] = []
    total: int | None = 0
    expression = _match_expression(groups, require_all=True)
    if all_known:
        ids, total = _ranked(expression, filters, limit=limit, offset=offset)
        if total is None:
            total = _count(expression, filters) if offset else 0
    if not total and len(groups) > 1:
        known_groups = [term.stems for term in query.terms if term.known]
        if known_groups:
            partial = True
            expression = _match_expression(known_groups, require_all=False)
            ids, total = _ranked(expression, filters, limit=limit, offset=offset)
            if total is None:
                total = _count(expression, filters) if offset else 0
    documents = SearchDocument.objects.in_bulk(ids) if ids else {}
    results = SearchResults(
        query=query,
        count=total or 0,
        documents=[documents[i] for i in ids if i in documents],
        partial=partial and bool(total),
    )
    # With nothing found but filters ticked, the counts still show how to widen the search.
    if facet_names and (total or filters):
        results.facets = _facet_counts(expression, filters, facet_names)
    return results
