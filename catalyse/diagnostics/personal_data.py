"""What the self-diagnosis holds about a person, for their GDPR download.

On erasure the answers stay, attached to the anonymised account: they are contributions to
their territory's averages and no longer say who gave them."""

from __future__ import annotations

from typing import Any

from catalyse.diagnostics.models import Response


def personal_data_export(user: Any) -> list[dict[str, Any]]:
    responses = (
        Response.objects.filter(respondent=user)
        .select_related("territory", "questionnaire")
        .prefetch_related("answers__question")
        .order_by("submitted_at")
    )
    return [
        {
            "territoire": response.territory.ref,
            "questionnaire": str(response.questionnaire),
            "envoyé le": response.submitted_at.isoformat(),
            "réponses": [{"question": a.question.text, "niveau": a.value} for a in response.answers.all()],
        }
        for response in responses
    ]
