"""Every page of the network answers, as the right people, in French typography."""

import pytest

from catalyse.network import services
from catalyse.network.models import Conversation, Post, Report
from catalyse.tests_support.typography import typography_errors

from .conftest import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(places, topic, facilitator):
    amandine = member(first_name="Amandine", last_name="Moreau", territory=places["saint_etienne"], themes=("social",))
    nadia = member(
        first_name="Nadia", last_name="Haddad", world="collectivite", territory=places["loire"], themes=("social",)
    )
    services.message_send(sender=nadia, recipient=amandine, body="Bonjour\u00a0!")
    thread = services.thread_create(author=amandine, topic=topic, title="Nos grilles", body="La nôtre.")
    post = services.post_create(author=nadia, thread=thread, body="Merci @amandine-moreau.")
    services.post_report(reporter=amandine, post=post, reason="spam")
    services.member_ban(moderator=facilitator, member=nadia, reason="Essai")
    return {"amandine": amandine, "nadia": nadia, "thread": thread, "post": post}


def pages(world, facilitator):
    thread, post, nadia = world["thread"], world["post"], world["nadia"]
    conversation = Conversation.objects.get()
    report = Report.objects.get()
    member_pages = [
        "/reseau/",
        "/reseau/annuaire/",
        "/reseau/annuaire/?territoire=region%3A84&enjeu=social",
        "/reseau/pairs/",
        "/reseau/messages/",
        f"/reseau/messages/{conversation.pk}/",
        f"/reseau/messages/ecrire/{nadia.pk}/",
        "/reseau/discussions/",
        "/reseau/discussions/nouvelle/",
        f"/reseau/discussions/themes/{thread.topic.slug}/",
        f"/reseau/discussions/{thread.pk}/",
        f"/reseau/discussions/messages/{post.pk}/signaler/",
        "/reseau/notifications/",
        "/reseau/notifications/preferences/",
        f"/membres/{nadia.pk}/",
    ]
    moderation_pages = [
        "/reseau/moderation/",
        "/reseau/moderation/journal/",
        f"/reseau/moderation/messages/{post.pk}/masquer/",
        f"/reseau/moderation/discussions/{thread.pk}/verrouiller/",
        f"/reseau/moderation/membres/{nadia.pk}/reintegrer/",
        f"/reseau/moderation/signalements/{report.pk}/classer/",
    ]
    return member_pages, moderation_pages


def test_every_page_answers_in_french_typography(client, world, facilitator):
    member_pages, moderation_pages = pages(world, facilitator)
    client.force_login(world["amandine"])
    for url in member_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert typography_errors(response.content.decode()) == [], url
    client.force_login(facilitator)
    for url in moderation_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert typography_errors(response.content.decode()) == [], url


def test_a_hidden_or_missing_thing_is_a_404_not_a_500(client, world, facilitator):
    client.force_login(world["amandine"])
    for url in [
        "/reseau/discussions/999999/",
        "/reseau/discussions/themes/inconnu/",
        "/reseau/messages/999999/",
        "/reseau/messages/ecrire/999999/",
        "/reseau/discussions/messages/999999/signaler/",
        "/reseau/notifications/999999/",
    ]:
        assert client.get(url).status_code == 404, url
    client.force_login(facilitator)
    for url in [
        f"/reseau/moderation/messages/{world['post'].pk}/supprimer/",
        f"/reseau/moderation/membres/{world['nadia'].pk}/promouvoir/",
        f"/reseau/moderation/discussions/{world['thread'].pk}/effacer/",
        "/reseau/moderation/signalements/999999/classer/",
    ]:
        assert client.get(url).status_code == 404, url
    assert Post.objects.count() == 2


def test_a_get_never_changes_anything(client, world):
    client.force_login(world["amandine"])
    assert client.get(f"/reseau/discussions/{world['thread'].pk}/repondre/").status_code == 405
    assert client.get(f"/reseau/discussions/{world['thread'].pk}/suivre/").status_code == 405
    assert client.get("/reseau/notifications/tout-lire/").status_code == 405
