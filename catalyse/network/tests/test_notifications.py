"""The notifications centre, the unread count in the header, preferences and the email digests."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalyse.network import services
from catalyse.network.digests import digests_send
from catalyse.network.members import member_for
from catalyse.network.models import Digest, EmailFrequency, Notification
from catalyse.network.tasks import send_digests

from .conftest import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def amandine(places):
    return member(first_name="Amandine", last_name="Moreau", email="amandine@exemple.fr")


@pytest.fixture
def nadia(places):
    return member(first_name="Nadia", last_name="Haddad", world="collectivite", email="nadia@exemple.fr")


@pytest.fixture
def busy_day(amandine, nadia, topic, places):
    """Amandine follows two threads, is mentioned, and gets a message: five notifications."""
    thomas = member(first_name="Thomas", last_name="Lefebvre", world="academique")
    first = services.thread_create(author=amandine, topic=topic, title="Indicateurs partagés", body="Vos idées ?")
    second = services.thread_create(author=amandine, topic=topic, title="Récits de changement", body="Qui en fait ?")
    services.post_create(author=nadia, thread=first, body="Trois indicateurs au plus.")
    services.post_create(author=thomas, thread=first, body="Et une grille commune.")
    services.post_create(author=thomas, thread=second, body="Nous, deux fois par an.")
    services.post_create(author=nadia, thread=second, body="Bonne idée, @amandine-moreau !")
    services.message_send(sender=nadia, recipient=amandine, body="On s’appelle jeudi ?")
    # Only Amandine's emails matter here.
    for other in (nadia, thomas):
        settings = member_for(other)
        settings.email_frequency = EmailFrequency.NEVER
        settings.save()
    return {"first": first, "second": second, "thomas": thomas}


def test_the_header_shows_the_unread_count(client, amandine, busy_day):
    client.force_login(amandine)
    body = client.get("/").content.decode()
    assert '<a class="notifications-link" href="/reseau/notifications/">Notifications <span class="badge">5' in body
    assert '5<span class="visually-hidden"> non lues</span>' in body


def test_the_header_has_no_badge_for_visitors(client):
    assert "notifications-link" not in client.get("/").content.decode()


def test_the_centre_lists_and_reads_notifications(client, amandine, busy_day, django_assert_max_num_queries):
    client.force_login(amandine)
    with django_assert_max_num_queries(8):
        response = client.get("/reseau/notifications/")
    body = response.content.decode()
    assert body.count('class="notification is-unread"') == 5
    assert "Nadia Haddad vous a écrit" in body
    notification = Notification.objects.filter(recipient=amandine, kind="mention").get()
    response = client.get(f"/reseau/notifications/{notification.pk}/")
    assert response.status_code == 302 and response.url == notification.url
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert '<span class="badge">4' in client.get("/").content.decode()
    response = client.post("/reseau/notifications/tout-lire/")
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=amandine, read_at__isnull=True).exists()
    assert 'class="badge"' not in client.get("/").content.decode()


def test_one_cannot_open_someone_else_s_notification(client, amandine, nadia, busy_day):
    notification = Notification.objects.filter(recipient=amandine).first()
    client.force_login(nadia)
    assert client.get(f"/reseau/notifications/{notification.pk}/").status_code == 404


def test_reading_a_thread_reads_its_notifications(client, amandine, busy_day):
    client.force_login(amandine)
    client.get(f"/reseau/discussions/{busy_day['first'].pk}/")
    unread = Notification.objects.filter(recipient=amandine, read_at__isnull=True)
    assert unread.count() == 3
    assert not unread.filter(thread=busy_day["first"]).exists()


def test_a_person_chooses_how_often_to_get_emails(client, amandine):
    client.force_login(amandine)
    response = client.get("/reseau/notifications/preferences/")
    assert response.status_code == 200
    assert "Un résumé par semaine" in response.content.decode()
    response = client.post("/reseau/notifications/preferences/", {"email_frequency": "weekly"})
    assert response.status_code == 302
    assert member_for(amandine).email_frequency == EmailFrequency.WEEKLY
    response = client.post("/reseau/notifications/preferences/", {"email_frequency": "hourly"})
    assert response.status_code == 400
    assert member_for(amandine).email_frequency == EmailFrequency.WEEKLY


def test_a_digest_groups_by_thread_and_is_sent_once(amandine, busy_day, inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = digests_send()
    assert run.digests == 1 and run.notifications == 5
    mails = inbox.wait_for(1)
    assert len(mails) == 1 and mails[0]["To"] == "amandine@exemple.fr"
    assert "Votre journée sur le réseau\u00a0: 5 nouveautés" in mails[0]["Subject"]
    text = inbox.text(mails[0])
    # Grouped: one heading per thread, one for the conversation, in order of their first item.
    first = text.index("== Discussion «\u00a0Indicateurs partagés\u00a0» (2) ==")
    second = text.index("== Discussion «\u00a0Récits de changement\u00a0» (2) ==")
    messages = text.index("== Messages de Nadia Haddad (1) ==")
    assert first < second < messages
    assert "Nadia Haddad vous a mentionné" in text
    assert "/reseau/notifications/preferences/" in text
    digest = Digest.objects.get()
    assert digest.notification_count == 5 and digest.recipient == amandine
    assert Notification.objects.filter(digest=digest).count() == 5

    # Idempotent: nothing left to send, even forced.
    inbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send().digests == 0
        assert digests_send(force=True).digests == 0
    assert inbox.wait_for(1, timeout=0.5) == []
    assert Digest.objects.count() == 1


def test_a_daily_digest_waits_for_the_next_day(amandine, nadia, busy_day, inbox, django_capture_on_commit_callbacks):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        digests_send(now=now)
        services.message_send(sender=nadia, recipient=amandine, body="Et aussi…")
        later = digests_send(now=now + timedelta(hours=3))
        assert later.digests == 0 and later.not_due == 1
        tomorrow = digests_send(now=now + timedelta(days=1))
    assert tomorrow.digests == 1 and tomorrow.notifications == 1
    assert Digest.objects.count() == 2


def test_a_weekly_digest_waits_a_week(amandine, nadia, busy_day, django_capture_on_commit_callbacks):
    settings = member_for(amandine)
    settings.email_frequency = EmailFrequency.WEEKLY
    settings.last_digest_at = timezone.now() - timedelta(days=2)
    settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send().digests == 0
        assert digests_send(frequency="daily").not_due == 0
        assert digests_send(now=timezone.now() + timedelta(days=5)).digests == 1
    assert Digest.objects.get().frequency == "weekly"


def test_read_notifications_are_not_emailed(amandine, busy_day, django_capture_on_commit_callbacks):
    Notification.objects.filter(recipient=amandine, kind="reply").update(read_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        run = digests_send()
    assert run.notifications == 2  # the mention and the message


def test_people_emailed_at_once_get_no_digest(amandine, nadia, inbox, django_capture_on_commit_callbacks):
    settings = member_for(amandine)
    settings.email_frequency = EmailFrequency.IMMEDIATE
    settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(sender=nadia, recipient=amandine, body="Bonjour")
        services.message_send(sender=nadia, recipient=amandine, body="Encore")
        assert digests_send(force=True).digests == 0
    assert len(inbox.wait_for(2)) == 2


def test_the_command_and_the_task_send_the_digests(amandine, busy_day, inbox, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=out)
    assert "Résumés envoyés\u00a0: 1 (5 notifications)" in out.getvalue()
    assert len(inbox.wait_for(1)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        result = send_digests.enqueue()
    assert result.return_value == {"digests": 0, "notifications": 0, "not_due": 0}
