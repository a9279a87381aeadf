"""Each person's row in the network: a stable handle for mentions, and the folded text the directory searches.

Kept in step with the accounts app by signals (signals.py): a name, a bio, skills or organisations change,
the search text follows."""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction

from catalyse.accounts.models import Membership, MemberStatus, Profile, User
from catalyse.lib.text import fold, slugify_fr
from catalyse.network.models import NetworkMember

HANDLE_MAX_LENGTH = 40
_PLACEHOLDER_HANDLE = re.compile(r"membre(-\d+)?")


def _handle_base(user: User) -> str:
    base = slugify_fr(f"{user.first_name} {user.last_name}")[:HANDLE_MAX_LENGTH].strip("-")
    return base or "membre"


def _unique_handle(user: User) -> str:
    base = _handle_base(user)
    taken = set(
        NetworkMember.objects.filter(handle__startswith=base).exclude(user=user).values_list("handle", flat=True)
    )
    handle, index = base, 2
    while handle in taken:
        handle = f"{base}-{index}"
        index += 1
    return handle


def search_text_for(user: User) -> str:
    """Name, bio, skills and organisations, folded: what a directory search matches."""
    parts = [user.first_name, user.last_name]
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        parts.append(profile.bio)
        parts += [skill.name for skill in profile.skills.all()]
    parts += list(
        Membership.objects.filter(user=user, status=MemberStatus.ACTIVE).values_list("organisation__name", flat=True)
    )
    return " ".join(fold(part) for part in parts if part)


def member_for(user: User) -> NetworkMember:
    """The person's network row, created on first need (handle from their name)."""
    member = NetworkMember.objects.filter(user=user).first()
    if member is not None:
        return member
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return NetworkMember.objects.create(
                    user=user, handle=_unique_handle(user), search_text=search_text_for(user)
                )
        except IntegrityError:
            # Someone took the handle (or created the row) at the same time: look again.
            member = NetworkMember.objects.filter(user=user).first()
            if member is not None:
                return member
    raise RuntimeError(f"no handle for user {user.pk}")


def member_refresh(user: User, *, create: bool = True) -> NetworkMember | None:
    """Recompute the search text of a person (after their profile changed); nothing for erased accounts.

    With create=False, only an existing row is refreshed (while rows are being deleted)."""
    if user.erased_at or not user.pk:
        return None
    member = member_for(user) if create else NetworkMember.objects.filter(user=user).first()
    if member is None:
        return None
    fields = []
    text = search_text_for(user)
    if text != member.search_text:
        member.search_text = text
        fields.append("search_text")
    # A handle made before the person gave their name ("membre-12") takes their name once they do.
    if _PLACEHOLDER_HANDLE.fullmatch(member.handle) and _handle_base(user) != "membre":
        member.handle = _unique_handle(user)
        fields.append("handle")
    if fields:
        member.save(update_fields=fields)
    return member


def members_sync(users: Any = None) -> int:
    """Create or refresh the rows of many people (all active people by default): after a bulk import."""
    queryset = users if users is not None else User.objects.filter(is_active=True, erased_at__isnull=True)
    count = 0
    for user in queryset.iterator():
        member_refresh(user)
        count += 1
    return count
