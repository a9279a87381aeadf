"""Fixtures of the events' tests: real territories, events built through the services."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from catalyse.events import services
from catalyse.test import make_person, make_territories


@pytest.fixture
def places(db: Any) -> dict[str, Any]:
    return make_territories()


def make_event(**fields: Any) -> Any:
    """An upcoming webinar in ten days, registration on the platform, unless told otherwise."""
    start = fields.pop("starts_at", None) or timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    defaults: dict[str, Any] = {
        "title": "Webinaire\u00a0: mécénat de compétences",
        "kind": "webinaire",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "format": "en_ligne",
        "online_url": "https://visio.exemple.fr/salle-secrete-42",
        "registration_mode": "plateforme",
        "summary": "Comprendre le mécénat de compétences entre entreprises et associations.",
    }
    defaults.update(fields)
    return services.event_create(**defaults)


def person(name: str, **fields: Any) -> Any:
    return make_person(email=f"{name}@exemple.fr", first_name=name.capitalize(), last_name="Testeur", **fields)


def ago(**delta: Any) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


def later(**delta: Any) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(**delta)
