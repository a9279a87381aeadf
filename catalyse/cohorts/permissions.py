"""Who may do what in a cohort: small checks shared by services, views and templates."""

from __future__ import annotations

from typing import Any

from catalyse.accounts.roles import Role, user_has_role


def is_programme_facilitator(user: Any) -> bool:
    """The programme's facilitators (and administrators) run every cohort."""
    return user_has_role(user, Role.FACILITATOR)


def can_manage(cohort: Any, user: Any) -> bool:
    """The cohort's own facilitators and the programme's facilitators: dashboard, approvals, invitations."""
    return cohort.is_facilitator(user) or is_programme_facilitator(user)


def is_member(cohort: Any, user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(cohort.enrolments.filter(user_id=user.pk, status="active").exists())


def can_take_part(cohort: Any, user: Any) -> bool:
    """The cohort's private spaces (discussions, meeting links, calendar): its members and its facilitators."""
    return is_member(cohort, user) or can_manage(cohort, user)
