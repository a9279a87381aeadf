"""Co-development sessions (codéveloppement professionnel) of an experience journey.

A session gathers one facilitator, one client and four to eight consultants, all from the journey. It runs live
through seven steps (0 to 6); what each step produced is kept: the follow-up, the exposé notes, the clarification
questions, the contract, the consultations, the synthesis and its actions (which also land in the client team's
action plan), the learnings of each participant and a short evaluation."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 4000
MIN_CONSULTANTS = 4
MAX_CONSULTANTS = 8
EXPOSE_MINUTES = 10
RATING_MAX = 5


class Stage(models.IntegerChoices):
    FOLLOW_UP = 0, _("Suivi")
    EXPOSE = 1, _("Exposé")
    CLARIFICATION = 2, _("Clarification")
    CONTRACT = 3, _("Contrat")
    CONSULTATION = 4, _("Consultation")
    SYNTHESIS = 5, _("Synthèse et plan d’action")
    LEARNINGS = 6, _("Apprentissages")


LAST_STAGE = Stage.LEARNINGS

STAGE_HELP = {
    Stage.FOLLOW_UP: _("Le client de la séance précédente raconte ce qu’il a essayé depuis et ce que cela a donné."),
    Stage.EXPOSE: _(
        "Le client présente son problème, son projet ou sa préoccupation, pendant une dizaine de minutes. "
        "Les consultants écoutent sans interrompre."
    ),
    Stage.CLARIFICATION: _(
        "Les consultants posent des questions factuelles pour bien comprendre la situation, sans donner d’avis."
    ),
    Stage.CONTRACT: _("Le client formule précisément la question sur laquelle il souhaite être aidé."),
    Stage.CONSULTATION: _(
        "Les consultants partagent leurs réactions, leurs idées et leurs expériences. Le client écoute et note."
    ),
    Stage.SYNTHESIS: _(
        "Le client dit ce qu’il retient et s’engage sur des actions : quoi, qui, pour quand. Elles rejoignent le "
        "plan d’action de son équipe."
    ),
    Stage.LEARNINGS: _("Chaque participant note ce qu’il a appris et évalue la séance en quelques secondes."),
}


class Status(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    LIVE = "live", _("En cours")
    DONE = "done", _("Terminée")


class ContributionKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Compte rendu de suivi")
    EXPOSE = "expose", _("Notes de l’exposé")
    QUESTION = "question", _("Question de clarification")
    CONTRACT = "contract", _("Contrat")
    CONSULTATION = "consultation", _("Consultation")
    SYNTHESIS = "synthesis", _("Synthèse")
    LEARNING = "learning", _("Apprentissage")


# The step during which each kind of contribution is written.
KIND_STAGE: dict[str, int] = {
    ContributionKind.FOLLOW_UP: Stage.FOLLOW_UP,
    ContributionKind.EXPOSE: Stage.EXPOSE,
    ContributionKind.QUESTION: Stage.CLARIFICATION,
    ContributionKind.CONTRACT: Stage.CONTRACT,
    ContributionKind.CONSULTATION: Stage.CONSULTATION,
    ContributionKind.SYNTHESIS: Stage.SYNTHESIS,
    ContributionKind.LEARNING: Stage.LEARNINGS,
}
# Kinds that hold one text per session (writing again replaces it); the others are lists.
SINGLE_KINDS = {
    ContributionKind.FOLLOW_UP,
    ContributionKind.EXPOSE,
    ContributionKind.CONTRACT,
    ContributionKind.SYNTHESIS,
}


class Role(models.TextChoices):
    CLIENT = "client", _("Client")
    CONSULTANT = "consultant", _("Consultant")


class SessionQuerySet(models.QuerySet["Session"]):
    def of_journey(self, journey: Any) -> SessionQuerySet:
        return self.filter(journey=journey)

    def done(self) -> SessionQuerySet:
        return self.filter(status=Status.DONE)

    def for_list(self) -> SessionQuerySet:
        return self.select_related("journey", "client", "facilitator", "client_team")


class Session(models.Model):
    journey = models.ForeignKey(
        "journeys.Journey", models.CASCADE, related_name="codev_sessions", verbose_name=_("parcours")
    )
    calendar_step = models.ForeignKey(
        "journeys.Step",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="codev_sessions",
        verbose_name=_("étape du calendrier"),
    )
    title = models.CharField(_("titre"), max_length=TITLE_MAX_LENGTH)
    scheduled_at = models.DateTimeField(_("prévue le"))
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("animateur")
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("client")
    )
    # The client's team when the session was set up: its action plan receives the actions.
    client_team = models.ForeignKey(
        "journeys.PilotTeam",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="codev_sessions",
        verbose_name=_("équipe du client"),
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    stage = models.PositiveSmallIntegerField(_("étape en cours"), choices=Stage.choices, default=Stage.FOLLOW_UP)
    stage_started_at = models.DateTimeField(_("étape commencée le"), null=True, blank=True)
    # When each step started: {"0": iso datetime, ...}
    stage_log = models.JSONField(_("début de chaque étape"), default=dict, blank=True)
    started_at = models.DateTimeField(_("commencée le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    # Bumped by every change: the live room polls it to know whether anything happened.
    version = models.PositiveIntegerField(_("version"), default=0)
    client_consent = models.BooleanField(_("le client accepte de partager"), default=False)
    client_consent_at = models.DateTimeField(_("accord donné le"), null=True, blank=True)
    illustration = models.ForeignKey(
        "resources.Resource",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("illustration tirée de la séance"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("séance de codéveloppement")
        verbose_name_plural = _("séances de codéveloppement")
        ordering = ["-scheduled_at", "-id"]
        indexes = [models.Index(fields=["journey", "status", "scheduled_at"], name="codev_session_journey_status")]
        constraints = [
            models.CheckConstraint(condition=models.Q(stage__lte=LAST_STAGE), name="codev_session_stage_range"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("codevelopment:room", kwargs={"journey_slug": self.journey.slug, "pk": self.pk})

    def get_record_url(self) -> str:
        return reverse("codevelopment:record", kwargs={"journey_slug": self.journey.slug, "pk": self.pk})

    @property
    def is_planned(self) -> bool:
        return self.status == Status.PLANNED

    @property
    def is_live(self) -> bool:
        return self.status == Status.LIVE

    @property
    def is_done(self) -> bool:
        return self.status == Status.DONE

    @property
    def stage_label(self) -> str:
        return str(Stage(self.stage).label)

    @property
    def next_stage_label(self) -> str:
        if self.is_planned:
            return str(Stage(Stage.FOLLOW_UP).label)
        return str(Stage(self.stage + 1).label) if self.stage < LAST_STAGE else ""

    @property
    def held_at(self) -> datetime.datetime:
        """When it took place (or will): its start, else its planned time."""
        return self.started_at or self.scheduled_at

    def stage_started(self, stage: int) -> datetime.datetime | None:
        value = (self.stage_log or {}).get(str(stage))
        return datetime.datetime.fromisoformat(value) if value else None

    def expose_ends_at(self) -> datetime.datetime | None:
        start = self.stage_started(Stage.EXPOSE)
        return start + datetime.timedelta(minutes=EXPOSE_MINUTES) if start else None


class Participant(models.Model):
    """The client or a consultant of a session (the facilitator is the session's `facilitator`)."""

    session = models.ForeignKey(Session, models.CASCADE, related_name="participants", verbose_name=_("séance"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="codev_participations", verbose_name=_("personne")
    )
    role = models.CharField(_("rôle"), max_length=12, choices=Role.choices)
    # The short evaluation of step 6: how useful was the session, from 1 to 5.
    rating = models.PositiveSmallIntegerField(_("évaluation"), null=True, blank=True)
    rated_at = models.DateTimeField(_("évaluée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["session", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="codev_participant_session_user"),
            models.UniqueConstraint(
                fields=["session"], condition=models.Q(role="client"), name="codev_participant_one_client"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=RATING_MAX),
                name="codev_participant_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Contribution(models.Model):
    """What a step produced, by its author."""

    session = models.ForeignKey(Session, models.CASCADE, related_name="contributions", verbose_name=_("séance"))
    kind = models.CharField(_("nature"), max_length=16, choices=ContributionKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="codev_contributions",
        verbose_name=_("auteur"),
    )
    text = models.TextField(_("texte"), max_length=TEXT_MAX_LENGTH)
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["session", "created_at", "id"]
        indexes = [models.Index(fields=["session", "kind"], name="codev_contribution_kind")]

    def __str__(self) -> str:
        return self.text[:60]


class SessionAction(models.Model):
    """An action the client committed to in step 5; `action_item` is its line in the team's action plan."""

    session = models.ForeignKey(Session, models.CASCADE, related_name="actions", verbose_name=_("séance"))
    what = models.CharField(_("action"), max_length=300)
    who = models.CharField(_("qui"), max_length=200, blank=True)
    due_on = models.DateField(_("pour le"), null=True, blank=True)
    action_item = models.ForeignKey(
        "journeys.ActionItem", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("plan d’action")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("action décidée")
        verbose_name_plural = _("actions décidées")
        ordering = ["session", "created_at", "id"]

    def __str__(self) -> str:
        return self.what
