"""What the courses hold about a person (quiz attempts, segments done, notebook), for their GDPR download; all of
it goes when they leave (it is theirs alone and no one else's work depends on it)."""

from __future__ import annotations

from typing import Any

from catalyse.learning.models import ActivityEntry, QuizAttempt, SegmentCompletion


def _where(segment: Any) -> dict[str, Any]:
    session = segment.session
    return {"formation": session.course.slug, "session": session.number, "séquence": segment.title}


def personal_data_export(user: Any) -> dict[str, Any]:
    related = "segment__session__course"
    return {
        "carnet": [
            {**_where(e.segment), "texte": e.text, "modifié le": e.updated_at.isoformat()}
            for e in ActivityEntry.objects.filter(user=user).select_related(related).order_by("created_at")
        ],
        "quiz": [
            {**_where(a.segment), "score": a.score_percent, "réponses": a.answers, "le": a.created_at.isoformat()}
            for a in QuizAttempt.objects.filter(user=user).select_related(related).order_by("created_at")
        ],
        "séquences terminées": [
            {**_where(c.segment), "le": c.completed_at.isoformat()}
            for c in SegmentCompletion.objects.filter(user=user).select_related(related).order_by("completed_at")
        ],
    }


def personal_data_erase(user: Any) -> None:
    ActivityEntry.objects.filter(user=user).delete()
    QuizAttempt.objects.filter(user=user).delete()
    SegmentCompletion.objects.filter(user=user).delete()
