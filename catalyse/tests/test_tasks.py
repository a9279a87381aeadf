"""Email leaves through the database-backed task queue and a worker, over real SMTP."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}}


@pytest.mark.django_db(transaction=True)
def test_it_queues_email_and_a_worker_sends_it_over_smtp(settings, inbox):
    settings.TASKS = DB_TASKS
    mail.send_mail("Bienvenue", "Bonjour Camille,", None, ["camille@example.org"])

    # Queued, not sent: the request does not wait for SMTP.
    assert DBTaskResult.objects.filter(task_path="catalyse.tasks.send_email").count() == 1
    assert inbox.messages == []

    call_command("db_worker", queue_name="*", batch=True, no_startup_delay=True, verbosity=0)

    received = inbox.wait_for(1)
    assert len(received) == 1
    assert received[0]["Subject"] == "Bienvenue"
    assert received[0]["To"] == "camille@example.org"
    assert "Bonjour Camille" in inbox.text(received[0])
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_it_sends_nothing_when_the_transaction_rolls_back(settings, inbox):
    settings.TASKS = DB_TASKS
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send_mail("Jamais", "Ce message ne doit pas partir.", None, ["personne@example.org"])
        raise RuntimeError("annulé")
    call_command("db_worker", queue_name="*", batch=True, no_startup_delay=True, verbosity=0)
    assert DBTaskResult.objects.count() == 0
    assert inbox.messages == []


@pytest.mark.django_db
def test_it_carries_html_alternatives_and_attachments(inbox):
    message = mail.EmailMultiAlternatives("Programme", "Texte brut", None, ["lea@example.org"])
    message.attach_alternative("<p>Texte <strong>riche</strong></p>", "text/html")
    message.attach("programme.txt", "Rencontre du réseau : 12 juin".encode(), "text/plain")
    message.send()
    received = inbox.wait_for(1)[0]
    html = received.get_body(preferencelist=("html",))
    assert html is not None and "<strong>riche</strong>" in html.get_content()
    attachments = list(received.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["programme.txt"]
    assert "12 juin" in attachments[0].get_content()
