"""People and their accounts, profiles, organisations and memberships."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.validators import normalise_identifier, validate_rna, validate_siren
from catalyse.lib.text import fold

BIO_MAX_LENGTH = 800
SKILL_MAX_LENGTH = 40
SKILLS_MAX = 12
ORGANISATION_DESCRIPTION_MAX_LENGTH = 2000


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("Une adresse électronique est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person. Signs in with an email address; no username."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("adresse électronique"), unique=True)
    # Set when the person erased their account: the row stays, anonymised, so that
    # contributions keep a (nameless) author.
    erased_at = models.DateTimeField(_("compte supprimé le"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")

    def __str__(self) -> str:
        return self.display_name if (self.erased_at or self.get_full_name()) else self.email

    @property
    def display_name(self) -> str:
        """The name shown to others: never the email address."""
        if self.erased_at:
            return str(_("Compte supprimé"))
        return self.get_full_name() or str(_("Membre du réseau"))


# The worlds a person acts from (the programme's "mondes différents").
class World(models.TextChoices):
    COLLECTIVITE = "collectivite", _("Collectivité territoriale")
    ASSOCIATION = "association", _("Association")
    ENTREPRISE = "entreprise", _("Entreprise")
    ACADEMIQUE = "academique", _("Monde académique")
    ACTEUR_PUBLIC = "acteur_public", _("Acteur public")
    CITOYEN = "citoyen", _("Citoyen ou citoyenne")


class Theme(models.TextChoices):
    ECONOMIQUE = "economique", _("Économique")
    SOCIAL = "social", _("Social")
    ENVIRONNEMENTAL = "environnemental", _("Environnemental")
    SOCIETAL = "societal", _("Sociétal")


class Skill(models.Model):
    """A short free tag; `key` folds case, accents and spacing so that 'ESS' and 'ess' are one skill."""

    name = models.CharField(_("compétence"), max_length=SKILL_MAX_LENGTH)
    key = models.CharField(max_length=SKILL_MAX_LENGTH, unique=True, editable=False)

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.key = self.make_key(self.name)
        super().save(*args, **kwargs)

    @staticmethod
    def make_key(name: str) -> str:
        return fold(name)[:SKILL_MAX_LENGTH]


class ProfileQuerySet(models.QuerySet["Profile"]):
    def in_directory(self) -> ProfileQuerySet:
        """People who agreed to appear in the network directory."""
        return self.filter(directory_consent=True, user__is_active=True, user__erased_at__isnull=True)

    def with_theme(self, theme: str) -> ProfileQuerySet:
        # A JSON list of keys: matching the quoted key works on SQLite and PostgreSQL alike.
        return self.filter(themes__icontains=f'"{theme}"')


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="profile")
    world = models.CharField(_("monde d’où vous agissez"), max_length=20, choices=World.choices, blank=True)
    territory = models.ForeignKey(
        "territories.Territory",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("territoire"),
    )
    bio = models.TextField(_("présentation"), max_length=BIO_MAX_LENGTH, blank=True)
    themes = models.JSONField(_("enjeux qui vous intéressent"), default=list, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="profiles", verbose_name=_("compétences"))
    # Denormalised from the last ConsentRecord for the directory, so that listing it is one query.
    directory_consent = models.BooleanField(_("visible dans l’annuaire du réseau"), default=False)
    directory_consent_at = models.DateTimeField(_("consentement à l’annuaire le"), null=True, blank=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profils")
        permissions = [("view_people_list", _("Voir la liste des personnes du réseau"))]

    def __str__(self) -> str:
        return self.user.display_name

    def get_absolute_url(self) -> str:
        return reverse("accounts:member-detail", kwargs={"pk": self.user_id})

    @property
    def is_complete(self) -> bool:
        return bool(self.user.first_name and self.user.last_name and self.world)

    def theme_labels(self) -> list[str]:
        return [str(Theme(t).label) for t in self.themes if t in Theme.values]


class ConsentPurpose(models.TextChoices):
    DIRECTORY = "directory", _("Annuaire du réseau")


# Every text a person may agree to, by version: append a new version, never edit an old one.
CONSENT_TEXTS: dict[str, dict[str, str]] = {
    ConsentPurpose.DIRECTORY: {
        "annuaire-2026-01": (
            "J’accepte que mon nom, mon monde, mon territoire, mes organisations, ma présentation, "
            "mes compétences et mes enjeux apparaissent dans l’annuaire du réseau des catalyseurs "
            "territoriaux, visible des visiteurs du site. Je peux retirer mon accord à tout moment "
            "depuis mon profil."
        ),
    },
}
CURRENT_CONSENT_VERSIONS = {ConsentPurpose.DIRECTORY: "annuaire-2026-01"}


class ConsentRecord(models.Model):
    """One decision of a person: agreed or withdrew, to which text version, when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="consents")
    purpose = models.CharField(_("objet"), max_length=20, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("accordé"))
    text_version = models.CharField(_("version du texte"), max_length=40)
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("consentement")
        verbose_name_plural = _("consentements")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "purpose", "-created_at"], name="consent_user_purpose")]

    def __str__(self) -> str:
        verb = _("accordé") if self.granted else _("retiré")
        return f"{self.get_purpose_display()} — {verb} ({self.text_version})"

    @property
    def text(self) -> str:
        return CONSENT_TEXTS.get(self.purpose, {}).get(self.text_version, "")


# The keys are part of the observatory's contract (`org_type`).
class OrganisationType(models.TextChoices):
    ENTREPRISE = "entreprise", _("Entreprise")
    ASSOCIATION = "association", _("Association")
    COLLECTIVITE = "collectivite", _("Collectivité territoriale")
    ETABLISSEMENT_PUBLIC = "etablissement_public", _("Établissement public")
    ACADEMIQUE = "academique", _("Établissement d’enseignement ou de recherche")
    FONDATION = "fondation", _("Fondation")
    AUTRE = "autre", _("Autre")


# INSEE's size categories, by headcount.
class SizeBand(models.TextChoices):
    MICRO = "micro", _("Moins de 10 personnes")
    SMALL = "small", _("10 à 49 personnes")
    MEDIUM = "medium", _("50 à 249 personnes")
    INTERMEDIATE = "intermediate", _("250 à 4\u00a0999 personnes")
    LARGE = "large", _("5\u00a0000 personnes ou plus")


SIREN_REQUIRED_TYPES = {OrganisationType.ENTREPRISE, OrganisationType.COLLECTIVITE}


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def with_member_count(self) -> OrganisationQuerySet:
        return self.annotate(member_count=Count("memberships", filter=Q(memberships__status="active"), distinct=True))


class Organisation(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("adresse"), max_length=220, unique=True)
    org_type = models.CharField(_("type d’organisation"), max_length=24, choices=OrganisationType.choices)
    size = models.CharField(_("taille"), max_length=16, choices=SizeBand.choices, blank=True)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, validators=[validate_siren])
    rna = models.CharField(_("numéro RNA"), max_length=10, blank=True, validators=[validate_rna])
    territory = models.ForeignKey(
        "territories.Territory",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("territoire"),
    )
    website = models.URLField(_("site web"), blank=True)
    description = models.TextField(_("présentation"), max_length=ORGANISATION_DESCRIPTION_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["siren"], condition=~Q(siren=""), name="organisation_siren_unique"),
            models.UniqueConstraint(fields=["rna"], condition=~Q(rna=""), name="organisation_rna_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:organisation-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        self.siren = normalise_identifier(self.siren)
        self.rna = normalise_identifier(self.rna)
        errors: dict[str, Any] = {}
        if self.org_type in SIREN_REQUIRED_TYPES and not self.siren:
            errors["siren"] = ValidationError(
                _("Indiquez le SIREN (9 chiffres) : il est obligatoire pour une entreprise ou une collectivité."),
                code="siren_required",
            )
        if self.rna and self.org_type != OrganisationType.ASSOCIATION:
            errors["rna"] = ValidationError(
                _("Le numéro RNA ne concerne que les associations : laissez ce champ vide."), code="rna_not_association"
            )
        if errors:
            raise ValidationError(errors)

    def membership_of(self, user: Any) -> Membership | None:
        if not getattr(user, "is_authenticated", False):
            return None
        return self.memberships.filter(user=user).first()

    def is_admin(self, user: Any) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        return self.memberships.filter(user=user, role=MemberRole.ADMIN, status=MemberStatus.ACTIVE).exists()


class MemberRole(models.TextChoices):
    ADMIN = "admin", _("Administrateur de l’organisation")
    MEMBER = "member", _("Membre")


class MemberStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    ACTIVE = "active", _("Active")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(status=MemberStatus.ACTIVE)

    def pending(self) -> MembershipQuerySet:
        return self.filter(status=MemberStatus.PENDING)

    def admins(self) -> MembershipQuerySet:
        return self.filter(status=MemberStatus.ACTIVE, role=MemberRole.ADMIN)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    status = models.CharField(_("statut"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.PENDING)
    title = models.CharField(_("fonction"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    decided_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("appartenance à une organisation")
        verbose_name_plural = _("appartenances à une organisation")
        ordering = ["organisation__name", "created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == MemberStatus.ACTIVE

    @property
    def is_admin(self) -> bool:
        return self.is_active and self.role == MemberRole.ADMIN
