"""GET /api/v1/observatory/partnerships (contracts.md): counts from the summary tables, in milliseconds."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import WithJsonSchema

from catalyse.partnerships.choices import MODE_KEYS
from catalyse.partnerships.filters import MAX_YEAR, MIN_YEAR, TERRITORY_RE, FilterError, parse_filters
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


# The schema says exactly what is accepted (outside checkers fuzz the API from it); the view checks the
# rest (a territory that does not exist, years in the wrong order) and answers 422 in French.
YearParam = Annotated[
    str | None,
    WithJsonSchema({"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}),
]
TerritoryParam = Annotated[
    str | None,
    WithJsonSchema({"type": "string", "pattern": TERRITORY_RE.pattern, "maxLength": 40}),
]
ModeParam = Annotated[str | None, WithJsonSchema({"type": "string", "enum": list(MODE_KEYS)})]
GroupByParam = Annotated[str, WithJsonSchema({"type": "string", "enum": list(API_GROUP_KEYS)})]


class CountsParams(Schema):
    group_by: GroupByParam = Field(..., description="Regroupement : " + ", ".join(API_GROUP_KEYS))
    territory: TerritoryParam = Field(
        None, description="Territoire NIVEAU:CODE (commune:42218, epci:200000172, departement:84, region:84)"
    )
    year_from: YearParam = Field(None, description="Première année de début incluse")
    year_to: YearParam = Field(None, description="Dernière année de début incluse")
    mode: ModeParam = Field(None, description="Mode d’action : " + ", ".join(MODE_KEYS))


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
    for name in ("territory", "year_from", "year_to", "mode"):
        value = getattr(params, name)
        if value is not None and (value == "" or value != value.strip()):
            raise HttpError(422, f"Paramètre {name} invalide : retirez-le, ou donnez-lui une valeur sans espaces.")
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
