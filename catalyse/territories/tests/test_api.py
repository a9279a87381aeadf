import json

import pytest

URL = "/api/v1/territories"


def test_it_answers_the_contract_shape(client, territories):
    response = client.get(URL, {"q": "saint-etienne"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    first = response.json()["results"][0]
    assert first == {
        "code": "42218",
        "name": "Saint-Étienne",
        "level": "commune",
        "kind": "commune-actuelle",
        "kind_label": "Commune",
        "population": 173136,
        "ref": "commune:42218",
        "url": "/territoires/commune/42218-saint-etienne/",
        "label": "Saint-Étienne (42)",
        "departement": {
            "code": "42",
            "name": "Loire",
            "ref": "departement:42",
            "url": "/territoires/departement/42-loire/",
        },
        "region": {
            "code": "84",
            "name": "Auvergne-Rhône-Alpes",
            "ref": "region:84",
            "url": "/territoires/region/84-auvergne-rhone-alpes/",
        },
        "postal_codes": ["42000", "42100", "42230"],
        "alias": None,
    }
    assert client.get(first["url"]).status_code == 200


def test_it_filters_by_level_and_limits(client, territories):
    results = client.get(URL, {"q": "lyon", "level": "epci", "limit": 2}).json()["results"]
    assert len(results) <= 2
    assert results[0]["name"] == "Métropole de Lyon"
    assert {r["level"] for r in results} == {"epci"}
    assert len(client.get(URL, {"q": "saint"}).json()["results"]) == 10
    assert len(client.get(URL, {"q": "saint", "limit": 50}).json()["results"]) == 50
    region = client.get(URL, {"q": "84", "level": "region"}).json()["results"]
    assert region[0]["departement"] is None
    assert region[0]["region"] is None
    assert region[0]["postal_codes"] == []


def test_it_names_the_alias_it_found(client, territories):
    result = client.get(URL, {"q": "Rochetaillée"}).json()["results"][0]
    assert result["alias"] == "Rochetaillée"
    assert result["label"] == "Saint-Étienne (42) — Rochetaillée, commune associée"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "x" * 101}, "q"),
        ({"q": "lyon", "limit": "0"}, "limit"),
        ({"q": "lyon", "limit": "51"}, "limit"),
        ({"q": "lyon", "limit": "-1"}, "limit"),
        ({"q": "lyon", "limit": "abc"}, "limit"),
        ({"q": "lyon", "limit": "1e3"}, "limit"),
        ({"q": "lyon", "level": "canton"}, "level"),
        ({"q": "lyon", "level": "Commune"}, "level"),
    ],
)
def test_it_explains_bad_parameters_in_french(client, territories, params, field):
    response = client.get(URL, params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("Paramètres invalides")
    assert field in body["detail"]
    assert [error["field"] for error in body["errors"]] == [field]


@pytest.mark.parametrize(
    "query_string",
    [
        "q=%00",
        "q=lyon%00",
        "q=%ff%fe",
        "q=%ED%A0%80",  # a lone surrogate, as UTF-8
        "q=%F0%9F%99%82",  # an emoji
        "q=%E2%80%AE%E2%80%8B",  # right-to-left override, zero-width space
        "q=' OR 1=1 --",
        "q=%25%5F%5C",  # % _ \
        "q=saint&q=lyon",
        "q=a&limit=50&level=commune",
        "q=" + "é" * 100,
        "q=st+st+st+st+st+st+st+st+st+st+st+st+st+st+st+st",
        "q=commune:42218",
        "q=region:",
    ],
)
def test_it_never_answers_500(client, territories, query_string):
    response = client.get(f"{URL}?{query_string}")
    assert response.status_code in (200, 422)
    assert isinstance(json.loads(response.content), dict)


def test_it_documents_every_status_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/territories"]["get"]
    assert set(operation["responses"]) == {"200", "422"}
    assert operation["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["q"]["required"] is True
    assert parameters["q"]["schema"]["maxLength"] == 100
    assert parameters["limit"]["schema"]["maximum"] == 50
    assert parameters["limit"]["schema"]["minimum"] == 1
    out = document["components"]["schemas"]["TerritoryOut"]
    assert {"code", "name", "level", "population", "ref", "url", "label", "departement", "postal_codes"} <= set(
        out["properties"]
    )
