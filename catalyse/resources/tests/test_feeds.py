"""Atom feeds, read by a real parser; the sitemap."""

import xml.etree.ElementTree as ET

import feedparser
import pytest

from .conftest import day

pytestmark = pytest.mark.django_db


def test_it_publishes_an_atom_feed_of_new_resources(client, resource_factory):
    resource_factory(title="Ancienne", published=day("2020-01-01"))
    resource_factory(title="Récente & utile", kind="methode", published=day("2025-02-03"))
    resource_factory(title="Brouillon secret", status="draft")
    response = client.get("/ressources/flux/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == ["Récente & utile", "Ancienne"]
    entry = feed.entries[0]
    assert entry.link.endswith("/ressources/recente-utile/")
    assert entry.published.startswith("2025-02-03")
    assert "Méthode" in [t.term for t in entry.tags]


def test_it_publishes_one_feed_per_kind(client, resource_factory):
    resource_factory(title="Un outil", kind="outil")
    resource_factory(title="Un cas", kind="illustration")
    feed = feedparser.parse(client.get("/ressources/flux/illustration/").content)
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["Un cas"]
    assert "Illustrations" in feed.feed.title
    assert client.get("/ressources/flux/inconnu/").status_code == 404


def test_it_lists_published_resources_in_the_sitemap(client, resource_factory):
    published = resource_factory(title="Publiée")
    draft = resource_factory(title="Brouillon", status="draft")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert any(loc.endswith(published.get_absolute_url()) for loc in locations)
    assert not any(loc.endswith(draft.get_absolute_url()) for loc in locations)
