"""Who may do what in the network: small checks shared by services, views and templates."""

from __future__ import annotations

from typing import Any

from catalyse.accounts.roles import Role, user_has_role
from catalyse.network.models import DiscussionBan, Thread

_BAN_CACHE = "_network_banned"


def is_moderator(user: Any) -> bool:
    """Facilitators of the programme moderate the discussions (administrators pass every role check)."""
    return user_has_role(user, Role.FACILITATOR)


def is_banned(user: Any) -> bool:
    """Excluded from writing in the discussions; read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, _BAN_CACHE, None)
    if cached is None:
        cached = DiscussionBan.objects.filter(user_id=user.pk).exists()
        setattr(user, _BAN_CACHE, cached)
    return bool(cached)


def forget_ban(user: Any) -> None:
    if hasattr(user, _BAN_CACHE):
        delattr(user, _BAN_CACHE)


def can_write(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active and not is_banned(user)


def can_reply(user: Any, thread: Thread) -> bool:
    """Locked or hidden threads take replies from moderators only."""
    if not can_write(user):
        return False
    if thread.is_locked or thread.is_hidden:
        return is_moderator(user)
    return True
