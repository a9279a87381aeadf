"""Events of the network: meetings, webinars, workshops, learning visits; registrations and what follows."""

from __future__ import annotations

import datetime
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 200
SUMMARY_MAX_LENGTH = 600
ANSWER_MAX_LENGTH = 1000
COMMENT_MAX_LENGTH = 2000


class Kind(models.TextChoices):
    MEETING = "rencontre", _("Rencontre du réseau")
    WEBINAR = "webinaire", _("Webinaire")
    WORKSHOP = "atelier", _("Atelier")
    VISIT = "visite", _("Visite apprenante")


KIND_PLURALS = {
    Kind.MEETING: _("Rencontres du réseau"),
    Kind.WEBINAR: _("Webinaires"),
    Kind.WORKSHOP: _("Ateliers"),
    Kind.VISIT: _("Visites apprenantes"),
}


class Format(models.TextChoices):
    IN_PERSON = "presentiel", _("Sur place")
    ONLINE = "en_ligne", _("En ligne")
    HYBRID = "hybride", _("Sur place et en ligne")


class RegistrationMode(models.TextChoices):
    NONE = "aucune", _("Sans inscription")
    PLATFORM = "plateforme", _("Inscription sur Catalyse")
    EXTERNAL = "externe", _("Inscription sur un autre site")


class Status(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")
    CANCELLED = "cancelled", _("Annulé")


def user_is_facilitator(user: Any) -> bool:
    from catalyse.accounts.roles import Role, user_has_role

    return bool(user_has_role(user, Role.FACILITATOR))


def territory_scope(territory: Any) -> Q:
    """Events in a territory and in the places it contains (région, département, EPCI, commune)."""
    condition = Q(territory=territory)
    if territory.level == "region":
        condition |= Q(region=territory)
    elif territory.level == "departement":
        condition |= Q(departement=territory)
    elif territory.level == "epci":
        condition |= Q(epci=territory)
    elif territory.level == "commune":
        condition |= Q(territory__commune=territory)
    return condition


class EventQuerySet(models.QuerySet["Event"]):
    def visible(self) -> EventQuerySet:
        """What anyone may see: published and cancelled events (the latter marked)."""
        return self.filter(status__in=(Status.PUBLISHED, Status.CANCELLED))

    def upcoming(self, now: datetime.datetime | None = None) -> EventQuerySet:
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "id")

    def past(self, now: datetime.datetime | None = None) -> EventQuerySet:
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-id")

    def in_territory(self, territory: Any) -> EventQuerySet:
        return self.filter(territory_scope(territory))

    def with_counts(self) -> EventQuerySet:
        """Confirmed and waiting registrations, in the same query as the events."""
        return self.annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed"), distinct=True),
            waiting_count=Count("registrations", filter=Q(registrations__status="waiting"), distinct=True),
        )

    def for_list(self) -> EventQuerySet:
        """For pages of events: their places, organisation (counts come with `attach_counts`, per page)."""
        return self.select_related("territory", "territory__departement", "organisation")


def attach_counts(events: list[Event]) -> list[Event]:
    """Confirmed and waiting registrations of a page of events, in one grouped query (not a join over all)."""
    rows = (
        Registration.objects.filter(event_id__in=[e.pk for e in events], status__in=("confirmed", "waiting"))
        .values_list("event_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[int, str], int] = {(event_id, status): n for event_id, status, n in rows}
    for event in events:
        event.confirmed_count = counts.get((event.pk, "confirmed"), 0)  # type: ignore[attr-defined]
        event.waiting_count = counts.get((event.pk, "waiting"), 0)  # type: ignore[attr-defined]
    return events


class Event(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("adresse"), max_length=220, unique=True)
    kind = models.CharField(_("type d’événement"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=TITLE_MAX_LENGTH)
    edition = models.PositiveSmallIntegerField(
        _("édition"), null=True, blank=True, help_text=_("Pour une rencontre du réseau : 4 pour la 4ᵉ rencontre.")
    )
    theme = models.CharField(_("thème"), max_length=200, blank=True)
    summary = models.TextField(_("résumé"), max_length=SUMMARY_MAX_LENGTH, blank=True)
    description = models.TextField(_("programme"), blank=True, help_text=_("En Markdown."))
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.PUBLISHED)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    format = models.CharField(_("lieu"), max_length=12, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField(_("nom du lieu"), max_length=200, blank=True)
    address = models.CharField(_("adresse postale"), max_length=300, blank=True)
    territory = models.ForeignKey(
        "territories.Territory",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("territoire"),
        help_text=_("La commune du lieu ; pour un événement en ligne, le territoire concerné s’il y en a un."),
    )
    # Denormalised from the territory, so that "in this région" is one indexed condition.
    region = models.ForeignKey(
        "territories.Territory", models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    departement = models.ForeignKey(
        "territories.Territory", models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    epci = models.ForeignKey(
        "territories.Territory", models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    online_url = models.URLField(
        _("lien de connexion"),
        blank=True,
        help_text=_("Montré aux seules personnes inscrites (et dans leur rappel) quand l’inscription se fait ici."),
    )
    registration_mode = models.CharField(
        _("inscription"), max_length=12, choices=RegistrationMode.choices, default=RegistrationMode.PLATFORM
    )
    external_registration_url = models.URLField(_("lien d’inscription externe"), blank=True)
    capacity = models.PositiveIntegerField(
        _("nombre de places"), null=True, blank=True, help_text=_("Vide : sans limite.")
    )
    registration_closes_at = models.DateTimeField(_("clôture des inscriptions"), null=True, blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organised_events", verbose_name=_("organisateurs")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organisation organisatrice"),
    )
    organiser_name = models.CharField(
        _("organisé par (texte)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Quand l’organisateur n’est pas une organisation de Catalyse : « CNFPT », « Territoires Conseils »."
        ),
    )
    # After the event
    report = models.TextField(_("compte rendu"), blank=True, help_text=_("En Markdown."))
    replay_url = models.URLField(_("lien du replay"), blank=True)
    resources = models.ManyToManyField(
        "resources.Resource", blank=True, related_name="events", verbose_name=_("ressources du kit liées")
    )
    report_published_at = models.DateTimeField(_("compte rendu publié le"), null=True, blank=True)
    # Raised when the date or place changes, so that calendars update their copy (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifié le"), default=timezone.now)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "ends_at", "starts_at"], name="event_status_ends"),
            models.Index(fields=["status", "kind", "ends_at"], name="event_status_kind_ends"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    def get_ics_url(self) -> str:
        return reverse("events:event-ics", kwargs={"slug": self.slug})

    def set_territory(self, territory: Any) -> None:
        """The territory and the région, département and EPCI it lies in (itself included)."""
        self.territory = territory
        if territory is None:
            self.region_id = self.departement_id = self.epci_id = None
            return
        self.region_id = territory.pk if territory.level == "region" else territory.region_id
        self.departement_id = territory.pk if territory.level == "departement" else territory.departement_id
        self.epci_id = territory.pk if territory.level == "epci" else territory.epci_id

    # --- state
    @property
    def is_cancelled(self) -> bool:
        return self.status == Status.CANCELLED

    def is_past(self, now: datetime.datetime | None = None) -> bool:
        return self.ends_at < (now or timezone.now())

    def has_started(self, now: datetime.datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())

    @property
    def is_online(self) -> bool:
        return self.format in (Format.ONLINE, Format.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.format in (Format.IN_PERSON, Format.HYBRID)

    @property
    def uses_platform_registration(self) -> bool:
        return self.registration_mode == RegistrationMode.PLATFORM

    def registration_is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.status != Status.PUBLISHED or not self.uses_platform_registration or self.has_started(now):
            return False
        return self.registration_closes_at is None or now < self.registration_closes_at

    def is_organiser(self, user: Any) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        return any(person.pk == user.pk for person in self.organisers.all())

    def can_manage(self, user: Any) -> bool:
        """Organisers of this event, the programme's facilitators and administrators."""
        return self.is_organiser(user) or user_is_facilitator(user)

    def can_view(self, user: Any) -> bool:
        return self.status != Status.DRAFT or self.can_manage(user)

    @property
    def organiser_label(self) -> str:
        if self.organisation_id and self.organisation:
            return self.organisation.name
        return self.organiser_name

    @property
    def place_label(self) -> str:
        """Where, in one line: "Maison des associations, 4 rue…, Saint-Étienne", or "En ligne"."""
        parts = [p for p in (self.venue, self.address) if p]
        if self.territory_id and self.territory and self.is_in_person:
            parts.append(self.territory.name)
        place = ", ".join(parts)
        if self.format == Format.ONLINE:
            return str(_("En ligne"))
        if self.format == Format.HYBRID:
            return f"{place} {_('et en ligne')}" if place else str(_("En ligne"))
        return place

    def has_report(self) -> bool:
        return bool(self.report_published_at and (self.report.strip() or self.replay_url))


class Track(models.Model):
    """A track (axe) of a meeting: people register to one, each with its own places."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="tracks")
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("présentation"), blank=True)
    capacity = models.PositiveIntegerField(_("nombre de places"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("axe")
        verbose_name_plural = _("axes")
        ordering = ["event", "position", "id"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Texte libre")
    CHOICE = "choice", _("Choix dans une liste")


class Question(models.Model):
    """A question asked at registration (dietary needs, expectations, which visit…)."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("aide"), max_length=300, blank=True)
    kind = models.CharField(
        _("type de réponse"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    choices = models.JSONField(_("choix possibles"), default=list, blank=True, help_text=_("Une liste de textes."))
    required = models.BooleanField(_("obligatoire"), default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("question d’inscription")
        verbose_name_plural = _("questions d’inscription")
        ordering = ["event", "position", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def field_name(self) -> str:
        return f"question_{self.pk}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Inscription confirmée")
    WAITING = "waiting", _("Sur liste d’attente")
    CANCELLED = "cancelled", _("Inscription annulée")


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def confirmed(self) -> RegistrationQuerySet:
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self) -> RegistrationQuerySet:
        return self.filter(status=RegistrationStatus.WAITING).order_by("waiting_since", "id")

    def active(self) -> RegistrationQuerySet:
        return self.filter(status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING))


class Registration(models.Model):
    """One person's registration to an event (one row per person, reused if they register again)."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="event_registrations")
    track = models.ForeignKey(
        Track, models.PROTECT, null=True, blank=True, related_name="registrations", verbose_name=_("axe")
    )
    status = models.CharField(_("statut"), max_length=12, choices=RegistrationStatus.choices)
    answers = models.JSONField(_("réponses"), default=dict, blank=True)
    created_at = models.DateTimeField(_("inscrit·e le"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("place confirmée le"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("en attente depuis"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    # None: not marked yet; True: present; False: absent.
    attended = models.BooleanField(_("présent·e"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["event", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="registration_one_per_person")]
        indexes = [
            models.Index(fields=["event", "status", "track"], name="registration_event_status"),
            models.Index(fields=["user", "status"], name="registration_user_status"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.event} ({self.get_status_display()})"

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waiting(self) -> bool:
        return self.status == RegistrationStatus.WAITING

    @property
    def is_active(self) -> bool:
        return self.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)

    def waiting_position(self) -> int | None:
        """1 for the first person waiting (in the same track when the event has tracks)."""
        if not self.is_waiting:
            return None
        ahead = Registration.objects.waiting().filter(event_id=self.event_id)
        if self.track_id:
            ahead = ahead.filter(track_id=self.track_id)
        since = self.waiting_since or self.created_at
        return ahead.filter(Q(waiting_since__lt=since) | Q(waiting_since=since, id__lt=self.pk)).count() + 1

    def answer_items(self) -> list[tuple[str, str]]:
        """(question, answer) in the order of the event's questions (prefetch `event__questions`)."""
        return [
            (question.label, str(self.answers.get(str(question.pk), "")))
            for question in self.event.questions.all()
            if self.answers.get(str(question.pk))
        ]


class ReminderKind(models.TextChoices):
    WEEK = "j-7", _("Rappel une semaine avant")
    DAY = "j-1", _("Rappel la veille")


class ReminderSent(models.Model):
    """A reminder claimed for one registration: the unique constraint makes it leave once, whatever the workers."""

    registration = models.ForeignKey(Registration, models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=4, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rappel envoyé")
        verbose_name_plural = _("rappels envoyés")
        constraints = [models.UniqueConstraint(fields=["registration", "kind"], name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.registration} — {self.kind}"


class Invitation(models.Model):
    """An organiser invited someone by email (once per address and event)."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="invitations")
    email = models.EmailField(_("adresse électronique"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["event", "email"], name="invitation_once")]

    def __str__(self) -> str:
        return f"{self.email} → {self.event}"


class Feedback(models.Model):
    """A participant's short opinion after the event."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="feedbacks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(_("note"))
    comment = models.TextField(_("commentaire"), max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("avis sur un événement")
        verbose_name_plural = _("avis sur les événements")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="event_feedback_once"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="event_feedback_rating_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.event} — {self.rating}/5"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a person's calendar of events they registered to; regenerating it revokes the old one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="event_calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agenda personnel")
        verbose_name_plural = _("agendas personnels")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("events:calendar-feed", kwargs={"token": self.token})
