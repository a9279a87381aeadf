"""Complementary organisations for a need, with the reason for each.

Ranking, in this order: nearest ring first (same EPCI, then département, then région, then France);
within a ring, organisations with an open offer of the kind needed, then those sharing the most enjeux;
then the oldest organisation first (a stable order). Only organisations of another world than the one in
need. Reads only `OrganisationCard` (one row per organisation, indexed by ring and world), ring by ring,
each with a LIMIT, and stops as soon as there are enough: a few index range scans, whatever the number of
organisations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from catalyse.accounts.models import Organisation, Theme
from catalyse.matching.models import (
    KIND_KEYS,
    KIND_OFFERS,
    THEME_KEYS,
    Kind,
    Listing,
    OrganisationCard,
    OrgWorld,
    from_mask,
    masks_meeting,
    masks_with,
    world_of,
)
from catalyse.territories.models import Territory

SUGGESTIONS = 8


class Ring:
    EPCI = 0
    DEPARTEMENT = 1
    REGION = 2
    FRANCE = 3


@dataclass
class Suggestion:
    organisation: Organisation
    ring: int
    offers_kind: bool
    common_themes: list[str]
    reason: str
    offers: list[Listing] = field(default_factory=list)
    # Filled by the detail view for the members of the organisation in need.
    contact: Any = None
    form: Any = None


@dataclass(frozen=True)
class Candidate:
    organisation_id: int
    ring: int
    offers_kind: bool
    themes: int


def _rings(listing: Listing) -> tuple[int, int, int]:
    """The need's EPCI, département and région ids (0 when unknown), from its territory or its organisation's."""
    if listing.territory_id is not None:
        return (listing.epci_id or 0, listing.departement_id or 0, listing.region_id or 0)
    card = OrganisationCard.objects.filter(organisation_id=listing.organisation_id).first()
    if card is None:
        return (0, 0, 0)
    return (card.epci_id, card.departement_id, card.region_id)


def _ranked(cards: QuerySet[OrganisationCard], *, kind_bit: int, themes: int) -> QuerySet[OrganisationCard]:
    offer = Case(
        When(offer_kinds__in=masks_with(kind_bit, len(KIND_KEYS)), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    common: Any = Value(0, output_field=IntegerField())
    for bit in range(len(THEME_KEYS)):
        if themes & (1 << bit):
            common = common + Case(
                When(themes__in=masks_with(bit, len(THEME_KEYS)), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return cards.annotate(offer_rank=offer, common_rank=common).order_by("-offer_rank", "-common_rank", "pk")


def candidates_for(listing: Listing, *, limit: int = SUGGESTIONS) -> list[Candidate]:
    """The best `limit` organisations for a need, nearest ring first (see the module's docstring)."""
    organisation = listing.organisation
    world = world_of(organisation.org_type)
    others = [value for value in OrgWorld.values if value != world]
    kind_bit = KIND_KEYS.index(listing.kind)
    themes = listing.themes
    epci, departement, region = _rings(listing)
    base = OrganisationCard.objects.filter(world__in=others).exclude(organisation_id=organisation.pk)
    rings: list[tuple[int, Q]] = []
    if epci:
        rings.append((Ring.EPCI, Q(epci_id=epci)))
    if departement:
        rings.append(
            (
                Ring.DEPARTEMENT,
                Q(departement_id=departement) & ~Q(epci_id=epci) if epci else Q(departement_id=departement),
            )
        )
    if region:
        rings.append(
            (Ring.REGION, Q(region_id=region) & ~Q(departement_id=departement) if departement else Q(region_id=region))
        )
    found: list[Candidate] = []
    fields = ("organisation_id", "offer_kinds", "themes")
    offer_masks = set(masks_with(kind_bit, len(KIND_KEYS)))
    for ring, condition in rings:
        rows = _ranked(base.filter(condition), kind_bit=kind_bit, themes=themes).values_list(*fields)
        for org_id, kinds, org_themes in rows[: limit - len(found)]:
            found.append(Candidate(org_id, ring, kinds in offer_masks, org_themes))
        if len(found) >= limit:
            return found
    # France: the whole table is too big to sort, so three bounded steps, each served by an index.
    outside = ~Q(region_id=region) if region else Q()
    seen = {c.organisation_id for c in found}
    steps = [
        _ranked(base.filter(outside, offer_kinds__in=offer_masks), kind_bit=kind_bit, themes=themes),
    ]
    if themes:
        steps.append(base.filter(outside, themes__in=masks_meeting(themes, len(THEME_KEYS))).order_by("pk"))
    steps.append(base.filter(outside).order_by("pk"))
    for step in steps:
        wanted = limit - len(found)
        for org_id, kinds, org_themes in step.values_list(*fields)[: wanted + len(seen)]:
            if org_id in seen:
                continue
            seen.add(org_id)
            found.append(Candidate(org_id, Ring.FRANCE, kinds in offer_masks, org_themes))
            if len(found) >= limit:
                return found
    return found


def _ring_phrase(ring: int, names: dict[int, str]) -> str:
    if ring == Ring.EPCI:
        return _("du même EPCI (%(name)s)") % {"name": names[Ring.EPCI]}
    if ring == Ring.DEPARTEMENT:
        return _("du même département (%(name)s)") % {"name": names[Ring.DEPARTEMENT]}
    if ring == Ring.REGION:
        return _("de la même région (%(name)s)") % {"name": names[Ring.REGION]}
    return _("ailleurs en France") if names else _("en France")


def reason_for(*, world: str, ring: int, names: dict[int, str], common: list[str], offer_kind: str | None) -> str:
    """« Entreprise du même EPCI (Grand Lyon), enjeux communs : social, environnemental ; propose des locaux »"""
    text = f"{OrgWorld(world).label} {_ring_phrase(ring, names)}"
    if common:
        labels = ", ".join(str(Theme(key).label).lower() for key in common)
        text += ", " + (
            _("enjeu commun\u00a0: %(list)s") if len(common) == 1 else _("enjeux communs\u00a0: %(list)s")
        ) % {"list": labels}
    if offer_kind:
        text += "\u00a0; " + str(KIND_OFFERS[Kind(offer_kind)])
    return text


def _ring_names(listing: Listing) -> dict[int, str]:
    epci, departement, region = _rings(listing)
    ids = {Ring.EPCI: epci, Ring.DEPARTEMENT: departement, Ring.REGION: region}
    found = dict(Territory.objects.filter(pk__in=[pk for pk in ids.values() if pk]).values_list("pk", "name"))
    return {ring: found[pk] for ring, pk in ids.items() if pk and pk in found}


def suggestions_for(listing: Listing, *, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """The suggestions for a need, each with its organisation, its matching offers and its reason (4 queries)."""
    if not listing.is_need:
        return []
    candidates = candidates_for(listing, limit=limit)
    if not candidates:
        return []
    ids = [c.organisation_id for c in candidates]
    organisations = Organisation.objects.select_related("territory", "territory__departement").in_bulk(ids)
    offers: dict[int, list[Listing]] = {}
    for offer in (
        Listing.objects.open().offers().filter(organisation_id__in=ids, kind=listing.kind).order_by("-created_at")
    ):
        offers.setdefault(offer.organisation_id, []).append(offer)
    names = _ring_names(listing)
    suggestions = []
    for candidate in candidates:
        organisation = organisations.get(candidate.organisation_id)
        if organisation is None:
            continue
        common = from_mask(candidate.themes & listing.themes, THEME_KEYS)
        suggestions.append(
            Suggestion(
                organisation=organisation,
                ring=candidate.ring,
                offers_kind=candidate.offers_kind,
                common_themes=common,
                offers=offers.get(organisation.pk, []),
                reason=reason_for(
                    world=world_of(organisation.org_type),
                    ring=candidate.ring,
                    names=names,
                    common=common,
                    offer_kind=listing.kind if candidate.offers_kind else None,
                ),
            )
        )
    return suggestions
