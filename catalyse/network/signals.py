"""Keep each person's network row (handle, directory search text) in step with their account."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from catalyse.network.members import member_refresh

_NAME_FIELDS = {"first_name", "last_name"}


def user_saved(sender: Any, instance: Any, created: bool, update_fields: Any = None, **kwargs: Any) -> None:
    # A login only writes last_login: nothing to do.
    if update_fields is not None and not (_NAME_FIELDS & set(update_fields)):
        return
    if kwargs.get("raw"):
        return
    member_refresh(instance)


def profile_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    member_refresh(instance.user)


def skills_changed(sender: Any, instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        # skill.profiles.add(...): refresh each profile touched.
        from catalyse.accounts.models import Profile

        for profile in Profile.objects.filter(pk__in=kwargs.get("pk_set") or []).select_related("user"):
            member_refresh(profile.user)
        return
    member_refresh(instance.user)


def membership_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    member_refresh(instance.user)


def membership_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    # The person may be going too (a cascade): refresh only a row that still exists, never create one.
    from catalyse.accounts.models import User

    user = User.objects.filter(pk=instance.user_id).first()
    if user is not None:
        member_refresh(user, create=False)


def connect() -> None:
    from catalyse.accounts.models import Membership, Profile, User

    post_save.connect(user_saved, sender=User, dispatch_uid="network_user_saved")
    post_save.connect(profile_saved, sender=Profile, dispatch_uid="network_profile_saved")
    m2m_changed.connect(skills_changed, sender=Profile.skills.through, dispatch_uid="network_skills_changed")
    post_save.connect(membership_saved, sender=Membership, dispatch_uid="network_membership_saved")
    post_delete.connect(membership_deleted, sender=Membership, dispatch_uid="network_membership_deleted")
