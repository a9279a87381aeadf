"""What the events hold about a person, for their GDPR download, and what they forget when the person leaves."""

from __future__ import annotations

from typing import Any

from catalyse.events.models import CalendarFeed, Feedback, Invitation, Registration


def personal_data_export(user: Any) -> dict[str, Any]:
    return {
        "inscriptions": [
            {
                "événement": r.event.slug,
                "titre": r.event.title,
                "statut": r.status,
                "axe": r.track.title if r.track else None,
                "réponses": r.answers,
                "présent": r.attended,
                "le": r.created_at.isoformat(),
            }
            for r in Registration.objects.filter(user=user).select_related("event", "track").order_by("created_at")
        ],
        "avis": [
            {"événement": f.event.slug, "note": f.rating, "commentaire": f.comment, "le": f.created_at.isoformat()}
            for f in Feedback.objects.filter(user=user).select_related("event").order_by("created_at")
        ],
    }


def personal_data_erase(user: Any) -> None:
    """Registrations, answers, opinions and the calendar feed go; places they held are freed for those waiting."""
    from catalyse.events.services import event_promote_waiting

    events = list({r.event for r in Registration.objects.filter(user=user, status="confirmed").select_related("event")})
    Registration.objects.filter(user=user).delete()
    Feedback.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email).delete()
    for event in events:
        event_promote_waiting(event=event)
