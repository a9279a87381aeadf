"""load_demo's partnerships: real-looking alliances between the demo organisations, and a synthetic layer."""

from __future__ import annotations

from typing import Any

import pytest

from catalyse.partnerships import demo
from catalyse.partnerships.models import Partnership
from catalyse.partnerships.observatory import ObservatoryQuery, observatory_count
from catalyse.territories.services import territories_load


@pytest.mark.django_db
def test_it_loads_the_demo_partnerships_once(monkeypatch: Any) -> None:
    from catalyse.accounts.demo import demo_load as accounts_demo_load

    monkeypatch.setattr(demo, "DEMO_GENERATED", 200)
    territories_load(departements=["42", "56", "26", "25", "64"])
    accounts_demo_load()
    first = demo.demo_load()
    assert first["partenariats"] == 4
    assert demo.demo_load()["partenariats"] == 0
    assert Partnership.objects.filter(generated=False).count() == 4
    assert Partnership.objects.filter(generated=True).count() == 200
    waiting = Partnership.objects.get(title="Mesurer l’impact des alliances territoriales")
    assert waiting.status == "declared"
    assert observatory_count(ObservatoryQuery(group_by="mode")).total == 203
