"""Needs and offers that organisations publish, the denormalised card of each organisation that makes
suggestions fast, and the contacts people make from a need to a suggested organisation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.models import OrganisationType, Theme

TITLE_MAX_LENGTH = 140
DESCRIPTION_MAX_LENGTH = 3000
CONTACT_MESSAGE_MAX_LENGTH = 2000


class Direction(models.TextChoices):
    NEED = "need", _("Besoin")
    OFFER = "offer", _("Offre")


class Kind(models.TextChoices):
    COMPETENCES = "competences", _("Compétences")
    BENEVOLES = "benevoles", _("Bénévoles")
    FINANCEMENT = "financement", _("Financement")
    LOCAUX = "locaux", _("Locaux")
    MATERIEL = "materiel", _("Matériel")
    EXPERTISE = "expertise", _("Expertise")
    ACCES_MARCHE = "acces_marche", _("Accès au marché")


# What an organisation that offers this kind "propose" (in a suggestion's reason).
KIND_OFFERS = {
    Kind.COMPETENCES: _("propose des compétences"),
    Kind.BENEVOLES: _("propose des bénévoles"),
    Kind.FINANCEMENT: _("propose un financement"),
    Kind.LOCAUX: _("propose des locaux"),
    Kind.MATERIEL: _("propose du matériel"),
    Kind.EXPERTISE: _("propose son expertise"),
    Kind.ACCES_MARCHE: _("propose un accès au marché"),
}


class Status(models.TextChoices):
    OPEN = "open", _("Ouvert")
    CLOSED = "closed", _("Clos")


# The worlds of organisations (the programme's "mondes différents"), from their type.
class OrgWorld(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    ENTREPRISE = "entreprise", _("Entreprise")
    COLLECTIVITE = "collectivite", _("Collectivité")
    ACTEUR_PUBLIC = "acteur_public", _("Acteur public")
    ACADEMIQUE = "academique", _("Établissement académique")
    AUTRE = "autre", _("Organisation")


WORLD_OF_TYPE: dict[str, str] = {
    OrganisationType.ASSOCIATION: OrgWorld.ASSOCIATION,
    OrganisationType.FONDATION: OrgWorld.ASSOCIATION,
    OrganisationType.ENTREPRISE: OrgWorld.ENTREPRISE,
    OrganisationType.COLLECTIVITE: OrgWorld.COLLECTIVITE,
    OrganisationType.ETABLISSEMENT_PUBLIC: OrgWorld.ACTEUR_PUBLIC,
    OrganisationType.ACADEMIQUE: OrgWorld.ACADEMIQUE,
    OrganisationType.AUTRE: OrgWorld.AUTRE,
}

# Bit i of a mask is the i-th value of its vocabulary, in this order (never reorder: stored data).
THEME_KEYS: list[str] = list(Theme.values)
KIND_KEYS: list[str] = list(Kind.values)


def to_mask(values: Iterable[str], keys: list[str]) -> int:
    mask = 0
    for value in values:
        mask |= 1 << keys.index(value)
    return mask


def from_mask(mask: int, keys: list[str]) -> list[str]:
    return [key for index, key in enumerate(keys) if mask & (1 << index)]


def masks_with(bit: int, size: int) -> list[int]:
    """Every mask of `size` bits with bit `bit` set (an IN list any database answers from an index)."""
    return [mask for mask in range(1, 1 << size) if mask & (1 << bit)]


def masks_meeting(mask: int, size: int) -> list[int]:
    """Every mask of `size` bits sharing at least one bit with `mask`."""
    return [value for value in range(1, 1 << size) if value & mask]


def world_of(org_type: str) -> str:
    return WORLD_OF_TYPE.get(org_type, OrgWorld.AUTRE)


def territory_scope(territory: Any) -> Q:
    """Listings in a territory and in the places it contains."""
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


class ListingQuerySet(models.QuerySet["Listing"]):
    def open(self) -> ListingQuerySet:
        return self.filter(status=Status.OPEN)

    def needs(self) -> ListingQuerySet:
        return self.filter(direction=Direction.NEED)

    def offers(self) -> ListingQuerySet:
        return self.filter(direction=Direction.OFFER)

    def with_theme(self, theme: str) -> ListingQuerySet:
        return self.filter(themes__in=masks_with(THEME_KEYS.index(theme), len(THEME_KEYS)))

    def in_territory(self, territory: Any) -> ListingQuerySet:
        return self.filter(territory_scope(territory))

    def for_list(self) -> ListingQuerySet:
        return self.select_related("organisation", "territory", "territory__departement")


class Listing(models.Model):
    """A need or an offer of an organisation: what it looks for, or what it can give."""

    organisation = models.ForeignKey(
        "accounts.Organisation", models.CASCADE, related_name="listings", verbose_name=_("organisation")
    )
    direction = models.CharField(_("sens"), max_length=8, choices=Direction.choices)
    kind = models.CharField(_("nature"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=TITLE_MAX_LENGTH)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH)
    themes = models.PositiveSmallIntegerField(_("enjeux"), default=0)
    territory = models.ForeignKey(
        "territories.Territory", models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("territoire")
    )
    # The territory's parents, denormalised for "in this territory" filters (as the events do).
    region = models.ForeignKey("territories.Territory", models.PROTECT, null=True, blank=True, related_name="+")
    departement = models.ForeignKey("territories.Territory", models.PROTECT, null=True, blank=True, related_name="+")
    epci = models.ForeignKey("territories.Territory", models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(_("statut"), max_length=8, choices=Status.choices, default=Status.OPEN)
    ends_on = models.DateField(_("jusqu’au"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("publié le"), default=timezone.now)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("besoin ou offre")
        verbose_name_plural = _("besoins et offres")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "direction", "-created_at"], name="listing_status_dir"),
            models.Index(fields=["organisation", "status"], name="listing_org_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("matching:listing-detail", kwargs={"pk": self.pk})

    @property
    def is_need(self) -> bool:
        return self.direction == Direction.NEED

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    def theme_list(self) -> list[str]:
        return from_mask(self.themes, THEME_KEYS)

    def theme_labels(self) -> list[str]:
        return [str(Theme(key).label) for key in self.theme_list()]

    def set_territory(self, territory: Any) -> None:
        self.territory = territory
        if territory is None:
            self.region_id = self.departement_id = self.epci_id = None
            return
        self.region_id = territory.pk if territory.level == "region" else territory.region_id
        self.departement_id = territory.pk if territory.level == "departement" else territory.departement_id
        self.epci_id = territory.pk if territory.level == "epci" else territory.epci_id


class OrganisationCard(models.Model):
    """One row per organisation with what suggestions rank on, kept in step by `services.card_refresh`
    (organisation saved, listing written): world, the territory's rings, theme and offer masks."""

    organisation = models.OneToOneField(
        "accounts.Organisation", models.CASCADE, primary_key=True, related_name="matching_card"
    )
    world = models.CharField(max_length=16)
    # Territory ids of the rings (0 when the organisation has no territory at that level).
    epci_id = models.PositiveIntegerField(default=0)
    departement_id = models.PositiveIntegerField(default=0)
    region_id = models.PositiveIntegerField(default=0)
    themes = models.PositiveSmallIntegerField(default=0)  # its open listings' enjeux
    offer_kinds = models.PositiveSmallIntegerField(default=0)  # the kinds of its open offers

    class Meta:
        # Per ring, the enjeux mask then the id: the suggestion queries read these indexes only, in order.
        indexes = [
            models.Index(
                fields=["epci_id", "themes", "organisation_id", "world", "offer_kinds"], name="card_epci_themes"
            ),
            models.Index(
                fields=["departement_id", "themes", "organisation_id", "world", "offer_kinds", "epci_id"],
                name="card_dep_themes",
            ),
            models.Index(
                fields=["region_id", "themes", "organisation_id", "world", "offer_kinds", "departement_id"],
                name="card_region_themes",
            ),
            models.Index(
                fields=["themes", "organisation_id", "world", "offer_kinds", "region_id"], name="card_france_themes"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} ({self.world})"


class OfferCard(models.Model):
    """One row per organisation and kind it offers (open offers), with the same columns as its card: the
    organisations offering what a need asks for are found by equality on the kind, ring by ring."""

    organisation = models.ForeignKey("accounts.Organisation", models.CASCADE, related_name="+")
    kind = models.PositiveSmallIntegerField()  # index in KIND_KEYS
    world = models.CharField(max_length=16)
    epci_id = models.PositiveIntegerField(default=0)
    departement_id = models.PositiveIntegerField(default=0)
    region_id = models.PositiveIntegerField(default=0)
    themes = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "kind"], name="offercard_org_kind_unique")]
        indexes = [
            models.Index(fields=["kind", "epci_id", "themes", "organisation", "world"], name="offer_epci_themes"),
            models.Index(
                fields=["kind", "departement_id", "themes", "organisation", "world", "epci_id"],
                name="offer_dep_themes",
            ),
            models.Index(
                fields=["kind", "region_id", "themes", "organisation", "world", "departement_id"],
                name="offer_region_themes",
            ),
            models.Index(fields=["kind", "themes", "organisation", "world", "region_id"], name="offer_france_themes"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} offers {self.kind}"


class Contact(models.Model):
    """A person wrote, from their organisation's need, to a suggested organisation."""

    class Channel(models.TextChoices):
        MESSAGE = "message", _("Message privé")
        EMAIL = "email", _("Courriel aux membres")

    listing = models.ForeignKey(Listing, models.CASCADE, related_name="contacts")
    organisation = models.ForeignKey("accounts.Organisation", models.CASCADE, related_name="matching_contacts_received")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="matching_contacts"
    )
    message = models.TextField(_("message"), max_length=CONTACT_MESSAGE_MAX_LENGTH)
    channel = models.CharField(_("par"), max_length=8, choices=Channel.choices)
    recipients = models.PositiveSmallIntegerField(_("destinataires"), default=0)
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("mise en relation")
        verbose_name_plural = _("mises en relation")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "organisation"], name="contact_listing_org_unique"),
        ]
        indexes = [models.Index(fields=["sender", "-created_at"], name="contact_sender_recent")]

    def __str__(self) -> str:
        return f"{self.listing_id} → {self.organisation_id}"
