"""What the needs and offers hold about a person (the contacts they made, what they published), for their
GDPR download, and what goes when they leave."""

from __future__ import annotations

from typing import Any

from catalyse.matching.models import Contact, Listing


def personal_data_export(user: Any) -> dict[str, Any]:
    return {
        "mises_en_relation": [
            {
                "besoin": c.listing.title,
                "organisation_contactée": c.organisation.name,
                "message": c.message,
                "par": c.channel,
                "le": c.created_at.isoformat(),
            }
            for c in Contact.objects.filter(sender=user)
            .select_related("listing", "organisation")
            .order_by("created_at")
        ],
        "annonces_publiées": [
            {
                "organisation": listing.organisation.name,
                "sens": listing.direction,
                "titre": listing.title,
                "statut": listing.status,
                "le": listing.created_at.isoformat(),
            }
            for listing in Listing.objects.filter(created_by=user).select_related("organisation").order_by("created_at")
        ],
    }


def personal_data_erase(user: Any) -> None:
    """The contacts stay as a trace for both organisations, without the person nor their words; the listings
    belong to the organisation and stay, without their author."""
    Contact.objects.filter(sender=user).update(sender=None, message="")
    Listing.objects.filter(created_by=user).update(created_by=None)
