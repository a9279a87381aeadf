"""The agenda's block on each territory page: events there and in the places it contains."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from catalyse.events.models import Event

BLOCK_SIZE = 5


def territory_events_context(territory: Any, request: Any) -> dict[str, Any] | None:
    now = timezone.now()
    events = Event.objects.visible().in_territory(territory).select_related("territory")
    upcoming = list(events.upcoming(now)[: BLOCK_SIZE + 1])
    past = list(events.past(now)[:3])
    return {
        "territory": territory,
        "upcoming": upcoming[:BLOCK_SIZE],
        "past": past,
        "has_more": len(upcoming) > BLOCK_SIZE,
        "list_url": f"{reverse('events:event-list')}?territoire={territory.ref}",
        "past_url": f"{reverse('events:event-list')}?quand=passes&territoire={territory.ref}",
    }
