import gzip
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalyse.territories.models import (
    Level,
    Territory,
    TerritoryAlias,
    TerritorySearchName,
    TerritorySearchWord,
    TerritoryWordVariant,
)
from catalyse.territories.services import DATA_FILE, territories_load

from .conftest import SUBSET

INDEX_MODELS = [TerritorySearchName, TerritorySearchWord, TerritoryWordVariant]


@pytest.fixture
def territories(db):
    """Here each test loads its own copy: some need an empty database, others change the data."""
    return territories_load(departements=SUBSET)


def snapshot():
    territories = list(Territory.objects.order_by("id").values_list())
    aliases = list(TerritoryAlias.objects.order_by("id").values_list())
    index = [list(model.objects.order_by("id").values_list()) for model in INDEX_MODELS]
    return territories, aliases, index


def test_it_loads_the_subset_with_its_counts(territories):
    assert territories["region"] == 5  # 84, 93, 11, 32, 94
    assert territories["departement"] == 6
    assert territories["commune"] == 1477
    assert territories["arrondissement"] == 45
    assert territories["epci"] == 52
    assert territories["alias"] == 62
    assert territories["created"] == 5 + 6 + 52 + 1477 + 45
    assert Territory.objects.filter(level=Level.REGION).count() == 5
    assert Territory.objects.filter(level=Level.DEPARTEMENT).count() == 6
    assert Territory.objects.filter(level=Level.EPCI).count() == 52
    assert Territory.objects.filter(level=Level.COMMUNE, kind="commune-actuelle").count() == 1477
    assert Territory.objects.filter(level=Level.COMMUNE, kind="arrondissement-municipal").count() == 45
    assert TerritoryAlias.objects.count() == 62
    assert TerritorySearchName.objects.count() > 1585


def test_it_loads_fast_enough_for_tests(db):
    with CaptureQueriesContext(connection) as queries:
        territories_load(departements=SUBSET)
    # Bulk statements, not one per row.
    assert len(queries.captured_queries) < 80


def test_it_is_idempotent(territories):
    before = snapshot()
    again = territories_load(departements=SUBSET)
    assert again["created"] == 0
    assert again["updated"] == 0
    assert again["unchanged"] == territories["created"]
    assert again["search_rows_written"] == 0
    assert snapshot() == before


def test_it_updates_in_place_and_repairs_the_index(territories):
    saint_etienne = Territory.objects.get(level=Level.COMMUNE, code="42218")
    Territory.objects.filter(pk=saint_etienne.pk).update(name="Saint-Étienne-la-Mauvaise", population=1)
    TerritorySearchName.objects.filter(territory=saint_etienne).delete()
    TerritoryAlias.objects.create(territory=saint_etienne, name="Intrus", search_name="intrus")

    counts = territories_load(departements=SUBSET)

    assert counts["created"] == 0
    assert counts["updated"] >= 1
    saint_etienne.refresh_from_db()  # the same row, hence the same primary key
    assert saint_etienne.name == "Saint-Étienne"
    assert saint_etienne.population == 173136
    assert not TerritoryAlias.objects.filter(name="Intrus").exists()
    assert TerritorySearchName.objects.filter(territory=saint_etienne, term="saint etienne").exists()
    assert territories_load(departements=SUBSET)["search_rows_written"] == 0


def test_it_keeps_the_parents_populations_and_folded_names(territories):
    saint_etienne = Territory.objects.select_related("region", "departement", "epci").get(code="42218")
    assert saint_etienne.name == "Saint-Étienne"
    assert saint_etienne.slug == "saint-etienne"
    assert saint_etienne.search_name == "saint etienne"
    assert saint_etienne.kind == "commune-actuelle"
    assert saint_etienne.zone == "metro"
    assert saint_etienne.postal_code_list == ["42000", "42100", "42230"]
    assert saint_etienne.region.ref == "region:84"
    assert saint_etienne.departement.ref == "departement:42"
    assert saint_etienne.epci.name == "Saint-Étienne Métropole"
    assert saint_etienne.epci.kind == "METRO"
    assert saint_etienne.get_absolute_url() == "/territoires/commune/42218-saint-etienne/"

    loire = Territory.objects.by_ref("departement:42")
    communes = Territory.objects.filter(departement=loire, kind="commune-actuelle")
    assert loire.population == sum(c.population for c in communes)
    assert loire.region.code == "84"
    epci = saint_etienne.epci
    assert epci.population == sum(t.population for t in Territory.objects.filter(epci=epci, kind="commune-actuelle"))
    # A partial load writes the population of the whole région, not of the départements loaded.
    auvergne = Territory.objects.by_ref("region:84")
    assert auvergne.population > 8_000_000
    # Names use the typographic apostrophe; search ignores it.
    assert Territory.objects.get(code="42092").name == "L’Étrat"


def test_it_keeps_delegated_communes_that_share_the_code_of_their_commune(territories):
    # 42039 is both Chalmazel-Jeansagnière (current commune) and Chalmazel (its delegated commune).
    commune = Territory.objects.get(level=Level.COMMUNE, code="42039")
    assert commune.name == "Chalmazel-Jeansagnière"
    assert Territory.objects.filter(code="42039").count() == 1
    aliases = {(a.code, a.name, a.kind) for a in commune.aliases.all()}
    assert aliases == {("42039", "Chalmazel", "commune-deleguee"), ("42114", "Jeansagnière", "commune-deleguee")}
    # An associated commune, and one whose own code is in another département (02 → Le Cateau, 59).
    assert TerritoryAlias.objects.get(name="Rochetaillée").territory.code == "42218"
    escaufourt = TerritoryAlias.objects.get(name="Escaufourt")
    assert (escaufourt.code, escaufourt.kind, escaufourt.territory.code) == ("02285", "commune-associee", "59545")


def test_it_attaches_the_municipal_arrondissements_to_their_city(territories):
    lyon = Territory.objects.get(level=Level.COMMUNE, code="69123")
    arrondissements = Territory.objects.filter(commune=lyon).order_by("code")
    assert [a.code for a in arrondissements] == [f"6938{i}" for i in range(1, 10)]
    third = arrondissements[2]
    assert third.level == Level.COMMUNE
    assert third.kind == "arrondissement-municipal"
    assert third.departement.code == "69"
    assert third.epci == lyon.epci
    assert lyon.epci.kind == "MET69"
    assert Territory.objects.filter(commune__code="75056").count() == 20
    assert Territory.objects.filter(commune__code="13055").count() == 16
    assert third.parents() == [lyon.region, lyon.departement, lyon.epci, lyon]


def test_it_refuses_an_unknown_departement_and_writes_nothing(db):
    with pytest.raises(ValueError, match="99"):
        territories_load(departements=["42", "99"])
    assert not Territory.objects.exists()


def test_the_command_prints_the_counts(db):
    out = StringIO()
    call_command("load_territories", "--departement", "42", stdout=out)
    text = out.getvalue()
    assert "1 région, 1 département, 11 EPCI, 320 communes" in text
    assert "13 communes déléguées ou associées" in text
    assert Territory.objects.filter(level=Level.COMMUNE).count() == 320
    out = StringIO()
    call_command("load_territories", "--departement", "42", stdout=out)
    assert "0 créé, 0 mis à jour, 333 inchangés" in out.getvalue()


def test_the_command_says_which_departement_is_unknown(db):
    with pytest.raises(CommandError, match="Département inconnu : 100"):
        call_command("load_territories", "--departement", "100", stdout=StringIO())


def test_the_shipped_file_matches_the_notice():
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    assert "decoupage-administratif 6.0.0" in data["source"]
    assert DATA_FILE.stat().st_size < 3_000_000
    notice = (DATA_FILE.parents[3] / "NOTICE").read_text()
    assert "@etalab/decoupage-administratif" in notice
    assert "6.0.0" in notice
    assert "Licence Ouverte" in notice


@pytest.mark.django_db
def test_it_loads_the_whole_of_france():
    counts = territories_load()
    assert (counts["region"], counts["departement"], counts["epci"]) == (26, 109, 1255)
    assert (counts["commune"], counts["arrondissement"], counts["alias"]) == (34969, 45, 2576)
    assert Territory.objects.count() == 26 + 109 + 1255 + 34969 + 45
    assert TerritoryAlias.objects.count() == 2576
    # Arbignieu is a delegated commune with the code of its commune, Arboys en Bugey (01015).
    arboys = Territory.objects.get(level=Level.COMMUNE, code="01015")
    assert arboys.name == "Arboys en Bugey"
    assert arboys.aliases.filter(code="01015", name="Arbignieu").exists()
    # Overseas: a région and a département share the code of Saint-Pierre-et-Miquelon.
    assert Territory.objects.by_ref("region:975").kind == "collectivite-outre-mer"
    assert Territory.objects.by_ref("departement:975").region.code == "975"
    # Every commune but a few overseas belongs to an EPCI; every territory has a distinct search rank.
    assert Territory.objects.filter(kind="commune-actuelle", epci__isnull=True, zone="metro").count() < 10
    assert Territory.objects.values("search_rank").distinct().count() == Territory.objects.count()
