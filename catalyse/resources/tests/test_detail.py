"""The detail page: licence, citation, JSON-LD escaped, related resources; the territory block."""

import json
import re

import pytest

from catalyse.lib.registry import registry

from .conftest import day

pytestmark = pytest.mark.django_db


def _json_ld(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_it_describes_the_resource_in_json_ld_that_cannot_close_its_script(client, resource_factory, places):
    resource = resource_factory(
        title="Fin </script><script>alert(1)</script>", summary="A & B <b>", territory=places["saint_etienne"],
        published=day("2024-03-01"),
    )  # fmt: skip
    page = client.get(resource.get_absolute_url()).content.decode()
    assert page.count("</script>") == page.count("<script")  # nothing closed early
    data = _json_ld(page)
    assert data["@type"] == ["CreativeWork", "LearningResource"]
    assert data["name"] == "Fin </script><script>alert(1)</script>"
    assert data["description"] == "A & B <b>"
    assert data["license"].startswith("https://creativecommons.org/licenses/by-sa/4.0")
    assert data["datePublished"] == "2024-03-01"
    assert data["spatialCoverage"]["name"] == "Saint-Étienne"
    assert data["author"] == [{"@type": "Person", "name": "Amandine Moreau"}]


def test_it_shows_the_licence_and_how_to_cite(client, resource_factory):
    resource = resource_factory(title="Charte de partenariat", published=day("2019-03-12"))
    page = client.get(resource.get_absolute_url()).content.decode()
    assert 'rel="license"' in page
    assert "Licence CC BY-SA 4.0" in page
    assert "Amandine Moreau (2019). Charte de partenariat. Catalyse" in page
    assert "Comment citer cette ressource" in page


def test_it_suggests_related_resources(client, resource_factory):
    resource = resource_factory(title="Grille", themes=["social"])
    close = resource_factory(title="Proche", themes=["social"], kind="outil")
    far = resource_factory(title="Lointaine", themes=["environnemental"], kind="cadre", objective="innover")
    page = client.get(resource.get_absolute_url()).content.decode()
    assert close.title in page
    assert far.title not in page


def test_it_lists_resources_on_the_territory_page_with_those_of_places_inside(client, resource_factory, places):
    local = resource_factory(title="Cas stéphanois", territory=places["saint_etienne"])
    regional = resource_factory(title="Cadre régional", territory=places["aura"])
    elsewhere = resource_factory(title="Cas vauclusien", territory=places["vaucluse"])
    block = next(b for b in registry.territory_blocks if b.key == "resources")
    titles = lambda territory: [r.title for r in block.context(territory, None)["resources"]]  # noqa: E731
    assert set(titles(places["loire"])) == {local.title}
    assert set(titles(places["aura"])) == {local.title, regional.title}
    assert titles(places["metropole"]) == [local.title]
    assert titles(places["saint_etienne"]) == [local.title]
    assert elsewhere.title not in titles(places["aura"])
