"""The demo sessions (idempotent, skipped without the demo journey) and the GDPR export and erasure."""

from __future__ import annotations

import pytest

from catalyse.accounts.services import user_erase
from catalyse.codevelopment import demo, services
from catalyse.codevelopment.models import Contribution, Participant, Session, Stage
from catalyse.codevelopment.personal_data import personal_data_export
from catalyse.codevelopment.tests.conftest import advance_to, build_cohort
from catalyse.journeys.models import ActionItem
from catalyse.lib.registry import registry

pytestmark = pytest.mark.django_db


def test_the_demo_skips_without_the_demo_journey(db):
    assert demo.demo_load() == {"séances de codéveloppement": 0}
    assert not Session.objects.exists()


def test_the_demo_adds_a_session_held_one_live_and_one_planned_once(db):
    cohort = build_cohort(slug=demo.DEMO_JOURNEY_SLUG)
    assert demo.demo_load() == {"séances de codéveloppement": 3}
    assert demo.demo_load() == {"séances de codéveloppement": 3}
    done = Session.objects.get(title=demo.DONE_TITLE)
    live = Session.objects.get(title=demo.LIVE_TITLE)
    planned = Session.objects.get(title=demo.PLANNED_TITLE)
    assert done.is_done and done.client_consent and done.illustration is not None
    assert done.illustration.kind == "illustration" and not done.illustration.is_public
    assert live.is_live and live.stage == Stage.CONSULTATION
    assert planned.is_planned
    # Each is client once: three different clients, proposed by the rotation.
    assert len({done.client_id, live.client_id, planned.client_id}) == 3
    assert ActionItem.objects.filter(team=done.client_team, source_url=done.get_record_url()).count() == 2
    assert done.finished_at < live.started_at
    summaries = services.sessions_for_logbook(
        journey=cohort.journey, since=done.held_at.date().replace(day=1), until=done.held_at.date()
    )
    assert [s.title for s in summaries] == [demo.DONE_TITLE] and len(summaries[0].learnings) == 4
    assert registry.demo_loaders[[item.key for item in registry.demo_loaders].index("codevelopment")].order == 85
    keys = [item.key for item in registry.demo_loaders]
    assert keys.index("journeys") < keys.index("codevelopment")


def test_a_person_s_contributions_are_in_their_download_and_go_when_they_leave(cohort, session):
    consultant = cohort.consultants[0]
    session = advance_to(session, cohort, Stage.CLARIFICATION)
    services.contribution_add(session=session, user=consultant, kind="question", text="Qui finance ?")
    services.contribution_add(session=session, user=cohort.consultants[1], kind="question", text="Depuis quand ?")
    exported = personal_data_export(consultant)
    assert exported["contributions"][0]["texte"] == "Qui finance ?"
    assert exported["séances"][0]["rôle"] == "consultant"
    exporters = {e.key for e in registry.personal_data_exporters}
    erasers = {e.key for e in registry.personal_data_erasers}
    assert "codeveloppement" in exporters and "codeveloppement" in erasers
    version = Session.objects.get(pk=session.pk).version

    user_erase(user=consultant)
    assert list(Contribution.objects.values_list("text", flat=True)) == ["Depuis quand ?"]
    assert Participant.objects.filter(session=session, user=consultant).exists()  # still counted, anonymised
    assert Session.objects.get(pk=session.pk).version == version + 1
    assert personal_data_export(consultant)["contributions"] == []


def test_the_demo_builds_on_the_journeys_demo(db):
    from catalyse.accounts.demo import demo_load as accounts_demo
    from catalyse.journeys import demo as journeys_demo
    from catalyse.test import make_territory

    for index, spec in enumerate(journeys_demo.TEAMS):
        level, code = spec["ref"].split(":")
        make_territory(level, code, f"Territoire {index}")
    accounts_demo()
    journeys_demo.demo_load()
    assert journeys_demo.DEMO_SLUG == demo.DEMO_JOURNEY_SLUG
    assert demo.demo_load() == {"séances de codéveloppement": 3}
    live = Session.objects.get(title=demo.LIVE_TITLE)
    assert live.is_live and live.stage == Stage.CONSULTATION
    # A demo persona who can sign in follows the live session as a consultant.
    assert live.participants.filter(user__email=demo.DEMO_CONSULTANT).exists()
    done = Session.objects.get(title=demo.DONE_TITLE)
    assert done.calendar_step is not None and done.calendar_step.kind == "codeveloppement"
    assert done.illustration is not None
