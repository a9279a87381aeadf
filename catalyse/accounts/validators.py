"""Identifiers of French organisations: SIREN (INSEE) and RNA (associations)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste is the known exception to the Luhn key (its establishments' SIRETs do not follow it):
# always accept its SIREN, whatever the key says.
SIREN_LUHN_EXCEPTIONS = frozenset({"356000000"})
_SPACES = re.compile(r"[\s.\u00a0\u202f-]+")
_RNA = re.compile(r"W\d{9}")


def normalise_identifier(value: str | None) -> str:
    """'552 100 554' → '552100554', ' w423001234 ' → 'W423001234'."""
    return _SPACES.sub("", value or "").upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def validate_siren(value: str) -> None:
    siren = normalise_identifier(value)
    if not siren.isdigit() or len(siren) != 9:
        raise ValidationError(
            _("Le SIREN compte exactement 9 chiffres (par exemple 552 100 554)\u00a0; vérifiez votre saisie."),
            code="siren_format",
        )
    if siren not in SIREN_LUHN_EXCEPTIONS and not luhn_valid(siren):
        raise ValidationError(
            _(
                "Ce SIREN n’existe pas\u00a0: sa clé de contrôle est fausse. Vérifiez les 9 chiffres, "
                "par exemple sur l’Annuaire des entreprises (annuaire-entreprises.data.gouv.fr)."
            ),
            code="siren_checksum",
        )


def validate_rna(value: str) -> None:
    if not _RNA.fullmatch(normalise_identifier(value)):
        raise ValidationError(
            _("Le numéro RNA commence par la lettre W suivie de 9 chiffres (par exemple W423001234)."),
            code="rna_format",
        )
