"""Demo needs and offers of the demo organisations (idempotent): pairs that meet in the same territory, so that
each demo need gets a suggestion with a reason (Saint-Étienne, Lorient, Valence)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from catalyse.accounts.models import Membership, MemberStatus, Organisation
from catalyse.matching.models import THEME_KEYS, Direction, Kind, Listing, Status, to_mask
from catalyse.matching.services import cards_rebuild

LISTINGS: list[dict[str, Any]] = [
    {
        "organisation": "loire-solidarites-emploi",
        "direction": Direction.NEED,
        "kind": Kind.LOCAUX,
        "title": "Un atelier pour notre chantier d’insertion en menuiserie",
        "description": "Nous cherchons un atelier équipé, deux jours par semaine, pour former huit personnes en "
        "parcours d’insertion aux métiers du bois. Nous apportons l’encadrement technique et l’assurance.",
        "themes": ["social", "economique"],
    },
    {
        "organisation": "loire-solidarites-emploi",
        "direction": Direction.NEED,
        "kind": Kind.ACCES_MARCHE,
        "title": "Des clauses sociales dans les achats des entreprises du bassin stéphanois",
        "description": "Nos salariés en insertion peuvent réaliser des petits travaux d’entretien et de "
        "manutention : nous cherchons des entreprises prêtes à nous confier une partie de leurs achats.",
        "themes": ["economique", "social"],
    },
    {
        "organisation": "menuiserie-cooperative-du-pilat",
        "direction": Direction.OFFER,
        "kind": Kind.LOCAUX,
        "title": "Notre atelier ouvert le samedi aux chantiers d’insertion",
        "description": "Machines, établis et stock de bois local à disposition le samedi, avec un compagnon de "
        "la coopérative pour la sécurité.",
        "themes": ["social", "economique"],
    },
    {
        "organisation": "menuiserie-cooperative-du-pilat",
        "direction": Direction.OFFER,
        "kind": Kind.COMPETENCES,
        "title": "Tutorat de personnes en insertion par nos menuisiers",
        "description": "Mécénat de compétences : nos menuisiers accompagnent des personnes en parcours "
        "d’insertion, une demi-journée par semaine.",
        "themes": ["social"],
    },
    {
        "organisation": "les-jardins-du-scorff",
        "direction": Direction.NEED,
        "kind": Kind.BENEVOLES,
        "title": "Des bénévoles pour les jardins partagés du printemps",
        "description": "Préparer les parcelles, accueillir les classes, animer les ateliers de cuisine : nous "
        "cherchons une dizaine de bénévoles d’avril à juin.",
        "themes": ["environnemental", "social"],
    },
    {
        "organisation": "ville-de-lorient",
        "direction": Direction.OFFER,
        "kind": Kind.LOCAUX,
        "title": "Des salles de quartier prêtées aux associations",
        "description": "Les maisons de quartier accueillent gratuitement les réunions et ateliers des "
        "associations lorientaises, sur réservation.",
        "themes": ["social", "societal"],
    },
    {
        "organisation": "numerique-solidaire-drome",
        "direction": Direction.OFFER,
        "kind": Kind.MATERIEL,
        "title": "Des ordinateurs reconditionnés pour les associations",
        "description": "Une cinquantaine d’ordinateurs reconditionnés par an, installés et garantis, pour les "
        "associations et les tiers-lieux de la Drôme.",
        "themes": ["environnemental", "social"],
    },
    {
        "organisation": "valence-romans-agglo",
        "direction": Direction.NEED,
        "kind": Kind.EXPERTISE,
        "title": "Évaluer l’impact des alliances de notre territoire",
        "description": "Nous voulons mesurer ce que les alliances entre collectivité, entreprises et associations "
        "changent sur le territoire : indicateurs, récits, évaluation chemin faisant.",
        "themes": ["societal", "economique"],
    },
    {
        "organisation": "universite-de-franche-comte",
        "direction": Direction.OFFER,
        "kind": Kind.EXPERTISE,
        "title": "Recherche-action sur l’évaluation des coopérations territoriales",
        "description": "Nos laboratoires accompagnent les territoires qui veulent évaluer leurs alliances, avec "
        "des étudiants de master en stage.",
        "themes": ["societal"],
    },
    {
        "organisation": "fondation-pays-basque-avenir",
        "direction": Direction.OFFER,
        "kind": Kind.FINANCEMENT,
        "title": "Un appel à projets pour les alliances entre mondes différents",
        "description": "Jusqu’à 15 000 € pour un projet porté ensemble par une association, une entreprise et "
        "une collectivité du Pays basque.",
        "themes": ["societal", "social"],
    },
]


def _author(organisation: Organisation) -> Any:
    membership = (
        Membership.objects.filter(organisation=organisation, status=MemberStatus.ACTIVE)
        .select_related("user")
        .order_by("role", "created_at")
        .first()
    )
    return membership.user if membership else None


@transaction.atomic
def demo_load() -> dict[str, int]:
    organisations = Organisation.objects.in_bulk([spec["organisation"] for spec in LISTINGS], field_name="slug")
    count = 0
    for spec in LISTINGS:
        organisation = organisations.get(spec["organisation"])
        if organisation is None:
            continue
        listing = Listing.objects.filter(organisation=organisation, title=spec["title"]).first() or Listing(
            organisation=organisation, title=spec["title"]
        )
        listing.direction = spec["direction"]
        listing.kind = spec["kind"]
        listing.description = spec["description"]
        listing.themes = to_mask(spec["themes"], THEME_KEYS)
        listing.status = Status.OPEN
        listing.created_by = listing.created_by or _author(organisation)
        listing.set_territory(organisation.territory)
        listing.save()
        count += 1
    cards_rebuild()
    return {"besoins et offres": count}
