"""Carnets de bord: the monthly logbook of an experience journey.

One issue per journey and month, drafted by the platform from what happened (sessions and their shareable
learnings, steps, new resources, upcoming events), edited and published by the facilitators, then emailed once
to each subscriber: participants are subscribed by default, anyone signed in may opt in, everyone may leave.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 200
SECTION_MAX_LENGTH = 20_000


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Status(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")


# The sections of an issue, in the order they are shown: (field, title).
SECTIONS: list[tuple[str, Any]] = [
    ("editorial", _("Le mot des animateurs")),
    ("enjeux", _("Enjeux")),
    ("pratiques", _("Pratiques")),
    ("illustrations", _("Illustrations")),
    ("agenda", _("À venir")),
]


class LogbookIssueQuerySet(models.QuerySet["LogbookIssue"]):
    def published(self) -> LogbookIssueQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def drafts(self) -> LogbookIssueQuerySet:
        return self.filter(status=Status.DRAFT)


class LogbookIssue(models.Model):
    journey = models.ForeignKey(
        "journeys.Journey", models.CASCADE, related_name="logbook_issues", verbose_name=_("parcours")
    )
    month = models.DateField(_("mois"), help_text=_("Le premier jour du mois dont le carnet rend compte."))
    title = models.CharField(_("titre"), max_length=TITLE_MAX_LENGTH)
    editorial = models.TextField(_("le mot des animateurs"), max_length=SECTION_MAX_LENGTH, blank=True)
    enjeux = models.TextField(_("enjeux"), max_length=SECTION_MAX_LENGTH, blank=True)
    pratiques = models.TextField(_("pratiques"), max_length=SECTION_MAX_LENGTH, blank=True)
    illustrations = models.TextField(_("illustrations"), max_length=SECTION_MAX_LENGTH, blank=True)
    agenda = models.TextField(_("à venir"), max_length=SECTION_MAX_LENGTH, blank=True)
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("publié par")
    )
    created_at = models.DateTimeField(_("préparé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("modifié le"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modifié par"),
    )

    objects = LogbookIssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("carnet de bord")
        verbose_name_plural = _("carnets de bord")
        ordering = ["journey", "-month"]
        constraints = [models.UniqueConstraint(fields=["journey", "month"], name="logbooks_issue_journey_month")]
        indexes = [models.Index(fields=["journey", "status", "-month"], name="logbooks_issue_archive")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("logbooks:issue", kwargs=self._kwargs())

    @property
    def period(self) -> str:
        """The month in addresses: 2026-11."""
        return f"{self.month:%Y-%m}"

    def _kwargs(self) -> dict[str, str]:
        return {"journey_slug": self.journey.slug, "period": self.period}

    def get_edit_url(self) -> str:
        return reverse("logbooks:issue-edit", kwargs=self._kwargs())

    def get_pdf_url(self) -> str:
        return reverse("logbooks:issue-pdf", kwargs=self._kwargs())

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def month_label(self) -> str:
        """« novembre 2026 »."""
        return str(formats.date_format(self.month, "F Y")).lower()

    @property
    def of_month(self) -> str:
        """« d’octobre 2026 », « de novembre 2026 » (French elision before a vowel)."""
        return of_month(self.month)

    def sections(self) -> list[tuple[str, Any, str]]:
        """The sections that have content: (field, title, Markdown)."""
        return [(name, title, getattr(self, name)) for name, title in SECTIONS if getattr(self, name).strip()]

    def has_content(self) -> bool:
        return bool(self.sections())


class SubscriptionSource(models.TextChoices):
    PARTICIPANT = "participant", _("Participant du parcours")
    OPT_IN = "abonnement", _("Abonnement volontaire")


class Subscription(models.Model):
    """A person receives a journey's logbook by email (until `unsubscribed_at`)."""

    journey = models.ForeignKey(
        "journeys.Journey", models.CASCADE, related_name="logbook_subscriptions", verbose_name=_("parcours")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="logbook_subscriptions", verbose_name=_("personne")
    )
    source = models.CharField(_("origine"), max_length=16, choices=SubscriptionSource.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    subscribed_at = models.DateTimeField(_("abonné le"), default=timezone.now)
    unsubscribed_at = models.DateTimeField(_("désabonné le"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnement au carnet de bord")
        verbose_name_plural = _("abonnements au carnet de bord")
        ordering = ["journey", "subscribed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["journey", "user"], name="logbooks_subscription_journey_user")]

    def __str__(self) -> str:
        return f"{self.user} — {self.journey}"

    @property
    def is_active(self) -> bool:
        return self.unsubscribed_at is None

    def get_unsubscribe_url(self) -> str:
        return reverse("logbooks:unsubscribe", kwargs={"journey_slug": self.journey.slug, "token": self.token})


class Delivery(models.Model):
    """Issue sent to a person: one row each, claimed before the email is queued, so nobody gets it twice."""

    issue = models.ForeignKey(LogbookIssue, models.CASCADE, related_name="deliveries", verbose_name=_("carnet"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="logbook_deliveries", verbose_name=_("destinataire")
    )
    email = models.EmailField(_("adresse"), blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), default=timezone.now)

    class Meta:
        verbose_name = _("envoi du carnet de bord")
        verbose_name_plural = _("envois du carnet de bord")
        ordering = ["issue", "sent_at", "id"]
        constraints = [models.UniqueConstraint(fields=["issue", "user"], name="logbooks_delivery_issue_user")]

    def __str__(self) -> str:
        return f"{self.issue} → {self.email}"


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    """The last day of the month of `day`."""
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def of_month(day: datetime.date) -> str:
    """« d’octobre 2026 », « de novembre 2026 »: the month after « de », elided before a vowel; in English,
    « of November 2026 »."""
    label = str(formats.date_format(day, "F Y"))
    if (get_language() or "fr").startswith("fr"):
        label = label.lower()
        return f"d’{label}" if label[:1] in "aeiouy" else f"de {label}"
    return gettext("de %(month)s") % {"month": label}


def french_day(day: datetime.date, *, year: bool = True) -> str:
    """« 1er septembre 2026 », « 12 août » (French writes the first day of a month as an ordinal)."""
    number = "1er" if day.day == 1 and (get_language() or "fr").startswith("fr") else str(day.day)
    return f"{number} {formats.date_format(day, 'F Y' if year else 'F')}"
