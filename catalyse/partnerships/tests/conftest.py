"""Fixtures of the registry's tests: organisations, their members, and a few real territories."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from catalyse.test import make_person, make_territories

_counter = itertools.count(1)


def make_organisation(name: str, org_type: str = "association", territory: Any = None) -> Any:
    from catalyse.accounts.models import Organisation
    from catalyse.lib.text import slugify_fr

    return Organisation.objects.create(
        name=name, slug=f"{slugify_fr(name)}-{next(_counter)}", org_type=org_type, territory=territory
    )


def join(user: Any, organisation: Any, *, status: str = "active") -> Any:
    from catalyse.accounts.models import Membership

    return Membership.objects.create(user=user, organisation=organisation, status=status)


@pytest.fixture
def places(db: Any) -> dict[str, Any]:
    return make_territories()


@pytest.fixture
def world(places: dict[str, Any]) -> dict[str, Any]:
    """Two organisations of different worlds, a member of each, and a third organisation with no one."""
    association = make_organisation("Loire Solidarités", "association", places["saint_etienne"])
    company = make_organisation("Menuiserie du Pilat", "entreprise", places["saint_etienne"])
    foundation = make_organisation("Fondation du Forez", "fondation", places["loire"])
    alice = make_person(email="alice@exemple.fr", first_name="Alice", last_name="Bernard")
    bruno = make_person(email="bruno@exemple.fr", first_name="Bruno", last_name="Petit", world="entreprise")
    join(alice, association)
    join(bruno, company)
    return {**places, "association": association, "company": company, "foundation": foundation, "alice": alice,
            "bruno": bruno}  # fmt: skip


def declare(world: dict[str, Any], **fields: Any) -> Any:
    """A partnership declared by Alice for the association, with the company as partner."""
    from catalyse.partnerships.services import partnership_create

    values: dict[str, Any] = {
        "user": world["alice"],
        "organisation": world["association"],
        "title": "Chantier d’insertion partagé",
        "modes": ["pratiques_responsables"],
        "themes": ["social"],
        "territory": world["saint_etienne"],
        "start_year": 2015,
        "partners": [(world["association"], "porteur"), (world["company"], "partenaire")],
    }
    values.update(fields)
    return partnership_create(**values)
