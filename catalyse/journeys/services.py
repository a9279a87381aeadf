"""Business rules of the experience journeys: who sees what, teams, steps, deliverables, the action plan."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from catalyse.journeys.models import (
    ACTION_MAX_LENGTH,
    WHO_MAX_LENGTH,
    ActionItem,
    Journey,
    PilotTeam,
    TeamMember,
)

# --- Who sees what -----------------------------------------------------------------------------------------------


def get_journey_for_user(request: HttpRequest, slug: str) -> Journey:
    """A journey by its address (404 if there is none). Its public page is public: anyone may see it."""
    journey = Journey.objects.filter(slug=slug).first()
    if journey is None:
        raise Http404(_("Ce parcours n’existe pas."))
    return journey


def journey_is_facilitator(*, journey: Journey, user: Any) -> bool:
    return journey.is_facilitator(user)


def team_for_user(*, journey: Journey, user: Any) -> PilotTeam | None:
    """The team of the journey the person belongs to (at most one), or None."""
    return journey.team_of(user)


def can_view_team(*, team: PilotTeam, user: Any) -> bool:
    """A team's private workspace: its members and the journey's facilitators only."""
    if not getattr(user, "is_authenticated", False):
        return False
    if TeamMember.objects.filter(team=team, user=user).exists():
        return True
    return team.journey.is_facilitator(user)


# --- The action plan ---------------------------------------------------------------------------------------------


@transaction.atomic
def action_item_add(
    *,
    team: PilotTeam,
    what: str,
    who: str = "",
    due_on: datetime.date | None = None,
    source_label: str = "",
    source_url: str = "",
    created_by: Any = None,
) -> ActionItem:
    """Add a line to a team's action plan (what, who, when); `source_*` say where it was decided."""
    what = (what or "").strip()
    who = (who or "").strip()
    errors: dict[str, list[str]] = {}
    if not what:
        errors["what"] = [_("Dites quelle action l’équipe s’engage à mener.")]
    elif len(what) > ACTION_MAX_LENGTH:
        errors["what"] = [_("L’action tient en %(max)d caractères au plus.") % {"max": ACTION_MAX_LENGTH}]
    if len(who) > WHO_MAX_LENGTH:
        errors["who"] = [_("« Qui » tient en %(max)d caractères au plus.") % {"max": WHO_MAX_LENGTH}]
    if errors:
        raise ValidationError(errors)
    return ActionItem.objects.create(
        team=team,
        what=what,
        who=who,
        due_on=due_on,
        source_label=(source_label or "")[:200],
        source_url=(source_url or "")[:500],
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )


@transaction.atomic
def action_item_set_done(*, item: ActionItem, done: bool) -> ActionItem:
    item.done = done
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done", "done_at"])
    return item
