"""Business rules of co-development sessions: set-up and rotation of the client, the live steps, what each step
produced, the actions that land in the team's action plan, the learnings shared as an illustration, and what the
monthly logbook reads."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalyse.codevelopment.models import (
    KIND_STAGE,
    LAST_STAGE,
    MAX_CONSULTANTS,
    MIN_CONSULTANTS,
    RATING_MAX,
    SINGLE_KINDS,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Contribution,
    ContributionKind,
    Participant,
    Role,
    Session,
    SessionAction,
    Stage,
    Status,
)
from catalyse.journeys.models import Journey, Step, TeamMember
from catalyse.journeys.services import action_item_add

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------- who may do what


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def session_can_view(*, journey: Journey, user: Any) -> bool:
    """The journey's participants (its facilitators and the members of its teams) see its sessions."""
    return _authenticated(user) and journey.is_participant(user)


def journey_link_url(journey: Journey, user: Any) -> str | None:
    """The journey page's link to its sessions, for the people who may see them."""
    if not session_can_view(journey=journey, user=user):
        return None
    return reverse("codevelopment:list", args=[journey.slug])


def session_role(*, session: Session, user: Any) -> str:
    """'facilitator', 'client', 'consultant', 'journey_facilitator' (another facilitator of the journey) or ''."""
    if not _authenticated(user):
        return ""
    if session.facilitator_id == user.pk:
        return "facilitator"
    role = Participant.objects.filter(session=session, user=user).values_list("role", flat=True).first()
    if role:
        return str(role)
    if session.journey.is_facilitator(user):
        return "journey_facilitator"
    return ""


def session_can_contribute(*, session: Session, user: Any) -> bool:
    """The session's participants and the facilitators write in it; the rest of the journey only reads."""
    return session_role(session=session, user=user) != ""


def previous_session(session: Session) -> Session | None:
    """The journey's last session held before this one: its client reports back in step 0."""
    return (
        Session.objects.filter(journey_id=session.journey_id, status=Status.DONE, scheduled_at__lt=session.scheduled_at)
        .exclude(pk=session.pk)
        .select_related("client")
        .order_by("-scheduled_at", "-id")
        .first()
    )


# ------------------------------------------------------------------------------------------------ rotation


def cycle_members(journey: Journey) -> list[Any]:
    """Everyone in the journey's teams, in a stable order (team, then arrival): the members of the cycle."""
    memberships = (
        TeamMember.objects.filter(team__journey=journey, user__is_active=True)
        .select_related("user", "team")
        .order_by("team__name", "team_id", "joined_at", "id")
    )
    return [m.user for m in memberships]


@dataclass(frozen=True)
class ClientProposal:
    """Who should be the client next so that each member of the cycle is client once."""

    user: Any  # None when the journey has no team member yet
    cycle: int  # 1 for the first round, 2 for the second…
    done_in_cycle: int  # members already client in this round
    members: int


def client_proposal(*, journey: Journey) -> ClientProposal:
    """The member who has been client the fewest times (planned and live sessions count), first in the order."""
    members = cycle_members(journey)
    if not members:
        return ClientProposal(user=None, cycle=1, done_in_cycle=0, members=0)
    counts = dict.fromkeys((m.pk for m in members), 0)
    for client_id in Session.objects.filter(journey=journey, client__isnull=False).values_list("client_id", flat=True):
        if client_id in counts:
            counts[client_id] += 1
    fewest = min(counts.values())
    chosen = next(m for m in members if counts[m.pk] == fewest)
    done = sum(1 for value in counts.values() if value > fewest)
    return ClientProposal(user=chosen, cycle=fewest + 1, done_in_cycle=done, members=len(members))


# ------------------------------------------------------------------------------------------------ set-up


def _default_title(scheduled_at: datetime.datetime) -> str:
    day = formats.date_format(timezone.localtime(scheduled_at), "j F Y")
    return _("Séance de codéveloppement du %(day)s") % {"day": day}


@transaction.atomic
def session_create(
    *,
    journey: Journey,
    created_by: Any,
    scheduled_at: datetime.datetime | None,
    client: Any,
    consultants: Iterable[Any],
    facilitator: Any = None,
    title: str = "",
    calendar_step: Step | None = None,
) -> Session:
    """A journey facilitator plans a session: a client and 4 to 8 consultants, all members of the journey's teams."""
    if not journey.is_facilitator(created_by):
        raise PermissionDenied(_("Seuls les animateurs du parcours organisent une séance de codéveloppement."))
    facilitator = facilitator or created_by
    consultants = list(dict.fromkeys(consultants))
    title = " ".join((title or "").split())
    errors: dict[str, list[str]] = {}
    if not journey.is_facilitator(facilitator):
        errors["facilitator"] = [_("L’animateur de la séance doit être un animateur du parcours.")]
    if scheduled_at is None:
        errors["scheduled_at"] = [_("Indiquez la date et l’heure de la séance.")]
    if len(title) > TITLE_MAX_LENGTH:
        errors["title"] = [_("Le titre tient en %(max)d caractères au plus.") % {"max": TITLE_MAX_LENGTH}]
    team_of = {
        m.user_id: m.team for m in TeamMember.objects.filter(team__journey=journey).select_related("team", "user")
    }
    if client is None:
        errors["client"] = [_("Choisissez le client de la séance.")]
    elif client.pk not in team_of:
        errors["client"] = [_("Le client doit être membre d’une équipe pilote du parcours.")]
    elif facilitator is not None and client.pk == facilitator.pk:
        errors["client"] = [_("L’animateur ne peut pas être aussi le client de la séance.")]
    outsiders = [c for c in consultants if c.pk not in team_of]
    if outsiders:
        errors["consultants"] = [
            _("Ces personnes ne sont membres d’aucune équipe du parcours : %(names)s.")
            % {"names": ", ".join(c.display_name for c in outsiders)}
        ]
    elif client is not None and any(c.pk == client.pk for c in consultants):
        errors["consultants"] = [_("Le client ne peut pas être aussi consultant : retirez-le de la liste.")]
    elif facilitator is not None and any(c.pk == facilitator.pk for c in consultants):
        errors["consultants"] = [_("L’animateur ne peut pas être aussi consultant.")]
    elif not MIN_CONSULTANTS <= len(consultants) <= MAX_CONSULTANTS:
        errors["consultants"] = [
            _("Choisissez de %(min)d à %(max)d consultants (vous en avez choisi %(count)d).")
            % {"min": MIN_CONSULTANTS, "max": MAX_CONSULTANTS, "count": len(consultants)}
        ]
    if calendar_step is not None and calendar_step.journey_id != journey.pk:
        errors["calendar_step"] = [_("Cette étape n’appartient pas à ce parcours.")]
    if errors:
        raise ValidationError(errors)
    if scheduled_at is None or client is None:  # pragma: no cover - reported above
        raise ValidationError(_("Indiquez la date de la séance et son client."))
    session = Session.objects.create(
        journey=journey,
        calendar_step=calendar_step,
        title=title or _default_title(scheduled_at),
        scheduled_at=scheduled_at,
        facilitator=facilitator,
        client=client,
        client_team=team_of[client.pk],
        created_by=created_by,
    )
    Participant.objects.bulk_create(
        [Participant(session=session, user=client, role=Role.CLIENT)]
        + [Participant(session=session, user=c, role=Role.CONSULTANT) for c in consultants]
    )
    return session


@transaction.atomic
def session_cancel(*, session: Session, user: Any) -> None:
    """A journey facilitator cancels a session that has not started (nothing was written in it yet)."""
    session = Session.objects.select_for_update().select_related("journey").get(pk=session.pk)
    if not session.journey.is_facilitator(user):
        raise PermissionDenied(_("Seuls les animateurs du parcours annulent une séance."))
    if not session.is_planned:
        raise ValidationError(_("La séance a commencé : elle ne peut plus être annulée, son compte rendu est gardé."))
    session.delete()


# ------------------------------------------------------------------------------------------------ live steps


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("journey").get(pk=session.pk)


def _bump(session: Session, *fields: str) -> None:
    session.version += 1
    session.save(update_fields=["version", *fields])


@transaction.atomic
def session_advance(*, session: Session, user: Any, from_stage: int | None = None) -> Session:
    """The facilitator opens the session (step 0), moves to the next step, or closes it after step 6.

    `from_stage` is the step the facilitator saw (-1 before the start): a second click on a stale page does not
    skip a step."""
    session = _locked(session)
    if not _authenticated(user) or session.facilitator_id != user.pk:
        raise PermissionDenied(_("Seul l’animateur de la séance fait passer d’une étape à l’autre."))
    if session.is_done:
        raise ValidationError(_("La séance est terminée : son compte rendu est consultable."))
    seen = -1 if session.is_planned else session.stage
    if from_stage is not None and from_stage != seen:
        raise ValidationError(_("La séance a déjà changé d’étape : la page est à jour, vérifiez avant de continuer."))
    now = timezone.now()
    log = dict(session.stage_log or {})
    if session.is_planned:
        session.status = Status.LIVE
        session.started_at = now
        session.stage = Stage.FOLLOW_UP
    elif session.stage < LAST_STAGE:
        session.stage += 1
    else:
        session.status = Status.DONE
        session.finished_at = now
        _bump(session, "status", "finished_at")
        if session.client_consent:
            _illustration_try(session)
        return session
    session.stage_started_at = now
    log[str(session.stage)] = now.isoformat()
    session.stage_log = log
    _bump(session, "status", "started_at", "stage", "stage_started_at", "stage_log")
    return session


def _check_kind(session: Session, user: Any, kind: str) -> None:
    role = session_role(session=session, user=user)
    if not role:
        raise PermissionDenied(_("Seuls les participants de la séance et ses animateurs y contribuent."))
    facilitating = role in ("facilitator", "journey_facilitator")
    if kind in (ContributionKind.QUESTION, ContributionKind.CONSULTATION) and role != Role.CONSULTANT:
        raise PermissionDenied(_("Seuls les consultants posent les questions et donnent leur consultation."))
    if kind in (ContributionKind.CONTRACT, ContributionKind.SYNTHESIS) and role != Role.CLIENT:
        raise PermissionDenied(_("Seul le client formule le contrat et la synthèse."))
    if kind == ContributionKind.EXPOSE and not (role == Role.CLIENT or facilitating):
        raise PermissionDenied(_("Les notes de l’exposé sont prises par le client ou l’animateur."))
    if kind == ContributionKind.FOLLOW_UP and not facilitating:
        previous = previous_session(session)
        if previous is None or previous.client_id != user.pk:
            raise PermissionDenied(_("Le suivi est rapporté par le client de la séance précédente ou l’animateur."))
    stage = KIND_STAGE[kind]
    if kind == ContributionKind.LEARNING:
        if session.is_done or (session.is_live and session.stage == stage):
            return
        raise ValidationError(_("Les apprentissages se notent à l’étape 6, « Apprentissages », ou après la séance."))
    if not session.is_live or session.stage != stage:
        raise ValidationError(
            _("Ce n’est pas le moment : « %(kind)s » s’écrit à l’étape %(number)d, « %(stage)s ».")
            % {"kind": ContributionKind(kind).label, "number": stage, "stage": Stage(stage).label}
        )


def _clean_text(text: str, *, empty_message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [empty_message]})
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {"text": [_("Le texte tient en %(max)d caractères au plus : raccourcissez-le.") % {"max": TEXT_MAX_LENGTH}]}
        )
    return text


EMPTY_MESSAGES = {
    ContributionKind.FOLLOW_UP: gettext_lazy("Racontez ce qui a été essayé depuis la séance précédente."),
    ContributionKind.EXPOSE: gettext_lazy("Écrivez les notes de l’exposé avant d’enregistrer."),
    ContributionKind.QUESTION: gettext_lazy("Écrivez votre question avant de l’envoyer."),
    ContributionKind.CONTRACT: gettext_lazy("Formulez la question sur laquelle vous souhaitez être aidé."),
    ContributionKind.CONSULTATION: gettext_lazy(
        "Écrivez votre réaction, votre idée ou votre expérience avant de l’envoyer."
    ),
    ContributionKind.SYNTHESIS: gettext_lazy("Écrivez ce que vous retenez de la consultation."),
    ContributionKind.LEARNING: gettext_lazy("Écrivez ce que vous avez appris avant d’enregistrer."),
}


@transaction.atomic
def contribution_add(*, session: Session, user: Any, kind: str, text: str) -> Contribution:
    """Write what a step produces. Questions, consultations and learnings add up (each by its author); the
    follow-up, the exposé notes, the contract and the synthesis are one text each, written again to correct it."""
    if kind not in ContributionKind.values:
        raise ValidationError(_("Cette contribution n’existe pas : choisissez l’un des formulaires de l’étape."))
    session = _locked(session)
    _check_kind(session, user, kind)
    text = _clean_text(text, empty_message=str(EMPTY_MESSAGES[ContributionKind(kind)]))
    contribution: Contribution | None = None
    if kind in SINGLE_KINDS:
        contribution = Contribution.objects.filter(session=session, kind=kind).first()
    if contribution is None:
        contribution = Contribution.objects.create(session=session, kind=kind, author=user, text=text)
    else:
        contribution.text, contribution.author, contribution.created_at = text, user, timezone.now()
        contribution.save(update_fields=["text", "author", "created_at"])
    _bump(session)
    return contribution


def _source_label(session: Session) -> str:
    day = formats.date_format(timezone.localtime(session.held_at), "j F Y")
    return _("Séance de codéveloppement du %(day)s") % {"day": day}


@transaction.atomic
def session_action_add(
    *, session: Session, user: Any, what: str, who: str = "", due_on: datetime.date | None = None
) -> SessionAction:
    """In step 5 the client commits to an action: it is kept with the session and lands in their team's plan."""
    session = _locked(session)
    if not _authenticated(user) or session.client_id != user.pk:
        raise PermissionDenied(_("Seul le client s’engage sur les actions de son plan."))
    if not session.is_live or session.stage != Stage.SYNTHESIS:
        raise ValidationError(_("Les actions se décident à l’étape 5, « Synthèse et plan d’action »."))
    if session.client_team is None:
        raise ValidationError(_("Le client n’a pas d’équipe dans ce parcours : l’action n’a pas de plan où aller."))
    if due_on is not None and due_on < timezone.localdate():
        raise ValidationError({"due_on": [_("L’échéance est passée : choisissez une date à venir.")]})
    item = action_item_add(
        team=session.client_team,
        what=what,
        who=who,
        due_on=due_on,
        source_label=_source_label(session),
        source_url=session.get_record_url(),
        created_by=user,
    )
    action = SessionAction.objects.create(
        session=session, what=item.what, who=item.who, due_on=due_on, action_item=item, created_by=user
    )
    _bump(session)
    return action


@transaction.atomic
def participant_rate(*, session: Session, user: Any, rating: Any) -> Participant:
    """The short evaluation of step 6: how useful the session was, from 1 (peu) to 5 (très)."""
    session = _locked(session)
    participant = Participant.objects.filter(session=session, user=user).first() if _authenticated(user) else None
    if participant is None:
        raise PermissionDenied(_("Seuls le client et les consultants évaluent la séance."))
    if not (session.is_done or (session.is_live and session.stage == Stage.LEARNINGS)):
        raise ValidationError(_("La séance s’évalue à l’étape 6, « Apprentissages », ou après la séance."))
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= RATING_MAX:
        raise ValidationError({"rating": [_("Choisissez une note de 1 à %(max)d.") % {"max": RATING_MAX}]})
    participant.rating, participant.rated_at = value, timezone.now()
    participant.save(update_fields=["rating", "rated_at"])
    _bump(session)
    return participant


@transaction.atomic
def session_consent_set(*, session: Session, user: Any, consent: bool) -> Session:
    """The client agrees (or no longer agrees) to share the contract and the learnings beyond the session.

    Once the session is over, agreeing turns the learnings into a draft illustration for the resource centre."""
    session = _locked(session)
    if not _authenticated(user) or session.client_id != user.pk:
        raise PermissionDenied(_("Seul le client de la séance décide de partager ce qu’elle a produit."))
    session.client_consent = consent
    session.client_consent_at = timezone.now() if consent else None
    _bump(session, "client_consent", "client_consent_at")
    if consent and session.is_done:
        _illustration_try(session)
    return session


# ------------------------------------------------------------------------------------------------ sharing


def _illustration_try(session: Session) -> Any:
    """Closing the session or recording the consent must not fail because the resource centre refused the draft."""
    try:
        with transaction.atomic():
            return _illustration_create(session)
    except (ValidationError, PermissionDenied):
        logger.exception("Illustration not created for co-development session %s", session.pk)
        return None


def _illustration_create(session: Session) -> Any:
    """A draft illustration of the resource centre, proposed to the editors: the contract, the learnings and the
    actions, without anyone's name. Editors publish it (or not); until then only they and the client see it."""
    from catalyse.resources.choices import ActionForm, Kind, Theme
    from catalyse.resources.services import resource_create

    if session.illustration_id or session.client is None or not session.client.is_active:
        return None
    learnings = list(
        Contribution.objects.filter(session=session, kind=ContributionKind.LEARNING).values_list("text", flat=True)
    )
    if not learnings:
        return None
    contract = (
        Contribution.objects.filter(session=session, kind=ContributionKind.CONTRACT)
        .values_list("text", flat=True)
        .first()
    )
    team = session.client_team
    journey = session.journey
    lines = [
        _("*Séance de codéveloppement entre pairs du parcours d’expérience « %(journey)s ».*") % {"journey": journey},
        "",
    ]
    if contract:
        lines += [_("## La question travaillée"), "", contract, ""]
    lines += [_("## Ce que les participants ont appris"), ""] + [f"- {' '.join(t.split())}" for t in learnings]
    actions = list(session.actions.values_list("what", flat=True))
    if actions:
        lines += ["", _("## Les actions décidées par l’équipe"), ""] + [f"- {a}" for a in actions]
    place = team.territory.name if team is not None else ""
    summary = (
        _(
            "Ce qu’une séance de codéveloppement entre pairs a appris à ses participants, à partir de la question "
            "de l’équipe pilote de %(place)s."
        )
        % {"place": place}
        if place
        else _("Ce qu’une séance de codéveloppement entre pairs a appris à ses participants.")
    )
    title = _("Codéveloppement : %(title)s") % {"title": team.name if team else session.title}
    resource = resource_create(
        author=session.client,
        title=title[:200],
        kind=Kind.ILLUSTRATION,
        summary=summary,
        body="\n".join(lines),
        themes=[t for t in (team.themes if team else []) if t in Theme.values],
        forms=[f for f in (team.forms_of_action if team else []) if f in ActionForm.values],
        territory=team.territory if team else None,
        submit=True,
    )
    session.illustration = resource
    session.save(update_fields=["illustration"])
    return resource


# ------------------------------------------------------------------------------------------------ for the logbook


@dataclass(frozen=True)
class SessionSummary:
    title: str
    held_on: datetime.date
    team_name: str  # the client's team
    contract: str  # "" unless the client agreed to share
    learnings: list[str]  # empty unless the client agreed to share
    url: str  # the session's record page (a path: prefix SITE_URL for emails and feeds)


@dataclass(frozen=True)
class UpcomingSession:
    title: str
    scheduled_at: datetime.datetime
    team_name: str
    url: str
    is_live: bool


def sessions_for_logbook(*, journey: Journey, since: datetime.date, until: datetime.date) -> list[SessionSummary]:
    """The sessions held between two dates (both included, Paris time), oldest first, with only what may be shared."""
    sessions = list(
        Session.objects.filter(journey=journey, status=Status.DONE)
        .select_related("client_team", "journey")
        .order_by("started_at", "scheduled_at", "id")
    )
    held = [(s, timezone.localtime(s.held_at).date()) for s in sessions]
    held = [(s, day) for s, day in held if since <= day <= until]
    shared = [s.pk for s, _day in held if s.client_consent]
    texts: dict[tuple[int, str], list[str]] = {}
    for session_id, kind, text in (
        Contribution.objects.filter(
            session_id__in=shared, kind__in=[ContributionKind.CONTRACT, ContributionKind.LEARNING]
        )
        .order_by("created_at", "id")
        .values_list("session_id", "kind", "text")
    ):
        texts.setdefault((session_id, kind), []).append(text)
    return [
        SessionSummary(
            title=s.title,
            held_on=day,
            team_name=s.client_team.name if s.client_team else "",
            contract=(texts.get((s.pk, ContributionKind.CONTRACT)) or [""])[0] if s.client_consent else "",
            learnings=list(texts.get((s.pk, ContributionKind.LEARNING), [])) if s.client_consent else [],
            url=s.get_record_url(),
        )
        for s, day in held
    ]


def sessions_upcoming(*, journey: Journey, limit: int = 5) -> list[UpcomingSession]:
    """Sessions under way and those planned from now on, soonest first."""
    now = timezone.now()
    sessions = (
        Session.objects.filter(journey=journey)
        .exclude(status=Status.DONE)
        .filter(Q(status=Status.LIVE) | Q(scheduled_at__gte=now))
        .select_related("client_team", "journey")
        .order_by("scheduled_at", "id")[:limit]
    )
    return [
        UpcomingSession(
            title=s.title,
            scheduled_at=s.scheduled_at,
            team_name=s.client_team.name if s.client_team else "",
            url=s.get_absolute_url(),
            is_live=s.is_live,
        )
        for s in sessions
    ]


def sessions_held_by_team(journey: Journey) -> dict[int, int]:
    """For the journeys' progress dashboards: per team, the sessions held in which one of its members took part."""
    team_of = dict(TeamMember.objects.filter(team__journey=journey).values_list("user_id", "team_id"))
    held: dict[int, set[int]] = {}
    for session_id, user_id in Participant.objects.filter(
        session__journey=journey, session__status=Status.DONE
    ).values_list("session_id", "user_id"):
        if user_id in team_of:
            held.setdefault(team_of[user_id], set()).add(session_id)
    return {team_id: len(sessions) for team_id, sessions in held.items()}


# ------------------------------------------------------------------------------------------------ reading


def contributions_by_kind(session: Session) -> dict[str, list[Contribution]]:
    """Every contribution of a session, grouped by kind (one query)."""
    grouped: dict[str, list[Contribution]] = {kind: [] for kind in ContributionKind.values}
    for item in session.contributions.select_related("author").order_by("created_at", "id"):
        grouped[item.kind].append(item)
    return grouped
