"""GET /api/v1/territories: the autocomplete of territories, best first."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from catalyse.territories.models import Territory
from catalyse.territories.search import TerritoryMatch, territories_search

router = Router(tags=["territoires"])

LevelParam = Literal["commune", "epci", "departement", "region"]


class ParentOut(Schema):
    code: str
    name: str
    ref: str = Field(..., description="LEVEL:CODE, par exemple departement:42")
    url: str


class TerritoryOut(Schema):
    code: str = Field(..., description="Code INSEE ; SIREN pour un EPCI")
    name: str
    level: LevelParam
    kind: str = Field(..., description="commune-actuelle, arrondissement-municipal, CC, CA, CU, METRO, MET69…")
    kind_label: str
    population: int | None
    ref: str = Field(..., description="LEVEL:CODE, par exemple commune:42218")
    url: str
    label: str = Field(..., description="Le nom à afficher dans une liste de suggestions, avec son contexte")
    departement: ParentOut | None
    region: ParentOut | None
    postal_codes: list[str]
    alias: str | None = Field(None, description="L’autre nom (commune déléguée…) par lequel le territoire a été trouvé")


class TerritorySearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=100, description="Ce qui a été tapé : nom, code postal ou code")
    level: LevelParam | None = Field(None, description="Ne garder qu’un niveau")
    limit: int = Field(10, ge=1, le=50, description="Nombre de résultats, de 1 à 50")


class TerritorySearchOut(Schema):
    results: list[TerritoryOut]


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut] = []


def _parent(territory: Territory | None) -> ParentOut | None:
    if territory is None:
        return None
    return ParentOut(code=territory.code, name=territory.name, ref=territory.ref, url=territory.get_absolute_url())


def territory_out(match: TerritoryMatch) -> TerritoryOut:
    territory = match.territory
    return TerritoryOut(
        code=territory.code,
        name=territory.name,
        level=territory.level,  # type: ignore[arg-type]
        kind=territory.kind,
        kind_label=territory.kind_label,
        population=territory.population,
        ref=territory.ref,
        url=territory.get_absolute_url(),
        label=match.label(),
        departement=_parent(territory.departement),
        region=_parent(territory.region),
        postal_codes=territory.postal_code_list,
        alias=match.alias,
    )


@router.get(
    "",
    response={200: TerritorySearchOut, 422: ErrorOut},
    summary="Chercher un territoire (autocomplétion)",
    description=(
        "Communes (et arrondissements municipaux), intercommunalités, départements et régions dont le nom, "
        "le code postal ou le code INSEE (SIREN pour un EPCI) correspond à `q`, les meilleurs d’abord : "
        "nom exact, puis nom commençant par `q`, puis mots commençant par ceux de `q`, puis une faute de frappe "
        "corrigée ; à égalité, les plus peuplés d’abord. Insensible aux majuscules, accents, traits d’union, "
        "apostrophes et ligatures ; comprend st, ste et s/ (saint, sainte, sur)."
    ),
    operation_id="territories_search",
)
def search_territories(request: HttpRequest, params: Query[TerritorySearchParams]) -> TerritorySearchOut:
    matches = territories_search(q=params.q, level=params.level, limit=params.limit)
    return TerritorySearchOut(results=[territory_out(match) for match in matches])
