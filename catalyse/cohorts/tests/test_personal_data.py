"""GDPR: a person's enrolments and declared progress are in their download, and go when they leave."""

from __future__ import annotations

from typing import Any

import pytest

from catalyse.cohorts import personal_data, services
from catalyse.cohorts.models import DeclaredSession, Enrolment, Invitation
from catalyse.lib.registry import registry

from .conftest import make_cohort, make_course, person

pytestmark = pytest.mark.django_db


def test_the_export_and_the_eraser_cover_enrolments_declarations_and_invitations(facilitator: Any) -> None:
    assert "cohortes" in {e.key for e in registry.personal_data_exporters}
    assert "cohortes" in {e.key for e in registry.personal_data_erasers}
    course = make_course(slug="mooc", external=True)
    cohort = make_cohort(course, facilitators=[facilitator])
    lea, other = person("lea"), person("autre")
    for user in (lea, other):
        services.cohort_enrol(cohort=cohort, user=user, motivation="")
        services.session_declare(cohort=cohort, user=user, session=course.sessions.get(number=1))
    services.cohort_invite(cohort=cohort, by=facilitator, emails=[lea.email, "x@exemple.fr"])
    exported = personal_data.personal_data_export(lea)
    assert exported["inscriptions"][0]["cohorte"] == cohort.slug
    assert exported["sessions_declarees_suivies"] == [
        {"cohorte": cohort.slug, "session": 1, "le": exported["sessions_declarees_suivies"][0]["le"]}
    ]
    assert personal_data.personal_data_export(facilitator)["animation"] == [cohort.slug]
    personal_data.personal_data_erase(lea)
    personal_data.personal_data_erase(facilitator)
    assert not Enrolment.objects.filter(user=lea).exists() and not DeclaredSession.objects.filter(user=lea).exists()
    assert Enrolment.objects.filter(user=other).exists() and DeclaredSession.objects.filter(user=other).exists()
    assert list(Invitation.objects.values_list("email", flat=True)) == ["x@exemple.fr"]
    assert not cohort.facilitators.exists()
