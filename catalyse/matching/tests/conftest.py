"""Fixtures of the matching tests: real territories in rings around Saint-Étienne, organisations of every world."""

from __future__ import annotations

from typing import Any

import pytest

from catalyse.accounts.models import MemberRole, Membership, MemberStatus, Organisation
from catalyse.matching import services
from catalyse.test import make_person, make_territory


def make_rings() -> dict[str, Any]:
    aura = make_territory("region", "84", "Auvergne-Rhône-Alpes", population=8_114_361)
    idf = make_territory("region", "11", "Île-de-France", population=12_358_932)
    loire = make_territory("departement", "42", "Loire", region=aura, population=769_212)
    rhone = make_territory("departement", "69", "Rhône", region=aura, population=1_900_000)
    paris_dep = make_territory("departement", "75", "Paris", region=idf, population=2_100_000)
    sem = make_territory(
        "epci", "244200770", "Saint-Étienne Métropole", region=aura, departement=loire, population=404_520
    )
    roannais = make_territory(
        "epci", "200035731", "Roannais Agglomération", region=aura, departement=loire, population=100_000
    )
    lyon_metro = make_territory("epci", "200046977", "Métropole de Lyon", region=aura, departement=rhone)
    communes = {
        "saint_etienne": ("42218", "Saint-Étienne", loire, sem),
        "saint_chamond": ("42207", "Saint-Chamond", loire, sem),
        "roanne": ("42187", "Roanne", loire, roannais),
        "lyon": ("69123", "Lyon", rhone, lyon_metro),
        "paris": ("75056", "Paris", paris_dep, None),
    }
    places: dict[str, Any] = {"aura": aura, "loire": loire, "sem": sem, "roannais": roannais, "idf": idf}
    for key, (code, name, departement, epci) in communes.items():
        places[key] = make_territory(
            "commune", code, name, region=departement.region, departement=departement, epci=epci, population=10_000
        )
    return places


@pytest.fixture
def rings(db: Any) -> dict[str, Any]:
    return make_rings()


_slugs = iter(range(1, 1_000_000))


def make_org(name: str, org_type: str, territory: Any = None) -> Organisation:
    return Organisation.objects.create(name=name, slug=f"org-{next(_slugs)}", org_type=org_type, territory=territory)


def join(user: Any, organisation: Organisation, *, role: str = MemberRole.MEMBER, active: bool = True) -> Membership:
    return Membership.objects.create(
        user=user,
        organisation=organisation,
        role=role,
        status=MemberStatus.ACTIVE if active else MemberStatus.PENDING,
    )


def publish(
    organisation: Organisation, *, direction: str = "need", kind: str = "locaux", themes: Any = (), **extra: Any
) -> Any:
    """A listing through the service, by a member made for it."""
    author = organisation.memberships.filter(status="active").first()
    user = author.user if author else None
    if user is None:
        user = make_person(email=f"auteur-{organisation.slug}@exemple.fr")
        join(user, organisation)
    fields = {"title": "Un atelier pour nos chantiers", "description": "Deux jours par semaine.", **extra}
    return services.listing_create(
        author=user, organisation=organisation, direction=direction, kind=kind, themes=list(themes), **fields
    )


@pytest.fixture
def association(rings: dict[str, Any]) -> Organisation:
    return make_org("Loire Solidarités Emploi", "association", rings["saint_etienne"])


@pytest.fixture
def member(association: Organisation) -> Any:
    person = make_person(email="nadia.membre@exemple.fr", first_name="Nadia", last_name="Haddad")
    join(person, association)
    return person
