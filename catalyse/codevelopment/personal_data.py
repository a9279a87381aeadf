"""What the co-development sessions hold about a person, for their GDPR download, and what goes when they leave.

On erasure the person’s own words go (questions, consultations, contract, synthesis, notes, learnings); their place
in past sessions stays, attached to the anonymised account (« Compte supprimé »), so that the record still says how
many took part, with their evaluation. The actions already in a team's action plan belong to the team and stay."""

from __future__ import annotations

from typing import Any

from catalyse.codevelopment.models import Contribution, Participant, Session, SessionAction


def personal_data_export(user: Any) -> dict[str, Any]:
    participations = Participant.objects.filter(user=user).select_related("session__journey").order_by("session_id")
    contributions = Contribution.objects.filter(author=user).select_related("session").order_by("created_at", "id")
    facilitated = Session.objects.filter(facilitator=user).select_related("journey").order_by("scheduled_at")
    return {
        "séances": [
            {
                "séance": p.session.title,
                "parcours": p.session.journey.slug,
                "rôle": p.role,
                "évaluation": p.rating,
                "accord de partage": p.session.client_consent if p.role == "client" else None,
            }
            for p in participations
        ],
        "séances animées": [{"séance": s.title, "parcours": s.journey.slug} for s in facilitated],
        "contributions": [
            {"séance": c.session.title, "nature": c.kind, "texte": c.text, "le": c.created_at.isoformat()}
            for c in contributions
        ],
        "actions décidées": [
            {"séance": a.session.title, "action": a.what, "qui": a.who, "pour le": a.due_on and a.due_on.isoformat()}
            for a in SessionAction.objects.filter(created_by=user).select_related("session").order_by("created_at")
        ],
    }


def personal_data_erase(user: Any) -> None:
    sessions = list(Contribution.objects.filter(author=user).values_list("session_id", flat=True).distinct())
    Contribution.objects.filter(author=user).delete()
    SessionAction.objects.filter(created_by=user).update(created_by=None)
    # The live rooms that showed these words refresh at their next poll.
    for session in Session.objects.filter(pk__in=sessions):
        session.version += 1
        session.save(update_fields=["version"])
