"""The kit keeps the site-wide search index in step: publish, update, archive, delete, import."""

import pytest

from catalyse.lib.registry import registry
from catalyse.resources import services
from catalyse.search.models import SearchDocument

from .conftest import make_resource

pytestmark = pytest.mark.django_db


def _indexed(slug):
    return SearchDocument.objects.filter(source="resource", key=slug).first()


def test_it_indexes_on_publish_only(catalyst, editor, places):
    resource = make_resource(author=catalyst, status="submitted", territory=places["saint_etienne"])
    assert _indexed(resource.slug) is None
    services.resource_publish(resource=resource, editor=editor)
    document = _indexed(resource.slug)
    assert document.title == resource.title
    assert document.kind == "outil"
    assert document.facets["territories"] == ["commune:42218", "epci:244200770", "departement:42", "region:84"]


def test_it_reindexes_an_update_and_forgets_on_archive_and_delete(client, catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor, title="Charte de partenariat")
    services.resource_update(resource=resource, user=editor, title="Charte de coopération")
    assert _indexed(resource.slug).title == "Charte de coopération"
    results = client.get("/api/v1/search", {"q": "cooperation"}).json()["results"]
    assert [r["slug"] for r in results] == [resource.slug]
    services.resource_archive(resource=resource, editor=editor)
    assert _indexed(resource.slug) is None
    services.resource_publish(resource=resource, editor=editor)
    assert _indexed(resource.slug) is not None
    services.resource_delete(resource=resource, user=editor)
    assert _indexed(resource.slug) is None


def test_it_gives_the_search_engine_every_published_resource_to_rebuild(catalyst, editor):
    published = make_resource(author=catalyst, editor=editor, title="Publiée")
    make_resource(author=catalyst, status="draft", title="Brouillon")
    source = next(s for s in registry.search_sources if s.key == "resource")
    assert [entry.key for entry in source.iter_documents()] == [published.slug]
    assert source.kinds["methode"] == "Méthode"
