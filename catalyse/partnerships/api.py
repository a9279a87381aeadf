"""GET /api/v1/observatory/partnerships (contracts.md): counts from the summary tables, in milliseconds."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from catalyse.partnerships.choices import MODE_KEYS
from catalyse.partnerships.filters import FilterError, parse_filters
from catalyse.partnerships.observatory import API_GROUP_KEYS, ObservatoryQuery, observatory_count

router = Router(tags=["observatoire"])


class GroupOut(Schema):
    key: str = Field(..., description="mode, année, type d’organisation, code INSEE de la région ou du département")
    label: str
    count: int


class CountsOut(Schema):
    total: int = Field(..., description="Nombre de partenariats (chacun compté une fois)")
    groups: list[GroupOut]


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str = Field(..., description="Ce qui ne va pas, et comment le corriger")
    errors: list[FieldErrorOut] = []


class CountsParams(Schema):
    group_by: str = Field(
        ...,
        description="Regroupement : " + ", ".join(API_GROUP_KEYS),
        json_schema_extra={"enum": list[Any](API_GROUP_KEYS)},
    )
    territory: str | None = Field(
        None,
        description="Territoire LEVEL:CODE (commune:42218, epci:200000172, departement:84, region:84)",
        max_length=40,
    )
    year_from: str | None = Field(None, description="Première année de début incluse (entier, 1900 à 2100)")
    year_to: str | None = Field(None, description="Dernière année de début incluse (entier, 1900 à 2100)")
    mode: str | None = Field(
        None, description="Mode d’action : " + ", ".join(MODE_KEYS), json_schema_extra={"enum": list[Any](MODE_KEYS)}
    )


@router.get(
    "/partnerships",
    response={200: CountsOut, 422: ErrorOut},
    summary="Partenariats comptés par mode, année, type d’organisation, région ou département",
    description=(
        "Chaque partenariat confirmé compte une fois dans `total`, une fois dans le groupe de chacun de ses "
        "modes et une fois par type distinct parmi ses partenaires. Les années filtrent l’année de début. "
        "Les comptes sont ceux de `export_partnerships`. Une erreur de paramètre répond 422 avec un message."
    ),
)
def partnership_counts(request: HttpRequest, params: Query[CountsParams]) -> CountsOut:
    try:
        filters = parse_filters(
            territory=params.territory,
            year_from=params.year_from,
            year_to=params.year_to,
            mode=params.mode,
            names={"territory": "territory", "year_from": "year_from", "year_to": "year_to", "mode": "mode"},
        )
    except FilterError as exc:
        raise HttpError(422, str(exc)) from exc
    if params.group_by not in API_GROUP_KEYS:
        raise HttpError(422, f"Paramètre group_by invalide : indiquez l’une des valeurs {', '.join(API_GROUP_KEYS)}.")
    result = observatory_count(ObservatoryQuery(group_by=params.group_by, **filters.as_query_kwargs()))
    return CountsOut(total=result.total, groups=[GroupOut(**g.__dict__) for g in result.groups])
