"""Fixtures of the self-diagnosis tests: the real territories of the Loire, answers through the services."""

from __future__ import annotations

from typing import Any

import pytest

from catalyse.diagnostics import services
from catalyse.diagnostics.models import Questionnaire
from catalyse.territories.models import Territory
from catalyse.territories.services import territories_load


@pytest.fixture
def loire(db: Any) -> dict[str, Territory]:
    territories_load(departements=["42"])
    return {
        "roanne": Territory.objects.by_ref("commune:42187"),
        "saint_chamond": Territory.objects.by_ref("commune:42207"),
        "firminy": Territory.objects.by_ref("commune:42095"),
        "saint_etienne": Territory.objects.by_ref("commune:42218"),
    }


@pytest.fixture
def questionnaire(db: Any) -> Questionnaire:
    current = Questionnaire.objects.current()
    assert current is not None
    return current


def answer_all(*, user: Any, territory: Territory, questionnaire: Questionnaire, by_dimension: dict[str, int]) -> Any:
    """Answer every question with one level per action."""
    values = {q.pk: by_dimension[q.dimension] for q in questionnaire.questions.all()}
    return services.response_submit(user=user, territory=territory, questionnaire=questionnaire, values=values)


def form_data(questionnaire: Questionnaire, territory_text: str, by_dimension: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"territory": territory_text}
    for question in questionnaire.questions.all():
        value = by_dimension.get(question.dimension)
        if value is not None:
            data[f"question_{question.pk}"] = str(value)
    return data
