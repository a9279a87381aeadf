"""What the cohorts hold about a person, for their GDPR download, and what they forget when the person leaves."""

from __future__ import annotations

from typing import Any

from catalyse.cohorts.models import DeclaredSession, Enrolment, Invitation


def personal_data_export(user: Any) -> dict[str, Any]:
    return {
        "inscriptions": [
            {
                "cohorte": e.cohort.slug,
                "titre": e.cohort.title,
                "formation": e.cohort.course.title,
                "statut": e.status,
                "motivation": e.motivation,
                "le": e.created_at.isoformat(),
            }
            for e in Enrolment.objects.filter(user=user).select_related("cohort__course").order_by("created_at")
        ],
        "sessions_declarees_suivies": [
            {"cohorte": d.cohort.slug, "session": d.session.number, "le": d.declared_at.isoformat()}
            for d in DeclaredSession.objects.filter(user=user).select_related("cohort", "session")
        ],
        "animation": [c.slug for c in user.facilitated_cohorts.order_by("slug")],
    }


def personal_data_erase(user: Any) -> None:
    """Enrolments, declared progress and invitations to the address go; the person no longer animates a cohort.
    Their messages in the cohorts' discussions are the network's (its eraser handles them)."""
    Enrolment.objects.filter(user=user).delete()
    DeclaredSession.objects.filter(user=user).delete()
    if user.email:
        Invitation.objects.filter(email__iexact=user.email).delete()
    user.facilitated_cohorts.clear()
