"""The vocabularies of the registry, and their bit masks (the summary tables store sets as masks)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.models import OrganisationType


class Mode(models.TextChoices):
    """Modes of action (the seed's shares: 42 %, 30 %, 25 %, 16 %; a partnership may have several)."""

    PRATIQUES_RESPONSABLES = "pratiques_responsables", _("Pratiques responsables")
    MECENAT = "mecenat", _("Mécénat")
    COOPERATION_ECONOMIQUE = "cooperation_economique", _("Coopération économique")
    INNOVATION_SOCIETALE = "innovation_societale", _("Innovation sociétale")


class Theme(models.TextChoices):
    """The enjeux a partnership addresses."""

    ECONOMIQUE = "economique", _("Économique")
    SOCIAL = "social", _("Social")
    ENVIRONNEMENTAL = "environnemental", _("Environnemental")
    SOCIETAL = "societal", _("Sociétal")


class Status(models.TextChoices):
    DECLARED = "declared", _("Déclaré")
    CONFIRMED = "confirmed", _("Confirmé par un partenaire")
    ARCHIVED = "archived", _("Archivé")


class PartnerRole(models.TextChoices):
    PORTEUR = "porteur", _("Porteur")
    PARTENAIRE = "partenaire", _("Partenaire")
    FINANCEUR = "financeur", _("Financeur")
    BENEFICIAIRE = "beneficiaire", _("Bénéficiaire")


# Bit i of a mask is the i-th value of its vocabulary, in this order (never reorder: stored data).
MODE_KEYS: list[str] = list(Mode.values)
THEME_KEYS: list[str] = list(Theme.values)
ORG_TYPE_KEYS: list[str] = list(OrganisationType.values)

# The seed's national figures (mission.md §5).
SEED_TOTAL = 1_200_000
SEED_MODE_SHARES = {
    Mode.PRATIQUES_RESPONSABLES: 42,
    Mode.MECENAT: 30,
    Mode.COOPERATION_ECONOMIQUE: 25,
    Mode.INNOVATION_SOCIETALE: 16,
}
# The three eras of alliances in France (the seed): first and last year of each, for the year chart.
ERAS = [
    (1990, 1999, _("Le temps du mécénat")),
    (2003, 2012, _("Le temps des pratiques responsables")),
    (2015, 2026, _("Le temps de l’innovation sociétale")),
]
FIRST_YEAR = 1900
LAST_YEAR = 2100


def to_mask(values: Iterable[str], keys: list[str]) -> int:
    mask = 0
    for value in values:
        mask |= 1 << keys.index(value)
    return mask


def from_mask(mask: int, keys: list[str]) -> list[str]:
    return [key for index, key in enumerate(keys) if mask & (1 << index)]


def masks_with(bit_index: int, size: int) -> list[int]:
    """Every non-empty mask of `size` bits that has bit `bit_index` set."""
    return [mask for mask in range(1, 1 << size) if mask & (1 << bit_index)]
