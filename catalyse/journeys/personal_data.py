"""What the journeys hold about a person, for their GDPR download, and what they forget when the person leaves."""

from __future__ import annotations

from typing import Any

from catalyse.journeys.models import ActionItem, CommonMessage, Deliverable, Note, TeamMember


def personal_data_export(user: Any) -> dict[str, Any]:
    return {
        "équipes": [
            {
                "parcours": m.team.journey.slug,
                "équipe": m.team.name,
                "territoire": m.team.territory.ref,
                "monde": m.world,
                "fonction": m.role_label,
                "depuis": m.joined_at.isoformat(),
            }
            for m in TeamMember.objects.filter(user=user).select_related("team__journey", "team__territory")
        ],
        "livrables_remis": [
            {
                "parcours": d.team.journey.slug,
                "équipe": d.team.name,
                "étape": d.step.title,
                "texte": d.text,
                "fichier": d.file_name,
                "le": d.submitted_at.isoformat(),
            }
            for d in Deliverable.objects.filter(submitted_by=user).select_related("team__journey", "step")
        ],
        "notes": [
            {"équipe": n.team.name, "note": n.body, "le": n.created_at.isoformat()}
            for n in Note.objects.filter(author=user).select_related("team")
        ],
        "messages_espace_commun": [
            {"parcours": m.journey.slug, "message": m.body, "le": m.created_at.isoformat()}
            for m in CommonMessage.objects.filter(author=user).select_related("journey")
        ],
        "actions_ajoutées": [
            {"équipe": a.team.name, "action": a.what, "qui": a.who, "le": a.created_at.isoformat()}
            for a in ActionItem.objects.filter(created_by=user).select_related("team")
        ],
    }


def personal_data_erase(user: Any) -> None:
    """Memberships, notes and messages go; deliverables stay with the team's work, without the person's name."""
    TeamMember.objects.filter(user=user).delete()
    Note.objects.filter(author=user).delete()
    CommonMessage.objects.filter(author=user).delete()
    Deliverable.objects.filter(submitted_by=user).update(submitted_by=None)
    ActionItem.objects.filter(created_by=user).update(created_by=None)
    for journey in user.facilitated_journeys.all():
        journey.facilitators.remove(user)
