"""The French administrative divisions: région → département → EPCI → commune."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    REGION = "region", _("Région")
    DEPARTEMENT = "departement", _("Département")
    EPCI = "epci", _("Intercommunalité (EPCI)")
    COMMUNE = "commune", _("Commune")


LEVEL_ORDER = [Level.REGION, Level.DEPARTEMENT, Level.EPCI, Level.COMMUNE]


class TerritoryQuerySet(models.QuerySet["Territory"]):
    def by_ref(self, ref: str) -> Territory:
        """`commune:42218`, `epci:200000172`, `departement:84`, `region:84` → the territory.

        Raises Territory.DoesNotExist (also for a malformed reference)."""
        level, _sep, code = (ref or "").partition(":")
        if level not in Level.values or not code:
            raise Territory.DoesNotExist(ref)
        return self.get(level=level, code=code)


class Territory(models.Model):
    level = models.CharField(_("niveau"), max_length=12, choices=Level.choices)
    code = models.CharField(_("code"), max_length=12, help_text=_("Code INSEE ; SIREN pour un EPCI."))
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    # Sub-kind: commune-actuelle, arrondissement-municipal, CC/CA/CU/METRO/MET69…
    kind = models.CharField(_("type"), max_length=32, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    postal_codes = models.CharField(_("codes postaux"), max_length=400, blank=True)
    zone = models.CharField(_("zone"), max_length=12, blank=True)  # metro, drom, com
    region = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", limit_choices_to={"level": Level.REGION}
    )
    departement = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", limit_choices_to={"level": Level.DEPARTEMENT}
    )
    epci = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", limit_choices_to={"level": Level.EPCI}
    )
    # A municipal arrondissement (Paris, Lyon, Marseille) belongs to its commune.
    commune = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", limit_choices_to={"level": Level.COMMUNE}
    )
    search_name = models.CharField(max_length=200, db_index=True, editable=False)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        constraints = [models.UniqueConstraint(fields=["level", "code"], name="territory_level_code_unique")]
        indexes = [models.Index(fields=["level", "-population"], name="territory_level_pop")]
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "territories:territory-detail", kwargs={"level": self.level, "code": self.code, "slug": self.slug}
        )

    @property
    def ref(self) -> str:
        return f"{self.level}:{self.code}"


class TerritoryAlias(models.Model):
    """Another name of a territory: a delegated or associated commune, a former name."""

    territory = models.ForeignKey(Territory, models.CASCADE, related_name="aliases")
    name = models.CharField(_("nom"), max_length=200)
    code = models.CharField(_("code"), max_length=12, blank=True)
    kind = models.CharField(_("type"), max_length=32, blank=True)
    search_name = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        verbose_name = _("autre nom de territoire")
        verbose_name_plural = _("autres noms de territoires")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} → {self.territory}"
