"""GET /api/v1/matching/listings and /api/v1/matching/listings/{id}/suggestions: open needs and offers, and the
organisations suggested for a need with the reason for each (read only; contacting stays on the site)."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from catalyse.matching.models import Kind, Listing
from catalyse.matching.suggestions import suggestions_for

router = Router(tags=["besoins et offres"])

KindParam = Literal["competences", "benevoles", "financement", "locaux", "materiel", "expertise", "acces_marche"]
ThemeParam = Literal["economique", "social", "environnemental", "societal"]


class MatchingTerritoryOut(Schema):
    ref: str = Field(..., description="NIVEAU:CODE, par exemple commune:42218")
    name: str


class MatchingOrganisationOut(Schema):
    name: str
    org_type: str
    url: str


class ListingOut(Schema):
    id: int
    direction: Literal["need", "offer"] = Field(..., description="need (besoin) ou offer (offre)")
    kind: KindParam
    kind_label: str
    title: str
    description: str = Field(..., description="Texte Markdown")
    themes: list[ThemeParam]
    territory: MatchingTerritoryOut | None
    organisation: MatchingOrganisationOut
    ends_on: datetime.date | None
    created_at: datetime.datetime
    url: str


class ListingListOut(Schema):
    count: int
    results: list[ListingOut]


class SuggestionOut(Schema):
    organisation: MatchingOrganisationOut
    ring: Literal["epci", "departement", "region", "france"] = Field(..., description="Où elle se trouve")
    offers_kind: bool = Field(..., description="Elle propose déjà ce qui est demandé")
    common_themes: list[ThemeParam]
    reason: str = Field(..., description="Pourquoi elle est suggérée, en une phrase")


class SuggestionsOut(Schema):
    listing: ListingOut
    suggestions: list[SuggestionOut]


class MatchingErrorOut(Schema):
    detail: str


class ListingListParams(Schema):
    direction: Literal["need", "offer"] | None = None
    kind: KindParam | None = None
    theme: ThemeParam | None = None
    territory: str | None = Field(
        None,
        max_length=40,
        pattern=r"^(region|departement|epci|commune):[0-9A-Za-z]{2,9}$",
        description="Territoire NIVEAU:CODE (commune:42218, departement:42…) : les lieux qu’il contient comptent.",
    )
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=100_000)


RINGS = ["epci", "departement", "region", "france"]


def _organisation_out(organisation: Any, request: HttpRequest) -> MatchingOrganisationOut:
    return MatchingOrganisationOut(
        name=organisation.name,
        org_type=organisation.org_type,
        url=request.build_absolute_uri(organisation.get_absolute_url()),
    )


def listing_out(listing: Listing, request: HttpRequest) -> ListingOut:
    territory = listing.territory
    return ListingOut(
        id=listing.pk,
        direction=listing.direction,  # type: ignore[arg-type]
        kind=listing.kind,  # type: ignore[arg-type]
        kind_label=str(Kind(listing.kind).label),
        title=listing.title,
        description=listing.description,
        themes=listing.theme_list(),  # type: ignore[arg-type]
        territory=MatchingTerritoryOut(ref=territory.ref, name=territory.name) if territory else None,
        organisation=_organisation_out(listing.organisation, request),
        ends_on=listing.ends_on,
        created_at=listing.created_at,
        url=request.build_absolute_uri(listing.get_absolute_url()),
    )


@router.get(
    "/listings",
    response={200: ListingListOut, 422: MatchingErrorOut},
    summary="Les besoins et offres ouverts des organisations",
    description="Les plus récents d’abord. Filtres : `direction`, `kind`, `theme`, `territory`.",
    operation_id="matching_listings",
)
def list_listings(request: HttpRequest, params: Query[ListingListParams]) -> ListingListOut:
    from catalyse.territories.models import Territory

    listings = Listing.objects.open()
    if params.direction:
        listings = listings.filter(direction=params.direction)
    if params.kind:
        listings = listings.filter(kind=params.kind)
    if params.theme:
        listings = listings.with_theme(params.theme)
    if params.territory:
        try:
            listings = listings.in_territory(Territory.objects.by_ref(params.territory))
        except Territory.DoesNotExist:
            raise HttpError(
                422, f"Paramètre territory invalide : « {params.territory} » n’est pas un territoire connu."
            ) from None
    count = listings.count()
    page = listings.for_list().order_by("-created_at", "-id")[params.offset : params.offset + params.limit]
    return ListingListOut(count=count, results=[listing_out(item, request) for item in page])


@router.get(
    "/listings/{listing_id}/suggestions",
    response={200: SuggestionsOut, 404: MatchingErrorOut},
    summary="Les organisations suggérées pour un besoin, avec leurs raisons",
    description=(
        "D’autres mondes, au plus près d’abord (même EPCI, puis département, région, France) ; celles qui "
        "proposent déjà ce qui est demandé, puis celles qui partagent le plus d’enjeux, passent devant."
    ),
    operation_id="matching_suggestions",
)
def listing_suggestions(request: HttpRequest, listing_id: int) -> SuggestionsOut:
    listing = Listing.objects.for_list().filter(pk=listing_id).first()
    if listing is None or not listing.is_need or not listing.is_open:
        raise HttpError(404, "Aucun besoin ouvert avec cet identifiant.")
    return SuggestionsOut(
        listing=listing_out(listing, request),
        suggestions=[
            SuggestionOut(
                organisation=_organisation_out(s.organisation, request),
                ring=RINGS[s.ring],  # type: ignore[arg-type]
                offers_kind=s.offers_kind,
                common_themes=s.common_themes,  # type: ignore[arg-type]
                reason=s.reason,
            )
            for s in suggestions_for(listing)
        ],
    )
