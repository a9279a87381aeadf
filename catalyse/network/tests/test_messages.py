"""Private messages: from a profile, no address shown, rate-limited, a notification and an email."""

from datetime import timedelta

import pytest
from django.utils import timezone

from catalyse.network import services
from catalyse.network.digests import digests_send
from catalyse.network.members import member_for
from catalyse.network.models import Conversation, EmailFrequency, Message, Notification

from .conftest import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def amandine(places):
    return member(
        first_name="Amandine",
        last_name="Moreau",
        territory=places["saint_etienne"],
        email="amandine.moreau@exemple.fr",
    )


@pytest.fixture
def nadia(places):
    return member(first_name="Nadia", last_name="Haddad", world="collectivite", email="nadia.haddad@exemple.fr")


def immediate(person):
    settings = member_for(person)
    settings.email_frequency = EmailFrequency.IMMEDIATE
    settings.save()


def test_a_profile_page_offers_a_message_form_without_the_address(client, amandine, nadia):
    client.force_login(nadia)
    body = client.get(f"/membres/{amandine.pk}/").content.decode()
    assert "Écrire un message" in body
    assert f'action="/reseau/messages/ecrire/{amandine.pk}/"' in body
    assert "amandine.moreau@exemple.fr" not in body


def test_a_visitor_is_invited_to_sign_in_to_write(client, amandine):
    body = client.get(f"/membres/{amandine.pk}/").content.decode()
    assert "Connectez-vous pour écrire" in body
    assert "<textarea" not in body


def test_nobody_gets_a_form_on_their_own_page(client, amandine):
    client.force_login(amandine)
    body = client.get(f"/membres/{amandine.pk}/").content.decode()
    assert "Écrire un message" not in body


def test_it_sends_a_message_with_a_notification_and_an_email(
    client, amandine, nadia, inbox, django_capture_on_commit_callbacks
):
    immediate(amandine)
    client.force_login(nadia)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/reseau/messages/ecrire/{amandine.pk}/",
            {"body": "Bonjour Amandine, parlons de vos chantiers d’insertion."},
        )
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response.url == f"/reseau/messages/{conversation.pk}/"
    message = Message.objects.get()
    assert message.sender == nadia and "chantiers" in message.body
    notification = Notification.objects.get(recipient=amandine)
    assert notification.kind == "message" and notification.text == "Nadia Haddad vous a écrit"
    assert notification.emailed_at is not None

    mails = inbox.wait_for(1)
    assert len(mails) == 1
    mail = mails[0]
    assert mail["To"] == "amandine.moreau@exemple.fr"
    assert "Nadia Haddad vous a écrit" in mail["Subject"]
    text = inbox.text(mail)
    assert "parlons de vos chantiers" in text
    assert f"/reseau/messages/{conversation.pk}/" in text
    # The sender's address never travels with the message.
    assert "nadia.haddad@exemple.fr" not in mail.as_string()


def test_it_waits_for_the_digest_when_the_person_prefers_one(
    client, amandine, nadia, inbox, django_capture_on_commit_callbacks
):
    assert member_for(amandine).email_frequency == EmailFrequency.DAILY
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(sender=nadia, recipient=amandine, body="Bonjour !")
    notification = Notification.objects.get(recipient=amandine)
    assert notification.emailed_at is None and notification.digest is None
    assert inbox.wait_for(1, timeout=0.5) == []


def test_it_tells_nobody_by_email_who_chose_never(client, amandine, nadia, inbox, django_capture_on_commit_callbacks):
    settings = member_for(amandine)
    settings.email_frequency = EmailFrequency.NEVER
    settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(sender=nadia, recipient=amandine, body="Bonjour !")
        assert digests_send(force=True).digests == 0
    assert inbox.wait_for(1, timeout=0.5) == []
    assert Notification.objects.filter(recipient=amandine).count() == 1


def test_it_limits_messages_to_ten_an_hour_per_sender(client, amandine, nadia, places):
    others = [member(first_name=f"Pair{i}", last_name="Test", territory=places["loire"]) for i in range(3)]
    client.force_login(nadia)
    for index in range(10):
        recipient = [amandine, *others][index % 4]
        response = client.post(f"/reseau/messages/ecrire/{recipient.pk}/", {"body": f"Message {index}"})
        assert response.status_code == 302
    response = client.post(f"/reseau/messages/ecrire/{amandine.pk}/", {"body": "Un de trop"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vous avez envoyé 10 messages en moins d’une heure" in body
    assert "Vous pourrez écrire de nouveau à partir de" in body
    assert Message.objects.filter(sender=nadia).count() == 10
    # Replies in a conversation count too.
    conversation = Conversation.objects.get(key=Conversation.key_for(nadia, amandine))
    response = client.post(f"/reseau/messages/{conversation.pk}/", {"body": "Encore un"})
    assert response.status_code == 400
    # An hour later, writing is possible again.
    Message.objects.filter(sender=nadia).update(created_at=timezone.now() - timedelta(minutes=61))
    response = client.post(f"/reseau/messages/ecrire/{amandine.pk}/", {"body": "Me revoilà"})
    assert response.status_code == 302
    # Others are not limited by Nadia's messages.
    client.force_login(amandine)
    response = client.post(f"/reseau/messages/ecrire/{nadia.pk}/", {"body": "Merci !"})
    assert response.status_code == 302


def test_it_refuses_an_empty_message_in_french(client, amandine, nadia):
    client.force_login(nadia)
    response = client.post(f"/reseau/messages/ecrire/{amandine.pk}/", {"body": "   "})
    assert response.status_code == 400
    assert "Écrivez votre message avant de l’envoyer." in response.content.decode()
    assert not Message.objects.exists()


def test_it_refuses_a_message_too_long(client, amandine, nadia):
    client.force_login(nadia)
    response = client.post(f"/reseau/messages/ecrire/{amandine.pk}/", {"body": "a" * 4001})
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_nobody_can_write_to_someone_outside_the_directory(client, nadia, places):
    hidden = member(first_name="Léa", last_name="Secrète", consent=False)
    client.force_login(nadia)
    assert client.get(f"/reseau/messages/ecrire/{hidden.pk}/").status_code == 404
    assert client.post(f"/reseau/messages/ecrire/{hidden.pk}/", {"body": "Bonjour"}).status_code == 404
    assert not Message.objects.exists()
    # Unless they wrote first: then one can answer.
    services.message_send(sender=hidden, recipient=nadia, body="Bonjour Nadia")
    response = client.post(f"/reseau/messages/ecrire/{hidden.pk}/", {"body": "Bonjour Léa"})
    assert response.status_code == 302
    assert Message.objects.count() == 2


def test_a_visitor_must_sign_in_to_write(client, amandine):
    response = client.get(f"/reseau/messages/ecrire/{amandine.pk}/")
    assert response.status_code == 302 and "/comptes/login/" in response.url


def test_one_cannot_write_to_oneself(client, amandine):
    client.force_login(amandine)
    assert client.get(f"/reseau/messages/ecrire/{amandine.pk}/").status_code == 404


def test_the_inbox_lists_conversations_with_what_is_unread(
    client, amandine, nadia, places, django_assert_max_num_queries
):
    services.message_send(sender=nadia, recipient=amandine, body="Premier message de Nadia")
    for index in range(12):
        other = member(first_name=f"Pair{index}", last_name="Test", territory=places["loire"])
        services.message_send(sender=other, recipient=amandine, body=f"Bonjour de {index}")
    client.force_login(amandine)
    with django_assert_max_num_queries(9):
        response = client.get("/reseau/messages/")
    body = response.content.decode()
    assert body.count('class="conversation-item is-unread"') == 13
    assert "Premier message de Nadia" in body
    conversation = Conversation.objects.get(key=Conversation.key_for(nadia, amandine))
    client.get(f"/reseau/messages/{conversation.pk}/")
    body = client.get("/reseau/messages/").content.decode()
    assert body.count('class="conversation-item is-unread"') == 12


def test_reading_a_conversation_reads_its_notifications(client, amandine, nadia):
    services.message_send(sender=nadia, recipient=amandine, body="Bonjour")
    conversation = Conversation.objects.get()
    client.force_login(amandine)
    response = client.get(f"/reseau/messages/{conversation.pk}/")
    assert response.status_code == 200
    assert "Bonjour" in response.content.decode()
    assert Notification.objects.get(recipient=amandine).read_at is not None


def test_only_the_two_people_see_a_conversation(client, amandine, nadia, outsider, facilitator):
    services.message_send(sender=nadia, recipient=amandine, body="Entre nous")
    conversation = Conversation.objects.get()
    for intruder in (outsider, facilitator):
        client.force_login(intruder)
        assert client.get(f"/reseau/messages/{conversation.pk}/").status_code == 404
        assert client.post(f"/reseau/messages/{conversation.pk}/", {"body": "Moi aussi"}).status_code == 404
    assert Message.objects.count() == 1


def test_it_answers_a_reply_with_htmx_in_place(client, amandine, nadia):
    services.message_send(sender=nadia, recipient=amandine, body="Question ?")
    conversation = Conversation.objects.get()
    client.force_login(amandine)
    response = client.post(f"/reseau/messages/{conversation.pk}/", {"body": "Réponse !"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="conversation"')
    assert "Réponse !" in body and "<html" not in body
    assert Notification.objects.get(recipient=nadia).text == "Amandine Moreau vous a écrit"
