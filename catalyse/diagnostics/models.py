"""The territorial self-diagnosis: a versioned questionnaire along the three actions, and the answers of a territory."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

SCALE_MAX = 4


class Dimension(models.TextChoices):
    """The three complementary actions of an ecosystem favourable to alliances (same keys as resources' forms)."""

    ANIMATION = "animation", _("Animation du territoire")
    EXPERIMENTATION = "experimentation", _("Expérimentations collectives")
    ACCOMPAGNEMENT = "accompagnement", _("Accompagnement des organisations")


SCALE_LABELS = [
    _("0 — Rien n’existe encore"),
    _("1 — Quelques initiatives isolées"),
    _("2 — Des démarches engagées, encore fragiles"),
    _("3 — Une pratique régulière et partagée"),
    _("4 — Une pratique ancrée, reconnue et évaluée"),
]


class QuestionnaireQuerySet(models.QuerySet["Questionnaire"]):
    def current(self) -> Questionnaire | None:
        """The questionnaire in use: the latest active version."""
        return self.filter(is_active=True).order_by("-version").first()


class Questionnaire(models.Model):
    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("titre"), max_length=200)
    is_active = models.BooleanField(_("en service"), default=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class Question(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, models.CASCADE, related_name="questions")
    dimension = models.CharField(_("action"), max_length=16, choices=Dimension.choices)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    text = models.CharField(_("question"), max_length=400)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class ResponseQuerySet(models.QuerySet["Response"]):
    def for_territory(self, territory: Any) -> ResponseQuerySet:
        return self.filter(territory=territory)


class Response(models.Model):
    """One person's answers for one territory: answering again updates it."""

    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="diagnostic_responses")
    territory = models.ForeignKey("territories.Territory", models.PROTECT, related_name="+")
    questionnaire = models.ForeignKey(Questionnaire, models.PROTECT, related_name="responses")
    submitted_at = models.DateTimeField(_("envoyé le"))

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "territory", "questionnaire"], name="diagnostic_response_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.respondent} — {self.territory}"


class Answer(models.Model):
    response = models.ForeignKey(Response, models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, models.CASCADE, related_name="answers")
    value = models.PositiveSmallIntegerField(
        _("niveau"), validators=[MinValueValidator(0), MaxValueValidator(SCALE_MAX)]
    )

    class Meta:
        verbose_name = _("réponse à une question")
        verbose_name_plural = _("réponses aux questions")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="diagnostic_answer_unique"),
            models.CheckConstraint(condition=models.Q(value__lte=SCALE_MAX), name="diagnostic_answer_value_range"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"
