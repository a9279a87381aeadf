"""Discussions: threads, replies, mentions, following, sanitized Markdown, HTMX fragments, query counts."""

import re

import pytest

from catalyse.network import services
from catalyse.network.mentions import mentioned_handles, render_post
from catalyse.network.models import Notification, Post, Thread, ThreadFollow
from catalyse.tests_support.typography import typography_errors

from .conftest import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def thomas(places):
    return member(first_name="Thomas", last_name="Lefebvre", world="academique", territory=places["loire"])


@pytest.fixture
def sophie(places):
    return member(first_name="Sophie", last_name="Marchand", world="acteur_public")


@pytest.fixture
def thread(thomas, topic):
    return services.thread_create(
        author=thomas, topic=topic, title="Quels indicateurs d’impact social\u00a0?", body="Vous utilisez quoi\u00a0?"
    )


def test_a_member_opens_a_thread_and_follows_it(client, thomas, topic):
    client.force_login(thomas)
    response = client.get("/reseau/discussions/nouvelle/?theme=evaluer-l-impact")
    assert response.status_code == 200
    assert f'<option value="{topic.pk}" selected>' in response.content.decode()
    response = client.post(
        "/reseau/discussions/nouvelle/",
        {"topic": topic.pk, "title": "Mesurer l’impact d’une alliance", "body": "Quels **indicateurs** ?"},
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response.url == f"/reseau/discussions/{thread.pk}/"
    assert thread.author == thomas and thread.post_count == 1
    assert Post.objects.get().is_opening
    assert ThreadFollow.objects.filter(thread=thread, user=thomas).exists()
    body = client.get(response.url).content.decode()
    assert "<strong>indicateurs</strong>" in body
    assert "Vous suivez cette discussion." in body


def test_it_says_what_to_fix_in_a_thread(client, thomas, topic):
    client.force_login(thomas)
    response = client.post("/reseau/discussions/nouvelle/", {"topic": topic.pk, "title": "Hé", "body": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Écrivez le premier message de la discussion." in body
    response = client.post("/reseau/discussions/nouvelle/", {"topic": topic.pk, "title": "Hé", "body": "Un texte"})
    assert "Donnez un titre d’au moins 5 caractères" in response.content.decode()
    response = client.post("/reseau/discussions/nouvelle/", {"topic": "999", "title": "Un titre", "body": "Texte"})
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_a_reply_tells_the_followers_but_not_its_author(client, thread, thomas, sophie, catalyst):
    services.thread_follow(user=catalyst, thread=thread)
    client.force_login(sophie)
    response = client.post(f"/reseau/discussions/{thread.pk}/repondre/", {"body": "Trois indicateurs au plus."})
    post = Post.objects.get(author=sophie)
    assert response.status_code == 302
    assert response.url == f"/reseau/discussions/{thread.pk}/?page=1#message-{post.pk}"
    thread.refresh_from_db()
    assert thread.post_count == 2 and thread.last_post_at == post.created_at
    notified = {n.recipient for n in Notification.objects.filter(kind="reply")}
    assert notified == {thomas, catalyst}
    assert Notification.objects.get(recipient=thomas).text == (
        "Sophie Marchand a répondu dans «\u00a0Quels indicateurs d’impact social\u00a0?\u00a0»"
    )
    # Replying follows the thread.
    assert ThreadFollow.objects.filter(thread=thread, user=sophie).exists()


def test_a_mention_tells_the_person_once(client, thread, thomas, sophie, catalyst):
    client.force_login(sophie)
    client.post(
        f"/reseau/discussions/{thread.pk}/repondre/",
        {"body": "@thomas-lefebvre et @amandine-moreau, qu’en pensez-vous ? Écrivez à sophie@exemple.fr"},
    )
    post = Post.objects.get(author=sophie)
    assert set(post.mentions.all()) == {thomas, catalyst}
    # Thomas follows the thread and is mentioned: one notification, the mention.
    assert list(Notification.objects.filter(recipient=thomas).values_list("kind", flat=True)) == ["mention"]
    mention = Notification.objects.get(recipient=catalyst)
    assert mention.kind == "mention"
    assert mention.text.startswith("Sophie Marchand vous a mentionné")
    body = client.get(f"/reseau/discussions/{thread.pk}/").content.decode()
    assert f'<a class="mention" href="/membres/{thomas.pk}/">@thomas-lefebvre</a>' in body
    # Amandine (the catalyst persona) is not in the directory: her name stays without a link.
    assert '<strong class="mention">@amandine-moreau</strong>' in body


def test_it_finds_mentions_but_not_email_addresses():
    assert mentioned_handles("Bonjour @amandine-moreau et @nadia-haddad-2 !") == ["amandine-moreau", "nadia-haddad-2"]
    assert mentioned_handles("Écrivez à amandine@exemple.fr ou voir https://x.fr/@foo") == []
    assert mentioned_handles("@a @a @a") == ["a"]


XSS = [
    "<script>alert('x')</script>",
    "[clic](javascript:alert(1))",
    '<img src=x onerror="alert(1)">',
    "![x](javascript:alert(1))",
    '<a href="https://exemple.fr" onclick="alert(1)">lien</a>',
    "<iframe src='https://evil.example'></iframe>",
    "[@thomas-lefebvre](javascript:alert(1))",
    "`@thomas-lefebvre` <svg onload=alert(1)>",
]


@pytest.mark.parametrize("attack", XSS)
def test_it_renders_markdown_without_any_script(client, thread, thomas, sophie, attack):
    client.force_login(sophie)
    client.post(f"/reseau/discussions/{thread.pk}/repondre/", {"body": f"Attention : {attack}"})
    body = client.get(f"/reseau/discussions/{thread.pk}/").content.decode()
    article = body[body.index('id="messages"') :]
    assert "<script>alert" not in article
    # Refused links stay as plain text; no attribute ever carries a script.
    assert not re.search(r"(href|src)\s*=\s*\"?\s*javascript:", article, re.IGNORECASE)
    assert not re.search(r"<[^>]+\son(error|click|load)=", article)
    assert "<iframe" not in article and "<svg onload" not in article


def test_mentions_are_linked_only_in_text():
    html = render_post(
        "@thomas-lefebvre, voir [le site](https://exemple.fr/@thomas-lefebvre) et `@thomas-lefebvre`",
        {"thomas-lefebvre": "/membres/3/"},
    )
    assert html.count('class="mention"') == 1
    assert 'href="https://exemple.fr/@thomas-lefebvre"' in html
    assert "<code>@thomas-lefebvre</code>" in html


def test_following_works_with_and_without_javascript(client, thread, sophie):
    client.force_login(sophie)
    response = client.post(f"/reseau/discussions/{thread.pk}/suivre/", {"action": "suivre"})
    assert response.status_code == 302
    assert ThreadFollow.objects.filter(thread=thread, user=sophie).exists()
    response = client.post(
        f"/reseau/discussions/{thread.pk}/suivre/", {"action": "ne-plus-suivre"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<form id="suivi"')
    assert "Suivre la discussion" in body and 'role="status"' in body
    assert not ThreadFollow.objects.filter(thread=thread, user=sophie).exists()
    # Not following any more: no notification on the next reply.
    services.post_create(author=thread.author, thread=thread, body="Une précision.")
    assert not Notification.objects.filter(recipient=sophie).exists()


def test_it_answers_an_htmx_reply_with_the_posts_and_a_fresh_form(client, thread, sophie):
    client.force_login(sophie)
    response = client.post(
        f"/reseau/discussions/{thread.pk}/repondre/", {"body": "Réponse *rapide*"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="messages"')
    assert "<em>rapide</em>" in body and "<html" not in body
    assert "Votre réponse est publiée." in body
    response = client.post(f"/reseau/discussions/{thread.pk}/repondre/", {"body": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Écrivez votre réponse avant de la publier." in response.content.decode()


def test_the_discussions_are_for_members(client, thread):
    response = client.get(f"/reseau/discussions/{thread.pk}/")
    assert response.status_code == 302 and "/comptes/login/" in response.url
    assert client.post(f"/reseau/discussions/{thread.pk}/repondre/", {"body": "x"}).status_code == 302
    # The list of topics is public, without the names of the authors.
    body = client.get("/reseau/discussions/").content.decode()
    assert thread.title in body
    assert "Thomas Lefebvre" not in body
    assert Post.objects.count() == 1


def test_a_thread_page_keeps_its_queries_constant(client, thread, sophie, places, django_assert_max_num_queries):
    people = [member(first_name=f"Pair{i}", last_name="Test", territory=places["loire"]) for i in range(8)]
    for index in range(10):
        services.post_create(author=people[index % 8], thread=thread, body=f"Réponse {index} @thomas-lefebvre")
    client.force_login(sophie)
    with django_assert_max_num_queries(16):
        response = client.get(f"/reseau/discussions/{thread.pk}/")
    assert response.content.decode().count('<li id="message-') == 11
    for index in range(25):
        services.post_create(author=people[index % 8], thread=thread, body=f"Encore {index} @pair3-test")
    with django_assert_max_num_queries(16):
        response = client.get(f"/reseau/discussions/{thread.pk}/")
    assert response.content.decode().count('<li id="message-') == 30


def test_the_topic_list_keeps_its_queries_constant(client, topic, thomas, sophie, django_assert_max_num_queries):
    for index in range(30):
        services.thread_create(author=thomas, topic=topic, title=f"Discussion numéro {index}", body="Texte")
    client.force_login(sophie)
    with django_assert_max_num_queries(10):
        response = client.get(f"/reseau/discussions/themes/{topic.slug}/")
    assert response.content.decode().count("/reseau/discussions/") >= 25
    with django_assert_max_num_queries(10):
        client.get("/reseau/discussions/")


def test_the_pages_write_french_typography(client, thread, sophie):
    client.force_login(sophie)
    for url in ["/reseau/discussions/", f"/reseau/discussions/{thread.pk}/", "/reseau/discussions/nouvelle/"]:
        assert typography_errors(client.get(url).content.decode()) == [], url
