"""What the observatory's pages show: each chart's rows, read from the summary tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from catalyse.partnerships.choices import ERAS, SEED_MODE_SHARES, SEED_TOTAL
from catalyse.partnerships.filters import Filters
from catalyse.partnerships.observatory import ObservatoryQuery, ObservatoryResult, observatory_count

CHILD_LEVEL = {None: "region", "region": "departement", "departement": "epci", "epci": "commune"}
CHARTS = ("modes", "annees", "types", "enjeux", "territoires", "departements")
FIRST_CHART_YEAR = 1990


@dataclass
class Row:
    key: str
    label: str
    count: int
    share: float | None = None  # % of the total
    seed_share: int | None = None
    href: str = ""


@dataclass
class Chart:
    key: str
    title: str
    caption: str
    rows: list[Row] = field(default_factory=list)
    total: int = 0


def filter_params(filters: Filters, **overrides: Any) -> dict[str, str]:
    """The query string of the observatory's pages (French names, as the form sends them)."""
    params = {
        "territoire": f"{filters.territory.level}:{filters.territory.code}" if filters.territory else "",
        "de": str(filters.year_from or ""),
        "a": str(filters.year_to or ""),
        "mode": filters.mode or "",
    }
    params.update({k: str(v) for k, v in overrides.items()})
    return {k: v for k, v in params.items() if v}


def query_string(filters: Filters, **overrides: Any) -> str:
    params = filter_params(filters, **overrides)
    return "?" + urlencode(params) if params else ""


def _count(filters: Filters, group_by: str) -> ObservatoryResult:
    return observatory_count(ObservatoryQuery(group_by=group_by, **filters.as_query_kwargs()))


def _rows(result: ObservatoryResult) -> list[Row]:
    total = result.total or 1
    return [Row(g.key, g.label, g.count, round(100 * g.count / total, 1)) for g in result.groups]


def chart(filters: Filters, key: str) -> Chart:
    if key == "modes":
        result = _count(filters, "mode")
        rows = _rows(result)
        for row in rows:
            row.seed_share = SEED_MODE_SHARES.get(row.key)  # type: ignore[call-overload]
        return Chart(
            key,
            _("Partenariats par mode d’action"),
            _("Un partenariat peut relever de plusieurs modes : les parts dépassent 100\u00a0%."),
            rows,
            result.total,
        )
    if key == "annees":
        result = _count(filters, "year")
        return Chart(
            key,
            _("Partenariats par année de début"),
            _("Trois époques : le mécénat au début des années 1990, les pratiques responsables au milieu des "
              "années 2000, l’innovation sociétale aujourd’hui."),
            _rows(result),
            result.total,
        )  # fmt: skip
    if key == "types":
        result = _count(filters, "org_type")
        return Chart(
            key,
            _("Partenariats par type d’organisation partenaire"),
            _("Un partenariat compte une fois pour chaque type d’organisation présent parmi ses partenaires."),
            _rows(result),
            result.total,
        )
    if key == "enjeux":
        result = _count(filters, "theme")
        return Chart(
            key,
            _("Partenariats par enjeu"),
            _("Un partenariat peut répondre à plusieurs enjeux."),
            _rows(result),
            result.total,
        )
    if key == "departements":
        result = _count(filters, "departement")
        rows = _rows(result)
        for row in rows:
            row.href = query_string(filters, territoire=f"departement:{row.key}")
        return Chart(
            key,
            _("Partenariats par département"),
            _("Carte des départements de métropole ; les départements d’outre-mer sont listés à côté."),
            rows,
            result.total,
        )
    # territoires: the level below the current territory
    level = CHILD_LEVEL.get(filters.territory.level if filters.territory else None)
    if level is None:
        return Chart(key, _("Partenariats par territoire"), "", [], 0)
    result = _count(filters, level)
    rows = sorted(_rows(result), key=lambda r: (-r.count, r.label))
    for row in rows:
        row.href = query_string(filters, territoire=f"{level}:{row.key}")
    titles = {
        "region": _("Partenariats par région"),
        "departement": _("Partenariats par département de la région"),
        "epci": _("Partenariats par intercommunalité du département"),
        "commune": _("Partenariats par commune de l’intercommunalité"),
    }
    captions = {
        "region": _("Choisissez une région pour voir ses départements."),
        "departement": _("Choisissez un département pour voir ses intercommunalités."),
        "epci": _("Choisissez une intercommunalité pour voir ses communes."),
        "commune": _("Les partenariats de chaque commune."),
    }
    return Chart(key, titles[level], captions[level], rows, result.total)


def seed_figures() -> dict[str, Any]:
    return {"total": SEED_TOTAL, "modes": SEED_MODE_SHARES, "eras": ERAS}
