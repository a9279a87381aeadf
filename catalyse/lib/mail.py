"""Email goes out through the task queue: the request never waits for SMTP, and a
message enqueued in a transaction leaves only if the transaction commits."""

import base64
from collections.abc import Sequence
from email.mime.base import MIMEBase
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend


def message_to_payload(message: EmailMessage) -> dict[str, Any]:
    """A JSON-serialisable description of a message, to cross the queue."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            payload = attachment.get_payload(decode=True)
            content = payload if isinstance(payload, bytes) else b""
            filename = attachment.get_filename() or "piece-jointe"
            mimetype = attachment.get_content_type()
        else:
            filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode(), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(c), m] for c, m in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def payload_to_message(payload: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        cc=payload["cc"],
        bcc=payload["bcc"],
        reply_to=payload["reply_to"],
        headers=payload["headers"],
    )
    for content, mimetype in payload["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in payload["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def deliver(payloads: Sequence[dict[str, Any]]) -> int:
    """Send messages now with the configured transport (SMTP in production and tests)."""
    connection = get_connection(settings.CATALYSE_EMAIL_TRANSPORT)
    return connection.send_messages([payload_to_message(p) for p in payloads]) or 0


class QueuedEmailBackend(BaseEmailBackend):
    """Django email backend that enqueues each message as a task."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from catalyse.tasks import send_email

        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            send_email.enqueue(message_to_payload(message))
            count += 1
        return count
