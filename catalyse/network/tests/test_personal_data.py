"""GDPR: the download includes messages and posts; erasure deletes private messages and anonymises posts."""

import json

import pytest

from catalyse.accounts.services import user_erase, user_export
from catalyse.network import services
from catalyse.network.digests import digests_send
from catalyse.network.models import (
    Conversation,
    Digest,
    Message,
    ModerationLog,
    NetworkMember,
    Notification,
    Post,
    Report,
    ThreadFollow,
)

from .conftest import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(topic, facilitator):
    amandine = member(first_name="Amandine", last_name="Moreau")
    nadia = member(first_name="Nadia", last_name="Haddad", world="collectivite")
    services.message_send(sender=nadia, recipient=amandine, body="Bonjour Amandine")
    services.message_send(sender=amandine, recipient=nadia, body="Bonjour Nadia, merci !")
    thread = services.thread_create(author=amandine, topic=topic, title="Nos grilles d’évaluation", body="La nôtre.")
    services.post_create(author=nadia, thread=thread, body="Merci @amandine-moreau !")
    reply = services.post_create(author=amandine, thread=thread, body="Avec plaisir.")
    services.post_report(reporter=amandine, post=Post.objects.get(author=nadia), reason="off_topic")
    services.post_hide(moderator=facilitator, post=reply, reason="Doublon")
    return {"amandine": amandine, "nadia": nadia, "thread": thread}


def test_the_download_includes_messages_and_posts(client, story):
    amandine = story["amandine"]
    data = user_export(user=amandine)["reseau"]
    assert data["identifiant"] == "amandine-moreau"
    assert data["conversations"][0]["avec"] == ["Nadia Haddad"]
    assert [m["texte"] for m in data["conversations"][0]["messages"]] == ["Bonjour Amandine", "Bonjour Nadia, merci !"]
    assert [p["texte"] for p in data["discussions"]] == ["La nôtre.", "Avec plaisir."]
    assert data["discussions"][1]["masqué"] is True
    assert data["discussions_suivies"] == ["Nos grilles d’évaluation"]
    assert data["signalements"][0]["raison"] == "off_topic"
    assert any("vous a écrit" in n["texte"] for n in data["notifications"])
    client.force_login(amandine)
    response = client.get("/profil/donnees/export.json")
    assert json.loads(response.content)["reseau"]["identifiant"] == "amandine-moreau"


def test_erasure_deletes_private_messages_and_anonymises_posts(client, story, facilitator):
    amandine, nadia, thread = story["amandine"], story["nadia"], story["thread"]
    assert digests_send(force=True).digests >= 1
    assert Digest.objects.filter(recipient=amandine).exists()
    user_erase(user=amandine)
    assert not Conversation.objects.exists() and not Message.objects.exists()
    assert not NetworkMember.objects.filter(user=amandine).exists()
    assert not Notification.objects.filter(recipient=amandine).exists()
    assert not Digest.objects.filter(recipient=amandine).exists()
    assert not Notification.objects.filter(actor=amandine).exists()
    assert not ThreadFollow.objects.filter(user=amandine).exists()
    assert not Report.objects.filter(reporter=amandine).exists()
    assert not Post.mentions.through.objects.filter(user=amandine).exists()
    # Posts stay, signed by a deleted account; the thread keeps its sense.
    assert Post.objects.filter(author=amandine).count() == 2
    assert "Amandine" not in ModerationLog.objects.get().target
    client.force_login(nadia)
    body = client.get(f"/reseau/discussions/{thread.pk}/").content.decode()
    assert "Compte supprimé" in body and "Amandine Moreau" not in body
    assert "La nôtre." in body
    # Nadia's own posts are untouched.
    assert Post.objects.filter(author=nadia).count() == 1
