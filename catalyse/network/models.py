"""The network of catalysts: what it knows of each member, private messages, peer discussions,
moderation, notifications and their email digests."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 4000
POST_MAX_LENGTH = 10000
THREAD_TITLE_MAX_LENGTH = 160
REASON_MAX_LENGTH = 500


# ------------------------------------------------------------------ members


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("À chaque nouveauté, un courriel")
    DAILY = "daily", _("Un résumé par jour")
    WEEKLY = "weekly", _("Un résumé par semaine")
    NEVER = "never", _("Jamais : je consulte le centre de notifications")


# How the notifications centre sums up the choice, after "Par courriel :".
EMAIL_FREQUENCY_SUMMARIES = {
    EmailFrequency.IMMEDIATE: _("un courriel à chaque nouveauté"),
    EmailFrequency.DAILY: _("un résumé par jour"),
    EmailFrequency.WEEKLY: _("un résumé par semaine"),
    EmailFrequency.NEVER: _("aucun courriel"),
}


class NetworkMember(models.Model):
    """What the network knows of a person: the handle others mention, how they want their
    notifications by email, and the folded text the directory searches (name, bio, skills, organisations)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, primary_key=True, related_name="network_member"
    )
    handle = models.SlugField(_("identifiant"), max_length=60, unique=True)
    email_frequency = models.CharField(
        _("courriels de notification"), max_length=12, choices=EmailFrequency.choices, default=EmailFrequency.DAILY
    )
    search_text = models.TextField(blank=True, editable=False)
    last_digest_at = models.DateTimeField(_("dernier résumé envoyé le"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("membre du réseau")
        verbose_name_plural = _("membres du réseau")

    def __str__(self) -> str:
        return f"@{self.handle}"

    @property
    def email_frequency_summary(self) -> str:
        return str(EMAIL_FREQUENCY_SUMMARIES[EmailFrequency(self.email_frequency)])


# ---------------------------------------------------------- private messages


class ConversationQuerySet(models.QuerySet["Conversation"]):
    def of(self, user: Any) -> ConversationQuerySet:
        return self.filter(participants__user=user)


class Conversation(models.Model):
    """Private messages between two people."""

    # "<smaller pk>-<larger pk>": one conversation per pair of people.
    key = models.CharField(max_length=40, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return self.key

    def get_absolute_url(self) -> str:
        return reverse("network:conversation-detail", kwargs={"pk": self.pk})

    @staticmethod
    def key_for(first: Any, second: Any) -> str:
        low, high = sorted([first.pk, second.pk])
        return f"{low}-{high}"


class Participant(models.Model):
    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="network_participations")
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "conversation"], name="network_participant_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.conversation}"

    @property
    def has_unread(self) -> bool:
        last = self.conversation.last_message_at
        return self.last_read_at is None or last > self.last_read_at


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="network_messages_sent")
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message privé")
        verbose_name_plural = _("messages privés")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["conversation", "created_at"], name="network_message_conv"),
            # The rate limit counts a sender's messages of the last hour.
            models.Index(fields=["sender", "created_at"], name="network_message_sender"),
        ]

    def __str__(self) -> str:
        return f"{self.sender} — {self.created_at:%Y-%m-%d %H:%M}"


# -------------------------------------------------------------- discussions


class Topic(models.Model):
    slug = models.SlugField(_("adresse"), max_length=80, unique=True)
    title = models.CharField(_("titre"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("thème de discussion")
        verbose_name_plural = _("thèmes de discussion")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:topic-detail", kwargs={"slug": self.slug})


class ThreadQuerySet(models.QuerySet["Thread"]):
    def public(self) -> ThreadQuerySet:
        """Threads of the network itself, not of a private space (a cohort's discussions, see spaces.py)."""
        return self.filter(space__isnull=True)

    def visible_to(self, user: Any, *, moderator: bool = False) -> ThreadQuerySet:
        """Public threads for the network's lists. Hidden threads (their opening message was hidden) stay visible
        to their author and moderators."""
        threads = self.public()
        if moderator:
            return threads
        if getattr(user, "is_authenticated", False):
            return threads.filter(Q(is_hidden=False) | Q(author=user))
        return threads.filter(is_hidden=False)


class Thread(models.Model):
    topic = models.ForeignKey(Topic, models.PROTECT, related_name="threads", verbose_name=_("thème"))
    title = models.CharField(_("titre"), max_length=THREAD_TITLE_MAX_LENGTH)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="network_threads")
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now)
    # Denormalised: visible messages, for lists that stay one query.
    post_count = models.PositiveIntegerField(default=0)
    is_locked = models.BooleanField(_("verrouillée"), default=False)
    is_hidden = models.BooleanField(_("masquée"), default=False)
    # None: a thread of the network, open to its members. "<prefix>:<key>": a private space (spaces.py).
    # Nullable on purpose: "no space" is NULL, so the network's lists filter on one indexed IS NULL.
    space = models.CharField(  # noqa: DJ001
        _("espace privé"), max_length=80, null=True, blank=True, editable=False, db_index=True
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        ordering = ["-last_post_at", "-pk"]
        indexes = [
            models.Index(fields=["topic", "-last_post_at"], name="network_thread_topic"),
            models.Index(fields=["-last_post_at"], name="network_thread_recent"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:thread-detail", kwargs={"pk": self.pk})

    @property
    def reply_count(self) -> int:
        return max(0, self.post_count - 1)


class Post(models.Model):
    thread = models.ForeignKey(Thread, models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="network_posts")
    body = models.TextField(_("message"), max_length=POST_MAX_LENGTH)
    is_opening = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(_("masqué le"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    hidden_reason = models.CharField(_("motif du masquage"), max_length=REASON_MAX_LENGTH, blank=True)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="network_mentions")

    class Meta:
        verbose_name = _("message de discussion")
        verbose_name_plural = _("messages de discussion")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"], name="network_post_thread")]

    def __str__(self) -> str:
        return f"{self.thread} — {self.author}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#message-{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def visible_to(self, user: Any, *, moderator: bool = False) -> bool:
        return not self.is_hidden or moderator or (getattr(user, "pk", None) == self.author_id)


class ThreadFollow(models.Model):
    thread = models.ForeignKey(Thread, models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="network_follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="network_follow_unique")]

    def __str__(self) -> str:
        return f"{self.user} suit {self.thread}"


# --------------------------------------------------------------- moderation


class ReportReason(models.TextChoices):
    ABUSIVE = "abusive", _("Propos injurieux, haineux ou harcèlement")
    SPAM = "spam", _("Publicité ou message indésirable")
    PERSONAL_DATA = "personal_data", _("Données personnelles d’un tiers")
    OFF_TOPIC = "off_topic", _("Hors sujet")
    OTHER = "other", _("Autre raison")


class ReportQuerySet(models.QuerySet["Report"]):
    def open(self) -> ReportQuerySet:
        return self.filter(resolved_at__isnull=True)


class Report(models.Model):
    post = models.ForeignKey(Post, models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="network_reports")
    reason = models.CharField(_("raison"), max_length=20, choices=ReportReason.choices)
    comment = models.CharField(_("précisions"), max_length=REASON_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="network_report_unique")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} — {self.post}"


class DiscussionBan(models.Model):
    """A member who may read the discussions but no longer write in them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="network_ban")
    banned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    reason = models.CharField(_("motif"), max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("exclusion des discussions")
        verbose_name_plural = _("exclusions des discussions")

    def __str__(self) -> str:
        return str(self.user)


class ModerationAction(models.TextChoices):
    HIDE_POST = "hide_post", _("Message masqué")
    UNHIDE_POST = "unhide_post", _("Message rétabli")
    LOCK_THREAD = "lock_thread", _("Discussion verrouillée")
    UNLOCK_THREAD = "unlock_thread", _("Discussion déverrouillée")
    BAN_MEMBER = "ban_member", _("Membre exclu des discussions")
    UNBAN_MEMBER = "unban_member", _("Exclusion levée")
    DISMISS_REPORT = "dismiss_report", _("Signalement classé sans suite")


class ModerationLog(models.Model):
    """Every moderation action: who did what, to what, why and when. Never edited."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    action = models.CharField(_("action"), max_length=20, choices=ModerationAction.choices)
    thread = models.ForeignKey(Thread, models.SET_NULL, null=True, blank=True, related_name="+")
    post = models.ForeignKey(Post, models.SET_NULL, null=True, blank=True, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    report = models.ForeignKey(Report, models.SET_NULL, null=True, blank=True, related_name="+")
    # What the action was about, in words, as it was then (the thread title, the member's name).
    target = models.CharField(_("objet"), max_length=300)
    reason = models.CharField(_("motif"), max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("action de modération")
        verbose_name_plural = _("journal de modération")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.target}"


# ------------------------------------------------------------ notifications


class NotificationKind(models.TextChoices):
    MESSAGE = "message", _("Message privé")
    MENTION = "mention", _("Mention")
    REPLY = "reply", _("Réponse dans une discussion suivie")
    REPORT = "report", _("Signalement à examiner")
    MODERATION = "moderation", _("Décision de modération")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def for_digest(self) -> NotificationQuerySet:
        """Not yet read, not yet sent by email, not yet in a digest."""
        return self.filter(read_at__isnull=True, emailed_at__isnull=True, digest__isnull=True)


class Digest(models.Model):
    """One email that summed up a person's notifications: what was sent, and when."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="network_digests")
    frequency = models.CharField(max_length=12, choices=EmailFrequency.choices)
    created_at = models.DateTimeField(default=timezone.now)
    notification_count = models.PositiveIntegerField(default=0)
    subject = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("résumé envoyé")
        verbose_name_plural = _("résumés envoyés")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.recipient} — {self.created_at:%Y-%m-%d %H:%M}"


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="network_notifications")
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    thread = models.ForeignKey(Thread, models.CASCADE, null=True, blank=True, related_name="+")
    post = models.ForeignKey(Post, models.CASCADE, null=True, blank=True, related_name="+")
    conversation = models.ForeignKey(Conversation, models.CASCADE, null=True, blank=True, related_name="+")
    text = models.CharField(max_length=300)
    excerpt = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(Digest, models.SET_NULL, null=True, blank=True, related_name="notifications")

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="network_notif_unread"),
            models.Index(fields=["recipient", "-created_at"], name="network_notif_recent"),
            models.Index(fields=["emailed_at", "digest"], name="network_notif_pending"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def group_key(self) -> str:
        """Digests group by thread, by conversation, then the rest."""
        if self.thread_id:
            return f"thread:{self.thread_id}"
        if self.conversation_id:
            return f"conversation:{self.conversation_id}"
        return f"kind:{self.kind}"
