"""Autocomplete of territories: the same algorithm, and the same answers, on SQLite and PostgreSQL.

Every name is folded (`catalyse.lib.text.fold`: lower case, no accents, œ → oe, hyphens and
apostrophes as spaces) into three index tables filled by `services.territories_load()`:

- `TerritorySearchName`: full names, their variants (abbreviations spelled out, separators removed)
  and the aliases (delegated and associated communes), for exact and prefix matches;
- `TerritorySearchWord`: each word of those names and each postal code, for word-prefix matches;
- `TerritoryWordVariant`: each word of the vocabulary with one letter deleted, to find the words one
  typo away (substitution, insertion, deletion or transposition) by exact lookups.

A query runs in stages, best first, and stops as soon as it holds enough results: the code
(INSEE, SIREN), the exact name, names starting with the query, names whose words start with each
word of the query; then, only when those found fewer than three, exact names and words with one
typo corrected. Every stage is an indexed range or equality query on folded ASCII text compared
byte by byte (see `FoldedField`) on covering indexes, and results are ordered by (stage, search
rank), a total order, so both databases give identical answers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from catalyse.lib.text import fold
from catalyse.territories.models import (
    Level,
    Territory,
    TerritoryAlias,
    TerritorySearchName,
    TerritorySearchWord,
    TerritoryWordVariant,
)

MAX_QUERY_LENGTH = 200
MAX_TOKENS = 12
MAX_WORD_CONDITIONS = 6  # the most selective words of a long query are enough to find it
MAX_VARIANTS = 4
TYPO_MIN_LENGTH = 4  # a typo in a shorter word matches too many others
TYPO_PREFIX_MIN_LENGTH = 5  # the word being typed: fewer letters give too many candidates
MAX_CORRECTIONS = 24
TYPO_FALLBACK_BELOW = 3  # look for typos only when the exact and prefix stages found fewer results
# Words found in thousands of names: never the one that drives a word query.
FREQUENT_WORDS = frozenset(
    {"saint", "sainte", "saints", "saintes", "sur", "sous", "de", "du", "des", "la", "le", "les", "l", "d"}
    | {"en", "et", "aux", "au", "lez", "pres"}
)

# What people type for what the names say.
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes", "mt": "mont"}
# The names of intercommunalities start with their type, abbreviated.
EPCI_PREFIXES = {
    "cc": "communaute de communes",
    "ca": "communaute d agglomeration",
    "cu": "communaute urbaine",
}
_SUR = re.compile(r"(?<![^\W\d_])s\s*/\s*", re.IGNORECASE)  # "Bar-s/-Aube", "s/ mer" → "sur"
_NOT_SEARCHABLE = re.compile(r"[^a-z0-9]+")
_CODE = re.compile(r"[0-9]{2,9}|2[ab][0-9]{0,3}")
_REF = re.compile(r"\s*(region|departement|epci|commune)\s*:\s*([0-9]{2,9}|2[ab][0-9]{0,3})\s*", re.IGNORECASE)


# Folding, shared with the loader -------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Folded text reduced to the alphabet of the index: a-z, 0-9 and single spaces."""
    return _NOT_SEARCHABLE.sub(" ", fold(text)).strip()


def name_terms(name: str, *, level: str) -> list[str]:
    """The folded name, then the same with its abbreviations spelled out (when that differs)."""
    term = normalize(name)
    words = term.split()
    expanded = [ABBREVIATIONS.get(word, word) for word in words]
    if level == Level.EPCI and expanded and expanded[0] in EPCI_PREFIXES:
        expanded[0] = EPCI_PREFIXES[expanded[0]]
    terms = [term]
    spelled = " ".join(expanded)
    if spelled != term:
        terms.append(spelled)
    return terms


def words_of(term: str) -> set[str]:
    """The words of a folded term, plus elided words joined to the next one ("l isle" → "lisle")."""
    words = term.split()
    result = set(words)
    for first, second in itertools.pairwise(words):
        if len(first) == 1 and first.isalpha():
            result.add(first + second)
    return result


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def word_variants(word: str) -> set[str]:
    """The rows of `TerritoryWordVariant` for one word of the vocabulary."""
    return deletions(word) | {word}


def has_typo_variants(word: str) -> bool:
    return len(word) >= TYPO_MIN_LENGTH and not word.isdigit()


def one_edit_apart(a: str, b: str) -> bool:
    """Optimal string alignment distance ≤ 1: one substitution, insertion, deletion or transposition."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < la and i < lb and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :] or (
            i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


def one_edit_from_a_prefix(typed: str, word: str) -> bool:
    """Whether `word` starts with something one typo away from `typed` (the word being typed)."""
    n = len(typed)
    return any(one_edit_apart(typed, word[:m]) for m in (n - 1, n, n + 1) if 0 < m <= len(word))


def _after(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (ASCII, byte order)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _starts_with(column: str, prefix: str) -> Q:
    return Q(**{f"{column}__gte": prefix, f"{column}__lt": _after(prefix)})


# The query ----------------------------------------------------------------------------------------------------


@dataclass
class ParsedQuery:
    tokens: list[str]
    variants: list[list[str]]  # the tokens, with the abbreviations spelled out
    code: str | None = None  # an INSEE code or an EPCI SIREN, as stored ("2A004")
    ref_level: str | None = None


def parse_query(q: str) -> ParsedQuery:
    text = _SUR.sub(" sur ", q[:MAX_QUERY_LENGTH])
    ref = _REF.fullmatch(q[:MAX_QUERY_LENGTH])
    tokens = normalize(text).split()[:MAX_TOKENS]
    parsed = ParsedQuery(tokens=tokens, variants=[])
    if ref:
        parsed.ref_level, parsed.code = ref.group(1).lower(), ref.group(2).upper()
        return parsed
    compact = "".join(tokens)
    if _CODE.fullmatch(compact):
        parsed.code = compact.upper()
    choices = []
    for position, token in enumerate(tokens):
        spelled = ABBREVIATIONS.get(token)
        if spelled is None:
            choices.append([token])
        elif position == len(tokens) - 1:
            choices.append([token, spelled])  # "st" may be the start of "strasbourg"
        else:
            choices.append([spelled, token])
    if choices:
        parsed.variants = [list(v) for v in itertools.islice(itertools.product(*choices), MAX_VARIANTS)]
    return parsed


@dataclass
class TerritoryMatch:
    territory: Territory
    stage: int
    alias: str | None = None  # the other name (delegated commune…) through which it was found
    alias_kind: str = ""

    def label(self) -> str:
        return self.territory.label(alias=self.alias, alias_kind=self.alias_kind)


@dataclass
class _Search:
    level: str | None
    need: int
    found: dict[int, tuple[int, int]] = field(default_factory=dict)  # territory id → (stage, rank)
    stage_variants: dict[int, list[list[str]]] = field(default_factory=dict)

    def add(self, stage: int, rows: Iterable[tuple[int, int]]) -> None:
        for territory_id, rank in rows:
            if territory_id not in self.found:
                self.found[territory_id] = (stage, rank)

    def enough(self) -> bool:
        return len(self.found) >= self.need

    def names(self) -> QuerySet[TerritorySearchName]:
        qs = TerritorySearchName.objects.all()
        return qs.filter(level=self.level) if self.level else qs

    def words(self) -> QuerySet[TerritorySearchWord]:
        qs = TerritorySearchWord.objects.all()
        return qs.filter(level=self.level) if self.level else qs

    def top(self, qs: QuerySet[TerritorySearchName] | QuerySet[TerritorySearchWord]) -> Iterable[tuple[int, int]]:
        # Enough rows to complete the results whatever the earlier stages already hold.
        return qs.values_list("territory_id", "rank").distinct().order_by("rank")[: self.need + len(self.found)]

    def text_stages(self, first_stage: int, variants: list[list[str]], corrected: dict[int, set[str]]) -> None:
        """Exact names, then names starting with the query, then names whose words start with its words."""
        phrases = {" ".join(v) for v in variants} | {"".join(v) for v in variants}
        for offset in range(3):
            self.stage_variants.setdefault(first_stage + offset, []).extend(variants)
        self.add(first_stage, self.top(self.names().filter(term__in=sorted(phrases))))
        if self.enough():
            return
        if not corrected:  # with corrections, there would be too many ranges: their words are enough
            prefixes = Q()
            for phrase in sorted(phrases):
                prefixes |= _starts_with("term", phrase)
            self.add(first_stage + 1, self.top(self.names().filter(prefixes)))
            if self.enough():
                return
        for tokens in self._distinct_token_sets(variants, corrected):
            self.add(first_stage + 2, self.top(self._word_query(tokens, corrected)))
            if self.enough():
                return

    @staticmethod
    def _distinct_token_sets(variants: list[list[str]], corrected: dict[int, set[str]]) -> list[list[str]]:
        if corrected:  # one query per corrected position: the corrections are matched as a set
            return [variants[0]]
        seen, result = set(), []
        for tokens in variants:
            key = tuple(sorted(set(tokens)))
            if key not in seen:
                seen.add(key)
                result.append(tokens)
        return result

    def _word_query(self, tokens: list[str], corrected: dict[int, set[str]]) -> QuerySet[TerritorySearchWord]:
        conditions: list[tuple[float, Q]] = []
        for position, token in enumerate(tokens):
            weight = -len(token) + (100 if token in FREQUENT_WORDS else 0)
            if position in corrected:
                conditions.append((weight - 0.5, Q(word__in=sorted(corrected[position]))))
            else:
                conditions.append((weight, _starts_with("word", token)))
        conditions.sort(key=lambda item: item[0])  # the most selective condition drives the index
        conditions = conditions[:MAX_WORD_CONDITIONS]
        qs = self.words().filter(conditions[0][1])
        for _weight, condition in conditions[1:]:
            qs = qs.filter(Exists(TerritorySearchWord.objects.filter(condition, territory_id=OuterRef("territory_id"))))
        return qs


def _corrections(token: str, *, typing: bool) -> set[str]:
    """Words of the vocabulary one typo away from `token` (or from a prefix of it, for the word being typed)."""
    if token.isdigit() or len(token) < TYPO_MIN_LENGTH:
        return set()
    keys = word_variants(token)
    if typing and len(token) >= TYPO_PREFIX_MIN_LENGTH:
        condition = Q()
        for key in sorted(keys):
            condition |= _starts_with("variant", key)
        rows = TerritoryWordVariant.objects.filter(condition)
        candidates = set(rows.values_list("word", flat=True).distinct()[:2000])
        found = {w for w in candidates if one_edit_from_a_prefix(token, w) and not w.startswith(token)}
    else:
        rows = TerritoryWordVariant.objects.filter(variant__in=sorted(keys))
        candidates = set(rows.values_list("word", flat=True).distinct()[:2000])
        found = {w for w in candidates if one_edit_apart(token, w) and w != token}
    # The closest first (same length), then alphabetical: a stable choice when there are too many.
    return set(sorted(found, key=lambda w: (abs(len(w) - len(token)), w))[:MAX_CORRECTIONS])


def territories_search(*, q: str, level: str | None = None, limit: int = 10) -> list[TerritoryMatch]:
    """Territories matching what a person typed, best first (see the module's docstring)."""
    if level is not None and level not in Level.values:
        raise ValueError(f"level: {level!r}")
    limit = max(1, min(limit, 100))
    parsed = parse_query(q)
    search = _Search(level=level, need=limit)

    if parsed.code:
        levels = [parsed.ref_level] if parsed.ref_level else [level] if level else list(Level.values)
        if not (parsed.ref_level and level and parsed.ref_level != level):
            exact = Territory.objects.filter(level__in=levels, code=parsed.code).values_list("id", "search_rank")
            search.add(0, exact.order_by("search_rank"))
        if parsed.ref_level:
            return _results(search, limit)
    if parsed.variants and not (len(parsed.tokens) == 1 and parsed.tokens[0].isdigit() and len(parsed.tokens[0]) < 2):
        search.text_stages(1, parsed.variants, {})
        if len(search.found) < min(search.need, TYPO_FALLBACK_BELOW):
            _typo_stages(search, parsed)
    return _results(search, limit)


def _typo_stages(search: _Search, parsed: ParsedQuery) -> None:
    tokens = parsed.variants[0]
    positions = [i for i, token in enumerate(tokens) if len(token) >= TYPO_MIN_LENGTH and not token.isdigit()]
    positions = sorted(positions, key=lambda i: -len(tokens[i]))[:3]
    for position in sorted(positions):
        corrections = _corrections(tokens[position], typing=position == len(tokens) - 1)
        if not corrections:
            continue
        variants = [[*tokens[:position], word, *tokens[position + 1 :]] for word in sorted(corrections)]
        search.text_stages(4, variants, {position: corrections})
        if search.enough():
            return


def _results(search: _Search, limit: int) -> list[TerritoryMatch]:
    best = sorted(search.found.items(), key=lambda item: item[1])[:limit]
    if not best:
        return []
    ids = [territory_id for territory_id, _ in best]
    territories = Territory.objects.select_related("departement", "region", "commune").in_bulk(ids)
    matches = [TerritoryMatch(territories[tid], stage) for tid, (stage, _rank) in best if tid in territories]
    _explain_aliases(matches, search)
    return matches


def _explain_aliases(matches: list[TerritoryMatch], search: _Search) -> None:
    """Name the alias through which a territory was found, when its own name does not match."""
    by_id = {m.territory.pk: m for m in matches if m.stage > 0}
    if not by_id:
        return
    aliases = TerritoryAlias.objects.filter(territory_id__in=by_id).order_by("search_name", "code", "id")
    rows = list(aliases.values_list("territory_id", "name", "kind", "search_name"))
    if not rows:
        return
    settled: set[int] = set()
    for territory_id, name, kind, term in rows:
        match = by_id[territory_id]
        if territory_id in settled:
            continue
        variants = search.stage_variants.get(match.stage, [])
        own_terms = name_terms(match.territory.name, level=match.territory.level)
        if any(text_matches(own, variants, match.stage) for own in own_terms):
            settled.add(territory_id)
        elif text_matches(normalize(term), variants, match.stage):
            match.alias, match.alias_kind = name, kind
            settled.add(territory_id)


def text_matches(term: str, variants: list[list[str]], stage: int) -> bool:
    """The test of the index stages, in Python: does this folded term match one of the query's variants?"""
    kind = (stage - 1) % 3  # 0 exact, 1 prefix, 2 words
    compact = term.replace(" ", "")
    words = words_of(term)
    for tokens in variants:
        phrase, joined = " ".join(tokens), "".join(tokens)
        if term in (phrase, joined) or compact == joined:
            return True
        if kind >= 1 and (term.startswith(phrase) or compact.startswith(joined)):
            return True
        if kind == 2 and all(any(w.startswith(t) for w in words) for t in tokens):
            return True
    return False
