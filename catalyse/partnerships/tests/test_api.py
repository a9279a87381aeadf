"""GET /api/v1/observatory/partnerships: the contract's shape, validation, hostile input, OpenAPI."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import declare

URL = "/api/v1/observatory/partnerships"


@pytest.fixture
def counted(world: dict[str, Any]) -> dict[str, Any]:
    declare(world, modes=["mecenat", "cooperation_economique"], start_year=1992, status="confirmed")
    declare(world, territory=world["saint_denis_974"], start_year=2021, status="confirmed")
    declare(world, start_year=2010)  # declared, not confirmed: not counted
    return world


@pytest.mark.django_db
def test_it_answers_the_contract_shape(client: Any, counted: dict[str, Any]) -> None:
    response = client.get(URL, {"group_by": "mode"})
    assert response.status_code == 200
    assert response.json() == {
        "total": 2,
        "groups": [
            {"key": "pratiques_responsables", "label": "Pratiques responsables", "count": 1},
            {"key": "mecenat", "label": "Mécénat", "count": 1},
            {"key": "cooperation_economique", "label": "Coopération économique", "count": 1},
        ],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "total", "groups"),
    [
        ({"group_by": "year"}, 2, {"1992": 1, "2021": 1}),
        ({"group_by": "org_type"}, 2, {"association": 2, "entreprise": 2}),
        ({"group_by": "region"}, 2, {"84": 1, "04": 1}),
        ({"group_by": "departement", "territory": "region:84"}, 1, {"42": 1}),
        ({"group_by": "departement", "territory": "departement:974"}, 1, {"974": 1}),
        (
            {"group_by": "mode", "territory": "commune:42218", "mode": "mecenat"},
            1,
            {"mecenat": 1, "cooperation_economique": 1},
        ),
        ({"group_by": "year", "year_from": "2000", "year_to": "2026"}, 1, {"2021": 1}),
        ({"group_by": "year", "year_from": "1992", "year_to": "1992"}, 1, {"1992": 1}),
        ({"group_by": "region", "territory": "departement:84"}, 0, {}),
    ],
)
def test_it_filters_and_groups(
    client: Any, counted: dict[str, Any], params: dict[str, str], total: int, groups: dict[str, int]
) -> None:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["total"] == total
    assert {g["key"]: g["count"] for g in body["groups"]} == groups


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({}, "group_by"),
        ({"group_by": "enjeu"}, "group_by"),
        ({"group_by": "mode", "mode": "philanthropie"}, "mode"),
        ({"group_by": "mode", "territory": "canton:42"}, "territory"),
        ({"group_by": "mode", "territory": "commune:99999"}, "territory"),
        ({"group_by": "mode", "territory": "commune"}, "territory"),
        ({"group_by": "mode", "year_from": "deux mille"}, "year_from"),
        ({"group_by": "mode", "year_to": "2010.5"}, "year_to"),
        ({"group_by": "mode", "year_from": "-5"}, "year_from"),
        ({"group_by": "mode", "year_from": "99999999999999999999"}, "year_from"),
        ({"group_by": "mode", "year_to": "0"}, "year_to"),
        ({"group_by": "mode", "year_from": "2020", "year_to": "2010"}, "year_from"),
        ({"group_by": "mode", "territory": "commune:42218' OR '1'='1"}, "territory"),
        ({"group_by": "mode", "territory": "x" * 5000}, "territory"),
        ({"group_by": "mode\x00"}, "group_by"),
    ],
)
def test_it_refuses_bad_input_with_a_french_message_naming_the_parameter(
    client: Any, counted: dict[str, Any], params: dict[str, str], named: str
) -> None:
    response = client.get(URL, params)
    assert response.status_code == 422, response.content
    assert response["Content-Type"].startswith("application/json")
    assert named in response.json()["detail"]


@pytest.mark.django_db
def test_it_answers_each_query_in_a_few_queries(
    client: Any, counted: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(4):
        assert (
            client.get(URL, {"group_by": "departement", "territory": "region:84", "mode": "mecenat"}).status_code == 200
        )


@pytest.mark.django_db
def test_it_documents_every_status_in_openapi(client: Any) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"][URL]["get"]
    assert set(operation["responses"]) == {"200", "422"}
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["group_by"]["required"] is True
    assert parameters["group_by"]["schema"]["enum"] == ["mode", "year", "org_type", "region", "departement"]
    assert set(parameters) == {"group_by", "territory", "year_from", "year_to", "mode"}
