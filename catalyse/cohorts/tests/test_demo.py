"""The demo loader: two study groups per seed course (one in progress, one upcoming), idempotent; skipped without
the courses."""

from __future__ import annotations

from typing import Any

import pytest

from catalyse.cohorts import demo
from catalyse.cohorts.models import Cohort, DeclaredSession
from catalyse.network.models import Post

from .conftest import make_course

pytestmark = pytest.mark.django_db


def test_it_skips_quietly_without_the_courses() -> None:
    assert demo.demo_load()["cohortes créées"] == 0
    assert not Cohort.objects.exists()


def test_it_loads_cohorts_in_progress_and_upcoming_once(facilitator: Any) -> None:
    from catalyse.test import make_person

    make_course(slug="partenariats-qui-changent-le-monde", external=True, sessions=4)
    make_course(slug="alliances-qui-changent-les-territoires", external=True, sessions=4)
    make_person(email=demo.FACILITATOR, role="facilitator", first_name="Élodie", last_name="Fabre")
    for email in ("amandine.moreau", "nadia.haddad", "youssef.benali", "thomas.lefebvre", "helene.garnier"):
        first, last = email.split(".")
        make_person(email=f"{email}@catalyse.localhost", first_name=first.title(), last_name=last.title())
    counts = demo.demo_load()
    assert counts["cohortes créées"] == 4
    assert Cohort.objects.started().count() == 2 and Cohort.objects.upcoming().count() == 2
    assert counts["messages"] == 5 and Post.objects.filter(thread__space__startswith="cohort:").count() == 5 + 3
    assert DeclaredSession.objects.count() == counts["sessions déclarées suivies"] > 0
    assert demo.demo_load()["cohortes créées"] == 0
    assert Cohort.objects.count() == 4


def test_it_follows_the_learning_loaders_real_courses() -> None:
    """With the accounts and learning loaders first, as `load_demo` orders them."""
    from catalyse.accounts import demo as accounts_demo
    from catalyse.learning import demo as learning_demo

    accounts_demo.demo_load()
    learning_demo.demo_load()
    counts = demo.demo_load()
    assert counts["cohortes créées"] == 4 and counts["messages"] == 5
    group = Cohort.objects.get(slug="partenariats-cohorte-automne")
    assert group.is_study_group and group.schedule.count() == 4
    assert group.enrolments.active().count() == 4
