"""Cohorts: people following a course together, on dates set by its facilitators.

A cohort has a schedule (one row per session of the course: its opening date and its live meeting), a private
discussion per session (a thread of the network scoped to the cohort), enrolments (open, on approval or by
invitation, within a capacity) and, for an external MOOC, the sessions each member declares done: the cohort is
then a study group."""

from __future__ import annotations

import datetime
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 200
NOTE_MAX_LENGTH = 1000


class CohortStatus(models.TextChoices):
    DRAFT = "draft", _("En préparation")
    PUBLISHED = "published", _("Publiée")
    CANCELLED = "cancelled", _("Annulée")


class EnrolmentMode(models.TextChoices):
    OPEN = "open", _("Inscription libre")
    APPROVAL = "approval", _("Inscription validée par l’animation")
    INVITATION = "invitation", _("Sur invitation")


class CohortQuerySet(models.QuerySet["Cohort"]):
    def published(self) -> CohortQuerySet:
        return self.filter(status=CohortStatus.PUBLISHED)

    def upcoming(self, today: datetime.date | None = None) -> CohortQuerySet:
        return self.filter(starts_on__gt=today or timezone.localdate())

    def started(self, today: datetime.date | None = None) -> CohortQuerySet:
        return self.filter(starts_on__lte=today or timezone.localdate())

    def visible_to(self, user: Any) -> CohortQuerySet:
        """Published cohorts; drafts for their facilitators and the programme's facilitators."""
        from catalyse.cohorts.permissions import is_programme_facilitator

        if is_programme_facilitator(user):
            return self.all()
        if getattr(user, "is_authenticated", False):
            return self.filter(Q(status=CohortStatus.PUBLISHED) | Q(facilitators=user)).distinct()
        return self.published()


class Cohort(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(
        "learning.Course", models.PROTECT, related_name="cohorts", verbose_name=_("formation suivie")
    )
    slug = models.SlugField(_("adresse"), max_length=120, unique=True)
    title = models.CharField(_("titre"), max_length=TITLE_MAX_LENGTH)
    description = models.TextField(_("présentation"), blank=True, help_text=_("En Markdown."))
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_cohorts", verbose_name=_("animateurs")
    )
    starts_on = models.DateField(_("début"))
    status = models.CharField(_("statut"), max_length=12, choices=CohortStatus.choices, default=CohortStatus.DRAFT)
    enrolment_mode = models.CharField(
        _("inscription"), max_length=12, choices=EnrolmentMode.choices, default=EnrolmentMode.OPEN
    )
    capacity = models.PositiveIntegerField(
        _("nombre de places"), null=True, blank=True, help_text=_("Vide : sans limite.")
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ("starts_on", "pk")
        verbose_name = _("cohorte")
        verbose_name_plural = _("cohortes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cohorts:cohort-detail", kwargs={"slug": self.slug})

    @property
    def is_study_group(self) -> bool:
        """A cohort following an external MOOC: the platform holds its schedule, meetings, discussion and the
        progress its members declare."""
        return bool(self.course.is_external)

    @property
    def is_published(self) -> bool:
        return self.status == CohortStatus.PUBLISHED

    def is_upcoming(self, today: datetime.date | None = None) -> bool:
        return self.starts_on > (today or timezone.localdate())

    def is_facilitator(self, user: Any) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        return any(person.pk == user.pk for person in self.facilitators.all())


class CohortSession(models.Model):
    """One session of the course for this cohort: when it opens, its live meeting, its private discussion."""

    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="schedule", verbose_name=_("cohorte"))
    session = models.ForeignKey(
        "learning.CourseSession", models.CASCADE, related_name="cohort_sessions", verbose_name=_("session")
    )
    opens_on = models.DateField(_("ouverture"))
    meeting_starts_at = models.DateTimeField(_("début de la réunion en direct"), null=True, blank=True)
    meeting_ends_at = models.DateTimeField(_("fin de la réunion en direct"), null=True, blank=True)
    meeting_url = models.URLField(
        _("lien de connexion"), blank=True, help_text=_("Montré aux seuls membres de la cohorte et à ses animateurs.")
    )
    thread = models.OneToOneField(
        "network.Thread",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="cohort_session",
        verbose_name=_("discussion"),
        editable=False,
    )
    # Raised when the meeting moves, so that calendars update their copy (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # Claimed once by a conditional UPDATE: the reminder of the meeting leaves once, whatever the workers.
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ("cohort", "session__number")
        verbose_name = _("session de la cohorte")
        verbose_name_plural = _("calendrier de la cohorte")
        constraints = [
            models.UniqueConstraint(fields=("cohort", "session"), name="cohorts_session_once"),
            models.CheckConstraint(
                condition=Q(meeting_ends_at__isnull=True)
                | Q(meeting_starts_at__isnull=True)
                | Q(meeting_ends_at__gte=models.F("meeting_starts_at")),
                name="cohorts_meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} — {self.session.number}"

    def get_absolute_url(self) -> str:
        return reverse("cohorts:session-detail", kwargs={"slug": self.cohort.slug, "number": self.number})

    @property
    def number(self) -> int:
        return int(self.session.number)

    def is_open(self, today: datetime.date | None = None) -> bool:
        return self.opens_on <= (today or timezone.localdate())

    @property
    def has_meeting(self) -> bool:
        return self.meeting_starts_at is not None and self.meeting_ends_at is not None


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("Membre de la cohorte")
    PENDING = "pending", _("En attente de validation")
    DECLINED = "declined", _("Demande refusée")
    WITHDRAWN = "withdrawn", _("Désinscrit·e")


class EnrolmentQuerySet(models.QuerySet["Enrolment"]):
    def active(self) -> EnrolmentQuerySet:
        return self.filter(status=EnrolmentStatus.ACTIVE)

    def pending(self) -> EnrolmentQuerySet:
        return self.filter(status=EnrolmentStatus.PENDING)


class Enrolment(models.Model):
    """One person in a cohort (one row per person, reused if they come back)."""

    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="enrolments", verbose_name=_("cohorte"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="cohort_enrolments")
    status = models.CharField(_("statut"), max_length=12, choices=EnrolmentStatus.choices)
    motivation = models.TextField(_("motivation"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ("cohort", "created_at", "pk")
        verbose_name = _("inscription à une cohorte")
        verbose_name_plural = _("inscriptions aux cohortes")
        constraints = [models.UniqueConstraint(fields=("cohort", "user"), name="cohorts_enrolment_once")]
        indexes = [models.Index(fields=("cohort", "status"), name="cohorts_enrolment_status")]

    def __str__(self) -> str:
        return f"{self.user} — {self.cohort} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == EnrolmentStatus.ACTIVE

    @property
    def is_pending(self) -> bool:
        return self.status == EnrolmentStatus.PENDING


def new_invitation_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """A facilitator invited someone by email; the link in the email lets them join (once per address)."""

    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="invitations")
    email = models.EmailField(_("adresse électronique"))
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("invitation à une cohorte")
        verbose_name_plural = _("invitations aux cohortes")
        constraints = [models.UniqueConstraint(fields=("cohort", "email"), name="cohorts_invitation_once")]

    def __str__(self) -> str:
        return f"{self.email} → {self.cohort}"

    def get_absolute_url(self) -> str:
        return reverse("cohorts:invitation-accept", kwargs={"slug": self.cohort.slug, "token": self.token})


class DeclaredSession(models.Model):
    """In a study group (external MOOC): a member says they followed a session on the external platform."""

    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="declarations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="cohort_declarations")
    session = models.ForeignKey("learning.CourseSession", models.CASCADE, related_name="+")
    declared_at = models.DateTimeField(_("déclarée le"), default=timezone.now)

    class Meta:
        ordering = ("cohort", "session__number")
        verbose_name = _("session déclarée suivie")
        verbose_name_plural = _("sessions déclarées suivies")
        constraints = [models.UniqueConstraint(fields=("cohort", "user", "session"), name="cohorts_declaration_once")]

    def __str__(self) -> str:
        return f"{self.user} — {self.session}"
