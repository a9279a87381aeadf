"""The demo needs and offers: each demo need meets an organisation nearby; loading twice changes nothing."""

import pytest

from catalyse.accounts import demo as accounts_demo
from catalyse.matching import demo
from catalyse.matching.models import Listing
from catalyse.matching.suggestions import Ring, suggestions_for
from catalyse.territories.services import territories_load

pytestmark = pytest.mark.django_db


def test_demo_needs_get_suggestions_with_reasons_and_loading_twice_changes_nothing(client):
    territories_load(departements=["42", "26"])
    accounts_demo.demo_load()
    assert demo.demo_load() == {"besoins et offres": len(demo.LISTINGS)}
    assert demo.demo_load() == {"besoins et offres": len(demo.LISTINGS)}
    assert Listing.objects.count() == len(demo.LISTINGS)
    need = Listing.objects.get(title__startswith="Un atelier pour notre chantier")
    first = suggestions_for(need)[0]
    assert first.organisation.slug == "menuiserie-cooperative-du-pilat"
    assert first.ring == Ring.EPCI
    assert first.reason.startswith("Entreprise du même EPCI (Saint-Étienne Métropole), enjeux communs\u00a0:")
    assert first.reason.endswith("propose des locaux")
    page = client.get(need.get_absolute_url())
    assert "Tutorat de personnes" not in page.text  # an offer of skills, not premises
    assert "Notre atelier ouvert le samedi" in page.text
    valence = Listing.objects.get(organisation__slug="valence-romans-agglo")
    names = [s.organisation.slug for s in suggestions_for(valence)]
    assert names[0] == "numerique-solidaire-drome"
    assert "universite-de-franche-comte" in names
