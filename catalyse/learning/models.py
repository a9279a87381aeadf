"""Formations: courses in sessions of segments, and what a learner does in them (progress, quizzes, notebook)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalyse.resources.choices import Audience

TITLE_MAX_LENGTH = 200
ACTIVITY_MAX_LENGTH = 10000


class Provider(models.TextChoices):
    HOSTED = "hosted", _("Sur Catalyse")
    EXTERNAL = "external", _("Plateforme externe")


class SegmentKind(models.TextChoices):
    TEMOIGNAGE = "temoignage", _("Témoignage")
    REGARD_EXPERT = "regard_expert", _("Regard d’expert")
    SYNTHESE = "synthese", _("Synthèse")
    QUIZ = "quiz", _("Quiz")
    ACTIVITE = "activite", _("Activité")
    RESSOURCE = "ressource", _("Ressource")


class CourseTheme(models.TextChoices):
    PARTENARIATS = "partenariats", _("Partenariats entreprises–associations")
    ALLIANCES = "alliances", _("Alliances territoriales")
    ECOSYSTEME = "ecosysteme", _("Écosystème territorial")
    INGENIERIE = "ingenierie", _("Ingénierie territoriale")
    IMPACT = "impact", _("Évaluation de l’impact")


# Course slugs that would hide a page of /formations/.
RESERVED_SLUGS = {"carnet", "cohortes", "nouvelle"}

# Segments an external MOOC keeps on Catalyse: its videos stay on the external platform.
EXTERNAL_KINDS = (SegmentKind.SYNTHESE, SegmentKind.QUIZ, SegmentKind.ACTIVITE, SegmentKind.RESSOURCE)


class CourseQuerySet(models.QuerySet["Course"]):
    def published(self) -> CourseQuerySet:
        return self.filter(is_published=True)


class Course(models.Model):
    slug = models.SlugField(_("adresse"), max_length=120, unique=True)
    title = models.CharField(_("titre"), max_length=TITLE_MAX_LENGTH)
    summary = models.TextField(_("présentation"), blank=True, help_text=_("En Markdown."))
    audience = models.CharField(_("public"), max_length=300, blank=True)
    duration_label = models.CharField(
        _("durée"), max_length=120, blank=True, help_text=_("Par exemple « 4 sessions de 2 heures »")
    )
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    provider = models.CharField(_("plateforme"), max_length=20, choices=Provider.choices, default=Provider.HOSTED)
    provider_name = models.CharField(
        _("nom de la plateforme"), max_length=120, blank=True, help_text=_("Par exemple « Coursera »")
    )
    external_url = models.URLField(_("adresse sur la plateforme externe"), blank=True)
    authors = models.CharField(_("conçu par"), max_length=300, blank=True)
    themes = models.JSONField(_("thèmes"), default=list, blank=True, help_text=_("Clés de CourseTheme."))
    audiences = models.JSONField(
        _("publics"), default=list, blank=True, help_text=_("Clés des publics du kit (collectivite, association…).")
    )
    is_published = models.BooleanField(_("publiée"), default=False)
    quiz_pass_percent = models.PositiveSmallIntegerField(_("seuil de réussite des quiz (%)"), default=70)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ("title",)
        verbose_name = _("formation")
        verbose_name_plural = _("formations")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:course-detail", kwargs={"slug": self.slug})

    @property
    def is_external(self) -> bool:
        return self.provider == Provider.EXTERNAL

    def clean(self) -> None:
        if self.provider == Provider.EXTERNAL and not self.external_url:
            raise ValidationError({"external_url": _("Indiquez l’adresse de la formation sur la plateforme externe.")})
        if not 0 <= self.quiz_pass_percent <= 100:
            raise ValidationError({"quiz_pass_percent": _("Le seuil est un pourcentage entre 0 et 100.")})
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Cette adresse est réservée : choisissez-en une autre.")})
        if not isinstance(self.themes, list) or not set(self.themes) <= set(CourseTheme.values):
            raise ValidationError(
                {"themes": _("Choisissez les thèmes parmi : %(keys)s.") % {"keys": ", ".join(CourseTheme.values)}}
            )
        if not isinstance(self.audiences, list) or not set(self.audiences) <= set(Audience.values):
            raise ValidationError(
                {"audiences": _("Choisissez les publics parmi : %(keys)s.") % {"keys": ", ".join(Audience.values)}}
            )

    def theme_labels(self) -> list[str]:
        labels = dict(CourseTheme.choices)
        return [str(labels[t]) for t in self.themes if t in labels]

    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels[a]) for a in self.audiences if a in labels]


class CourseSession(models.Model):
    course = models.ForeignKey(Course, models.CASCADE, related_name="sessions", verbose_name=_("formation"))
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("titre"), max_length=TITLE_MAX_LENGTH)
    question = models.CharField(_("question à laquelle elle répond"), max_length=400)
    summary = models.TextField(_("présentation"), blank=True, help_text=_("En Markdown."))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=120)

    class Meta:
        ordering = ("course", "number")
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [models.UniqueConstraint(fields=("course", "number"), name="learning_session_unique_number")]

    def __str__(self) -> str:
        return f"{self.course} — {self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("learning:session-detail", kwargs={"slug": self.course.slug, "number": self.number})

    def clean(self) -> None:
        if self.number is not None and self.number < 1:
            raise ValidationError({"number": _("Les sessions sont numérotées à partir de 1.")})


class Segment(models.Model):
    session = models.ForeignKey(CourseSession, models.CASCADE, related_name="segments", verbose_name=_("session"))
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    kind = models.CharField(_("nature"), max_length=20, choices=SegmentKind.choices)
    title = models.CharField(_("titre"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("texte"), blank=True, help_text=_("En Markdown."))
    video_url = models.URLField(_("adresse de la vidéo"), blank=True)
    transcript = models.TextField(_("transcription"), blank=True, help_text=_("Obligatoire avec une vidéo."))
    speaker_name = models.CharField(_("intervenant·e"), max_length=200, blank=True)
    speaker_title = models.CharField(_("qualité de l’intervenant·e"), max_length=300, blank=True)
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_segments",
        verbose_name=_("profil de l’intervenant·e"),
    )
    resource = models.ForeignKey(
        "resources.Resource",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_segments",
        verbose_name=_("ressource du kit"),
    )

    class Meta:
        ordering = ("session", "order", "pk")
        verbose_name = _("séquence")
        verbose_name_plural = _("séquences")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.title}"

    @property
    def anchor(self) -> str:
        return f"sequence-{self.pk}"

    def clean(self) -> None:
        if self.video_url and not self.transcript.strip():
            raise ValidationError({"transcript": _("Une vidéo doit être accompagnée de sa transcription.")})


class QuizQuestion(models.Model):
    segment = models.ForeignKey(Segment, models.CASCADE, related_name="questions", verbose_name=_("séquence"))
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    text = models.CharField(_("question"), max_length=500)
    multiple = models.BooleanField(_("plusieurs réponses possibles"), default=False)
    explanation = models.TextField(_("explication"), blank=True, help_text=_("Montrée après la réponse."))

    class Meta:
        ordering = ("segment", "order", "pk")
        verbose_name = _("question de quiz")
        verbose_name_plural = _("questions de quiz")

    def __str__(self) -> str:
        return self.text


class QuizChoice(models.Model):
    question = models.ForeignKey(QuizQuestion, models.CASCADE, related_name="choices", verbose_name=_("question"))
    text = models.CharField(_("réponse"), max_length=300)
    is_correct = models.BooleanField(_("bonne réponse"), default=False)

    class Meta:
        ordering = ("question", "pk")
        verbose_name = _("réponse proposée")
        verbose_name_plural = _("réponses proposées")

    def __str__(self) -> str:
        return self.text


class QuizAttempt(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="quiz_attempts")
    segment = models.ForeignKey(Segment, models.CASCADE, related_name="attempts")
    score_percent = models.PositiveSmallIntegerField(_("score (%)"))
    # {"<question id>": [<choice id>, …]}: what was chosen, for the learner's review and the dashboard.
    answers = models.JSONField(_("réponses"), default=dict)
    created_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("tentative de quiz")
        verbose_name_plural = _("tentatives de quiz")
        indexes = [models.Index(fields=("user", "segment"))]

    def __str__(self) -> str:
        return f"{self.user} — {self.segment} — {self.score_percent} %"


class SegmentCompletion(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="segment_completions")
    segment = models.ForeignKey(Segment, models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(_("terminée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("séquence terminée")
        verbose_name_plural = _("séquences terminées")
        constraints = [models.UniqueConstraint(fields=("user", "segment"), name="learning_completion_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.segment}"


class ActivityEntry(models.Model):
    """The learner's notebook: what they wrote for an activity. Theirs alone."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="activity_entries")
    segment = models.ForeignKey(Segment, models.CASCADE, related_name="activity_entries")
    text = models.TextField(_("texte"), max_length=ACTIVITY_MAX_LENGTH)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ("-updated_at",)
        verbose_name = _("entrée du carnet")
        verbose_name_plural = _("entrées du carnet")
        constraints = [models.UniqueConstraint(fields=("user", "segment"), name="learning_activity_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.segment}"
