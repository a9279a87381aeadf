"""What the kit holds about a person, for their GDPR download, and what it forgets when they leave."""

from __future__ import annotations

from typing import Any

from catalyse.resources.models import Feedback, Resource


def personal_data_export(user: Any) -> dict[str, Any]:
    return {
        "ressources": [
            {"slug": r.slug, "titre": r.title, "statut": r.status, "créée_le": r.created_at.isoformat()}
            for r in Resource.objects.filter(authors=user).order_by("created_at")
        ],
        "avis": [
            {"ressource": f.resource.slug, "utile": f.useful, "commentaire": f.comment, "le": f.created_at.isoformat()}
            for f in Feedback.objects.filter(user=user).select_related("resource").order_by("created_at")
        ],
    }


def personal_data_erase(user: Any) -> None:
    """Feedback goes; published resources stay in the open kit, their author shown as a deleted account.
    Drafts that only this person wrote, never published, go with them."""
    Feedback.objects.filter(user=user).delete()
    for resource in Resource.objects.filter(authors=user, status="draft"):
        if resource.authors.count() == 1:
            resource.delete()
