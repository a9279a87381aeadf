"""The registry of partnerships, and the summary tables of the observatory (kept in step by services.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalyse.partnerships.choices import (
    MODE_KEYS,
    ORG_TYPE_KEYS,
    THEME_KEYS,
    Mode,
    PartnerRole,
    Status,
    Theme,
    from_mask,
    masks_with,
)

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 4000


class PartnershipQuerySet(models.QuerySet["Partnership"]):
    def counted(self) -> PartnershipQuerySet:
        """What the observatory and the export count: partnerships confirmed by a partner."""
        return self.filter(status=Status.CONFIRMED)

    def listed(self) -> PartnershipQuerySet:
        """The public registry: confirmed and public."""
        return self.filter(status=Status.CONFIRMED, is_public=True)

    def visible_to(self, user: Any) -> PartnershipQuerySet:
        """Public confirmed partnerships, and every partnership of the person's organisations."""
        if not getattr(user, "is_authenticated", False):
            return self.listed()
        own = Q(partners__organisation__memberships__user=user, partners__organisation__memberships__status="active")
        own_ids = self.model.objects.filter(own).values("pk")
        return self.filter(Q(status=Status.CONFIRMED, is_public=True) | Q(pk__in=own_ids))

    def with_mode(self, mode: str) -> PartnershipQuerySet:
        return self.filter(modes__in=masks_with(MODE_KEYS.index(mode), len(MODE_KEYS)))

    def with_theme(self, theme: str) -> PartnershipQuerySet:
        return self.filter(themes__in=masks_with(THEME_KEYS.index(theme), len(THEME_KEYS)))

    def with_org_type(self, org_type: str) -> PartnershipQuerySet:
        return self.filter(org_types__in=masks_with(ORG_TYPE_KEYS.index(org_type), len(ORG_TYPE_KEYS)))

    def in_territory(self, level: str, code: str) -> PartnershipQuerySet:
        column = {"region": "region_code", "departement": "departement_code", "epci": "epci_code"}.get(
            level, "commune_code"
        )
        return self.filter(**{column: code})


class Partnership(models.Model):
    title = models.CharField(_("intitulé"), max_length=TITLE_MAX_LENGTH)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    # Sets stored as bit masks (choices.py): the summary tables group by them.
    modes = models.PositiveSmallIntegerField(_("modes d’action"))
    themes = models.PositiveSmallIntegerField(_("enjeux"), default=0)
    org_types = models.PositiveSmallIntegerField(_("types des partenaires"), default=0, editable=False)
    territory = models.ForeignKey(
        "territories.Territory",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("territoire"),
        help_text=_("Une commune, ou un territoire plus large. Vide : portée nationale."),
    )
    # The territory's codes at each level, copied at save: the export and the summary tables need no join.
    region_code = models.CharField(max_length=3, blank=True, editable=False)
    departement_code = models.CharField(max_length=3, blank=True, editable=False)
    epci_code = models.CharField(max_length=9, blank=True, editable=False)
    commune_code = models.CharField(max_length=5, blank=True, editable=False)
    start_year = models.PositiveSmallIntegerField(_("année de début"))
    end_year = models.PositiveSmallIntegerField(_("année de fin"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.DECLARED)
    is_public = models.BooleanField(_("public"), default=True)
    generated = models.BooleanField(default=False, editable=False)  # synthetic data (generate_partnerships)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    declared_by_organisation = models.ForeignKey(
        "accounts.Organisation", models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("déclaré le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mis à jour le"), default=timezone.now, editable=False)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partenariat")
        verbose_name_plural = _("partenariats")
        ordering = ["-start_year", "-id"]
        indexes = [
            # The public registry, newest first (a partial index: the condition is the listing's filter).
            models.Index(
                fields=["-start_year", "-id"],
                condition=Q(status="confirmed", is_public=True),
                name="partnership_listed",
            ),
            models.Index(fields=["region_code", "start_year", "id"], name="partnership_region_year"),
            models.Index(fields=["departement_code", "start_year", "id"], name="partnership_dep_year"),
            models.Index(fields=["epci_code", "start_year", "id"], name="partnership_epci_year"),
            models.Index(fields=["commune_code", "start_year", "id"], name="partnership_commune_year"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(modes__gt=0), name="partnership_has_mode"),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=models.F("start_year")),
                name="partnership_years_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:partnership-detail", kwargs={"pk": self.pk})

    @property
    def mode_list(self) -> list[str]:
        return from_mask(self.modes, MODE_KEYS)

    @property
    def theme_list(self) -> list[str]:
        return from_mask(self.themes, THEME_KEYS)

    @property
    def org_type_list(self) -> list[str]:
        return from_mask(self.org_types, ORG_TYPE_KEYS)

    def mode_labels(self) -> list[str]:
        return [str(Mode(m).label) for m in self.mode_list]

    def theme_labels(self) -> list[str]:
        return [str(Theme(t).label) for t in self.theme_list]

    @property
    def is_counted(self) -> bool:
        return self.status == Status.CONFIRMED

    def set_territory_codes(self) -> None:
        """Copy the codes of the territory at each level (an arrondissement counts for its commune)."""
        territory = self.territory
        self.region_code = self.departement_code = self.epci_code = self.commune_code = ""
        if territory is None:
            return
        level = territory.level
        self.region_code = territory.code if level == "region" else (territory.region.code if territory.region else "")
        if level == "departement":
            self.departement_code = territory.code
        elif level in ("epci", "commune") and territory.departement:
            self.departement_code = territory.departement.code
        if level == "epci":
            self.epci_code = territory.code
        elif level == "commune" and territory.epci:
            self.epci_code = territory.epci.code
        if level == "commune":
            self.commune_code = territory.commune.code if territory.commune else territory.code


class PartnershipPartner(models.Model):
    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "accounts.Organisation", models.CASCADE, related_name="partnership_links", verbose_name=_("organisation")
    )
    role = models.CharField(_("rôle"), max_length=16, choices=PartnerRole.choices, default=PartnerRole.PARTENAIRE)

    class Meta:
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="partnership_partner_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} ({self.role})"


class Indicator(models.Model):
    """An outcome or impact indicator: name, value, unit, date."""

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicateur"), max_length=200)
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unité"), max_length=40, blank=True)
    date = models.DateField(_("date de la mesure"))

    class Meta:
        verbose_name = _("indicateur de résultat")
        verbose_name_plural = _("indicateurs de résultat")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.name} : {self.value} {self.unit}".strip()


# ---------------------------------------------------------------- summary tables


class Grain(models.IntegerChoices):
    """The territorial level a summary row is kept at."""

    NATIONAL = 0, "national"
    REGION = 1, "region"
    DEPARTEMENT = 2, "departement"
    EPCI = 3, "epci"
    COMMUNE = 4, "commune"


# Rollup rows: year 0 sums every year, modes 0 sums every set of modes. They are kept for the coarse
# grains only, where a query without years (or without a mode) would otherwise scan most rows.
ALL_YEARS = 0
ALL_MODES = 0
ROLLUP_GRAINS = (Grain.NATIONAL, Grain.REGION, Grain.DEPARTEMENT)


class ObservatoryCell(models.Model):
    """How many counted partnerships (and how many of them public) have this start year and this set of
    modes, in this territory (`code`, at level `grain`; with the codes of the levels above it as the
    partnership has them: an EPCI that straddles départements has one row per département). Every
    partnership is in one row per grain it reaches (plus the rollups), so that a sum over one grain counts
    each partnership once: `total` is exact, whatever the filters."""

    grain = models.PositiveSmallIntegerField(choices=Grain.choices)
    code = models.CharField(max_length=9)
    region = models.CharField(max_length=3)
    departement = models.CharField(max_length=3)
    epci = models.CharField(max_length=9)
    year = models.PositiveSmallIntegerField()
    modes = models.PositiveSmallIntegerField()
    count = models.IntegerField(default=0)
    public_count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "code", "modes", "year", "region", "departement", "epci"], name="obs_cell_unique"
            )
        ]
        # Covering indexes (the rows are never read from the table itself): one territory's rows, and a
        # grain's rows grouped by territory nationally, or within a région, a département or an EPCI.
        indexes = [
            models.Index(
                fields=["grain", "code", "modes", "year", "region", "departement", "epci", "count", "public_count"],
                name="obs_cell_territory",
            ),
            models.Index(fields=["grain", "modes", "year", "code", "count", "public_count"], name="obs_cell_national"),
            models.Index(
                fields=["grain", "region", "modes", "year", "code", "count", "public_count"], name="obs_cell_in_region"
            ),
            models.Index(
                fields=["grain", "departement", "modes", "year", "code", "count", "public_count"],
                name="obs_cell_in_departement",
            ),
            models.Index(
                fields=["grain", "epci", "modes", "year", "code", "count", "public_count"], name="obs_cell_in_epci"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grain}:{self.code} {self.year} {self.modes} = {self.count}"


class FacetDimension(models.IntegerChoices):
    ORG_TYPE = 0, "org_type"
    THEME = 1, "theme"


class ObservatoryFacetCell(models.Model):
    """As ObservatoryCell, once per distinct value of a set dimension (the partners' types, the enjeux):
    a partnership counts once in each of its values' rows."""

    grain = models.PositiveSmallIntegerField(choices=Grain.choices)
    code = models.CharField(max_length=9)
    region = models.CharField(max_length=3)
    departement = models.CharField(max_length=3)
    epci = models.CharField(max_length=9)
    dimension = models.PositiveSmallIntegerField(choices=FacetDimension.choices)
    year = models.PositiveSmallIntegerField()
    modes = models.PositiveSmallIntegerField()
    value = models.PositiveSmallIntegerField()  # the bit index of the value in its vocabulary
    count = models.IntegerField(default=0)
    public_count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "code", "dimension", "modes", "year", "value", "region", "departement", "epci"],
                name="obs_facet_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.grain}:{self.code} {self.dimension}={self.value} {self.year} = {self.count}"
