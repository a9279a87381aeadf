"""Facilitators create a cohort, set its schedule (members told of a moved meeting) and publish it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from catalyse.cohorts import services
from catalyse.cohorts.models import Cohort

from .conftest import make_cohort, person

pytestmark = pytest.mark.django_db


def test_a_programme_facilitator_creates_a_cohort_in_preparation(
    client: Any, course: Any, facilitator: Any, catalyst: Any
) -> None:
    create = reverse("cohorts:cohort-create")
    client.force_login(catalyst)
    assert client.get(create).status_code == 403
    client.force_login(facilitator)
    response = client.post(create, {"course": course.pk, "title": " ", "starts_on": "31/02/2027"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Donnez un titre à la cohorte." in html and "Indiquez une date valide." in html
    assert not Cohort.objects.exists()
    response = client.post(
        create,
        {"course": course.pk, "title": "Cohorte d’hiver", "starts_on": "2027-01-11", "enrolment_mode": "open"},
    )
    cohort = Cohort.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "cohorts:cohort-schedule", args=[cohort.slug]
    )
    assert cohort.status == "draft" and list(cohort.facilitators.all()) == [facilitator]
    assert [row.opens_on for row in cohort.schedule.order_by("session__number")] == [
        datetime.date(2027, 1, 11),
        datetime.date(2027, 1, 18),
    ]
    client.post(reverse("cohorts:cohort-publish", args=[cohort.slug]))
    cohort.refresh_from_db()
    assert cohort.status == "published"


def _schedule_data(cohort: Any, **overrides: str) -> dict[str, str]:
    data = {}
    for row in cohort.schedule.select_related("session"):
        start = timezone.localtime(row.meeting_starts_at)
        end = timezone.localtime(row.meeting_ends_at)
        prefix = f"session-{row.number}-"
        data.update(
            {
                prefix + "opens_on": row.opens_on.isoformat(),
                prefix + "meeting_day": start.date().isoformat(),
                prefix + "meeting_start": start.strftime("%H:%M"),
                prefix + "meeting_end": end.strftime("%H:%M"),
                prefix + "meeting_url": row.meeting_url,
            }
        )
    data.update(overrides)
    return data


@pytest.mark.parametrize(("who", "status"), [("outsider", 403), ("member", 403), ("cohort_facilitator", 200)])
def test_the_schedule_page_is_for_the_cohorts_facilitators(
    client: Any, course: Any, catalyst: Any, outsider: Any, who: str, status: int
) -> None:
    cohort = make_cohort(course, facilitators=[catalyst])
    member = person("membre")
    services.cohort_enrol(cohort=cohort, user=member)
    client.force_login({"outsider": outsider, "member": member, "cohort_facilitator": catalyst}[who])
    assert client.get(reverse("cohorts:cohort-schedule", args=[cohort.slug])).status_code == status


def test_moving_a_meeting_tells_the_members_with_the_calendar_file(
    client: Any, course: Any, catalyst: Any, inbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    cohort = make_cohort(course, facilitators=[catalyst])
    member = person("membre")
    services.cohort_enrol(cohort=cohort, user=member)
    client.force_login(catalyst)
    schedule = reverse("cohorts:cohort-schedule", args=[cohort.slug])
    page = client.get(schedule).content.decode()
    assert "visio.exemple.fr/cohorte-secrete" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(schedule, _schedule_data(cohort, **{"session-2-meeting_start": "17:30"}))
    assert response.status_code == 302
    row = cohort.schedule.get(session__number=2)
    assert timezone.localtime(row.meeting_starts_at).strftime("%H:%M") == "17:30" and row.sequence == 1
    assert cohort.schedule.get(session__number=1).sequence == 0
    [mail] = inbox.wait_for(1)
    assert mail["To"] == member.email and "Réunion de la session 2" in mail["Subject"]
    assert any(part.get_content_type() == "text/calendar" for part in mail.walk())


def test_a_bad_schedule_says_what_to_fix_and_saves_nothing(client: Any, course: Any, catalyst: Any) -> None:
    cohort = make_cohort(course, facilitators=[catalyst])
    client.force_login(catalyst)
    schedule = reverse("cohorts:cohort-schedule", args=[cohort.slug])
    before = list(cohort.schedule.values_list("opens_on", "meeting_starts_at"))
    response = client.post(
        schedule, _schedule_data(cohort, **{"session-1-meeting_end": "", "session-2-meeting_url": "visio"})
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "indiquez le jour, l’heure de début et l’heure de fin" in html
    too_early = (cohort.starts_on - datetime.timedelta(days=3)).isoformat()
    response = client.post(
        schedule,
        _schedule_data(cohort, **{"session-1-meeting_start": "18:30", "session-2-opens_on": too_early}),
    )
    assert response.status_code == 400
    assert "Session 2 : elle ne peut pas ouvrir avant le début de la cohorte." in response.content.decode()
    assert list(cohort.schedule.values_list("opens_on", "meeting_starts_at")) == before
