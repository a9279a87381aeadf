"""Every list page runs a fixed number of queries, however many resources it shows."""

import re

import pytest

from catalyse.lib.registry import registry
from catalyse.resources.services import collection_save

from .conftest import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(catalyst, editor, outsider, places):
    published = [
        make_resource(author=catalyst, editor=editor, title=f"Publiée {n}", territory=places["saint_etienne"])
        for n in range(12)
    ]
    for n in range(8):
        make_resource(author=outsider if n % 2 else catalyst, editor=editor, title=f"Proposée {n}", status="submitted")
    collection_save(title="Parcours", intro="Pas à pas.", resources=published)
    return published


def test_it_lists_the_review_queue_in_few_queries(client, editor, many, django_assert_max_num_queries):
    client.force_login(editor)
    with django_assert_max_num_queries(10):
        response = client.get("/ressources/relecture/")
    assert len(re.findall(r">Proposée \d<", response.content.decode())) == 8


def test_it_lists_collections_and_a_reading_path_in_few_queries(client, many, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert client.get("/ressources/collections/").status_code == 200
    with django_assert_max_num_queries(4):
        response = client.get("/ressources/collections/parcours/")
    assert response.content.decode().count("Publiée ") == 12


def test_it_lists_my_resources_in_few_queries(client, catalyst, many, django_assert_max_num_queries):
    client.force_login(catalyst)
    with django_assert_max_num_queries(6):
        response = client.get("/ressources/mes-ressources/")
    assert response.content.decode().count("<tr>") == 1 + 12 + 4


def test_it_builds_the_territory_block_in_one_query(many, places, django_assert_num_queries):
    block = next(b for b in registry.territory_blocks if b.key == "resources")
    with django_assert_num_queries(1):
        context = block.context(places["aura"], None)
    assert len(context["resources"]) == 8
    assert context["has_more"]


def test_it_shows_a_resource_in_few_queries(client, many, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert client.get(many[0].get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/ressources/flux/").status_code == 200
