from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from catalyse.lib.registry import SearchSource, registry
from catalyse.search.services import search_index_upsert
from catalyse.search.tests import relevance

PARIS = ZoneInfo("Europe/Paris")


def index(key: str, title: str, body: str = "", *, kind: str = "methode", summary: str = "", **extra: Any) -> Any:
    """Index one document of the kit, as the resource centre does."""
    extra.setdefault("url", f"/ressources/{key}/")
    return search_index_upsert(source="resource", key=key, title=title, body=body, kind=kind, summary=summary, **extra)


@pytest.fixture
def kit(db: Any) -> None:
    """The relevance set's forty-one documents, indexed through the services."""
    relevance.index_documents()


@pytest.fixture
def extra_source() -> Iterator[list[Any]]:
    """A second search source, registered for the test only; the test fills its list of entries."""
    entries: list[Any] = []
    before = list(registry.search_sources)
    registry.add_search_source(
        SearchSource(
            key="test",
            label="Essais",
            iter_documents=lambda: list(entries),
            kinds={"fiche": "Fiche d’essai"},
            facet_labels={"themes": {"social": "Social (essai)"}},
        )
    )
    try:
        yield entries
    finally:
        registry.search_sources = before


def published(year: int) -> datetime:
    return datetime(year, 3, 1, 9, 0, tzinfo=PARIS)
