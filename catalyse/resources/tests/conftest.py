"""Fixtures of the kit's tests: territories, a private media folder, resources in each state."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from catalyse.resources import services
from catalyse.test import make_territories


@pytest.fixture
def places(db: Any) -> dict[str, Any]:
    return make_territories()


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    """Uploaded files go to a folder of this test only."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def make_resource(*, author: Any, editor: Any = None, status: str = "published", **fields: Any) -> Any:
    """A resource taken through the real workflow up to `status`."""
    defaults: dict[str, Any] = {
        "title": "Grille d’autodiagnostic territorial",
        "kind": "outil",
        "summary": "Évaluer la maturité du territoire sur les trois actions.",
        "body": "## Comment l’utiliser\n\nRéunissez trois à six acteurs.",
        "themes": ["social"],
        "forms": ["animation"],
        "objective": "comprendre",
        "audiences": ["collectivite"],
    }
    published = fields.pop("published", None)
    resource = services.resource_create(author=author, **{**defaults, **fields})
    if status == "draft":
        return resource
    services.resource_submit(resource=resource, user=author)
    if status == "submitted":
        return resource
    if status == "changes_requested":
        return services.resource_request_changes(resource=resource, editor=editor, message="Ajoutez un exemple.")
    if published:
        resource.published = published
        resource.save(update_fields=["published"])
    services.resource_publish(resource=resource, editor=editor)
    if status == "archived":
        services.resource_archive(resource=resource, editor=editor)
    return resource


@pytest.fixture
def resource_factory(catalyst: Any, editor: Any) -> Any:
    def make(**fields: Any) -> Any:
        fields.setdefault("author", catalyst)
        fields.setdefault("editor", editor)
        return make_resource(**fields)

    return make


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)
