"""The French administrative divisions: région → département → EPCI → commune."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    REGION = "region", _("Région")
    DEPARTEMENT = "departement", _("Département")
    EPCI = "epci", _("Intercommunalité (EPCI)")
    COMMUNE = "commune", _("Commune")


LEVEL_ORDER = [Level.REGION, Level.DEPARTEMENT, Level.EPCI, Level.COMMUNE]

KIND_LABELS = {
    "commune-actuelle": _("Commune"),
    "arrondissement-municipal": _("Arrondissement municipal"),
    "commune-deleguee": _("Commune déléguée"),
    "commune-associee": _("Commune associée"),
    "CC": _("Communauté de communes"),
    "CA": _("Communauté d’agglomération"),
    "CU": _("Communauté urbaine"),
    "METRO": _("Métropole"),
    "MET69": _("Métropole à statut particulier"),
    "collectivite-outre-mer": _("Collectivité d’outre-mer"),
}


class FoldedField(models.CharField):
    """Folded ASCII text (`catalyse.lib.text.fold`) compared byte by byte on every database.

    PostgreSQL gets the "C" collation so that prefix range queries (`term >= 'sai' AND term < 'saj'`)
    and ORDER BY give the same answers as SQLite's binary comparison, whatever the database locale."""

    def db_parameters(self, connection: BaseDatabaseWrapper) -> dict[str, Any]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


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
    search_name = FoldedField(max_length=200, db_index=True, editable=False)
    # Position in the order "most populated first" (then level, code): a total order, the same on every database.
    search_rank = models.PositiveIntegerField(default=0, editable=False)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        constraints = [models.UniqueConstraint(fields=["level", "code"], name="territory_level_code_unique")]
        indexes = [
            models.Index(fields=["level", "-population"], name="territory_level_pop"),
            models.Index(fields=["code"], name="territory_code"),
        ]
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

    @property
    def postal_code_list(self) -> list[str]:
        return self.postal_codes.split()

    @property
    def kind_label(self) -> str:
        """What this territory is, in words: "Communauté de communes", "Arrondissement municipal"…"""
        return str(KIND_LABELS.get(self.kind) or self.get_level_display())

    def label(self, *, alias: str | None = None, alias_kind: str = "") -> str:
        """The name with what tells homonyms apart: "Saint-Étienne (42)", "Loire (42)", "Auvergne-Rhône-Alpes".

        Reads `departement` (select_related it for lists)."""
        if self.level == Level.DEPARTEMENT:
            text = f"{self.name} ({self.code})"
        elif self.level == Level.REGION or self.departement is None:
            text = self.name
        else:
            text = f"{self.name} ({self.departement.code})"
        if alias:
            kind = str(KIND_LABELS.get(alias_kind, _("autre nom")))
            text = f"{text} — {alias}, {kind[:1].lower()}{kind[1:]}"
        return text

    def parents(self) -> list[Territory]:
        """Région → département → EPCI → commune above this territory (loaded by select_related)."""
        candidates = [self.region, self.departement, self.epci, self.commune]
        return [parent for parent in candidates if parent is not None and parent.pk != self.pk]


class TerritoryAlias(models.Model):
    """Another name of a territory: a delegated or associated commune, a former name."""

    territory = models.ForeignKey(Territory, models.CASCADE, related_name="aliases")
    name = models.CharField(_("nom"), max_length=200)
    code = models.CharField(_("code"), max_length=12, blank=True)
    kind = models.CharField(_("type"), max_length=32, blank=True)
    search_name = FoldedField(max_length=200, db_index=True, editable=False)

    class Meta:
        verbose_name = _("autre nom de territoire")
        verbose_name_plural = _("autres noms de territoires")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} → {self.territory}"

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, _("Autre nom")))


# The search index: derived from the territories by `services.territories_load()`, never edited by hand.
# Every row carries the territory's level and search rank so that one index range answers a keystroke.


class SearchTermKind(models.IntegerChoices):
    NAME = 0, "name"
    NAME_VARIANT = 1, "name variant"  # abbreviations spelled out, or separators removed
    ALIAS = 2, "alias"


class TerritorySearchName(models.Model):
    """A folded full name of a territory (its name, a variant of it, or an alias): exact and prefix matches."""

    territory = models.ForeignKey(Territory, models.CASCADE, related_name="+")
    term = FoldedField(max_length=200)
    kind = models.PositiveSmallIntegerField(choices=SearchTermKind.choices)
    level = models.CharField(max_length=12, choices=Level.choices)
    rank = models.PositiveIntegerField()

    class Meta:
        indexes = [
            # Covering: a prefix range is answered from the index alone.
            models.Index(fields=["term", "level", "rank", "territory"], name="territory_sname_cover"),
        ]

    def __str__(self) -> str:
        return self.term


class TerritorySearchWord(models.Model):
    """One folded word of a territory's names, or one of its postal codes: word-prefix matches."""

    territory = models.ForeignKey(Territory, models.CASCADE, related_name="+", db_index=False)
    word = FoldedField(max_length=60)
    level = models.CharField(max_length=12, choices=Level.choices)
    rank = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["word", "level", "rank", "territory"], name="territory_sword_cover"),
            models.Index(fields=["territory", "word"], name="territory_sword_territory"),
        ]

    def __str__(self) -> str:
        return self.word


class TerritoryWordVariant(models.Model):
    """A word of the vocabulary with one letter deleted (or the word itself): finds words one typo away."""

    variant = FoldedField(max_length=60)
    word = FoldedField(max_length=60)

    class Meta:
        indexes = [models.Index(fields=["variant", "word"], name="territory_wvariant_variant")]

    def __str__(self) -> str:
        return f"{self.variant} → {self.word}"
