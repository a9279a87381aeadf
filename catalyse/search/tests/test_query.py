"""What people type finds what they mean: the same on SQLite and PostgreSQL."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalyse.search import engines
from catalyse.search.query import edits1, parse_query, search_documents
from catalyse.search.tests.conftest import index, published

pytestmark = pytest.mark.django_db

NASTY = [
    '"',
    '""',
    "'",
    "*",
    "coop*",
    "NEAR(coopération animation)",
    "coopération AND",
    "OR",
    "NOT animation",
    "-animation",
    "^animation",
    "animation:",
    "terms_title : coopération",
    "{terms_title}: x",
    "(((",
    ")",
    "a & b | !c",
    "'a':* & b:A",
    "\x00",
    "coop\x00ération",
    "<script>alert(1)</script>",
    "'; DROP TABLE search_searchdocument; --",
    "%",
    "_",
    "\\",
    "😀 🇫🇷",
    "ﷺ ﷽",
    "Ⅻ ½ ① ²",
    "a" * 200,
    "é" * 200,
    " ".join(["mot"] * 60),
    "x-" * 80,
    "l’" * 60,
    "\u202e\u200b\ufeff",
]


def keys(text, **options):
    return [d.key for d in search_documents(text, **options).documents]


@pytest.fixture
def documents():
    index("coop", "Coopération territoriale", "Des alliances entre acteurs différents.", kind="cadre")
    index("anim", "Animer un réseau", "Rencontres et lettre d’information.", kind="methode")
    index("eval", "Évaluation d’impact", "Des indicateurs partagés.", kind="methode")
    index("ste", "Saint-Étienne : insertion des jeunes", "Entreprises et mission locale.", kind="illustration")
    index("aix", "Un tiers-lieu à Aix-en-Provence", "Atelier de réparation.", kind="illustration")
    index("parts", "Modèle de charte de partenariat", "Engagements réciproques.", kind="outil")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cooperation territoriale", ["coop"]),  # accents missing
        ("COOPÉRATION TERRITORIALE", ["coop"]),  # upper case
        ("éválùation", ["eval"]),  # accents in excess
        ("l'animation", ["anim"]),  # elision, straight apostrophe
        ("l’évaluation d’impact", ["eval"]),  # elisions, typographic apostrophe
        ("partenariats", ["parts"]),  # plural
        ("tiers-lieux", ["aix"]),  # plural in -x, hyphenated
        ("coopérer", ["coop"]),  # verb → noun
        ("animation", ["anim"]),  # noun → verb
        ("évaluer", ["eval"]),
        ("Saint-Étienne", ["ste"]),  # hyphenated place
        ("saint etienne", ["ste"]),
        ("SAINT ETIENNE", ["ste"]),
        ("saintetienne", ["ste"]),
        ("Aix en Provence", ["aix"]),
        ("aix-en-provence", ["aix"]),
    ],
)
def test_it_finds_what_people_mean(documents, query, expected):
    assert keys(query) == expected


@pytest.mark.parametrize(
    ("query", "expected", "suggestion"),
    [
        ("cooperaton", ["coop"], "coopération"),  # a letter missing
        ("coopérration", ["coop"], "coopération"),  # a letter too many
        ("evaluatoin", ["eval"], "évaluation"),  # two letters swapped
        ("anomer", ["anim"], "animer"),  # a letter replaced
        ("Cooperaton territoriale", ["coop"], "coopération territoriale"),
    ],
)
def test_it_corrects_one_typo_per_word_and_says_so(documents, query, expected, suggestion):
    results = search_documents(query)
    assert [d.key for d in results.documents] == expected
    assert results.query.suggestion == suggestion


def test_it_does_not_correct_a_word_that_is_found(documents):
    assert parse_query("animer").suggestion is None
    assert parse_query("animer").terms[0].corrected is None


def test_it_completes_the_last_word_typed(documents):
    assert keys("coop") == ["coop"]
    assert keys("réseau anim") == ["anim"]  # "anim" is a stem: animer
    assert keys("charte parten") == ["parts"]
    assert keys("insert") == ["ste"]  # insertion, from the vocabulary's prefixes
    assert parse_query("insert").terms[0].expanded


def test_it_requires_every_word_then_falls_back_to_any(documents):
    results = search_documents("évaluation réseau")
    assert results.partial
    assert {d.key for d in results.documents} == {"eval", "anim"}
    results = search_documents("évaluation impact")
    assert not results.partial
    assert [d.key for d in results.documents] == ["eval"]


def test_it_finds_nothing_honestly(documents):
    for query in ["xylophone", "le la les", "zzzz qqqq"]:
        results = search_documents(query)
        assert results.count == 0
        assert results.documents == []
        assert not results.partial


def test_it_weighs_titles_more_than_summaries_more_than_bodies():
    index("body", "Fiche pratique", "La mobilité des jeunes en zone rurale.", published_at=published(2025))
    index("summary", "Fiche pratique", "", summary="La mobilité en zone rurale.", published_at=published(2024))
    index("title", "Mobilité solidaire", "Un garage.", published_at=published(2020))
    assert keys("mobilité") == ["title", "summary", "body"]


def test_it_boosts_a_document(documents):
    index("boosted", "Une autre coopération territoriale", "", boost=5.0)
    assert keys("coopération")[0] == "boosted"


def test_it_filters_by_kind_and_combines_facets():
    index("a", "Coopération A", "", kind="outil", facets={"themes": ["social"], "territories": ["region:84"]})
    index("b", "Coopération B", "", kind="outil", facets={"themes": ["economique"], "territories": ["region:84"]})
    index("c", "Coopération C", "", kind="methode", facets={"themes": ["social", "economique"]})
    index("d", "Coopération D", "", kind="methode", facets={"themes": ["environnemental"], "year": 2020})
    assert sorted(keys("coopération", filters={"kind": ["outil"]})) == ["a", "b"]
    # OR within a facet, AND across facets.
    assert sorted(keys("coopération", filters={"themes": ["social", "economique"]})) == ["a", "b", "c"]
    assert sorted(keys("coopération", filters={"themes": ["social", "economique"], "kind": ["methode"]})) == ["c"]
    assert keys("coopération", filters={"themes": ["social"], "region": ["84"]}) == ["a"]
    assert keys("coopération", filters={"year": ["2020"]}) == ["d"]
    assert keys("coopération", filters={"kind": ["nothing"]}) == []
    assert keys("coopération", filters={"kind": ["\x00"]}) == []


def test_it_counts_facets_over_the_results_without_narrowing_a_facet_by_itself():
    index("a", "Coopération A", "", kind="outil", facets={"themes": ["social"]})
    index("b", "Coopération B", "", kind="outil", facets={"themes": ["economique"]})
    index("c", "Coopération C", "", kind="methode", facets={"themes": ["social", "economique"]})
    index("z", "Autre chose", "", kind="cadre", facets={"themes": ["social"]})
    names = ["kind", "themes"]
    assert search_documents("coopération", facet_names=names).facets == {
        "kind": {"outil": 2, "methode": 1},
        "themes": {"social": 2, "economique": 2},
    }
    # Ticking "outil" narrows the themes, not the kinds one could switch to.
    assert search_documents("coopération", filters={"kind": ["outil"]}, facet_names=names).facets == {
        "kind": {"outil": 2, "methode": 1},
        "themes": {"social": 1, "economique": 1},
    }


def test_it_pages_through_results():
    for n in range(25):
        index(f"fiche-{n:02}", f"Fiche de coopération {n}", "", published_at=published(2000 + n))
    first = search_documents("coopération", limit=10)
    third = search_documents("coopération", limit=10, offset=20)
    beyond = search_documents("coopération", limit=10, offset=40)
    assert first.count == third.count == beyond.count == 25
    assert len(first.documents) == 10
    assert len(third.documents) == 5
    assert beyond.documents == []
    # Same score: the most recent first.
    assert [d.key for d in first.documents[:2]] == ["fiche-24", "fiche-23"]


def test_it_bounds_the_work_of_very_broad_queries(monkeypatch):
    monkeypatch.setattr(engines, "FULL_RANK_LIMIT", 3)
    monkeypatch.setattr(engines, "COUNT_LIMIT", 5)
    index("old-title", "Coopération ancienne", "")
    for n in range(4):
        index(f"body-{n}", "Fiche", "La coopération en pratique.")
    index("new-title", "Coopération récente", "")
    results = search_documents("coopération", limit=10)
    assert results.count == 5
    assert not results.count_exact
    # Title matches first (scored), then the others, most recently indexed first.
    assert [d.key for d in results.documents] == ["new-title", "old-title", "body-3", "body-2", "body-1", "body-0"]
    assert [d.key for d in search_documents("coopération", limit=2, offset=3).documents] == ["body-2", "body-1"]
    assert search_documents("ancienne").count_exact


@pytest.mark.parametrize("text", NASTY)
def test_it_neutralises_hostile_input(documents, text):
    results = search_documents(text, facet_names=["kind", "themes"])
    assert results.count >= 0


@given(text=st.text(max_size=200))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_it_never_fails_whatever_the_text(documents, text):
    search_documents(text, filters={"kind": [text[:50] or "x"]}, facet_names=["kind"])


def test_it_generates_every_single_edit():
    variants = edits1("ab")
    assert {"a", "b", "ba", "aab", "abc", "xb", "ax"} <= variants
    assert "ab" not in variants


def test_it_gives_the_callers_transaction_its_planner_settings_back(documents):
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no planner settings to change")
    settings = "SELECT current_setting('enable_seqscan'), current_setting('work_mem')"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(settings)
        before = cursor.fetchone()
        assert search_documents("coopération").count == 1
        cursor.execute(settings)
        assert cursor.fetchone() == before
