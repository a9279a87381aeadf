"""What the carnets de bord hold about a person, for their GDPR download, and what they forget on erasure."""

from __future__ import annotations

from typing import Any

from catalyse.logbooks.models import Delivery, Subscription


def personal_data_export(user: Any) -> dict[str, Any]:
    return {
        "abonnements": [
            {
                "parcours": s.journey.slug,
                "titre": s.journey.title,
                "origine": s.source,
                "abonné le": s.subscribed_at.isoformat(),
                "désabonné le": s.unsubscribed_at.isoformat() if s.unsubscribed_at else None,
            }
            for s in Subscription.objects.filter(user=user).select_related("journey").order_by("subscribed_at", "pk")
        ],
        "carnets reçus": [
            {
                "parcours": d.issue.journey.slug,
                "carnet": d.issue.title,
                "mois": d.issue.period,
                "adresse": d.email,
                "envoyé le": d.sent_at.isoformat(),
            }
            for d in Delivery.objects.filter(user=user).select_related("issue__journey").order_by("sent_at", "pk")
        ],
    }


def personal_data_erase(user: Any) -> None:
    """Subscriptions and the record of what was sent go (the published issues stay: they are the journey's)."""
    Subscription.objects.filter(user=user).delete()
    Delivery.objects.filter(user=user).delete()
