"""The rules of a session: set-up and rotation, steps, who writes what and when, actions, consent, logbook."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from catalyse.codevelopment import services
from catalyse.codevelopment.models import Contribution, Participant, Session, SessionAction, Stage
from catalyse.codevelopment.tests.conftest import advance_to, plan_session
from catalyse.journeys.models import ActionItem
from catalyse.resources.models import Resource
from catalyse.test import make_person

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


# ------------------------------------------------------------------ set-up


def test_it_creates_a_session_with_a_client_and_consultants(cohort):
    session = plan_session(cohort)
    assert session.is_planned and session.facilitator == cohort.facilitator
    assert session.client == cohort.client and session.client_team == cohort.teams[0]
    assert session.title.startswith("Séance de codéveloppement du ")
    roles = dict(Participant.objects.filter(session=session).values_list("user_id", "role"))
    assert roles[cohort.client.pk] == "client"
    assert sorted(pk for pk, role in roles.items() if role == "consultant") == sorted(m.pk for m in cohort.consultants)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"consultants": 3}, "consultants", "Choisissez de 4 à 8 consultants (vous en avez choisi 3)."),
        ({"consultants": 9}, "consultants", "Choisissez de 4 à 8 consultants (vous en avez choisi 9)."),
        ({"client_in_consultants": True}, "consultants", "Le client ne peut pas être aussi consultant"),
        ({"outsider": True}, "consultants", "ne sont membres d’aucune équipe du parcours : Léa Rousseau"),
        ({"client": "outsider"}, "client", "Le client doit être membre d’une équipe pilote du parcours."),
        ({"client": None}, "client", "Choisissez le client de la séance."),
        ({"scheduled_at": None}, "scheduled_at", "Indiquez la date et l’heure de la séance."),
        ({"title": "x" * 201}, "title", "Le titre tient en 200 caractères au plus."),
    ],
)
def test_it_refuses_a_bad_set_up_in_french_and_creates_nothing(cohort, change, field, message):
    people = list(cohort.members)
    for index in range(5):  # enough members for nine consultants
        from catalyse.journeys.models import TeamMember

        extra = make_person(email=f"extra{index}@exemple.fr")
        TeamMember.objects.create(team=cohort.teams[1], user=extra, world="citoyen")
        people.append(extra)
    client = cohort.client
    if "client" in change:
        client = cohort.outsider if change["client"] == "outsider" else None
    consultants = people[1 : 1 + change.get("consultants", 4)]
    if change.get("client_in_consultants"):
        consultants = [cohort.client, *people[1:4]]
    if change.get("outsider"):
        consultants = [cohort.outsider, *people[1:4]]
    kwargs = {
        "journey": cohort.journey,
        "created_by": cohort.facilitator,
        "scheduled_at": change.get("scheduled_at", timezone.now()),
        "client": client,
        "consultants": consultants,
        "title": change.get("title", ""),
    }
    with pytest.raises(ValidationError) as caught:
        services.session_create(**kwargs)
    assert message in " ".join(caught.value.message_dict[field])
    assert not Session.objects.exists() and not Participant.objects.exists()


def test_only_the_journey_facilitators_create_a_session(cohort):
    for person in (cohort.client, cohort.outsider, make_person(role="facilitator")):
        with pytest.raises(PermissionDenied):
            services.session_create(
                journey=cohort.journey,
                created_by=person,
                scheduled_at=timezone.now(),
                client=cohort.client,
                consultants=cohort.consultants,
            )
    assert not Session.objects.exists()


def test_the_platform_proposes_each_member_as_client_once_per_cycle(cohort):
    order = services.cycle_members(cohort.journey)
    assert [p.pk for p in order] == [m.pk for m in cohort.members]  # team by name, then arrival
    seen = []
    for _round in range(len(cohort.members)):
        proposal = services.client_proposal(journey=cohort.journey)
        assert proposal.cycle == 1 and proposal.done_in_cycle == len(seen)
        assert proposal.user.pk not in seen
        seen.append(proposal.user.pk)
        plan_session(cohort, client=proposal.user)
    assert sorted(seen) == sorted(m.pk for m in cohort.members)
    proposal = services.client_proposal(journey=cohort.journey)
    assert proposal.cycle == 2 and proposal.done_in_cycle == 0 and proposal.user == cohort.members[0]


# ------------------------------------------------------------------ steps


def test_the_facilitator_runs_the_steps_in_order_and_each_start_is_kept(cohort, session):
    session = services.session_advance(session=session, user=cohort.facilitator, from_stage=-1)
    assert session.is_live and session.stage == Stage.FOLLOW_UP and session.version == 1
    for expected in range(1, 7):
        session = services.session_advance(session=session, user=cohort.facilitator, from_stage=expected - 1)
        assert session.stage == expected
        assert session.stage_started_at is not None
    assert sorted(session.stage_log) == [str(n) for n in range(7)]
    session = services.session_advance(session=session, user=cohort.facilitator)
    assert session.is_done and session.finished_at is not None
    with pytest.raises(ValidationError, match="La séance est terminée"):
        services.session_advance(session=session, user=cohort.facilitator)


def test_only_the_session_facilitator_advances(cohort, session):
    for person in (cohort.client, cohort.consultants[0], cohort.other_facilitator, cohort.outsider):
        with pytest.raises(PermissionDenied, match="Seul l’animateur de la séance"):
            services.session_advance(session=session, user=person)
    session.refresh_from_db()
    assert session.is_planned and session.version == 0


def test_a_stale_second_click_does_not_skip_a_step(cohort, session):
    session = advance_to(session, cohort, Stage.EXPOSE)
    services.session_advance(session=session, user=cohort.facilitator, from_stage=1)
    with pytest.raises(ValidationError, match="déjà changé d’étape"):
        services.session_advance(session=session, user=cohort.facilitator, from_stage=1)
    session.refresh_from_db()
    assert session.stage == Stage.CLARIFICATION


# ------------------------------------------------------------------ contributions


def test_consultants_ask_clarification_questions_listed_by_author(cohort, session):
    session = advance_to(session, cohort, Stage.CLARIFICATION)
    first, second = cohort.consultants[:2]
    services.contribution_add(session=session, user=first, kind="question", text="Qui finance l’action aujourd’hui ?")
    services.contribution_add(session=session, user=second, kind="question", text="Depuis quand ?")
    services.contribution_add(session=session, user=first, kind="question", text="Quels partenaires ?")
    rows = list(Contribution.objects.filter(session=session, kind="question").values_list("author_id", "text"))
    assert rows == [
        (first.pk, "Qui finance l’action aujourd’hui ?"),
        (second.pk, "Depuis quand ?"),
        (first.pk, "Quels partenaires ?"),
    ]
    session.refresh_from_db()
    assert session.version == 3 + 3  # three steps opened, three questions


@pytest.mark.parametrize(
    ("stage", "kind", "who", "allowed"),
    [
        (Stage.CLARIFICATION, "question", "consultant", True),
        (Stage.CLARIFICATION, "question", "client", False),
        (Stage.CLARIFICATION, "question", "facilitator", False),
        (Stage.CONTRACT, "contract", "client", True),
        (Stage.CONTRACT, "contract", "consultant", False),
        (Stage.CONTRACT, "contract", "facilitator", False),
        (Stage.CONSULTATION, "consultation", "consultant", True),
        (Stage.CONSULTATION, "consultation", "client", False),
        (Stage.SYNTHESIS, "synthesis", "client", True),
        (Stage.SYNTHESIS, "synthesis", "consultant", False),
        (Stage.EXPOSE, "expose", "client", True),
        (Stage.EXPOSE, "expose", "facilitator", True),
        (Stage.EXPOSE, "expose", "consultant", False),
        (Stage.FOLLOW_UP, "follow_up", "facilitator", True),
        (Stage.FOLLOW_UP, "follow_up", "consultant", False),
        (Stage.LEARNINGS, "learning", "consultant", True),
        (Stage.LEARNINGS, "learning", "client", True),
        (Stage.LEARNINGS, "learning", "facilitator", True),
        (Stage.LEARNINGS, "learning", "other_facilitator", True),
        (Stage.LEARNINGS, "learning", "outsider", False),
        (Stage.LEARNINGS, "learning", "team_member_not_in_session", False),
    ],
)
def test_who_writes_what(cohort, session, stage, kind, who, allowed):
    people = {
        "consultant": cohort.consultants[0],
        "client": cohort.client,
        "facilitator": cohort.facilitator,
        "other_facilitator": cohort.other_facilitator,
        "outsider": cohort.outsider,
        "team_member_not_in_session": cohort.members[5],
    }
    session = advance_to(session, cohort, stage)
    if allowed:
        services.contribution_add(session=session, user=people[who], kind=kind, text="Un texte")
        assert Contribution.objects.filter(session=session, kind=kind, author=people[who]).exists()
    else:
        with pytest.raises(PermissionDenied):
            services.contribution_add(session=session, user=people[who], kind=kind, text="Un texte")
        assert not Contribution.objects.exists()


def test_the_previous_client_reports_the_follow_up(cohort):
    earlier = plan_session(cohort, when=timezone.now() - datetime.timedelta(days=30))
    advance_to(earlier, cohort, 7)
    session = plan_session(cohort, client=cohort.members[1])
    session = advance_to(session, cohort, Stage.FOLLOW_UP)
    # The first session's client is a consultant of this one: they tell what they tried.
    services.contribution_add(
        session=session, user=cohort.client, kind="follow_up", text="Nous avons réuni les entreprises."
    )
    with pytest.raises(PermissionDenied, match="client de la séance précédente"):
        services.contribution_add(session=session, user=cohort.members[2], kind="follow_up", text="Autre chose")


def test_a_contribution_out_of_its_step_is_refused_in_french(cohort, session):
    with pytest.raises(ValidationError) as caught:
        services.contribution_add(session=session, user=cohort.consultants[0], kind="question", text="Trop tôt ?")
    assert "« Question de clarification » s’écrit à l’étape 2, « Clarification »" in messages(caught.value)
    session = advance_to(session, cohort, Stage.CONTRACT)
    with pytest.raises(ValidationError, match="Ce n’est pas le moment"):
        services.contribution_add(session=session, user=cohort.consultants[0], kind="question", text="Trop tard ?")
    with pytest.raises(ValidationError, match="étape 6"):
        services.contribution_add(session=session, user=cohort.client, kind="learning", text="Trop tôt")
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Formulez la question sur laquelle vous souhaitez être aidé."),
        ("x" * 4001, "Le texte tient en 4000 caractères au plus"),
    ],
)
def test_an_empty_or_too_long_text_is_refused(cohort, session, text, message):
    session = advance_to(session, cohort, Stage.CONTRACT)
    with pytest.raises(ValidationError) as caught:
        services.contribution_add(session=session, user=cohort.client, kind="contract", text=text)
    assert message in messages(caught.value)
    assert not Contribution.objects.exists()


def test_an_unknown_kind_is_refused(cohort, session):
    with pytest.raises(ValidationError, match="n’existe pas"):
        services.contribution_add(session=session, user=cohort.client, kind="avis", text="Bonjour")


def test_the_contract_is_one_text_written_again_to_correct_it(cohort, session):
    session = advance_to(session, cohort, Stage.CONTRACT)
    services.contribution_add(session=session, user=cohort.client, kind="contract", text="Comment faire ?")
    services.contribution_add(
        session=session, user=cohort.client, kind="contract", text="Comment réunir les entreprises ?"
    )
    assert list(Contribution.objects.filter(kind="contract").values_list("text", flat=True)) == [
        "Comment réunir les entreprises ?"
    ]


# ------------------------------------------------------------------ actions, evaluation, consent


def test_the_client_commits_to_actions_that_land_in_the_team_action_plan(cohort, session):
    session = advance_to(session, cohort, Stage.SYNTHESIS)
    due = timezone.localdate() + datetime.timedelta(days=30)
    action = services.session_action_add(
        session=session, user=cohort.client, what="Réunir trois entreprises", who="Nadia", due_on=due
    )
    item = ActionItem.objects.get()
    assert action.action_item == item
    assert (item.team, item.what, item.who, item.due_on) == (cohort.teams[0], "Réunir trois entreprises", "Nadia", due)
    assert item.source_label.startswith("Séance de codéveloppement du ")
    assert item.source_url == session.get_record_url()
    with pytest.raises(PermissionDenied):
        services.session_action_add(session=session, user=cohort.consultants[0], what="Autre")
    with pytest.raises(ValidationError) as caught:
        services.session_action_add(session=session, user=cohort.client, what="  ")
    assert "Dites quelle action" in messages(caught.value)
    with pytest.raises(ValidationError, match="L’échéance est passée"):
        services.session_action_add(
            session=session, user=cohort.client, what="Hier", due_on=timezone.localdate() - datetime.timedelta(1)
        )
    assert ActionItem.objects.count() == 1 and SessionAction.objects.count() == 1


def test_participants_rate_the_session_from_one_to_five(cohort, session):
    session = advance_to(session, cohort, Stage.LEARNINGS)
    services.participant_rate(session=session, user=cohort.consultants[0], rating="4")
    assert Participant.objects.get(session=session, user=cohort.consultants[0]).rating == 4
    for bad in ("0", "6", "beaucoup", None):
        with pytest.raises(ValidationError, match="Choisissez une note de 1 à 5"):
            services.participant_rate(session=session, user=cohort.client, rating=bad)
    with pytest.raises(PermissionDenied):
        services.participant_rate(session=session, user=cohort.facilitator, rating=3)


def run_with_learnings(cohort, session, *, consent: bool):
    client = session.client
    consultant = session.participants.filter(role="consultant").first().user
    session = advance_to(session, cohort, Stage.CONTRACT)
    services.contribution_add(session=session, user=client, kind="contract", text="Comment associer les entreprises ?")
    if consent:
        services.session_consent_set(session=session, user=client, consent=True)
    session = advance_to(session, cohort, Stage.SYNTHESIS)
    services.session_action_add(session=session, user=client, what="Organiser un petit-déjeuner")
    session = advance_to(session, cohort, Stage.LEARNINGS)
    services.contribution_add(session=session, user=consultant, kind="learning", text="Écouter avant de proposer.")
    services.contribution_add(session=session, user=client, kind="learning", text="Formuler le contrat aide.")
    return advance_to(session, cohort, 7)


def test_with_consent_the_learnings_become_a_draft_illustration_for_the_editors(cohort, session):
    session = run_with_learnings(cohort, session, consent=True)
    resource = session.illustration
    assert resource is not None and resource.kind == "illustration"
    assert resource.status == "submitted" and not resource.is_public
    assert resource.territory == cohort.teams[0].territory
    assert resource.themes == ["economique", "social"]
    assert "Comment associer les entreprises ?" in resource.body
    assert "- Écouter avant de proposer." in resource.body and "Organiser un petit-déjeuner" in resource.body
    assert "Haddad" not in resource.body  # nobody's name
    assert not Resource.objects.public().exists()
    assert list(Resource.objects.visible_to(cohort.consultants[0])) == []


def test_without_consent_nothing_is_shared_until_the_client_agrees(cohort, session):
    session = run_with_learnings(cohort, session, consent=False)
    assert session.illustration is None and not Resource.objects.exists()
    with pytest.raises(PermissionDenied):
        services.session_consent_set(session=session, user=cohort.consultants[0], consent=True)
    session = services.session_consent_set(session=session, user=cohort.client, consent=True)
    assert session.illustration is not None and Resource.objects.count() == 1


# ------------------------------------------------------------------ for the logbook


def test_the_logbook_gets_only_what_may_be_shared(cohort):
    shared = run_with_learnings(cohort, plan_session(cohort), consent=True)
    private = run_with_learnings(cohort, plan_session(cohort, client=cohort.members[3]), consent=False)
    today = timezone.localdate()
    summaries = services.sessions_for_logbook(journey=cohort.journey, since=today, until=today)
    assert [s.url for s in summaries] == [shared.get_record_url(), private.get_record_url()]
    first, second = summaries
    assert first.team_name == "Saint-Étienne" and first.held_on == today
    assert first.contract == "Comment associer les entreprises ?"
    assert first.learnings == ["Écouter avant de proposer.", "Formuler le contrat aide."]
    assert second.team_name == "Vaucluse" and second.contract == "" and second.learnings == []
    yesterday = today - datetime.timedelta(days=1)
    assert services.sessions_for_logbook(journey=cohort.journey, since=yesterday, until=yesterday) == []


def test_upcoming_sessions_are_the_live_and_future_ones(cohort):
    past = plan_session(cohort, when=timezone.now() - datetime.timedelta(days=3))
    live = advance_to(plan_session(cohort, when=timezone.now() - datetime.timedelta(hours=1)), cohort, 2)
    soon = plan_session(cohort, when=timezone.now() + datetime.timedelta(days=2))
    later = plan_session(cohort, when=timezone.now() + datetime.timedelta(days=20))
    upcoming = services.sessions_upcoming(journey=cohort.journey)
    assert [u.url for u in upcoming] == [live.get_absolute_url(), soon.get_absolute_url(), later.get_absolute_url()]
    assert upcoming[0].is_live and not upcoming[1].is_live
    assert past.get_absolute_url() not in [u.url for u in upcoming]
    assert len(services.sessions_upcoming(journey=cohort.journey, limit=1)) == 1


def test_the_journey_dashboard_counts_the_sessions_each_team_took_part_in(cohort):
    from catalyse.journeys.services import PROGRESS_COUNTERS, journey_progress

    held = run_with_learnings(cohort, plan_session(cohort), consent=False)  # Nadia's team and the Vaucluse
    plan_session(cohort, client=cohort.members[5])  # planned: not counted
    assert held.is_done
    assert services.sessions_held_by_team(cohort.journey) == {cohort.teams[0].pk: 1, cohort.teams[1].pk: 1}
    assert "codev" in PROGRESS_COUNTERS
    progress = {p.team.pk: dict(p.extra) for p in journey_progress(journey=cohort.journey)}
    assert progress[cohort.teams[0].pk]["Séances de codéveloppement"] == 1
