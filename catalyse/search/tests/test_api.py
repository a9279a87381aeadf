"""GET /api/v1/search: the contract of contracts.md, French errors, no 500 whatever it is sent."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from catalyse.search.tests.conftest import index, published
from catalyse.search.tests.test_query import NASTY

pytestmark = pytest.mark.django_db
URL = "/api/v1/search"


@pytest.fixture
def documents():
    index("coop-outil", "Grille de la coopération", "", kind="outil", published_at=published(2022))
    index("coop-methode", "Animer la coopération", "Une méthode.", kind="methode", published_at=published(2024))
    index("autre", "Coopération et mécénat", "", kind="cadre", published_at=published(2021))


def test_it_answers_the_contract_best_first(client, documents):
    index("body-only", "Une fiche", "On y parle de coopération.", kind="cadre")
    response = client.get(URL, {"q": "coopération"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["count"] == 4
    by_slug = {r["slug"]: r for r in data["results"]}
    assert by_slug["coop-methode"] == {
        "type": "resource",
        "slug": "coop-methode",
        "title": "Animer la coopération",
        "kind": "methode",
        "url": "/ressources/coop-methode/",
    }
    # Titles first: the document that speaks of it only in its body comes last.
    assert [r["slug"] for r in data["results"]][-1] == "body-only"
    assert set(data) == {"count", "results", "count_exact"}
    assert data["count_exact"] is True


def test_it_filters_by_kind(client, documents):
    data = client.get(URL, {"q": "cooperation", "kind": "outil"}).json()
    assert data["count"] == 1
    assert [r["slug"] for r in data["results"]] == ["coop-outil"]


def test_it_limits_to_20_by_default_and_to_100_at_most(client):
    for n in range(105):
        index(f"fiche-{n}", f"Fiche {n} : gouvernance partagée", "", kind="outil")
    data = client.get(URL, {"q": "gouvernance"}).json()
    assert data["count"] == 105
    assert len(data["results"]) == 20
    assert len(client.get(URL, {"q": "gouvernance", "limit": 100}).json()["results"]) == 100
    assert len(client.get(URL, {"q": "gouvernance", "limit": 1}).json()["results"]) == 1


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({}, "q", "q"),
        ({"q": ""}, "q", "vide"),
        ({"q": "   "}, "q", "vide"),
        ({"q": "a" * 201}, "q", "trop long"),
        ({"q": "coopération", "limit": 0}, "limit", "entre 1 et 100"),
        ({"q": "coopération", "limit": 101}, "limit", "entre 1 et 100"),
        ({"q": "coopération", "limit": -5}, "limit", "entre 1 et 100"),
        ({"q": "coopération", "limit": "beaucoup"}, "limit", "limit"),
        ({"q": "coopération", "kind": "roman"}, "kind", "inconnue"),
        ({"q": "coopération", "kind": ""}, "kind", "inconnue"),
        ({"q": "coopération", "kind": "\x00"}, "kind", "inconnue"),
    ],
)
def test_it_says_in_french_which_parameter_is_wrong(client, documents, params, field, words):
    response = client.get(URL, params)
    assert response.status_code == 422
    data = response.json()
    assert words in data["detail"]
    assert field in data["detail"] or any(e["field"] == field for e in data["errors"])
    assert "Paramètre" in data["detail"] or "paramètre" in data["detail"]


def test_it_lists_the_kinds_it_knows_when_one_is_unknown(client, documents):
    detail = client.get(URL, {"q": "x", "kind": "roman"}).json()["detail"]
    assert "cadre, formation, illustration, methode, mooc, outil" in detail


@pytest.mark.parametrize("text", NASTY)
def test_it_answers_hostile_input_without_failing(client, documents, text):
    response = client.get(URL, {"q": text, "kind": "outil"})
    assert response.status_code in (200, 422)
    assert "detail" in response.json() or "results" in response.json()


def test_it_keeps_its_queries_few(client, documents, django_assert_max_num_queries):
    # PostgreSQL: a savepoint and its release, the planner's settings set and given back (engines.py).
    extra = 4 if connection.vendor == "postgresql" else 0
    with django_assert_max_num_queries(6 + extra):
        assert client.get(URL, {"q": "coopération", "kind": "outil"}).status_code == 200
    with django_assert_max_num_queries(8 + extra):  # a typo to correct, the last word to complete
        assert client.get(URL, {"q": "coopreation anim"}).status_code == 200


def test_it_documents_every_status_and_the_constraints(client):
    document = json.loads(client.get("/api/v1/openapi.json").content)
    operation = document["paths"][URL]["get"]
    assert set(operation["responses"]) == {"200", "422"}
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["q"]["required"] is True
    assert parameters["q"]["schema"]["maxLength"] == 200
    assert parameters["limit"]["schema"]["maximum"] == 100
    assert parameters["limit"]["schema"]["default"] == 20
    assert "outil" in json.dumps(parameters["kind"]["schema"])


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler that keeps the test's transaction (and its documents) open."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_it_holds_to_its_openapi_document_under_fuzzing(documents, wsgi_app, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operation = schema[URL]["GET"]
    statuses = set()

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=120, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case):
        response = case.call_and_validate()
        statuses.add(response.status_code)

    check()
    assert statuses <= {200, 422}
    assert (200 if mode == GenerationMode.POSITIVE else 422) in statuses
