"""The French relevance set (relevance.py): the search finds what people mean, on each database."""

import pytest

from catalyse.search.tests import relevance

pytestmark = pytest.mark.django_db


def test_it_ranks_the_relevance_set_well(kit):
    scores = relevance.evaluate(relevance.search_keys)
    misses = [(query, round(ndcg, 2), ranked[:3]) for query, ndcg, _rr, ranked in scores.per_query if ndcg < 0.6]
    assert scores.ndcg >= 0.9, (scores.ndcg, misses)
    assert scores.mrr >= 0.9, (scores.mrr, misses)
    assert misses == []


def test_it_covers_each_phenomenon_with_queries():
    phenomena = " ".join(judged.phenomenon for judged in relevance.QUERIES)
    for phenomenon in ["accent", "majuscules", "élision", "pluriel", "verbe", "faute", "composé", "mots", "titre"]:
        assert phenomenon in phenomena
    assert len(relevance.DOCUMENTS) >= 40
    assert len(relevance.QUERIES) >= 30
    keys = {doc.key for doc in relevance.DOCUMENTS}
    assert all(set(judged.relevant) <= keys for judged in relevance.QUERIES)


def test_its_measures_are_right():
    assert relevance.ndcg_at(["a", "b"], {"a": 2, "b": 1}) == 1.0
    assert relevance.ndcg_at(["b", "a"], {"a": 2, "b": 1}) < 1.0
    assert relevance.ndcg_at(["x"], {"a": 2}) == 0.0
    assert relevance.reciprocal_rank(["x", "a"], {"a": 2, "b": 1}) == 0.5
    assert relevance.reciprocal_rank(["b", "x"], {"a": 2, "b": 1}) == 0.0
