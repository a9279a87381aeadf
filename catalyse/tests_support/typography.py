"""French typography checks on rendered pages: the spaces around « » : ; ! ? and the apostrophe."""

import re
from html.parser import HTMLParser

# A plain space (not a non-breaking one) before : ; ! ? » or after «, in visible text.
_BAD_BEFORE = re.compile(r"[^\S\u00a0\u202f][:;!?»]")
_BAD_AFTER = re.compile(r"«[^\S\u00a0\u202f]")
_MISSING_BEFORE = re.compile(r"[A-Za-zÀ-ÿ0-9)][;!?»]")
_STRAIGHT_APOSTROPHE = re.compile(r"[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]")
_SKIP = {"script", "style", "code", "pre", "textarea", "svg", "title"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        for name, value in attrs:
            if name in {"placeholder", "aria-label", "alt", "title"} and value:
                self.chunks.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.chunks.append(data)


def typography_errors(html: str) -> list[str]:
    """Visible French text that breaks the typography rules, with some context."""
    collector = _TextCollector()
    collector.feed(html)
    errors = []
    for chunk in collector.chunks:
        text = " ".join(chunk.split()) if chunk.strip() else ""
        # Collapse only ASCII whitespace runs; keep the non-breaking spaces.
        text = re.sub(r"[ \t\r\n]+", " ", chunk).strip()
        if not text or text.startswith(("http", "/")):
            continue
        for pattern, label in (
            (_BAD_BEFORE, "espace simple avant la ponctuation (il faut une espace insécable)"),
            (_BAD_AFTER, "espace simple après « (il faut une espace insécable)"),
            (_MISSING_BEFORE, "espace insécable manquante avant la ponctuation"),
            (_STRAIGHT_APOSTROPHE, "apostrophe droite (il faut ’)"),
        ):
            match = pattern.search(text)
            if match:
                start = max(0, match.start() - 25)
                errors.append(f"{label} : …{text[start : match.end() + 25]}…")
    return errors
