"""Text written by people: tidy spaces, keep French typography."""

import re

_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def one_line(text: str | None) -> str:
    """Runs of spaces and line breaks as one space; non-breaking spaces (French typography) are kept."""
    return _SPACES.sub(" ", text or "").strip()
