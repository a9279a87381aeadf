"""A cohort's discussions are threads of the network scoped to the cohort's private space ("cohort:<pk>"):
out of the network's lists, open to the cohort's members and facilitators (and the network's moderators)."""

from __future__ import annotations

from typing import Any

SPACE_PREFIX = "cohort"
# The network topic the cohorts' threads are filed under (seeded by the network's migration 0002).
TOPIC_SLUG = "evolution-des-competences"
TOPIC_TITLE = "Évolution des compétences"


def space_of(cohort: Any) -> str:
    return f"{SPACE_PREFIX}:{cohort.pk}"


def space_can_read(user: Any, key: str) -> bool:
    from catalyse.cohorts.models import Cohort
    from catalyse.cohorts.permissions import can_take_part

    if not key.isdigit():
        return False
    cohort = Cohort.objects.filter(pk=int(key)).first()
    return cohort is not None and can_take_part(cohort, user)
