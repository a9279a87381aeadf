"""Parcours d’expérience: a cohort of pilot territories learning together for about nine months.

A journey has facilitators, pilot teams (one per territory, several members from different worlds), a calendar
of steps of five kinds, each team's deliverables, notes and action plan, and a space common to the cohort.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.models import World

TITLE_MAX_LENGTH = 200
SUMMARY_MAX_LENGTH = 4000
CHALLENGE_MAX_LENGTH = 2000
TEXT_MAX_LENGTH = 20_000
NOTE_MAX_LENGTH = 5000
MESSAGE_MAX_LENGTH = 3000
ACTION_MAX_LENGTH = 300
WHO_MAX_LENGTH = 200


class StepKind(models.TextChoices):
    TEMPS_COLLECTIF = "temps_collectif", _("Temps collectif")
    TRAVAIL_INDIVIDUEL = "travail_individuel", _("Travail individuel")
    VISITE_APPRENANTE = "visite_apprenante", _("Visite apprenante")
    TEMOIGNAGE = "temoignage", _("Témoignage")
    CODEVELOPPEMENT = "codeveloppement", _("Codéveloppement")


STEP_KIND_PLURALS = {
    StepKind.TEMPS_COLLECTIF: _("Temps collectifs"),
    StepKind.TRAVAIL_INDIVIDUEL: _("Travaux individuels"),
    StepKind.VISITE_APPRENANTE: _("Visites apprenantes"),
    StepKind.TEMOIGNAGE: _("Témoignages"),
    StepKind.CODEVELOPPEMENT: _("Séances de codéveloppement"),
}


class Journey(models.Model):
    slug = models.SlugField(_("adresse"), max_length=220, unique=True)
    title = models.CharField(_("titre"), max_length=TITLE_MAX_LENGTH)
    summary = models.TextField(_("présentation"), max_length=SUMMARY_MAX_LENGTH, blank=True)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="facilitated_journeys", blank=True, verbose_name=_("animateurs")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("parcours d’expérience")
        verbose_name_plural = _("parcours d’expérience")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("journeys:detail", kwargs={"slug": self.slug})

    def is_facilitator(self, user: Any) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        return self.facilitators.filter(pk=user.pk).exists()

    def team_of(self, user: Any) -> PilotTeam | None:
        if not getattr(user, "is_authenticated", False):
            return None
        return self.teams.filter(memberships__user=user).select_related("territory").first()

    def is_participant(self, user: Any) -> bool:
        """A facilitator of the journey, or a member of one of its teams."""
        if not getattr(user, "is_authenticated", False):
            return False
        return self.is_facilitator(user) or TeamMember.objects.filter(team__journey=self, user=user).exists()

    def is_current(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on


class PilotTeam(models.Model):
    journey = models.ForeignKey(Journey, models.CASCADE, related_name="teams", verbose_name=_("parcours"))
    territory = models.ForeignKey(
        "territories.Territory", models.PROTECT, related_name="pilot_teams", verbose_name=_("territoire pilote")
    )
    name = models.CharField(_("nom de l’équipe"), max_length=TITLE_MAX_LENGTH)
    challenge = models.TextField(_("défi commun"), max_length=CHALLENGE_MAX_LENGTH, blank=True)
    themes = models.JSONField(_("enjeux"), default=list, blank=True)
    forms_of_action = models.JSONField(_("formes d’action"), default=list, blank=True)
    members = models.ManyToManyField(  # type: ignore[var-annotated]
        settings.AUTH_USER_MODEL, through="TeamMember", related_name="pilot_teams", verbose_name=_("membres")
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("équipe pilote")
        verbose_name_plural = _("équipes pilotes")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["journey", "territory"], name="journeys_team_journey_territory"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("journeys:team", kwargs={"slug": self.journey.slug, "team_id": self.pk})

    def theme_labels(self) -> list[str]:
        from catalyse.resources.choices import Theme

        return [str(Theme(t).label) for t in self.themes if t in Theme.values]

    def form_labels(self) -> list[str]:
        from catalyse.resources.choices import ActionForm

        return [str(ActionForm(f).label) for f in self.forms_of_action if f in ActionForm.values]


class TeamMember(models.Model):
    team = models.ForeignKey(PilotTeam, models.CASCADE, related_name="memberships", verbose_name=_("équipe"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="team_memberships", verbose_name=_("personne")
    )
    world = models.CharField(_("monde"), max_length=20, choices=World.choices)
    role_label = models.CharField(_("fonction"), max_length=120, blank=True)
    joined_at = models.DateTimeField(_("depuis le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("membre d’équipe")
        verbose_name_plural = _("membres d’équipe")
        ordering = ["team", "joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="journeys_member_team_user")]

    def __str__(self) -> str:
        return f"{self.user.display_name} ({self.team})"


class Step(models.Model):
    journey = models.ForeignKey(Journey, models.CASCADE, related_name="steps", verbose_name=_("parcours"))
    kind = models.CharField(_("type d’étape"), max_length=24, choices=StepKind.choices)
    title = models.CharField(_("titre"), max_length=TITLE_MAX_LENGTH)
    description = models.TextField(_("description"), max_length=SUMMARY_MAX_LENGTH, blank=True)
    starts_at = models.DateTimeField(_("début"), null=True, blank=True)
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    due_on = models.DateField(_("à rendre le"), null=True, blank=True)
    location = models.CharField(_("lieu"), max_length=TITLE_MAX_LENGTH, blank=True)
    online_url = models.URLField(_("lien de connexion"), max_length=500, blank=True)
    requires_deliverable = models.BooleanField(_("un livrable est attendu"), default=False)
    event = models.ForeignKey(
        "events.Event",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="journey_steps",
        verbose_name=_("événement public"),
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("étape")
        verbose_name_plural = _("étapes")
        ordering = ["journey", "starts_at", "due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def day(self) -> datetime.date | None:
        """The day the step happens (or is due): for ordering and the timeline."""
        if self.starts_at:
            return timezone.localtime(self.starts_at).date()
        return self.due_on

    @property
    def last_day(self) -> datetime.date | None:
        if self.ends_at:
            return timezone.localtime(self.ends_at).date()
        return self.day

    def is_past(self, today: datetime.date | None = None) -> bool:
        last = self.last_day
        return last is not None and last < (today or timezone.localdate())


def deliverable_file_path(instance: Deliverable, filename: str) -> str:
    # A random folder: the files are private, their address must not be guessable.
    return f"parcours/{timezone.now():%Y/%m}/{secrets.token_urlsafe(12)}/{filename}"


class Deliverable(models.Model):
    step = models.ForeignKey(Step, models.CASCADE, related_name="deliverables", verbose_name=_("étape"))
    team = models.ForeignKey(PilotTeam, models.CASCADE, related_name="deliverables", verbose_name=_("équipe"))
    text = models.TextField(_("texte"), max_length=TEXT_MAX_LENGTH, blank=True)
    file = models.FileField(_("fichier"), upload_to=deliverable_file_path, max_length=300, null=True, blank=True)
    # Detected from the content (never from the name the browser sent).
    content_type = models.CharField(_("type de fichier"), max_length=120, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("remis par")
    )
    submitted_at = models.DateTimeField(_("remis le"), default=timezone.now)

    class Meta:
        verbose_name = _("livrable")
        verbose_name_plural = _("livrables")
        ordering = ["-submitted_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["step", "team"], name="journeys_deliverable_step_team")]

    def __str__(self) -> str:
        return f"{self.step} — {self.team}"

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


class Note(models.Model):
    """A note in a team's private workspace."""

    team = models.ForeignKey(PilotTeam, models.CASCADE, related_name="notes", verbose_name=_("équipe"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("auteur")
    )
    body = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("note d’équipe")
        verbose_name_plural = _("notes d’équipe")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.body[:60]


class ActionItem(models.Model):
    """One line of a team's action plan: what, who, when; possibly born in a co-development session."""

    team = models.ForeignKey(PilotTeam, models.CASCADE, related_name="action_items", verbose_name=_("équipe"))
    what = models.CharField(_("action"), max_length=ACTION_MAX_LENGTH)
    who = models.CharField(_("qui"), max_length=WHO_MAX_LENGTH, blank=True)
    due_on = models.DateField(_("pour le"), null=True, blank=True)
    done = models.BooleanField(_("faite"), default=False)
    done_at = models.DateTimeField(_("faite le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ajoutée par"),
    )
    source_label = models.CharField(_("origine"), max_length=TITLE_MAX_LENGTH, blank=True)
    source_url = models.CharField(_("adresse de l’origine"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("ajoutée le"), default=timezone.now)

    class Meta:
        verbose_name = _("action du plan")
        verbose_name_plural = _("plan d’action")
        ordering = ["done", "due_on", "created_at", "id"]

    def __str__(self) -> str:
        return self.what

    def is_late(self, today: datetime.date | None = None) -> bool:
        return not self.done and self.due_on is not None and self.due_on < (today or timezone.localdate())


class CommonMessage(models.Model):
    """A message in the space common to the whole cohort (participants only)."""

    journey = models.ForeignKey(Journey, models.CASCADE, related_name="messages", verbose_name=_("parcours"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("auteur")
    )
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("message de l’espace commun")
        verbose_name_plural = _("messages de l’espace commun")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.body[:60]
