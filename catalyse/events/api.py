"""GET /api/v1/events (contracts.md): upcoming events, each with the address of its calendar file."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from catalyse.events.models import Event, Kind, RegistrationMode, attach_counts

router = Router(tags=["événements"])

KindParam = Literal["rencontre", "webinaire", "atelier", "visite"]
TERRITORY_HELP = "Territoire NIVEAU:CODE (commune:42218, epci:200000172, departement:84, region:84)"


class EventTerritoryOut(Schema):
    ref: str = Field(..., description="NIVEAU:CODE, par exemple commune:42218")
    name: str
    url: str


class TrackOut(Schema):
    title: str
    capacity: int | None


class RegistrationOut(Schema):
    mode: str = Field(..., description="aucune, plateforme (sur Catalyse) ou externe (sur un autre site)")
    url: str | None = Field(None, description="Où s’inscrire : la page de l’événement, ou le site externe")
    capacity: int | None = Field(None, description="Nombre de places ; null : sans limite")
    places_left: int | None = Field(None, description="Places libres ; null : sans limite")
    open: bool


class EventOut(Schema):
    slug: str
    title: str
    kind: KindParam
    kind_label: str
    theme: str
    summary: str
    starts_at: datetime.datetime = Field(..., description="Début, ISO 8601 avec décalage horaire")
    ends_at: datetime.datetime
    timezone: str = Field("Europe/Paris", description="Fuseau horaire de l’événement")
    format: str = Field(..., description="presentiel, en_ligne ou hybride")
    place: str = Field(..., description="Le lieu en une ligne, ou « En ligne »")
    territory: EventTerritoryOut | None
    organiser: str
    status: str = Field(..., description="published, ou cancelled pour un événement annulé")
    url: str = Field(..., description="La page de l’événement")
    ics_url: str = Field(..., description="Le fichier de calendrier de l’événement (RFC 5545, text/calendar)")
    tracks: list[TrackOut]
    registration: RegistrationOut


class EventListOut(Schema):
    count: int = Field(..., description="Nombre d’événements à venir qui répondent aux filtres")
    results: list[EventOut]


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str = Field(..., description="Ce qui ne va pas, et comment le corriger")
    errors: list[FieldErrorOut] = []


class EventListParams(Schema):
    kind: KindParam | None = Field(None, description="rencontre, webinaire, atelier ou visite")
    territory: str | None = Field(
        None,
        max_length=40,
        pattern=r"^(region|departement|epci|commune):[0-9A-Za-z]{2,9}$",
        description=TERRITORY_HELP + " : les lieux qu’il contient comptent. Un territoire inconnu répond 422.",
    )
    limit: int = Field(50, ge=1, le=100, description="Nombre d’événements, de 1 à 100")
    offset: int = Field(0, ge=0, le=100_000, description="Combien en sauter, pour la page suivante")


def _territory(ref: str | None) -> Any:
    from catalyse.territories.models import Territory

    if ref is None or not ref.strip():
        return None
    try:
        return Territory.objects.by_ref(ref.strip())
    except Territory.DoesNotExist:
        raise HttpError(
            422,
            f"Paramètre territory invalide : « {ref[:40]} » n’est pas un territoire connu. "
            "Indiquez NIVEAU:CODE, par exemple commune:42218 ou departement:42.",
        ) from None


def event_out(event: Event, request: HttpRequest) -> EventOut:
    absolute = request.build_absolute_uri
    territory = event.territory
    mode = event.registration_mode
    registration_url = None
    if mode == RegistrationMode.PLATFORM:
        registration_url = absolute(event.get_absolute_url())
    elif mode == RegistrationMode.EXTERNAL:
        registration_url = event.external_registration_url or None
    left = None
    if event.capacity is not None:
        left = max(event.capacity - getattr(event, "confirmed_count", 0), 0)
    return EventOut(
        slug=event.slug,
        title=event.title,
        kind=event.kind,  # type: ignore[arg-type]
        kind_label=str(Kind(event.kind).label),
        theme=event.theme,
        summary=event.summary,
        starts_at=timezone.localtime(event.starts_at),
        ends_at=timezone.localtime(event.ends_at),
        format=event.format,
        place=event.place_label,
        territory=EventTerritoryOut(ref=territory.ref, name=territory.name, url=absolute(territory.get_absolute_url()))
        if territory
        else None,
        organiser=event.organiser_label,
        status=event.status,
        url=absolute(event.get_absolute_url()),
        ics_url=absolute(event.get_ics_url()),
        timezone="Europe/Paris",
        tracks=[TrackOut(title=t.title, capacity=t.capacity) for t in event.tracks.all()],
        registration=RegistrationOut(
            mode=mode,
            url=registration_url,
            capacity=event.capacity,
            places_left=left,
            open=event.registration_is_open(),
        ),
    )


@router.get(
    "",
    response={200: EventListOut, 422: ErrorOut},
    summary="Les événements à venir du réseau",
    description=(
        "Rencontres du réseau, webinaires, ateliers et visites apprenantes qui ne sont pas encore terminés, "
        "les plus proches d’abord. Chacun donne `ics_url`, l’adresse de son fichier de calendrier (RFC 5545, "
        "fuseau Europe/Paris, UID stable, URL de la page). Filtres : `kind` et `territory` (un territoire "
        "contient ses communes). Un paramètre invalide répond 422 avec un message qui dit quoi corriger."
    ),
    operation_id="events_list",
)
def list_events(request: HttpRequest, params: Query[EventListParams]) -> EventListOut:
    territory = _territory(params.territory)
    events = Event.objects.visible().upcoming()
    if params.kind:
        events = events.filter(kind=params.kind)
    if territory is not None:
        events = events.in_territory(territory)
    count = events.count()
    page = attach_counts(
        list(events.for_list().prefetch_related("tracks")[params.offset : params.offset + params.limit])
    )
    return EventListOut(count=count, results=[event_out(event, request) for event in page])
