"""Reads of the search index: one interface, two engines (SQLite FTS5, PostgreSQL full text).

A query is analysed like the documents (catalyse.search.french), then rewritten with the
vocabulary: the last word typed is expanded as a prefix, a word with one typo is corrected (and
offered as "did you mean"). All words must match; when no document holds them all, any word may.
The engines (catalyse.search.engines) do the matching and ranking.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import connection

from catalyse.search import engines, french
from catalyse.search.models import SearchDocument, SearchTerm

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
MAX_PREFIX_EXPANSIONS = 30
MIN_TYPO_LENGTH = 4
MAX_TYPO_LENGTH = 30
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


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
    count_exact: bool = True  # False: more than `count` documents match (engines.COUNT_LIMIT)
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
    if connection.vendor == "postgresql":
        # One array parameter: planning a statement with hundreds of literals costs more than the lookups.
        terms = SearchTerm.objects.raw(
            f"SELECT * FROM {SearchTerm._meta.db_table} WHERE term = ANY(%s)",  # noqa: S608
            [everything],
        )
        found = {term.term: term for term in terms}
    else:
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
        folded = french.fold_word(match.group())
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


def search_documents(
    text: str,
    *,
    filters: Mapping[str, Sequence[str]] | None = None,
    limit: int = 20,
    offset: int = 0,
    facet_names: Sequence[str] = (),
) -> SearchResults:
    """Documents matching `text`, best first; `filters` = {facet: [values]} (`kind` included)."""
    query = parse_query(text)
    clean_filters: dict[str, list[str]] = {}
    for name, values in (filters or {}).items():
        if not values:
            continue
        # A value the index could not hold matches nothing, and never reaches the database.
        clean_filters[name] = [v for v in values if v and len(v) <= 100 and "\x00" not in v]
        if not clean_filters[name]:
            return SearchResults(query=query, count=0, documents=[])
    filters = clean_filters
    if not query.terms:
        return SearchResults(query=query, count=0, documents=[])
    groups = [term.stems for term in query.terms]
    active = engines.engine()
    expression = active.expression(groups, require_all=True)
    partial = False
    with active.session():
        total = active.count(expression, filters) if all(term.known for term in query.terms) else 0
        known_groups = [term.stems for term in query.terms if term.known]
        if not total and len(groups) > 1 and known_groups:
            partial = True
            expression = active.expression(known_groups, require_all=False)
            total = active.count(expression, filters)
        ids = active.page(expression, filters, total=total, limit=limit, offset=offset) if total > offset else []
        documents = SearchDocument.objects.in_bulk(ids) if ids else {}
        results = SearchResults(
            query=query,
            count=min(total, engines.COUNT_LIMIT),
            count_exact=total <= engines.COUNT_LIMIT,
            documents=[documents[i] for i in ids if i in documents],
            partial=partial and bool(total),
        )
        # With nothing found but filters ticked, the counts still show how to widen the search.
        if facet_names and (total or filters):
            results.facets = engines.facet_counts(active, expression, filters, facet_names)
    return results
