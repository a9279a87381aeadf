"""Threads scoped to a private space (Thread.space): out of the network's lists, open only to whom the space's
owner lets in (and the moderators); mentions and replies never tell the others."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from catalyse.network import services, spaces
from catalyse.network.models import Notification, Thread
from catalyse.test import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def insiders() -> Iterator[set[str]]:
    """A space "essai:<key>" open to the emails in this set."""
    allowed: set[str] = set()
    spaces.space_register("essai", lambda user, key: key == "1" and user.email in allowed)
    yield allowed
    spaces._READERS.pop("essai", None)


@pytest.fixture
def private_thread(topic: Any, insiders: set[str]) -> Thread:
    author = make_person(email="auteur@exemple.fr", first_name="Alix", last_name="Auteur")
    insiders.add(author.email)
    return services.thread_create(
        author=author, topic=topic, title="Session 1 de la cohorte", body="Bienvenue à tous.", space="essai:1"
    )


def test_a_private_thread_is_out_of_every_list(client: Any, catalyst: Any, private_thread: Thread) -> None:
    public = services.thread_create(
        author=catalyst, topic=private_thread.topic, title="Discussion ouverte à tous", body="Bonjour."
    )
    client.force_login(catalyst)
    for url in (
        reverse("network:home"),
        reverse("network:discussions"),
        reverse("network:topic-detail", kwargs={"slug": private_thread.topic.slug}),
    ):
        html = client.get(url).content.decode()
        assert public.title in html, url
        assert private_thread.title not in html, url
    assert list(Thread.objects.visible_to(catalyst)) == [public]


def test_only_insiders_and_moderators_open_a_private_thread(
    client: Any, catalyst: Any, facilitator: Any, private_thread: Thread, insiders: set[str]
) -> None:
    url = private_thread.get_absolute_url()
    client.force_login(catalyst)
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("network:post-create", kwargs={"pk": private_thread.pk}), {"body": "Je passe"}).status_code
        == 404
    )
    insiders.add(catalyst.email)
    assert client.get(url).status_code == 200
    client.force_login(facilitator)  # a moderator
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_the_services_refuse_outsiders_and_tell_no_outsider(
    catalyst: Any, outsider: Any, private_thread: Thread, insiders: set[str]
) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match="réservé à ses membres"):
        services.post_create(author=outsider, thread=private_thread, body="Intrusion")
    with pytest.raises(PermissionDenied):
        services.thread_create(
            author=outsider, topic=private_thread.topic, title="Autre fil", body="x", space="essai:1"
        )
    insiders.add(catalyst.email)
    services.thread_follow(user=outsider, thread=private_thread)  # followed earlier, say, then left the space
    handle = services.member_for(outsider).handle
    services.post_create(author=catalyst, thread=private_thread, body=f"Bonjour @{handle}")
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert Notification.objects.filter(recipient=private_thread.author, kind="reply").exists()


def test_a_space_nobody_registered_is_closed(catalyst: Any) -> None:
    assert spaces.space_can_read(catalyst, None)
    assert not spaces.space_can_read(catalyst, "inconnu:1")
