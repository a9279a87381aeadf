"""Suggestions for a need: worlds, rings nearest first, offers and shared enjeux, reasons; cards kept in step."""

from __future__ import annotations

from typing import Any

import pytest

from catalyse.accounts.models import Organisation
from catalyse.matching import services
from catalyse.matching.models import OfferCard, OrganisationCard, world_of
from catalyse.matching.suggestions import Ring, candidates_for, reason_for, suggestions_for
from catalyse.matching.tests.conftest import make_org, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(rings: dict[str, Any], association: Organisation) -> dict[str, Organisation]:
    orgs = {
        "epci_plain": make_org("Atelier Chamonard", "entreprise", rings["saint_chamond"]),
        "epci_themes": make_org("Coop du Furan", "entreprise", rings["saint_etienne"]),
        "dep_plain": make_org("Roanne Industrie", "entreprise", rings["roanne"]),
        "dep_offer": make_org("Ville de Roanne", "collectivite", rings["roanne"]),
        "region": make_org("Université Lumière Lyon 2", "academique", rings["lyon"]),
        "france": make_org("Fondation de France Paris", "etablissement_public", rings["paris"]),
        "same_world": make_org("Jardins de Saint-Étienne", "association", rings["saint_etienne"]),
        "foundation": make_org("Fondation du Pilat", "fondation", rings["saint_chamond"]),
    }
    publish(orgs["epci_themes"], direction="offer", kind="competences", themes=["social", "economique"])
    publish(orgs["dep_offer"], direction="offer", kind="locaux", themes=["societal"])
    return orgs


def test_it_ranks_nearest_ring_first_then_offers_then_shared_enjeux(association, network):
    need = publish(association, kind="locaux", themes=["social", "economique"])
    found = [(c.organisation_id, c.ring) for c in candidates_for(need, limit=10)]
    assert found == [
        (network["epci_themes"].pk, Ring.EPCI),  # shares two enjeux
        (network["epci_plain"].pk, Ring.EPCI),
        (network["dep_offer"].pk, Ring.DEPARTEMENT),  # offers premises: before its neighbour
        (network["dep_plain"].pk, Ring.DEPARTEMENT),
        (network["region"].pk, Ring.REGION),
        (network["france"].pk, Ring.FRANCE),
    ]


def test_it_never_suggests_the_same_world_nor_the_organisation_itself(association, network):
    need = publish(association, kind="locaux")
    ids = {c.organisation_id for c in candidates_for(need, limit=50)}
    assert association.pk not in ids
    assert network["same_world"].pk not in ids
    assert network["foundation"].pk not in ids  # a foundation acts from the associations' world
    assert world_of("fondation") == world_of("association") == "association"
    assert world_of("etablissement_public") == "acteur_public"


def test_it_stops_at_the_limit_in_the_nearest_rings(association, network):
    need = publish(association, kind="locaux")
    found = candidates_for(need, limit=3)
    assert [c.ring for c in found] == [Ring.EPCI, Ring.EPCI, Ring.DEPARTEMENT]


def test_each_suggestion_says_why_in_french(association, network):
    need = publish(association, kind="locaux", themes=["social", "economique"])
    reasons = {s.organisation.name: s.reason for s in suggestions_for(need)}
    assert reasons["Coop du Furan"] == (
        "Entreprise du même EPCI (Saint-Étienne Métropole), enjeux communs\u00a0: économique, social"
    )
    assert reasons["Atelier Chamonard"] == "Entreprise du même EPCI (Saint-Étienne Métropole)"
    assert reasons["Ville de Roanne"] == "Collectivité du même département (Loire)\u00a0; propose des locaux"
    assert reasons["Université Lumière Lyon 2"] == "Établissement académique de la même région (Auvergne-Rhône-Alpes)"
    assert reasons["Fondation de France Paris"] == "Acteur public ailleurs en France"


def test_a_suggestion_lists_the_matching_offers(association, network):
    need = publish(association, kind="locaux")
    by_name = {s.organisation.name: s for s in suggestions_for(need)}
    assert [o.kind for o in by_name["Ville de Roanne"].offers] == ["locaux"]
    assert by_name["Ville de Roanne"].offers_kind
    assert by_name["Coop du Furan"].offers == []  # it offers skills, not premises


def test_reason_with_one_enjeu_and_no_territory():
    assert reason_for(world="entreprise", ring=Ring.FRANCE, names={}, common=["social"], offer_kind="financement") == (
        "Entreprise en France, enjeu commun\u00a0: social\u00a0; propose un financement"
    )


def test_a_need_without_territory_looks_across_france(rings):
    lonely = make_org("Association nationale", "association", None)
    far = make_org("Entreprise de Paris", "entreprise", rings["paris"])
    offering = make_org("Mécène de Lyon", "entreprise", rings["lyon"])
    publish(offering, direction="offer", kind="financement")
    need = publish(lonely, kind="financement")
    found = candidates_for(need)
    assert [(c.organisation_id, c.ring) for c in found] == [(offering.pk, Ring.FRANCE), (far.pk, Ring.FRANCE)]


def test_the_need_territory_counts_before_the_organisation_one(rings, association, network):
    need = publish(association, kind="locaux", territory=rings["lyon"])
    first = candidates_for(need, limit=1)[0]
    assert (first.organisation_id, first.ring) == (network["region"].pk, Ring.EPCI)


def test_suggestions_take_a_bounded_number_of_queries(association, network, django_assert_num_queries):
    need = publish(association, kind="locaux", themes=["social"])
    # Not enough organisations: one statement per ring (4), then the organisations, their offers and the
    # rings' names.
    with django_assert_num_queries(4 + 3):
        assert len(suggestions_for(need, limit=8)) == 6
    # Enough in the EPCI: the tiers of that ring only.
    with django_assert_num_queries(1 + 3):
        assert len(suggestions_for(need, limit=2)) == 2


def test_a_closed_offer_no_longer_ranks_and_cards_follow(association, network, member):
    offer = network["dep_offer"].listings.get()
    card = OrganisationCard.objects.get(organisation=network["dep_offer"])
    assert card.offer_kinds != 0 and card.themes != 0
    author = offer.created_by
    services.listing_close(listing=offer, by=author)
    card.refresh_from_db()
    assert (card.offer_kinds, card.themes) == (0, 0)
    need = publish(association, kind="locaux")
    ranked = [c.organisation_id for c in candidates_for(need) if c.ring == Ring.DEPARTEMENT]
    assert ranked == sorted(ranked)  # both plain now: the oldest first


def test_cards_follow_the_organisation_type_and_territory(rings, network):
    org = network["dep_plain"]
    org.territory = rings["lyon"]
    org.org_type = "collectivite"
    org.save()
    card = OrganisationCard.objects.get(organisation=org)
    assert (card.world, card.epci_id, card.departement_id, card.region_id) == (
        "collectivite",
        rings["lyon"].epci_id,
        rings["lyon"].departement_id,
        rings["aura"].pk,
    )
    org.territory = None
    org.save()
    card.refresh_from_db()
    assert (card.epci_id, card.departement_id, card.region_id) == (0, 0, 0)


def test_a_rebuild_gives_the_same_cards_as_the_incremental_upkeep(network):
    def snapshot() -> tuple[list[Any], list[Any]]:
        cards = OrganisationCard.objects.values_list("organisation_id", "world", "epci_id", "themes", "offer_kinds")
        offers = OfferCard.objects.values_list("organisation_id", "kind", "world", "region_id", "themes")
        return sorted(cards), sorted(offers)

    before = snapshot()
    assert len(before[1]) == 2  # the two offers
    OrganisationCard.objects.all().delete()
    OfferCard.objects.all().delete()
    assert services.cards_rebuild() == Organisation.objects.count()
    assert snapshot() == before
