"""Excerpts with the matched words in <mark>, built from the stored text: everything else is escaped."""

import re
from collections import Counter
from collections.abc import Set

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from catalyse.search import french

_UNIT = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*")
_PART = re.compile(r"[^\W_]+")
EXCERPT_WORDS = 32
EXCERPT_MAX_CHARS = 320


def _folded(text: str) -> str:
    return french.fold_word(text)


def _stem_of(folded: str) -> str | None:
    if not folded or folded in french.STOP_WORDS or (len(folded) < 2 and not folded.isdigit()):
        return None
    return french.stem(folded)


def tokens(text: str, stems: Set[str]) -> list[tuple[int, int, str | None]]:
    """(start, end, matched stem or None) for each word of the text."""
    found: list[tuple[int, int, str | None]] = []
    for unit in _UNIT.finditer(text):
        parts = list(_PART.finditer(unit.group()))
        glued = None
        if len(parts) > 1:
            stem = _stem_of(_folded(unit.group()))
            glued = stem if stem in stems else None
        for part in parts:
            stem = _stem_of(_folded(part.group()))
            matched = glued or (stem if stem in stems else None)
            found.append((unit.start() + part.start(), unit.start() + part.end(), matched))
    return found


def _render(text: str, words: list[tuple[int, int, str | None]], start: int, end: int) -> str:
    out: list[str] = []
    position = start
    for word_start, word_end, matched in words:
        if matched is None or word_start < start or word_end > end:
            continue
        out.append(escape(text[position:word_start]))
        out.append(f"<mark>{escape(text[word_start:word_end])}</mark>")
        position = word_end
    out.append(escape(text[position:end]))
    return "".join(out)


def highlight(text: str, stems: Set[str]) -> SafeString:
    """The whole text, escaped, with the matched words marked."""
    return mark_safe(_render(text, tokens(text, stems), 0, len(text)))  # noqa: S308 (every piece is escaped)


def excerpt(text: str, stems: Set[str], *, size: int = EXCERPT_WORDS) -> SafeString:
    """The passage of `size` words that holds the most distinct matched words, marked and escaped."""
    words = tokens(text, stems)
    if not words:
        return mark_safe("")
    best, best_score = 0, (0, 0)
    window: Counter[str] = Counter()
    for index, (_start, _end, matched) in enumerate(words):
        if matched:
            window[matched] += 1
        if index >= size:
            leaving = words[index - size][2]
            if leaving:
                window[leaving] -= 1
                if not window[leaving]:
                    del window[leaving]
        score = (len(window), sum(window.values()))
        if score > best_score:
            best, best_score = max(0, index - size + 1), score
    # Start a few words before the first match in the window, for context.
    first_match = next((i for i in range(best, min(best + size, len(words))) if words[i][2]), best)
    first = max(0, min(best, first_match - 4))
    last = min(len(words), first + size) - 1
    start = 0 if first == 0 else words[first][0]
    end = len(text) if last == len(words) - 1 else words[last][1]
    if end - start > EXCERPT_MAX_CHARS:
        end = max((w[1] for w in words[first : last + 1] if w[1] - start <= EXCERPT_MAX_CHARS), default=end)
    html = _render(text, words, start, end).strip()
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text.rstrip()) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 (escaped in _render)


def document_excerpt(summary: str, body: str, stems: Set[str]) -> SafeString:
    """The body's best passage when it matches better than the summary; the summary otherwise."""
    summary_hits = {m for _s, _e, m in tokens(summary, stems) if m}
    body_hits = {m for _s, _e, m in tokens(body, stems) if m} if body else set()
    if summary and (len(summary_hits) >= len(body_hits) or not body):
        return excerpt(summary, stems, size=48)
    return excerpt(body or summary, stems)
