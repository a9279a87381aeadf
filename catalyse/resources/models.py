"""The open kit: resources, their files and versions, collections and feedback."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalyse.resources.choices import (
    DEFAULT_LICENSE,
    LICENSE_CHOICES,
    LICENSES,
    ActionForm,
    Audience,
    Kind,
    Objective,
    Status,
    Theme,
    labels,
)

TITLE_MAX_LENGTH = 200
# The search index keys documents by slug, 200 characters at most.
SLUG_MAX_LENGTH = 200
SUMMARY_MAX_LENGTH = 600
BODY_MAX_LENGTH = 100_000
COMMENT_MAX_LENGTH = 1000

# Slugs that name pages of the kit rather than resources.
RESERVED_SLUGS = {"catalogue", "proposer", "relecture", "mes-ressources", "collections", "flux", "nouvelle"}

# Statuses anyone can read; the others only the authors and editors.
PUBLIC_STATUSES = (Status.PUBLISHED, Status.ARCHIVED)


def user_is_editor(user: Any) -> bool:
    from catalyse.accounts.roles import Role, user_has_role

    return bool(user_has_role(user, Role.EDITOR))


def user_is_member(user: Any) -> bool:
    from catalyse.accounts.roles import Role, user_has_role

    return bool(user_has_role(user, Role.MEMBER))


class ResourceQuerySet(models.QuerySet["Resource"]):
    def published(self) -> ResourceQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def public(self) -> ResourceQuerySet:
        """Published and archived: reachable by anyone (archived ones are marked)."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def visible_to(self, user: Any) -> ResourceQuerySet:
        """What a person may open: public resources, plus their own drafts; editors see everything."""
        if user_is_editor(user):
            return self.all()
        if getattr(user, "is_authenticated", False):
            return self.filter(Q(status__in=PUBLIC_STATUSES) | Q(authors=user)).distinct()
        return self.public()

    def in_territory(self, territory: Any) -> ResourceQuerySet:
        """Resources of a territory and of the places it contains."""
        level = territory.level
        condition = Q(territory=territory)
        if level == "region":
            condition |= Q(region=territory)
        elif level == "departement":
            condition |= Q(departement=territory)
        elif level == "epci":
            condition |= Q(territory__epci=territory)
        elif level == "commune":
            condition |= Q(territory__commune=territory)
        return self.filter(condition)

    def with_value(self, field: str, value: str) -> ResourceQuerySet:
        return self.filter(value_q(field, value))


def value_q(field: str, value: str) -> Q:
    """One key in a JSON list (themes, forms, audiences): the same on SQLite and PostgreSQL."""
    return Q(**{f"{field}__icontains": f'"{value}"'})


class Resource(models.Model):
    kind = models.CharField(_("nature"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("adresse"), max_length=220, unique=True)
    summary = models.TextField(_("résumé"), max_length=SUMMARY_MAX_LENGTH, blank=True)
    body = models.TextField(_("contenu"), max_length=BODY_MAX_LENGTH, blank=True)
    themes = models.JSONField(_("enjeux"), default=list, blank=True)
    forms = models.JSONField(_("formes d’action"), default=list, blank=True)
    objective = models.CharField(_("objectif"), max_length=16, choices=Objective.choices, blank=True)
    audiences = models.JSONField(_("publics"), default=list, blank=True)
    territory = models.ForeignKey(
        "territories.Territory",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("territoire"),
    )
    # Denormalised from the territory, for the région and département facets.
    region = models.ForeignKey(
        "territories.Territory", models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    departement = models.ForeignKey(
        "territories.Territory", models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="authored_resources", verbose_name=_("auteurs")
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="resources",
        verbose_name=_("organisations contributrices"),
    )
    published = models.DateField(_("date de publication"), null=True, blank=True)
    license = models.CharField(_("licence"), max_length=40, choices=LICENSE_CHOICES, default=DEFAULT_LICENSE)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    review_message = models.TextField(_("message de relecture"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), default=timezone.now)
    submitted_at = models.DateTimeField(_("proposée le"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        ordering = ["-published", "-id"]
        indexes = [
            models.Index(fields=["status", "-published"], name="resource_status_published"),
            models.Index(fields=["status", "kind"], name="resource_status_kind"),
            # The région and département facets count from these alone.
            models.Index(fields=["status", "region"], name="resource_status_region"),
            models.Index(fields=["status", "departement"], name="resource_status_departement"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:resource-detail", kwargs={"slug": self.slug})

    def set_territory(self, territory: Any) -> None:
        """Set the territory and the région and département it lies in."""
        self.territory = territory
        self.region_id, self.departement_id = territory_parents(territory)

    # --- state
    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_archived(self) -> bool:
        return self.status == Status.ARCHIVED

    @property
    def is_editable_by_authors(self) -> bool:
        return self.status in (Status.DRAFT, Status.CHANGES_REQUESTED)

    def is_author(self, user: Any) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        return any(author.pk == user.pk for author in self.authors.all())

    def can_view(self, user: Any) -> bool:
        return self.is_public or user_is_editor(user) or self.is_author(user)

    def can_edit(self, user: Any) -> bool:
        return user_is_editor(user) or (self.is_author(user) and self.is_editable_by_authors)

    # --- labels
    def theme_labels(self) -> list[str]:
        return labels(Theme, self.themes)

    def form_labels(self) -> list[str]:
        return labels(ActionForm, self.forms)

    def audience_labels(self) -> list[str]:
        return labels(Audience, self.audiences)

    @property
    def license_label(self) -> str:
        return LICENSES.get(self.license, (self.license, ""))[0]

    @property
    def license_url(self) -> str:
        return LICENSES.get(self.license, ("", ""))[1]

    def snapshot(self) -> dict[str, Any]:
        """What a version keeps: the fields of the import format, plus objective and audiences."""
        return {
            "title": self.title,
            "kind": self.kind,
            "summary": self.summary,
            "body": self.body,
            "themes": list(self.themes),
            "forms": list(self.forms),
            "objective": self.objective,
            "audiences": list(self.audiences),
            "territory": self.territory.ref if self.territory_id and self.territory else None,
            "published": self.published.isoformat() if self.published else None,
            "license": self.license,
        }


def territory_parents(territory: Any) -> tuple[int | None, int | None]:
    """(région id, département id) of a territory, itself included."""
    if territory is None:
        return None, None
    region_id = territory.pk if territory.level == "region" else territory.region_id
    departement_id = territory.pk if territory.level == "departement" else territory.departement_id
    return region_id, departement_id


def resource_file_path(instance: ResourceFile, filename: str) -> str:
    return f"ressources/{timezone.now():%Y/%m}/{filename}"


class ResourceFile(models.Model):
    resource = models.ForeignKey(Resource, models.CASCADE, related_name="files", verbose_name=_("ressource"))
    file = models.FileField(_("fichier"), upload_to=resource_file_path, max_length=300)
    title = models.CharField(_("intitulé"), max_length=200, blank=True)
    original_name = models.CharField(_("nom d’origine"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    extension = models.CharField(_("extension"), max_length=8)
    size = models.PositiveBigIntegerField(_("taille (octets)"))
    download_count = models.PositiveIntegerField(_("téléchargements"), default=0)
    position = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("ajouté le"), default=timezone.now)

    class Meta:
        verbose_name = _("fichier de ressource")
        verbose_name_plural = _("fichiers de ressource")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse(
            "resources:file-download",
            kwargs={"slug": self.resource.slug, "pk": self.pk, "name": self.download_name},
        )

    @property
    def display_name(self) -> str:
        return self.title or self.original_name

    @property
    def download_name(self) -> str:
        return f"{self.resource.slug}-{self.pk}.{self.extension}"


class ResourceVersion(models.Model):
    """A snapshot of a published resource; restoring one makes a new version."""

    resource = models.ForeignKey(Resource, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("numéro"))
    data = models.JSONField(_("contenu"))
    message = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("version de ressource")
        verbose_name_plural = _("versions de ressource")
        ordering = ["resource", "-number"]
        constraints = [models.UniqueConstraint(fields=["resource", "number"], name="resource_version_unique")]

    def __str__(self) -> str:
        return f"{self.resource} — v{self.number}"


class CollectionQuerySet(models.QuerySet["Collection"]):
    def published(self) -> CollectionQuerySet:
        return self.filter(is_published=True)


class Collection(models.Model):
    """A reading path: resources in an order, with an introduction."""

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("adresse"), max_length=220, unique=True)
    intro = models.TextField(_("introduction"), blank=True)
    is_published = models.BooleanField(_("publiée"), default=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)

    objects = CollectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("parcours de lecture")
        verbose_name_plural = _("parcours de lecture")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:collection-detail", kwargs={"slug": self.slug})


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, models.CASCADE, related_name="items")
    resource = models.ForeignKey(Resource, models.CASCADE, related_name="collection_items")
    position = models.PositiveIntegerField(default=0)
    note = models.CharField(_("pourquoi la lire"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("étape du parcours")
        verbose_name_plural = _("étapes du parcours")
        ordering = ["collection", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["collection", "resource"], name="collection_item_unique")]

    def __str__(self) -> str:
        return f"{self.collection} — {self.position}. {self.resource}"


class Feedback(models.Model):
    """'Cette ressource vous a-t-elle été utile ?': one answer per person, or per session when signed out."""

    resource = models.ForeignKey(Resource, models.CASCADE, related_name="feedbacks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="+")
    session_key = models.CharField(max_length=64, blank=True)
    useful = models.BooleanField(_("utile"))
    comment = models.TextField(_("commentaire"), max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("avis sur une ressource")
        verbose_name_plural = _("avis sur les ressources")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "user"], condition=Q(user__isnull=False), name="feedback_one_per_user"
            ),
            models.UniqueConstraint(
                fields=["resource", "session_key"],
                condition=Q(user__isnull=True) & ~Q(session_key=""),
                name="feedback_one_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} — {'oui' if self.useful else 'non'}"
