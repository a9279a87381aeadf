"""The read-only API: open listings with filters, a need's suggestions with their reasons; errors in JSON."""

from __future__ import annotations

import pytest

from catalyse.matching.tests.conftest import make_org, publish

pytestmark = pytest.mark.django_db


def test_it_lists_open_listings_with_filters(client, rings, association, member):
    need = publish(association, kind="locaux", themes=["social"])
    lyon = make_org("Entreprise lyonnaise", "entreprise", rings["lyon"])
    publish(lyon, direction="offer", kind="financement")
    body = client.get("/api/v1/matching/listings").json()
    assert body["count"] == 2
    body = client.get("/api/v1/matching/listings", {"direction": "need", "theme": "social"}).json()
    assert [item["id"] for item in body["results"]] == [need.pk]
    assert body["results"][0]["territory"] == {"ref": "commune:42218", "name": "Saint-Étienne"}
    assert body["results"][0]["organisation"]["name"] == "Loire Solidarités Emploi"
    body = client.get("/api/v1/matching/listings", {"territory": "commune:69123"}).json()
    assert [item["kind"] for item in body["results"]] == ["financement"]


def test_bad_parameters_answer_422_in_french(client, db):
    response = client.get("/api/v1/matching/listings", {"kind": "yacht"})
    assert response.status_code == 422
    assert "Paramètres invalides" in response.json()["detail"]
    response = client.get("/api/v1/matching/listings", {"territory": "commune:99999"})
    assert response.status_code == 422
    assert "n’est pas un territoire connu" in response.json()["detail"]


def test_it_gives_a_need_suggestions_with_their_reasons(client, rings, association, member):
    make_org("Menuiserie coopérative", "entreprise", rings["saint_chamond"])
    need = publish(association, kind="locaux")
    body = client.get(f"/api/v1/matching/listings/{need.pk}/suggestions").json()
    assert body["listing"]["id"] == need.pk
    assert body["suggestions"] == [
        {
            "organisation": {
                "name": "Menuiserie coopérative",
                "org_type": "entreprise",
                "url": body["suggestions"][0]["organisation"]["url"],
            },
            "ring": "epci",
            "offers_kind": False,
            "common_themes": [],
            "reason": "Entreprise du même EPCI (Saint-Étienne Métropole)",
        }
    ]


def test_an_offer_or_an_unknown_id_has_no_suggestions(client, association, member):
    offer = publish(association, direction="offer")
    assert client.get(f"/api/v1/matching/listings/{offer.pk}/suggestions").status_code == 404
    response = client.get("/api/v1/matching/listings/999999/suggestions")
    assert response.status_code == 404
    assert response.json()["detail"] == "Aucun besoin ouvert avec cet identifiant."


def test_the_openapi_document_describes_the_matching_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/matching/listings" in paths
    assert "/api/v1/matching/listings/{listing_id}/suggestions" in paths
