"""Keep each organisation's card in step when the organisation (its type, its territory) changes."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from catalyse.accounts.models import Organisation


@receiver(post_save, sender=Organisation, dispatch_uid="matching_card_refresh")
def organisation_saved(sender: Any, instance: Organisation, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # fixtures: `cards_rebuild` afterwards
        return
    from catalyse.matching.services import card_refresh

    card_refresh(organisation_id=instance.pk)
