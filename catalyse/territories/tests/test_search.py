import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalyse.territories.models import Level, Territory
from catalyse.territories.search import one_edit_apart, one_edit_from_a_prefix, parse_query, territories_search


def codes(q, **kwargs):
    return [m.territory.code for m in territories_search(q=q, **kwargs)]


def first(q, **kwargs):
    results = territories_search(q=q, **kwargs)
    return results[0].territory.code if results else None


@pytest.mark.parametrize(
    "q",
    ["saint-etienne", "Saint-Étienne", "SAINT ÉTIENNE", "saint etienne", "  saint   -  étienne ", "saintetienne"],
)
def test_it_ignores_case_accents_hyphens_and_spaces(territories, q):
    assert first(q) == "42218"


@pytest.mark.parametrize(
    "q", ["villeneuve d'ascq", "villeneuve d’ascq", "Villeneuve-d’Ascq", "villeneuve d ascq", "villeneuve dascq"]
)
def test_it_ignores_apostrophes(territories, q):
    assert first(q) == "59009"


@pytest.mark.parametrize("q", ["l'etrat", "l’étrat", "letrat", "L ETRAT"])
def test_it_ignores_elisions(territories, q):
    assert first(q) == "42092"


@pytest.mark.parametrize(
    ("q", "code"), [("marcq en baroeul", "59378"), ("Marcq-en-Barœul", "59378"), ("chamboeuf", "42043")]
)
def test_it_spells_out_ligatures(territories, q, code):
    assert first(q) == code


@pytest.mark.parametrize(
    ("q", "code"),
    [
        ("st etienne", "42218"),
        ("St-Étienne", "42218"),
        ("ste foy les lyon", "69202"),
        ("ste-foy-lès-lyon", "69202"),
        ("boen s/ lignon", "42019"),
        ("Boën-s/-Lignon", "42019"),
        ("chazelles s/lyon", "42059"),
        ("st jean st maurice s/ loire", "42239"),
    ],
)
def test_it_understands_the_abbreviations_people_type(territories, q, code):
    assert first(q) == code


def test_it_keeps_ste_as_the_start_of_a_word(territories):
    names = [m.territory.name for m in territories_search(q="ste", limit=10)]
    assert "Sainte-Foy-lès-Lyon" in names
    assert "Steenvoorde" in names


def test_it_spells_out_the_types_of_intercommunalities(territories):
    assert first("communaute de communes des monts du pilat") == first("cc des monts du pilat") == "244200622"


@pytest.mark.parametrize(
    ("q", "code"),
    [("42218", "42218"), ("69123", "69123"), ("2A004", "2A004"), ("2a004", "2A004"), ("244200770", "244200770")],
)
def test_it_finds_insee_codes_and_sirens(territories, q, code):
    result = territories_search(q=q)[0]
    assert result.territory.code == code
    assert result.stage == 0


def test_it_finds_a_departement_and_a_region_by_code(territories):
    assert [m.territory.ref for m in territories_search(q="84")[:1]] == ["region:84"]
    assert [m.territory.ref for m in territories_search(q="2A")[:1]] == ["departement:2A"]
    assert [m.territory.ref for m in territories_search(q="commune:42218")] == ["commune:42218"]
    assert territories_search(q="region:42218") == []


def test_it_finds_communes_by_postal_code(territories):
    assert codes("42000") == ["42218"]
    results = territories_search(q="42100", limit=20)
    # 42100 is also the INSEE code of La Gimond: the code comes first, then the postal code.
    assert [m.territory.name for m in results] == ["La Gimond", "Saint-Étienne"]
    assert results[0].stage == 0
    assert "42100" in results[1].territory.postal_code_list


def test_it_finds_communes_by_the_start_of_a_postal_code(territories):
    results = territories_search(q="421", limit=50)
    assert len(results) > 20
    for match in results:
        assert any(code.startswith("421") for code in match.territory.postal_code_list)
    populations = [m.territory.population for m in results]
    assert populations == sorted(populations, reverse=True)
    # Marseille and its arrondissements are known by their postal codes, Lyon 3e by 69003.
    assert "13201" in codes("13001")
    assert "69383" in codes("69003", level="commune")


def test_a_single_digit_is_not_a_postal_code(territories):
    assert territories_search(q="4") == []


@pytest.mark.parametrize(
    ("q", "code"),
    [
        ("marsielle", "13055"),  # transposition
        ("marseile", "13055"),  # deletion
        ("marseillle", "13055"),  # insertion
        ("marzeille", "13055"),  # substitution
        ("roubiax", "59512"),
        ("saint etinne", "42218"),
        ("sant etienne", "42218"),
        ("saint eitenne", "42218"),
        ("villeurbane", "69266"),
    ],
)
def test_it_forgives_one_typo_in_a_word(territories, q, code):
    results = territories_search(q=q)
    assert results[0].territory.code == code
    assert results[0].stage >= 4  # found by the typo stages


def test_it_forgives_a_typo_in_the_word_being_typed(territories):
    assert first("villeurba") == "69266"  # no typo
    assert first("villuerba") == "69266"  # transposed, still typing


def test_it_uses_the_typo_stages_only_when_the_others_find_too_few(territories):
    with CaptureQueriesContext(connection) as queries:
        results = territories_search(q="lyon", limit=5)
    assert all(m.stage < 4 for m in results)
    assert "territorywordvariant" not in " ".join(q["sql"] for q in queries.captured_queries).lower()


def test_it_ranks_the_exact_name_first_then_prefixes_then_population(territories):
    results = territories_search(q="lyon", limit=12)
    assert results[0].territory.code == "69123"
    assert results[0].stage == 1
    assert [m.stage for m in results] == sorted(m.stage for m in results)
    for a, b in itertools.pairwise(results):
        if a.stage == b.stage:
            assert (a.territory.population or 0) >= (b.territory.population or 0)
    # Names starting with "lyon" come before the names that only contain the word.
    prefix_stage = [m for m in results if m.stage == 2]
    assert prefix_stage and all(m.territory.search_name.startswith("lyon") for m in prefix_stage)
    assert "Métropole de Lyon" in [m.territory.name for m in territories_search(q="lyon", limit=30)]


def test_an_exact_name_beats_a_more_populated_prefix(territories):
    # Marseille's arrondissements all start with "marseille" but Marseille itself comes first.
    assert codes("marseille", limit=3)[0] == "13055"
    # "Lille": the commune is exact, "Lille Métropole"… only start with it.
    assert first("lille") == "59350"


def test_it_filters_by_level(territories):
    for level in Level.values:
        results = territories_search(q="c", level=level, limit=20)
        assert results
        assert {m.territory.level for m in results} == {level}
    assert first("rhone", level="departement") == "69"
    assert first("lyon", level="epci") == "200046977"


def test_it_respects_the_limit(territories):
    assert len(territories_search(q="saint", limit=3)) == 3
    assert len(territories_search(q="saint", limit=25)) == 25


def test_it_finds_the_delegated_and_associated_communes(territories):
    result = territories_search(q="rochetaillee")[0]
    assert result.territory.code == "42218"
    assert result.alias == "Rochetaillée"
    assert result.label() == "Saint-Étienne (42) — Rochetaillée, commune associée"
    # Chalmazel is also the start of its commune's name, but only the delegated commune is named so exactly.
    chalmazel = territories_search(q="chalmazel")[0]
    assert chalmazel.territory.code == "42039"
    assert chalmazel.alias == "Chalmazel"
    assert territories_search(q="saint etienne")[0].alias is None  # its own name matches
    assert territories_search(q="lomme")[0].territory.name == "Lille"


@pytest.mark.parametrize(
    "q",
    [
        "\x00",
        "'",
        "’",
        "-",
        "%",
        "_",
        "a" * 1000,
        "🙂",
        "\u202e\u200b",
        "s/",
        "st",
        "commune:",
        "\\",
        "' OR 1=1 --",
        "ǅ",
    ],
)
def test_it_never_fails_on_odd_input(territories, q):
    assert isinstance(territories_search(q=q), list)


def test_it_answers_in_a_bounded_number_of_queries(territories):
    for q in ["s", "saint-etienne", "42000", "marsielle", "st jean st maurice s/ loire"]:
        with CaptureQueriesContext(connection) as queries:
            territories_search(q=q)
        assert len(queries.captured_queries) <= 16, q


# The same answers, in the same order, on SQLite and PostgreSQL (this module runs on both).
GOLDEN = {
    "sai": [
        "epci:244200770",
        "commune:42218",
        "commune:59183",
        "commune:69290",
        "commune:42207",
        "commune:69202",
        "commune:69204",
        "commune:69199",
        "commune:59526",
        "commune:42279",
    ],
    "saint e": [
        "epci:244200770",
        "commune:42218",
        "commune:69202",
        "commune:13094",
        "commune:13096",
        "commune:69197",
        "commune:69190",
        "commune:69189",
        "commune:69201",
        "commune:42197",
    ],
    "marseille 13": [
        "commune:13213",
        "commune:13055",
        "commune:13208",
        "commune:13215",
        "commune:13209",
        "commune:13212",
        "commune:13214",
        "commune:13210",
        "commune:13211",
        "commune:13203",
    ],
    "ste foy": ["commune:69202", "commune:69201", "commune:42221"],
    "13": [
        "departement:13",
        "commune:13055",
        "commune:75113",
        "commune:13001",
        "commune:13213",
        "commune:13208",
        "commune:13215",
        "commune:13209",
        "commune:13212",
        "commune:13214",
    ],
    "l": [
        "departement:42",
        "commune:69123",
        "commune:59350",
        "commune:69383",
        "commune:69387",
        "commune:69388",
        "commune:69389",
        "commune:69386",
        "commune:69385",
        "commune:13028",
    ],
    "ste": [
        "epci:244200770",
        "commune:42218",
        "commune:69202",
        "commune:59580",
        "commune:59581",
        "commune:13094",
        "commune:13096",
        "commune:69197",
        "commune:69190",
        "commune:69189",
    ],
    "lile": ["commune:59350", "epci:200093201", "commune:59527", "commune:59386"],
    "paris 1": [
        "commune:75115",
        "commune:75118",
        "commune:75113",
        "commune:75119",
        "commune:75116",
        "commune:75117",
        "commune:75111",
        "commune:75112",
        "commune:75114",
        "commune:75110",
    ],
    "sur": [
        "commune:42304",
        "commune:59183",
        "commune:69264",
        "commune:13039",
        "commune:42279",
        "commune:59112",
        "commune:69096",
        "commune:59153",
        "commune:69143",
        "commune:59253",
    ],
    "42": [
        "departement:42",
        "commune:42218",
        "commune:42207",
        "commune:42187",
        "commune:42095",
        "commune:42147",
        "commune:42279",
        "commune:42186",
        "commune:42044",
        "commune:42184",
    ],
    "corse": ["region:94", "departement:2A", "epci:200040764"],
    "vill": [
        "commune:69266",
        "commune:59009",
        "commune:69264",
        "commune:42330",
        "commune:42332",
        "commune:69267",
        "commune:59624",
        "commune:59626",
        "commune:59622",
        "commune:59619",
    ],
}


@pytest.mark.parametrize("q", sorted(GOLDEN))
def test_it_gives_the_same_answers_on_every_database(territories, q):
    assert [m.territory.ref for m in territories_search(q=q, limit=10)] == GOLDEN[q]


def test_the_typo_helpers():
    assert one_edit_apart("marseille", "marsielle")
    assert one_edit_apart("marseille", "marseile")
    assert one_edit_apart("marseille", "marseillle")
    assert one_edit_apart("marseille", "marzeille")
    assert not one_edit_apart("marseille", "marzeile")
    assert not one_edit_apart("abc", "cab")
    assert one_edit_from_a_prefix("villuerba", "villeurbanne")
    assert not one_edit_from_a_prefix("vilxuerba", "villeurbanne")
    assert parse_query("St-Étienne s/ Loire").variants == [
        ["saint", "etienne", "sur", "loire"],
        ["st", "etienne", "sur", "loire"],
    ]
    assert parse_query("  ").variants == []
    assert Territory.objects.model is Territory
