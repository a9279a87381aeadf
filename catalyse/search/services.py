"""Writes to the search index: apps push their documents here, inside their own transactions.

    search_index_upsert(*, source, key, title, body, url, kind, summary="", facets=None,
                        published_at=None, boost=1.0) -> SearchDocument
    search_index_delete(*, source, key) -> bool
    search_index_bulk_upsert(*, source, entries, batch_size=500) -> int
    search_index_rebuild(*, source=None) -> dict[str, int]
    search_vocabulary_rebuild() -> int

The FTS5 table (SQLite) and the tsvector column (PostgreSQL) follow the analysed columns by
themselves; these functions keep the facet rows and the vocabulary in step.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import Any

import nh3
from django.db import connection, transaction
from django.utils import timezone

from catalyse.lib.markdown import render_markdown
from catalyse.lib.registry import SearchEntry, registry
from catalyse.search import french
from catalyse.search.models import SearchDocument, SearchFacet, SearchTerm

MAX_KEY = 200
MAX_TITLE = 500
MAX_URL = 500
MAX_FACET_VALUE = 100
MAX_TERM = 100
_CHUNK = 400
# Multi-valued facets kept as given; `territories` and `year` are derived specially.
_TERRITORY_LEVELS = ("region", "departement")
_MARKDOWN_HINT = re.compile(r"[*_`#\[\]<>|]|^\s*(?:[-+>]|\d+\.)\s", re.M)
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|tr|td|th)>|<br\s*/?>|<hr\s*/?>", re.I)
_WRITTEN = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*")
_HYPHEN = re.compile("[-‐‑]")


def plain_text(text: str) -> str:
    """Markdown (or plain text) to the plain text that is indexed and quoted in excerpts."""
    text = (text or "").replace("\x00", "")
    if not _MARKDOWN_HINT.search(text):
        return text.strip()
    rendered = _BLOCK_END.sub("\n", render_markdown(text))
    stripped = html.unescape(nh3.clean(rendered, tags=set()))
    return re.sub(r"\n{3,}", "\n\n", stripped).strip()


def _display_forms(text: str) -> dict[str, str]:
    """Folded word → the word as written (lower case, accents and hyphens kept), where they differ."""
    forms: dict[str, str] = {}
    for match in _WRITTEN.finditer(text):
        unit = match.group()
        if unit.isascii() and "-" not in unit:
            continue
        parts = _HYPHEN.split(unit)
        for part in parts:
            if not part.isascii():
                forms.setdefault(french.fold_word(part), part.lower())
        if len(parts) > 1:
            forms.setdefault("".join(french.fold_word(p) for p in parts), unit.lower())
    return forms


def _facet_values(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    values = value if isinstance(value, list | tuple | set | frozenset) else [value]
    return [str(v)[:MAX_FACET_VALUE] for v in values if v is not None and str(v) != ""]


def facet_rows(*, kind: str, facets: dict[str, Any], published_at: datetime | None) -> set[tuple[str, str]]:
    """The (name, value) pairs a document is filtered and counted under."""
    rows = {("kind", kind)}
    for name, value in facets.items():
        if name in {"territories", "year", "kind"}:
            continue
        rows.update((name[:40], v) for v in _facet_values(value))
    for ref in _facet_values(facets.get("territories")):
        level, _sep, code = ref.partition(":")
        if level in _TERRITORY_LEVELS and code:
            rows.add((level, code))
    year = facets.get("year") or (published_at.year if published_at else None)
    if year:
        rows.add(("year", str(year)[:MAX_FACET_VALUE]))
    return rows


class _Analysed:
    """A document's analysed columns and the folded words it brings to the vocabulary."""

    __slots__ = ("terms_body", "terms_summary", "terms_title", "text", "words")

    def __init__(self, title: str, summary: str, body: str) -> None:
        columns = []
        words: set[str] = set()
        stem = french.stem
        for text in (title, summary, body):
            folded = french.index_words(text)
            words.update(folded)
            columns.append(" ".join([stem(w) for w in folded]))
        self.terms_title, self.terms_summary, self.terms_body = columns
        self.words = words
        self.text = f"{title}\n{summary}\n{body}"


def _document_words(document: SearchDocument) -> set[str]:
    return _Analysed(document.title, document.summary, document.body).words


def _new_word_displays(analysed: Sequence[_Analysed]) -> dict[str, str]:
    """How the words new to the vocabulary are written (accents included), read from the first
    document that holds each: only new words are looked for, as most words of a batch are known."""
    words = sorted(set().union(*(a.words for a in analysed)))
    known: set[str] = set()
    for chunk in _chunks(words, 900):
        known.update(SearchTerm.objects.filter(term__in=chunk).values_list("term", flat=True))
    missing = set(words) - known
    displays: dict[str, str] = {}
    for item in analysed:
        found = item.words & missing
        if not found:
            continue
        for word, written in _display_forms(item.text).items():
            if word in found:
                displays[word] = written
        missing -= found
        if not missing:
            break
    return displays


def _check_entry(source: str, entry: SearchEntry) -> None:
    if not source or len(source) > 40:
        raise ValueError("La source d’un document indexé doit faire entre 1 et 40 caractères.")
    if not entry.key or len(entry.key) > MAX_KEY:
        raise ValueError(f"La clé d’un document indexé doit faire entre 1 et {MAX_KEY} caractères.")
    if not entry.kind or len(entry.kind) > 40:
        raise ValueError("Le type d’un document indexé doit faire entre 1 et 40 caractères.")
    if len(entry.url) > MAX_URL:
        raise ValueError(f"L’adresse d’un document indexé fait au plus {MAX_URL} caractères.")


def _fill(document: SearchDocument, entry: SearchEntry) -> _Analysed:
    document.title = (entry.title or "").replace("\x00", "").strip()[:MAX_TITLE]
    document.summary = plain_text(entry.summary)
    document.body = plain_text(entry.body)
    document.url = entry.url
    document.kind = entry.kind
    document.facets = dict(entry.facets or {})
    document.published_at = entry.published_at
    document.boost = float(entry.boost) if entry.boost and entry.boost > 0 else 1.0
    analysed = _Analysed(document.title, document.summary, document.body)
    document.terms_title = analysed.terms_title
    document.terms_summary = analysed.terms_summary
    document.terms_body = analysed.terms_body
    return analysed


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _vocabulary_apply(deltas: Counter[str], displays: dict[str, str]) -> None:
    """Add the document counts of words that came in, subtract those that left; drop words at zero."""
    changes = sorted((w, d) for w, d in deltas.items() if d and len(w) <= MAX_TERM)
    if not changes:
        return
    added = [w for w, d in changes if d > 0]
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=w, stem=french.stem(w), display=displays.get(w, w)[:MAX_TERM], doc_count=0) for w in added],
        ignore_conflicts=True,
        batch_size=_CHUNK,
    )
    table = SearchTerm._meta.db_table
    with connection.cursor() as cursor:
        for chunk in _chunks(changes):
            values = ", ".join(["(%s, %s)"] * len(chunk))
            params = [item for pair in chunk for item in pair]
            cursor.execute(
                f"UPDATE {table} SET doc_count = {table}.doc_count + v.delta "  # noqa: S608 (no user text)
                f"FROM (SELECT column1 AS term, column2 AS delta FROM (VALUES {values}) AS vals) AS v "
                f"WHERE {table}.term = v.term",
                params,
            )
    removed = [w for w, d in changes if d < 0]
    for chunk in _chunks(removed):
        SearchTerm.objects.filter(term__in=chunk, doc_count__lte=0).delete()


def _replace_facets(documents: Sequence[SearchDocument], *, existing_ids: Sequence[int]) -> None:
    for chunk in _chunks(existing_ids):
        SearchFacet.objects.filter(document_id__in=chunk).delete()
    rows = [
        (document.pk, name, value)
        for document in documents
        for name, value in sorted(
            facet_rows(kind=document.kind, facets=document.facets, published_at=document.published_at)
        )
    ]
    # Plain SQL: a batch of a thousand documents holds some fifteen thousand facet values.
    table = SearchFacet._meta.db_table
    if connection.vendor == "postgresql":
        _copy(table, ["document_id", "name", "value"], rows)
        return
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, 300):
            values = ", ".join(["(%s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} (document_id, name, value) VALUES {values}",  # noqa: S608 (no user text)
                [item for row in chunk for item in row],
            )


def search_index_upsert(
    *,
    source: str,
    key: str,
    title: str,
    body: str,
    url: str,
    kind: str,
    summary: str = "",
    facets: dict[str, Any] | None = None,
    published_at: datetime | None = None,
    boost: float = 1.0,
) -> SearchDocument:
    """Index one document, or re-index it if (source, key) is already there.

    `body` and `summary` may be Markdown; `facets` may hold themes, forms, objective, audiences
    (lists or single values), territories (LEVEL:CODE refs, parents included) and year."""
    entry = SearchEntry(
        key=key,
        title=title,
        body=body,
        url=url,
        kind=kind,
        summary=summary,
        facets=facets,
        published_at=published_at,
        boost=boost,
    )
    _check_entry(source, entry)
    with transaction.atomic():
        document = SearchDocument.objects.select_for_update().filter(source=source, key=key).first()
        deltas: Counter[str] = Counter()
        existing_ids = []
        if document is not None:
            deltas.subtract(_document_words(document))
            existing_ids.append(document.pk)
        else:
            document = SearchDocument(source=source, key=key)
        analysed = _fill(document, entry)
        deltas.update(analysed.words)
        document.save()
        _replace_facets([document], existing_ids=existing_ids)
        _vocabulary_apply(deltas, _new_word_displays([analysed]))
    return document


def search_index_delete(*, source: str, key: str) -> bool:
    """Remove a document from the index; False if it was not there."""
    with transaction.atomic():
        document = SearchDocument.objects.select_for_update().filter(source=source, key=key).first()
        if document is None:
            return False
        deltas: Counter[str] = Counter()
        deltas.subtract(_document_words(document))
        document.delete()
        _vocabulary_apply(deltas, {})
    return True


_INSERTED = (
    "source", "key", "title", "summary", "body", "url", "kind", "facets", "published_at", "boost",
    "terms_title", "terms_summary", "terms_body", "updated_at",
)  # fmt: skip


_UPDATED = [name for name in _INSERTED if name not in {"source", "key"}]


def _copy(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """PostgreSQL's COPY: several times faster than INSERT for the thousands of rows of a batch."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        sql = f"COPY {table} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


def _insert_documents(documents: Sequence[SearchDocument]) -> None:
    """bulk_create without the ORM's per-value compilation, which dominated the cost of indexing."""
    if not documents:
        return
    fields = [SearchDocument._meta.get_field(name) for name in _INSERTED]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)  # type: ignore[union-attr]
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    now = timezone.now()
    for document in documents:
        document.updated_at = now
        document._state.adding = False
        document._state.db = connection.alias
    if connection.vendor == "postgresql":
        # Ids from the sequence, then COPY (which cannot return them).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [SearchDocument._meta.db_table, len(documents)],
            )
            for document, (pk,) in zip(documents, cursor.fetchall(), strict=True):
                document.pk = pk
        _copy(
            SearchDocument._meta.db_table,
            ["id", *(str(field.column) for field in fields)],  # type: ignore[union-attr]
            (
                [document.pk]
                + [field.get_db_prep_save(getattr(document, field.attname), connection) for field in fields]  # type: ignore[union-attr]
                for document in documents
            ),
        )
        return
    with connection.cursor() as cursor:
        for chunk in _chunks(documents, 200):
            params = [
                field.get_db_prep_save(getattr(document, field.attname), connection)  # type: ignore[union-attr]
                for document in chunk
                for field in fields
            ]
            cursor.execute(
                f"INSERT INTO {SearchDocument._meta.db_table} ({columns}) VALUES {', '.join([row] * len(chunk))} "  # noqa: S608
                f"RETURNING id, {quote('key')}",
                params,
            )
            ids = {key: pk for pk, key in cursor.fetchall()}
            for document in chunk:
                document.pk = ids[document.key]


def _upsert_batch(source: str, entries: Sequence[SearchEntry]) -> None:
    by_key = {entry.key: entry for entry in entries}  # the last one of a key wins
    for entry in by_key.values():
        _check_entry(source, entry)
    existing = {
        d.key: d for d in SearchDocument.objects.select_for_update().filter(source=source, key__in=list(by_key))
    }
    deltas: Counter[str] = Counter()
    created, updated, analysed = [], [], []
    for key, entry in by_key.items():
        document = existing.get(key)
        if document is not None:
            deltas.subtract(_document_words(document))
            updated.append(document)
        else:
            document = SearchDocument(source=source, key=key)
            created.append(document)
        analysed.append(_fill(document, entry))
        deltas.update(analysed[-1].words)
    displays = _new_word_displays(analysed)
    _insert_documents(created)
    if updated:
        SearchDocument.objects.bulk_update(updated, _UPDATED, batch_size=500)
    _replace_facets(created + updated, existing_ids=[d.pk for d in updated])
    _vocabulary_apply(deltas, displays)


def search_index_bulk_upsert(*, source: str, entries: Iterable[SearchEntry], batch_size: int = 500) -> int:
    """Index many documents of one source, one transaction per batch; returns how many."""
    count = 0
    iterator = iter(entries)
    while batch := list(islice(iterator, batch_size)):
        with transaction.atomic():
            _upsert_batch(source, batch)
        count += len(batch)
    return count


def _delete_documents(ids: Sequence[int]) -> None:
    for chunk in _chunks(ids, 200):
        with transaction.atomic():
            deltas: Counter[str] = Counter()
            documents = list(SearchDocument.objects.select_for_update().filter(pk__in=chunk))
            for document in documents:
                deltas.subtract(_document_words(document))
            SearchFacet.objects.filter(document_id__in=[d.pk for d in documents]).delete()
            SearchDocument.objects.filter(pk__in=[d.pk for d in documents]).delete()
            _vocabulary_apply(deltas, {})


def search_index_rebuild(*, source: str | None = None) -> dict[str, int]:
    """Re-index everything registered sources hold now (one source, or all); drop what they no longer hold.

    Returns the number of documents indexed per source."""
    sources = [s for s in registry.search_sources if source is None or s.key == source]
    if source is not None and not sources:
        raise ValueError(f"Source de recherche inconnue : « {source} ».")
    counts = {}
    for search_source in sources:
        seen: set[str] = set()

        def entries(search_source: Any = search_source, seen: set[str] = seen) -> Iterator[SearchEntry]:
            for entry in search_source.iter_documents():
                seen.add(entry.key)
                yield entry

        counts[search_source.key] = search_index_bulk_upsert(source=search_source.key, entries=entries())
        stale = [
            pk
            for pk, key in SearchDocument.objects.filter(source=search_source.key).values_list("pk", "key")
            if key not in seen
        ]
        _delete_documents(stale)
    return counts


def search_vocabulary_rebuild() -> int:
    """Recount the vocabulary from the documents (a repair; the services keep it in step)."""
    counts: Counter[str] = Counter()
    displays: dict[str, str] = {}
    documents = SearchDocument.objects.only("title", "summary", "body").order_by("pk")
    for document in documents.iterator(chunk_size=2000):
        analysed = _Analysed(document.title, document.summary, document.body)
        fresh = analysed.words - counts.keys()
        counts.update(analysed.words)
        if fresh:
            forms = _display_forms(analysed.text)
            displays.update((w, forms[w]) for w in fresh if w in forms)
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(
            [
                SearchTerm(term=w, stem=french.stem(w), display=displays.get(w, w)[:MAX_TERM], doc_count=n)
                for w, n in sorted(counts.items())
                if len(w) <= MAX_TERM
            ],
            batch_size=1000,
        )
    return len(counts)
