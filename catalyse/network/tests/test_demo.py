"""The demo content of the network loads, twice without duplicates."""

import pytest

from catalyse.accounts.demo import demo_load as accounts_demo
from catalyse.network.demo import demo_load
from catalyse.network.models import Conversation, Post, Thread, Topic
from catalyse.test import make_territories

pytestmark = pytest.mark.django_db


def test_it_loads_topics_threads_and_a_conversation_idempotently(client):
    make_territories()
    accounts_demo()
    first = demo_load()
    assert first["discussions créées"] == 4 and first["conversations créées"] == 1
    counts = (Topic.objects.count(), Thread.objects.count(), Post.objects.count(), Conversation.objects.count())
    second = demo_load()
    assert second["discussions créées"] == 0 and second["conversations créées"] == 0
    assert counts == (Topic.objects.count(), Thread.objects.count(), Post.objects.count(), Conversation.objects.count())
    assert set(Topic.objects.values_list("title", flat=True)) >= {
        "Modèles socio-économiques hybrides",
        "Impact du numérique",
        "Évolution des compétences",
        "Diversité des méthodes d’évaluation",
        "Évaluer l’impact",
    }
    thread = Thread.objects.get(title__startswith="Quels indicateurs")
    assert thread.post_count == 4
    # The mentions of the demo resolve to the demo people.
    assert Post.objects.filter(mentions__email="thomas.lefebvre@catalyse.localhost").exists()
    assert client.get("/reseau/annuaire/").context["page"].paginator.count >= 20
