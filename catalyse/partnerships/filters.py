"""Filters of the observatory and the registry, parsed from a query string with French errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from catalyse.partnerships.choices import MODE_KEYS

TERRITORY_RE = re.compile(r"^(region|departement|epci|commune):([0-9A-Za-z]{2,9})$")
MIN_YEAR, MAX_YEAR = 1900, 2100


class FilterError(ValueError):
    pass


@dataclass(frozen=True)
class Filters:
    territory: Any = None  # the Territory
    year_from: int | None = None
    year_to: int | None = None
    mode: str | None = None

    @property
    def territory_key(self) -> tuple[str, str] | None:
        if self.territory is None:
            return None
        return (self.territory.level, self.territory.code)

    def as_query_kwargs(self) -> dict[str, Any]:
        return {
            "territory": self.territory_key,
            "year_from": self.year_from,
            "year_to": self.year_to,
            "mode": self.mode,
        }


def _year(value: str | None, name: str) -> int | None:
    if value is None or value.strip() == "":
        return None
    text = value.strip()
    if not re.fullmatch(r"[0-9]{4}", text):
        raise FilterError(f"Paramètre {name} invalide : indiquez une année en chiffres, par exemple 2010.")
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise FilterError(f"Paramètre {name} invalide : l’année doit être comprise entre {MIN_YEAR} et {MAX_YEAR}.")
    return year


def parse_territory(value: str | None, name: str = "territory") -> Any:
    from catalyse.territories.models import Territory

    if value is None or value.strip() == "":
        return None
    match = TERRITORY_RE.match(value.strip())
    if not match:
        raise FilterError(
            f"Paramètre {name} invalide : indiquez NIVEAU:CODE, par exemple commune:42218, epci:200000172, "
            "departement:84 ou region:84."
        )
    level, code = match.group(1), match.group(2).upper()
    territory = Territory.objects.filter(level=level, code=code).select_related("region", "departement", "epci").first()
    if territory is None:
        raise FilterError(f"Paramètre {name} invalide : aucun territoire {level}:{code} n’est connu.")
    if territory.level == "commune" and territory.commune_id:
        # A municipal arrondissement is counted with its commune.
        territory = Territory.objects.select_related("region", "departement", "epci").get(pk=territory.commune_id)
    return territory


def parse_filters(
    *,
    territory: str | None,
    year_from: str | None,
    year_to: str | None,
    mode: str | None,
    names: dict[str, str],
) -> Filters:
    start = _year(year_from, names["year_from"])
    end = _year(year_to, names["year_to"])
    if start is not None and end is not None and start > end:
        raise FilterError(
            f"Paramètres {names['year_from']} et {names['year_to']} incohérents : la première année ({start}) "
            f"suit la dernière ({end}). Inversez-les."
        )
    if mode is not None and mode.strip() != "" and mode.strip() not in MODE_KEYS:
        raise FilterError(f"Paramètre {names['mode']} invalide : indiquez l’un des modes {', '.join(MODE_KEYS)}.")
    return Filters(
        territory=parse_territory(territory, names["territory"]),
        year_from=start,
        year_to=end,
        mode=(mode or "").strip() or None,
    )
