"""Demo cohorts (idempotent): filled in below."""

from __future__ import annotations


def demo_load() -> dict[str, int]:
    return {}
