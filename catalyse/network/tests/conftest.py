"""Fixtures of the network's tests: real territories, topics, people of the directory."""

from __future__ import annotations

from typing import Any

import pytest

from catalyse.accounts.services import profile_update
from catalyse.network.models import Topic
from catalyse.test import make_person, make_territories


@pytest.fixture
def places(db: Any) -> dict[str, Any]:
    return make_territories()


@pytest.fixture
def topic(db: Any) -> Topic:
    topic, _created = Topic.objects.get_or_create(
        slug="evaluer-l-impact", defaults={"title": "Évaluer l’impact", "position": 5}
    )
    return topic


def member(
    *,
    first_name: str,
    last_name: str,
    world: str = "association",
    territory: Any = None,
    themes: tuple[str, ...] = (),
    skills: tuple[str, ...] = (),
    bio: str = "",
    consent: bool = True,
    role: str = "catalyst",
    email: str | None = None,
) -> Any:
    """A person of the network with a full profile, in the directory unless consent=False."""
    person = make_person(role=role, first_name=first_name, last_name=last_name, world=world, email=email)
    profile_update(
        user=person,
        first_name=first_name,
        last_name=last_name,
        world=world,
        territory=territory,
        bio=bio,
        themes=themes,
        skills=skills,
        directory_consent=consent,
    )
    return person
