"""Email digests: instead of one mail per event, one summary per day or per week (each person's choice),
grouped by discussion and by conversation.

Idempotent: a notification is claimed by exactly one digest (a conditional UPDATE), read ones are never
sent, and each digest is recorded (what, to whom, when). Run `manage.py send_digests` from cron (or the
task `network.tasks.send_digests`) as often as you like: people get at most one digest per period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalyse.network.models import Digest, EmailFrequency, NetworkMember, Notification, NotificationKind
from catalyse.network.notifications import absolute

# A little less than the period, so that a daily cron job that runs a few minutes early still sends.
INTERVALS = {
    EmailFrequency.DAILY: timedelta(hours=20),
    EmailFrequency.WEEKLY: timedelta(days=6, hours=20),
}
MAX_AGE = timedelta(days=30)
MAX_PER_DIGEST = 200


@dataclass
class DigestRun:
    digests: int = 0
    notifications: int = 0
    not_due: int = 0
    recipients: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"digests": self.digests, "notifications": self.notifications, "not_due": self.not_due}


@dataclass
class DigestGroup:
    key: str
    title: str
    items: list[Notification]


def is_due(member: NetworkMember, now: Any) -> bool:
    interval = INTERVALS.get(EmailFrequency(member.email_frequency))
    if interval is None:
        return False
    return member.last_digest_at is None or now - member.last_digest_at >= interval


def group_notifications(notifications: list[Notification]) -> list[DigestGroup]:
    """By discussion, by conversation, then the rest by kind; groups in order of their first item."""
    groups: dict[str, DigestGroup] = {}
    for notification in notifications:
        key = notification.group_key
        if key not in groups:
            groups[key] = DigestGroup(key=key, title=_group_title(notification), items=[])
        groups[key].items.append(notification)
    return list(groups.values())


def _group_title(notification: Notification) -> str:
    if notification.thread_id and notification.thread is not None:
        if notification.kind == NotificationKind.REPORT:
            return _("Signalements dans « %(title)s »") % {"title": notification.thread.title}
        return _("Discussion « %(title)s »") % {"title": notification.thread.title}
    if notification.conversation_id:
        name = notification.actor.display_name if notification.actor else _("un membre du réseau")
        return _("Messages de %(name)s") % {"name": name}
    return str(NotificationKind(notification.kind).label)


def digests_send(*, now: Any = None, frequency: str | None = None, force: bool = False) -> DigestRun:
    """Send the digests that are due (all frequencies, or one); `force` ignores the period (tests, catch-up)."""
    now = now or timezone.now()
    frequencies = [frequency] if frequency else list(INTERVALS)
    pending = Notification.objects.for_digest().filter(created_at__gte=now - MAX_AGE).values("recipient_id")
    members = NetworkMember.objects.filter(
        email_frequency__in=frequencies, user__in=pending, user__is_active=True, user__erased_at__isnull=True
    ).select_related("user")
    run = DigestRun()
    for member in members:
        if not force and not is_due(member, now):
            run.not_due += 1
            continue
        digest = digest_send_one(member=member, now=now)
        if digest is not None:
            run.digests += 1
            run.notifications += digest.notification_count
            run.recipients.append(member.user.email)
    return run


@transaction.atomic
def digest_send_one(*, member: NetworkMember, now: Any = None) -> Digest | None:
    """Claim the person's pending notifications into one digest and send it; None when nothing is left."""
    now = now or timezone.now()
    user = member.user
    ids = list(
        Notification.objects.for_digest()
        .filter(recipient=user, created_at__gte=now - MAX_AGE)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:MAX_PER_DIGEST]
    )
    if not ids:
        return None
    digest = Digest.objects.create(recipient=user, frequency=member.email_frequency, created_at=now)
    # Another worker may have claimed some of them meanwhile: we keep only what this UPDATE took.
    claimed = Notification.objects.filter(
        pk__in=ids, digest__isnull=True, emailed_at__isnull=True, read_at__isnull=True
    ).update(digest=digest, emailed_at=now)
    if not claimed:
        digest.delete()
        return None
    notifications = list(
        digest.notifications.select_related("thread", "actor", "conversation").order_by("created_at", "pk")
    )
    groups = group_notifications(notifications)
    if member.email_frequency == EmailFrequency.WEEKLY:
        subject = ngettext(
            "Votre semaine sur le réseau : %(count)d nouveauté",
            "Votre semaine sur le réseau : %(count)d nouveautés",
            claimed,
        ) % {"count": claimed}
    else:
        subject = ngettext(
            "Votre journée sur le réseau : %(count)d nouveauté",
            "Votre journée sur le réseau : %(count)d nouveautés",
            claimed,
        ) % {"count": claimed}
    body = render_to_string(
        "network/email/digest.txt",
        {
            "recipient": user,
            "groups": [
                {"title": group.title, "items": [(n, absolute(n.url)) for n in group.items]} for group in groups
            ],
            "count": claimed,
            "notifications_url": absolute(reverse("network:notifications")),
            "preferences_url": absolute(reverse("network:notification-preferences")),
        },
    )
    digest.notification_count = claimed
    digest.subject = subject[:200]
    digest.save(update_fields=["notification_count", "subject"])
    NetworkMember.objects.filter(pk=member.pk).update(last_digest_at=now)
    full_subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"
    email = user.email
    transaction.on_commit(lambda: send_mail(full_subject, body, None, [email]))
    return digest
