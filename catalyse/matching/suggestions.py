"""Complementary organisations for a need, with the reason for each.

Ranking, in this order: nearest ring first (same EPCI, then département, then région, then France);
within a ring, organisations with an open offer of the kind needed (those sharing the most enjeux first),
then the others by number of shared enjeux; ties in a stable order (enjeux mask, then the oldest
organisation). Only organisations of another world than the one in need.

Reads only `OrganisationCard` (one row per organisation), ring by ring and tier by tier, each query an
index range scan (the indexes lead with the ring, then the offer or theme mask) with a LIMIT, and stops as
soon as there are enough: the cost depends on the number of suggestions, not on the number of organisations
nor on the size of the ring."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from catalyse.accounts.models import Organisation, Theme
from catalyse.matching.models import (
    KIND_KEYS,
    KIND_OFFERS,
    THEME_KEYS,
    Kind,
    Listing,
    OfferCard,
    OrganisationCard,
    OrgWorld,
    from_mask,
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


def _popcount(value: int) -> int:
    return bin(value).count("1")


def _tiers(themes: int) -> list[tuple[bool, list[int]]]:
    """Within a ring, in order: the organisations offering the kind needed, then the others; in each, by
    number of shared enjeux, most first. (from the offer cards?, enjeux masks with that many shared)"""
    by_shared = [
        [mask for mask in range(1 << len(THEME_KEYS)) if _popcount(mask & themes) == shared]
        for shared in range(_popcount(themes), -1, -1)
    ]
    return [(True, masks) for masks in by_shared] + [(False, masks) for masks in by_shared]


def _placeholders(values: list[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _ring_sql(ring: int, epci: int, departement: int, region: int) -> tuple[str, list[int]]:
    """The WHERE part of a ring: inside it, outside the nearer ones."""
    if ring == Ring.EPCI:
        return "epci_id = %s", [epci]
    if ring == Ring.DEPARTEMENT:
        return (
            ("departement_id = %s AND epci_id <> %s", [departement, epci])
            if epci
            else ("departement_id = %s", [departement])
        )
    if ring == Ring.REGION:
        if departement:
            return "region_id = %s AND departement_id <> %s", [region, departement]
        return "region_id = %s", [region]
    return ("region_id <> %s", [region]) if region else ("1 = 1", [])


def _ring_query(
    ring_where: tuple[str, list[int]], *, kind_bit: int, worlds: list[str], exclude: int, themes: int, limit: int
) -> tuple[str, list[Any]]:
    """One statement per ring: every tier (offering the kind or not × number of shared enjeux) as a sub-query
    shaped like its index (equalities, IN on the enjeux mask, ORDER BY mask then id, LIMIT), glued by UNION ALL
    and ordered by tier. Raw SQL: the ORM would spend longer composing it than the database answering it."""
    where, where_params = ring_where
    worlds_sql = _placeholders(worlds)
    parts: list[str] = []
    params: list[Any] = []
    for tier, (offering, masks) in enumerate(_tiers(themes)):
        if offering:
            table = OfferCard._meta.db_table
            condition = f"kind = %s AND world IN ({worlds_sql}) AND organisation_id <> %s"
            tier_params: list[Any] = [kind_bit, *worlds, exclude]
        else:
            table = OrganisationCard._meta.db_table
            condition = f"world IN ({worlds_sql}) AND organisation_id <> %s AND (offer_kinds & %s) = 0"
            tier_params = [*worlds, exclude, 1 << kind_bit]
        parts.append(
            f"SELECT * FROM (SELECT {tier} AS tier, organisation_id, themes FROM {table} "  # noqa: S608 — no input
            f"WHERE {condition} AND {where} AND themes IN ({_placeholders(masks)}) "
            f"ORDER BY themes, organisation_id LIMIT %s) AS tier{tier}"
        )
        params += [*tier_params, *where_params, *masks, limit]
    return " UNION ALL ".join(parts) + " ORDER BY tier, themes, organisation_id", params


def candidates_for(listing: Listing, *, limit: int = SUGGESTIONS) -> list[Candidate]:
    """The best `limit` organisations for a need, nearest ring first (see the module's docstring): one
    statement per ring, stopping at the first ring that completes the list."""
    organisation = listing.organisation
    world = world_of(organisation.org_type)
    worlds = [value for value in OrgWorld.values if value != world]
    kind_bit = KIND_KEYS.index(listing.kind)
    epci, departement, region = _rings(listing)
    rings = [
        ring for ring, present in ((Ring.EPCI, epci), (Ring.DEPARTEMENT, departement), (Ring.REGION, region)) if present
    ]
    offering_tiers = len(_tiers(listing.themes)) // 2
    found: list[Candidate] = []
    with connection.cursor() as cursor:
        for ring in [*rings, Ring.FRANCE]:
            sql, params = _ring_query(
                _ring_sql(ring, epci, departement, region),
                kind_bit=kind_bit,
                worlds=worlds,
                exclude=organisation.pk,
                themes=listing.themes,
                limit=limit - len(found),
            )
            cursor.execute(sql, params)
            for tier, org_id, themes in cursor.fetchall():
                found.append(Candidate(org_id, ring, tier < offering_tiers, themes))
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
    """« Entreprise du même EPCI (Grand Lyon), enjeux communs : social, environnemental ; propose des locaux »"""
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
    organisations = Organisation.objects.only("name", "slug", "org_type").in_bulk(ids)
    offers: dict[int, list[Listing]] = {}
    for offer in (
        Listing.objects.open()
        .offers()
        .filter(organisation_id__in=ids, kind=listing.kind)
        .only("organisation_id", "title")
        .order_by("-created_at")
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
