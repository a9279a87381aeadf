"""Writes to the index: documents, facets and vocabulary stay in step on every upsert and delete."""

import random

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from catalyse.lib.registry import SearchEntry
from catalyse.search.models import SearchDocument, SearchFacet, SearchTerm
from catalyse.search.query import search_documents
from catalyse.search.services import (
    search_index_bulk_upsert,
    search_index_delete,
    search_index_rebuild,
    search_index_upsert,
    search_vocabulary_rebuild,
)
from catalyse.search.tests.conftest import index, published

pytestmark = pytest.mark.django_db


def keys(text, **options):
    return [d.key for d in search_documents(text, **options).documents]


def vocabulary():
    return dict(SearchTerm.objects.values_list("term", "doc_count"))


def test_it_indexes_a_document_with_its_facets_and_words():
    document = index(
        "guide-cooperation",
        "Guide de la coopération",
        "Animer un réseau à Saint-Étienne.",
        summary="Pour les collectivités.",
        facets={
            "themes": ["social", "economique"],
            "forms": "animation",
            "objective": "comprendre",
            "territories": ["commune:42218", "epci:244200770", "departement:42", "region:84"],
        },
        published_at=published(2023),
    )
    assert SearchDocument.objects.get(source="resource", key="guide-cooperation") == document
    assert document.terms_title == "guid coop"
    assert set(SearchFacet.objects.filter(document=document).values_list("name", "value")) == {
        ("kind", "methode"),
        ("themes", "social"),
        ("themes", "economique"),
        ("forms", "animation"),
        ("objective", "comprendre"),
        ("region", "84"),
        ("departement", "42"),
        ("year", "2023"),
    }
    words = vocabulary()
    assert words["cooperation"] == 1
    assert words["saintetienne"] == 1
    assert "la" not in words
    assert SearchTerm.objects.get(term="cooperation").display == "coopération"
    assert SearchTerm.objects.get(term="saintetienne").display == "saint-étienne"
    assert keys("coopération") == ["guide-cooperation"]


def test_it_reindexes_an_updated_document_and_forgets_its_old_words():
    index("fiche", "Mobilité solidaire", "Un garage associatif.")
    index("autre", "Garage solidaire", "")
    index("fiche", "Alimentation durable", "Des circuits courts.", kind="outil")
    assert SearchDocument.objects.filter(key="fiche").count() == 1
    assert keys("mobilité") == []
    assert keys("circuits courts") == ["fiche"]
    assert keys("garage") == ["autre"]
    words = vocabulary()
    assert "mobilite" not in words
    assert words["solidaire"] == 1
    assert words["circuits"] == 1
    assert SearchFacet.objects.get(document__key="fiche", name="kind").value == "outil"


def test_it_removes_a_deleted_document_from_the_index_and_the_vocabulary():
    index("a", "Évaluer une alliance", "Indicateurs partagés.")
    index("b", "Évaluation participative", "")
    assert search_index_delete(source="resource", key="a") is True
    assert search_index_delete(source="resource", key="a") is False
    assert keys("évaluer") == ["b"]
    assert keys("indicateurs") == []
    words = vocabulary()
    assert "indicateurs" not in words
    assert words == {"evaluation": 1, "participative": 1}
    assert not SearchFacet.objects.filter(document__key="a").exists()


def test_it_leaves_nothing_behind_when_the_calling_transaction_fails():
    with pytest.raises(RuntimeError), transaction.atomic():
        index("brouillon", "Coopération rurale", "")
        raise RuntimeError("the resource could not be published")
    assert keys("coopération") == []
    assert not SearchDocument.objects.exists()
    assert not SearchTerm.objects.exists()


def test_it_strips_markdown_before_indexing():
    document = index(
        "md",
        "Titre",
        "# Méthode\n\nUn **atelier** [en ligne](https://exemple.fr/secret) et `du code`.\n\n- premier point\n",
    )
    assert document.body == "Méthode\n\nUn atelier en ligne et du code.\n\npremier point"
    assert keys("atelier") == ["md"]
    assert keys("exemple") == []


def test_it_refuses_a_document_without_key_or_kind():
    with pytest.raises(ValueError, match="clé"):
        search_index_upsert(source="resource", key="", title="x", body="", url="/x/", kind="outil")
    with pytest.raises(ValueError, match="type"):
        search_index_upsert(source="resource", key="x", title="x", body="", url="/x/", kind="")
    with pytest.raises(ValueError, match="source"):
        search_index_upsert(source="", key="x", title="x", body="", url="/x/", kind="outil")
    assert not SearchDocument.objects.exists()


def test_it_bulk_indexes_new_and_existing_documents():
    index("b-1", "Ancien titre sur la gouvernance", "")
    entries = [
        SearchEntry(
            key=f"b-{n}", title=f"Fiche {n} sur la gouvernance partagée", body="Comité.", url=f"/b/{n}/", kind="outil"
        )
        for n in range(1, 8)
    ]
    assert search_index_bulk_upsert(source="resource", entries=entries, batch_size=3) == 7
    assert SearchDocument.objects.count() == 7
    assert vocabulary()["gouvernance"] == 7
    assert "ancien" not in vocabulary()
    assert search_documents("gouvernance partagée").count == 7


def test_it_keeps_the_vocabulary_equal_to_a_recount_through_random_changes():
    rng = random.Random(7)  # noqa: S311 (a reproducible sequence, not a secret)
    words = ["coopération", "animation", "Saint-Étienne", "réseaux", "évaluer", "territoire", "mécénat", "jeunes"]
    for _step in range(60):
        key = f"doc-{rng.randrange(8)}"
        if rng.random() < 0.25:
            search_index_delete(source="resource", key=key)
        else:
            index(key, " ".join(rng.sample(words, 2)), " ".join(rng.sample(words, 3)))
    kept = vocabulary()
    search_vocabulary_rebuild()
    assert vocabulary() == kept


def test_it_rebuilds_a_source_and_drops_what_it_no_longer_holds(extra_source):
    index("kit", "Coopération", "")  # another source's document stays
    search_index_upsert(source="test", key="gone", title="Ancienne fiche", body="", url="/t/gone/", kind="fiche")
    extra_source += [
        SearchEntry(key="one", title="Fiche coopération", body="", url="/t/one/", kind="fiche"),
        SearchEntry(key="two", title="Fiche animation", body="", url="/t/two/", kind="fiche"),
    ]
    assert search_index_rebuild(source="test") == {"test": 2}
    assert set(SearchDocument.objects.values_list("source", "key")) == {
        ("resource", "kit"),
        ("test", "one"),
        ("test", "two"),
    }
    assert "ancienne" not in vocabulary()
    assert vocabulary()["cooperation"] == 2
    with pytest.raises(ValueError, match="inconnue"):
        search_index_rebuild(source="nothing")


def test_it_rebuilds_from_the_command(extra_source, capsys):
    extra_source.append(SearchEntry(key="one", title="Fiche d’évaluation", body="", url="/t/one/", kind="fiche"))
    call_command("rebuild_search_index", "--source", "test", "--vocabulary")
    out = capsys.readouterr().out
    assert "test\u00a0: 1 documents indexés" in out
    assert "Vocabulaire" in out
    assert keys("évaluation") == ["one"]
    with pytest.raises(CommandError, match="inconnue"):
        call_command("rebuild_search_index", "--source", "nothing")
