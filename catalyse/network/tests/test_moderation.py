"""Reports and moderation: who may do what, what others see afterwards, and the log of every action."""

import pytest

from catalyse.network import services
from catalyse.network.models import DiscussionBan, ModerationLog, Notification, Post, Report, Thread

from .conftest import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def troll(places):
    return member(first_name="Gaston", last_name="Lagaffe", world="citoyen")


@pytest.fixture
def thread(catalyst, topic):
    return services.thread_create(
        author=catalyst, topic=topic, title="Partager nos grilles d’évaluation", body="Voici la nôtre."
    )


@pytest.fixture
def bad_post(thread, troll):
    return services.post_create(author=troll, thread=thread, body="Message injurieux.")


def test_a_member_reports_a_message_and_the_facilitators_are_told(client, bad_post, outsider, facilitator):
    client.force_login(outsider)
    page = client.get(f"/reseau/discussions/messages/{bad_post.pk}/signaler/")
    assert page.status_code == 200
    assert "Message injurieux." in page.content.decode()
    response = client.post(
        f"/reseau/discussions/messages/{bad_post.pk}/signaler/", {"reason": "abusive", "comment": "Insultant."}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.post, report.reporter, report.reason, report.comment) == (
        bad_post,
        outsider,
        "abusive",
        "Insultant.",
    )
    notification = Notification.objects.get(recipient=facilitator, kind="report")
    assert "a été signalé" in notification.text
    # Reporting twice changes nothing.
    client.post(f"/reseau/discussions/messages/{bad_post.pk}/signaler/", {"reason": "spam"})
    assert Report.objects.count() == 1
    body = client.get(f"/reseau/discussions/{bad_post.thread_id}/").content.decode()
    assert "Vous avez signalé ce message." in body


def test_a_report_needs_a_reason(client, bad_post, outsider):
    client.force_login(outsider)
    response = client.post(f"/reseau/discussions/messages/{bad_post.pk}/signaler/", {"reason": "", "comment": "x"})
    assert response.status_code == 400
    assert "Choisissez la raison du signalement." in response.content.decode()
    assert not Report.objects.exists()


def test_nobody_reports_their_own_message(client, bad_post, troll):
    client.force_login(troll)
    assert client.get(f"/reseau/discussions/messages/{bad_post.pk}/signaler/").status_code == 404


def test_a_facilitator_hides_a_message_and_it_is_logged(client, bad_post, outsider, facilitator, troll):
    services.post_report(reporter=outsider, post=bad_post, reason="abusive")
    client.force_login(facilitator)
    page = client.get("/reseau/moderation/")
    assert page.status_code == 200
    assert "Message injurieux." in page.content.decode()
    response = client.post(
        f"/reseau/moderation/messages/{bad_post.pk}/masquer/",
        {"reason": "Propos injurieux envers un membre.", "next": f"/reseau/discussions/{bad_post.thread_id}/"},
    )
    assert response.status_code == 302
    bad_post.refresh_from_db()
    assert bad_post.is_hidden and bad_post.hidden_by == facilitator
    assert Report.objects.get().resolved_by == facilitator
    log = ModerationLog.objects.get()
    assert (log.actor, log.action, log.post, log.member) == (facilitator, "hide_post", bad_post, troll)
    assert log.reason == "Propos injurieux envers un membre."
    assert "Gaston Lagaffe" in log.target and log.created_at is not None
    thread = Thread.objects.get()
    assert thread.post_count == 1
    # The author is told why.
    assert Notification.objects.get(recipient=troll, kind="moderation").excerpt == (
        "Motif\u00a0: Propos injurieux envers un membre."
    )
    # The log is visible to facilitators.
    body = client.get("/reseau/moderation/journal/").content.decode()
    assert "Message masqué" in body and "Propos injurieux envers un membre." in body and "Élodie Fabre" in body


def test_a_hidden_message_is_invisible_to_others(client, bad_post, outsider, troll, facilitator):
    services.post_hide(moderator=facilitator, post=bad_post, reason="Injurieux")
    client.force_login(outsider)
    body = client.get(f"/reseau/discussions/{bad_post.thread_id}/").content.decode()
    assert "Message injurieux." not in body
    assert client.get(f"/reseau/discussions/messages/{bad_post.pk}/signaler/").status_code == 404
    # Its author still sees it, with the reason; facilitators too.
    client.force_login(troll)
    body = client.get(f"/reseau/discussions/{bad_post.thread_id}/").content.decode()
    assert "Message injurieux." in body and "Message masqué par l’équipe d’animation" in body
    client.force_login(facilitator)
    assert "Message injurieux." in client.get(f"/reseau/discussions/{bad_post.thread_id}/").content.decode()


def test_hiding_the_first_message_hides_the_thread(client, thread, catalyst, outsider, facilitator):
    opening = Post.objects.get(thread=thread, is_opening=True)
    services.post_hide(moderator=facilitator, post=opening, reason="Hors charte")
    client.force_login(outsider)
    assert client.get(f"/reseau/discussions/{thread.pk}/").status_code == 404
    assert thread.title not in client.get("/reseau/discussions/").content.decode()
    client.force_login(catalyst)
    assert client.get(f"/reseau/discussions/{thread.pk}/").status_code == 200
    services.post_unhide(moderator=facilitator, post=opening, reason="Après échange avec l’auteur")
    client.force_login(outsider)
    assert client.get(f"/reseau/discussions/{thread.pk}/").status_code == 200
    assert list(ModerationLog.objects.order_by("pk").values_list("action", flat=True)) == ["hide_post", "unhide_post"]


@pytest.mark.parametrize("persona", ["catalyst", "editor", "pilot_member", "outsider"])
def test_only_facilitators_moderate(client, request, bad_post, thread, troll, persona):
    person = request.getfixturevalue(persona)
    client.force_login(person)
    for url in [
        "/reseau/moderation/",
        "/reseau/moderation/journal/",
        f"/reseau/moderation/messages/{bad_post.pk}/masquer/",
        f"/reseau/moderation/signalements/{bad_post.pk}/classer/",
    ]:
        assert client.get(url).status_code == 403
    assert client.post(f"/reseau/moderation/messages/{bad_post.pk}/masquer/", {"reason": "x"}).status_code == 403
    assert client.post(f"/reseau/moderation/discussions/{thread.pk}/verrouiller/", {"reason": "x"}).status_code == 403
    assert client.post(f"/reseau/moderation/membres/{troll.pk}/exclure/", {"reason": "x"}).status_code == 403
    bad_post.refresh_from_db()
    thread.refresh_from_db()
    assert not bad_post.is_hidden and not thread.is_locked
    assert not DiscussionBan.objects.exists() and not ModerationLog.objects.exists()
    # Nor through the services.
    with pytest.raises(services.PermissionDenied):
        services.post_hide(moderator=person, post=bad_post, reason="x")


def test_a_visitor_is_sent_to_sign_in_for_moderation(client):
    response = client.get("/reseau/moderation/")
    assert response.status_code == 302 and "/comptes/login/" in response.url


def test_an_administrator_moderates_too(client, bad_post, administrator):
    client.force_login(administrator)
    response = client.post(f"/reseau/moderation/messages/{bad_post.pk}/masquer/", {"reason": "Spam"})
    assert response.status_code == 302
    assert ModerationLog.objects.get().actor == administrator


def test_a_moderation_needs_a_reason(client, bad_post, facilitator):
    client.force_login(facilitator)
    response = client.post(f"/reseau/moderation/messages/{bad_post.pk}/masquer/", {"reason": "  "})
    assert response.status_code == 400
    assert "Indiquez le motif\u00a0: il est consigné dans le journal de modération." in response.content.decode()
    bad_post.refresh_from_db()
    assert not bad_post.is_hidden and not ModerationLog.objects.exists()


def test_a_locked_thread_takes_no_more_replies(client, thread, outsider, facilitator):
    client.force_login(facilitator)
    client.post(f"/reseau/moderation/discussions/{thread.pk}/verrouiller/", {"reason": "Le débat tourne en rond."})
    thread.refresh_from_db()
    assert thread.is_locked
    client.force_login(outsider)
    body = client.get(f"/reseau/discussions/{thread.pk}/").content.decode()
    assert "Discussion verrouillée" in body and 'class="reply-form"' not in body
    response = client.post(f"/reseau/discussions/{thread.pk}/repondre/", {"body": "Et pourtant…"})
    assert response.status_code == 400
    assert "verrouillée" in response.content.decode()
    # The facilitators can still write there.
    services.post_create(author=facilitator, thread=thread, body="Synthèse de l’équipe.")
    assert list(ModerationLog.objects.values_list("action", "reason")) == [("lock_thread", "Le débat tourne en rond.")]


def test_a_banned_member_reads_but_cannot_write(client, thread, troll, facilitator, topic):
    client.force_login(facilitator)
    response = client.post(f"/reseau/moderation/membres/{troll.pk}/exclure/", {"reason": "Insultes répétées."})
    assert response.status_code == 302
    ban = DiscussionBan.objects.get()
    assert (ban.user, ban.banned_by, ban.reason) == (troll, facilitator, "Insultes répétées.")
    assert ModerationLog.objects.get().action == "ban_member"
    assert Notification.objects.filter(recipient=troll, kind="moderation").exists()

    client.force_login(troll)
    body = client.get(f"/reseau/discussions/{thread.pk}/").content.decode()
    assert "vous ne pouvez plus y répondre" in body
    count = Post.objects.count()
    response = client.post(f"/reseau/discussions/{thread.pk}/repondre/", {"body": "Je reviens"})
    assert response.status_code == 400
    assert client.get("/reseau/discussions/nouvelle/").status_code == 403
    response = client.post(
        "/reseau/discussions/nouvelle/", {"topic": topic.pk, "title": "Un nouveau sujet", "body": "Texte"}
    )
    assert response.status_code == 403
    assert Post.objects.count() == count

    services.member_unban(moderator=facilitator, member=troll, reason="Excuses présentées.")
    client.force_login(troll)
    response = client.post(f"/reseau/discussions/{thread.pk}/repondre/", {"body": "Pardon à tous."})
    assert response.status_code == 302
    assert list(ModerationLog.objects.order_by("pk").values_list("action", flat=True)) == [
        "ban_member",
        "unban_member",
    ]


def test_a_facilitator_cannot_be_banned(client, facilitator, administrator):
    client.force_login(administrator)
    response = client.post(f"/reseau/moderation/membres/{facilitator.pk}/exclure/", {"reason": "Essai"})
    assert response.status_code == 400
    assert "ne peut pas être exclu" in response.content.decode()
    assert not DiscussionBan.objects.exists()


def test_a_report_can_be_dismissed(client, bad_post, outsider, catalyst, facilitator):
    services.post_report(reporter=outsider, post=bad_post, reason="off_topic")
    services.post_report(reporter=catalyst, post=bad_post, reason="spam")
    report = Report.objects.first()
    client.force_login(facilitator)
    response = client.post(f"/reseau/moderation/signalements/{report.pk}/classer/", {"reason": "Dans le sujet."})
    assert response.status_code == 302
    assert Report.objects.open().count() == 0
    bad_post.refresh_from_db()
    assert not bad_post.is_hidden
    assert ModerationLog.objects.get().action == "dismiss_report"
    assert "Aucun signalement en attente." in client.get("/reseau/moderation/").content.decode()


def test_the_moderation_page_keeps_its_queries_few(client, thread, facilitator, places, django_assert_max_num_queries):
    for index in range(12):
        author = member(first_name=f"Auteur{index}", last_name="Test")
        post = services.post_create(author=author, thread=thread, body=f"Message {index}")
        services.post_report(reporter=facilitator, post=post, reason="spam")
    client.force_login(facilitator)
    with django_assert_max_num_queries(10):
        response = client.get("/reseau/moderation/")
    assert response.content.decode().count('class="card report-card"') == 12
