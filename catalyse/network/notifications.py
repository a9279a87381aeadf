"""In-app notifications; an email at once for people who asked for one per event, otherwise the digest
(digests.py) sums them up. The unread count shown on every page is cached per person."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from catalyse.accounts.models import User
from catalyse.network.models import EmailFrequency, NetworkMember, Notification
from catalyse.network.text import one_line

EXCERPT_LENGTH = 280
_UNREAD_KEY = "network:unread:{}"
_UNREAD_TTL = 60 * 60


def excerpt_of(text: str) -> str:
    return Truncator(one_line(text)).chars(EXCERPT_LENGTH)


def absolute(url: str) -> str:
    return url if url.startswith("http") else f"{settings.SITE_URL}{url}"


def unread_count(user: Any) -> int:
    """Unread notifications of a signed-in person: one indexed count, cached until the next change."""
    key = _UNREAD_KEY.format(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
        cache.set(key, count, _UNREAD_TTL)
    return int(count)


def unread_forget(*user_ids: int) -> None:
    """The cached counts of these people are stale: now, and again when the transaction commits."""
    keys = [_UNREAD_KEY.format(user_id) for user_id in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def can_receive(user: User | None) -> bool:
    return user is not None and user.is_active and user.erased_at is None


def notification_create(
    *,
    recipient: User,
    kind: str,
    text: str,
    url: str,
    actor: User | None = None,
    excerpt: str = "",
    **targets: Any,
) -> Notification | None:
    """Tell a person something happened (never about their own action). `targets`: thread, post, conversation."""
    created = notifications_create(
        recipients=[recipient], kind=kind, text=text, url=url, actor=actor, excerpt=excerpt, **targets
    )
    return created[0] if created else None


def notifications_create(
    *,
    recipients: list[User],
    kind: str,
    text: str,
    url: str,
    actor: User | None = None,
    excerpt: str = "",
    **targets: Any,
) -> list[Notification]:
    """The same news for many people (the followers of a thread) in a few queries, whatever their number.

    Those who asked for an email per event get it when the transaction commits; the others wait for
    their digest (digests.py)."""
    people = {
        person.pk: person for person in recipients if can_receive(person) and (actor is None or actor.pk != person.pk)
    }
    if not people:
        return []
    frequencies = dict(NetworkMember.objects.filter(user_id__in=list(people)).values_list("user_id", "email_frequency"))
    now = timezone.now()
    notifications = [
        Notification(
            recipient=person,
            kind=kind,
            text=text,
            url=url,
            actor=actor,
            excerpt=excerpt_of(excerpt),
            created_at=now,
            emailed_at=now if frequencies.get(pk) == EmailFrequency.IMMEDIATE else None,
            **targets,
        )
        for pk, person in people.items()
    ]
    Notification.objects.bulk_create(notifications)
    unread_forget(*people)
    for notification in notifications:
        if notification.emailed_at is not None:
            _email_now(notification)
    return notifications


def _email_now(notification: Notification) -> None:
    """One email for this notification, when the transaction commits."""
    recipient = notification.recipient
    body = render_to_string(
        "network/email/notification.txt",
        {
            "recipient": recipient,
            "notification": notification,
            "url": absolute(notification.url),
            "preferences_url": absolute(reverse("network:notification-preferences")),
        },
    )
    subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{notification.text}"
    email = recipient.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))


@transaction.atomic
def notifications_mark_read(*, user: User, notification: Notification | None = None) -> int:
    """Mark one notification (or all of them) as read; returns how many changed."""
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification is not None:
        queryset = queryset.filter(pk=notification.pk)
    changed = queryset.update(read_at=timezone.now())
    if changed:
        unread_forget(user.pk)
    return changed


@transaction.atomic
def notifications_mark_read_for(*, user: User, **targets: Any) -> int:
    """Reading a conversation or a thread reads its notifications."""
    changed = Notification.objects.filter(recipient=user, read_at__isnull=True, **targets).update(
        read_at=timezone.now()
    )
    if changed:
        unread_forget(user.pk)
    return changed
