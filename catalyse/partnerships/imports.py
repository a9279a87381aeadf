"""CSV import of partnerships: the whole file or nothing, each error naming its line and column.

Columns (header required, `;` between the values of a multi-valued cell):
  title, description, modes, themes, territory (LEVEL:CODE or empty), start_year, end_year,
  status (declared | confirmed | archived; confirmed when empty), public (oui/non, 1/0, true/false),
  partners (organisation slugs with their role: `slug:porteur;slug:partenaire`; the first one declares)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from catalyse.accounts.models import Organisation
from catalyse.partnerships.choices import MODE_KEYS, THEME_KEYS, PartnerRole, Status
from catalyse.partnerships.filters import TERRITORY_RE
from catalyse.partnerships.models import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH
from catalyse.partnerships.services import PartnershipError, partnership_create

REQUIRED_COLUMNS = ["title", "modes", "start_year", "partners"]
COLUMNS = [
    "title", "description", "modes", "themes", "territory", "start_year", "end_year", "status", "public", "partners",
]  # fmt: skip
MAX_ERRORS = 20
TRUE = {"oui", "1", "true", "vrai", "yes"}
FALSE = {"non", "0", "false", "faux", "no"}


@dataclass
class CellError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"ligne {self.line}, colonne « {self.column} » : {self.message}"


class ImportFailed(Exception):
    def __init__(self, errors: list[CellError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class _Row:
    line: int
    values: dict[str, Any] = field(default_factory=dict)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _year(raw: str, line: int, column: str, errors: list[CellError], *, required: bool) -> int | None:
    text = raw.strip()
    if not text:
        if required:
            errors.append(CellError(line, column, "l’année est obligatoire (par exemple 2012)."))
        return None
    if not text.isdigit() or not 1900 <= int(text) <= 2100:
        errors.append(CellError(line, column, f"« {text} » n’est pas une année entre 1900 et 2100."))
        return None
    return int(text)


def partnerships_import(*, lines: Iterable[str]) -> int:
    """Check every line, then create every partnership in one transaction. Returns how many."""
    from catalyse.territories.models import Territory

    reader = csv.DictReader(lines)
    header = [name.strip() for name in (reader.fieldnames or [])]
    errors: list[CellError] = []
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    if missing:
        errors.append(CellError(1, ", ".join(missing), "colonne obligatoire absente de l’en-tête."))
    if unknown:
        errors.append(
            CellError(1, ", ".join(unknown), f"colonne inconnue ; les colonnes possibles : {', '.join(COLUMNS)}.")
        )
    if errors:
        raise ImportFailed(errors)
    rows: list[_Row] = []
    slugs: set[str] = set()
    refs: set[tuple[str, str]] = set()
    this_year = timezone.now().year
    for raw in reader:
        line = reader.line_num
        if None in raw:
            errors.append(CellError(line, "?", "la ligne a plus de valeurs que l’en-tête n’a de colonnes."))
            continue
        cell = {k.strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        row = _Row(line)
        title = cell.get("title", "")
        if not title:
            errors.append(CellError(line, "title", "l’intitulé est obligatoire."))
        elif len(title) > TITLE_MAX_LENGTH:
            errors.append(CellError(line, "title", f"l’intitulé dépasse {TITLE_MAX_LENGTH} caractères."))
        description = cell.get("description", "")
        if len(description) > DESCRIPTION_MAX_LENGTH:
            errors.append(
                CellError(line, "description", f"la description dépasse {DESCRIPTION_MAX_LENGTH} caractères.")
            )
        modes = _split(cell.get("modes", ""))
        if not modes:
            errors.append(CellError(line, "modes", f"indiquez au moins un mode parmi {', '.join(MODE_KEYS)}."))
        for mode in modes:
            if mode not in MODE_KEYS:
                errors.append(
                    CellError(line, "modes", f"mode inconnu « {mode} » ; modes possibles : {', '.join(MODE_KEYS)}.")
                )
        themes = _split(cell.get("themes", ""))
        for theme in themes:
            if theme not in THEME_KEYS:
                errors.append(
                    CellError(
                        line, "themes", f"enjeu inconnu « {theme} » ; enjeux possibles : {', '.join(THEME_KEYS)}."
                    )
                )
        territory = cell.get("territory", "")
        if territory:
            match = TERRITORY_RE.match(territory)
            if not match:
                errors.append(
                    CellError(line, "territory", f"« {territory} » n’est pas de la forme NIVEAU:CODE (commune:42218).")
                )
            else:
                refs.add((match.group(1), match.group(2).upper()))
                territory = f"{match.group(1)}:{match.group(2).upper()}"
        start = _year(cell.get("start_year", ""), line, "start_year", errors, required=True)
        end = _year(cell.get("end_year", ""), line, "end_year", errors, required=False)
        if start and start > this_year + 1:
            errors.append(CellError(line, "start_year", f"{start} est trop loin dans l’avenir."))
        if start and end and end < start:
            errors.append(CellError(line, "end_year", f"l’année de fin ({end}) précède l’année de début ({start})."))
        status = cell.get("status", "") or Status.CONFIRMED
        if status not in Status.values:
            errors.append(
                CellError(
                    line, "status", f"statut inconnu « {status} » ; statuts possibles : {', '.join(Status.values)}."
                )
            )
        public_text = cell.get("public", "").lower()
        if public_text and public_text not in TRUE | FALSE:
            errors.append(CellError(line, "public", f"« {public_text} » : indiquez oui ou non."))
        partners: list[tuple[str, str]] = []
        for item in _split(cell.get("partners", "")):
            slug, _sep, role = item.partition(":")
            role = role.strip() or PartnerRole.PARTENAIRE
            if role not in PartnerRole.values:
                errors.append(
                    CellError(
                        line,
                        "partners",
                        f"rôle inconnu « {role} » ; rôles possibles : {', '.join(PartnerRole.values)}.",
                    )
                )
            partners.append((slug.strip(), role))
            slugs.add(slug.strip())
        if len({slug for slug, _r in partners}) < 2:
            errors.append(
                CellError(line, "partners", "indiquez au moins deux organisations différentes (slug:rôle;slug:rôle).")
            )
        elif len({slug for slug, _r in partners}) != len(partners):
            errors.append(CellError(line, "partners", "une même organisation figure deux fois."))
        row.values = {
            "title": title, "description": description, "modes": modes, "themes": themes, "territory": territory,
            "start_year": start, "end_year": end, "status": status, "is_public": public_text not in FALSE,
            "partners": partners,
        }  # fmt: skip
        rows.append(row)
        if len(errors) >= MAX_ERRORS:
            break
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    territories = {}
    for level, code in refs:
        found = Territory.objects.filter(level=level, code=code).first()
        if found is not None:
            territories[f"{level}:{code}"] = found
    for row in rows:
        for slug, _role in row.values["partners"]:
            if slug not in organisations:
                errors.append(CellError(row.line, "partners", f"aucune organisation n’a l’adresse « {slug} »."))
        if row.values["territory"] and row.values["territory"] not in territories:
            errors.append(CellError(row.line, "territory", f"territoire inconnu « {row.values['territory']} »."))
    if not rows and not errors:
        errors.append(CellError(2, "title", "le fichier ne contient aucun partenariat."))
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: e.line)[:MAX_ERRORS])
    with transaction.atomic():
        for row in rows:
            values = row.values
            links = [(organisations[slug], role) for slug, role in values["partners"]]
            try:
                partnership_create(
                    user=None,
                    organisation=links[0][0],
                    title=values["title"],
                    description=values["description"],
                    modes=values["modes"],
                    themes=values["themes"],
                    territory=territories.get(values["territory"]),
                    start_year=values["start_year"],
                    end_year=values["end_year"],
                    is_public=values["is_public"],
                    partners=links,
                    status=values["status"],
                )
            except PartnershipError as exc:
                raise ImportFailed([CellError(row.line, "?", str(exc))]) from exc
    return len(rows)
