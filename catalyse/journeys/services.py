"""Business rules of the experience journeys: who sees what, teams, steps, deliverables, the action plan."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from catalyse.journeys.models import (
    ACTION_MAX_LENGTH,
    CHALLENGE_MAX_LENGTH,
    MESSAGE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    WHO_MAX_LENGTH,
    ActionItem,
    CommonMessage,
    Deliverable,
    Journey,
    Note,
    PilotTeam,
    Step,
    StepKind,
    TeamMember,
)
from catalyse.lib.text import slugify_fr

# A journey lasts about nine months: refuse what is surely a typing mistake.
JOURNEY_MIN_DAYS = 28
JOURNEY_MAX_DAYS = 2 * 366
TEAMS_MAX = 40


# --- Who sees what -----------------------------------------------------------------------------------------------


def get_journey_for_user(request: HttpRequest, slug: str) -> Journey:
    """A journey by its address (404 if there is none). Its public page is public: anyone may see it."""
    journey = Journey.objects.filter(slug=slug).first()
    if journey is None:
        raise Http404(_("Ce parcours n’existe pas."))
    return journey


def journey_is_facilitator(*, journey: Journey, user: Any) -> bool:
    return journey.is_facilitator(user)


def team_for_user(*, journey: Journey, user: Any) -> PilotTeam | None:
    """The team of the journey the person belongs to (at most one), or None."""
    return journey.team_of(user)


def can_view_team(*, team: PilotTeam, user: Any) -> bool:
    """A team's private workspace: its members and the journey's facilitators only."""
    if not getattr(user, "is_authenticated", False):
        return False
    if TeamMember.objects.filter(team=team, user=user).exists():
        return True
    return team.journey.is_facilitator(user)


# --- The action plan ---------------------------------------------------------------------------------------------


@transaction.atomic
def action_item_add(
    *,
    team: PilotTeam,
    what: str,
    who: str = "",
    due_on: datetime.date | None = None,
    source_label: str = "",
    source_url: str = "",
    created_by: Any = None,
) -> ActionItem:
    """Add a line to a team's action plan (what, who, when); `source_*` say where it was decided."""
    what = (what or "").strip()
    who = (who or "").strip()
    errors: dict[str, list[str]] = {}
    if not what:
        errors["what"] = [_("Dites quelle action l’équipe s’engage à mener.")]
    elif len(what) > ACTION_MAX_LENGTH:
        errors["what"] = [_("L’action tient en %(max)d caractères au plus.") % {"max": ACTION_MAX_LENGTH}]
    if len(who) > WHO_MAX_LENGTH:
        errors["who"] = [_("« Qui » tient en %(max)d caractères au plus.") % {"max": WHO_MAX_LENGTH}]
    if errors:
        raise ValidationError(errors)
    return ActionItem.objects.create(
        team=team,
        what=what,
        who=who,
        due_on=due_on,
        source_label=(source_label or "")[:200],
        source_url=(source_url or "")[:500],
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )


@transaction.atomic
def action_item_set_done(*, item: ActionItem, done: bool) -> ActionItem:
    item.done = done
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done", "done_at"])
    return item


# --- Journeys ----------------------------------------------------------------------------------------------------


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")


def _check_journey(*, title: str, summary: str, starts_on: Any, ends_on: Any) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Donnez un titre au parcours, par exemple « Parcours d’expérience 2027 ».")]
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = [_("Le titre tient en %(max)d caractères au plus.") % {"max": TITLE_MAX_LENGTH}]
    if len(summary) > SUMMARY_MAX_LENGTH:
        errors["summary"] = [_("La présentation tient en %(max)d caractères au plus.") % {"max": SUMMARY_MAX_LENGTH}]
    if not isinstance(starts_on, datetime.date):
        errors["starts_on"] = [_("Indiquez la date de début du parcours.")]
    if not isinstance(ends_on, datetime.date):
        errors["ends_on"] = [_("Indiquez la date de fin du parcours.")]
    if isinstance(starts_on, datetime.date) and isinstance(ends_on, datetime.date):
        days = (ends_on - starts_on).days
        if days < 0:
            errors["ends_on"] = [_("La fin du parcours doit venir après son début.")]
        elif days < JOURNEY_MIN_DAYS:
            errors["ends_on"] = [_("Un parcours dure plusieurs mois (environ neuf) : vérifiez la date de fin.")]
        elif days > JOURNEY_MAX_DAYS:
            errors["ends_on"] = [_("Un parcours dure au plus deux ans : vérifiez la date de fin.")]
    return errors


def _unique_slug(title: str) -> str:
    base = slugify_fr(title)[:200] or "parcours"
    slug, index = base, 2
    # "nouveau" is the address of the creation form.
    while slug == "nouveau" or Journey.objects.filter(slug=slug).exists():
        slug = f"{base}-{index}"
        index += 1
    return slug


@transaction.atomic
def journey_create(
    *,
    title: str,
    summary: str = "",
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    created_by: Any,
) -> Journey:
    """A new journey; the person who creates it is its first facilitator."""
    title, summary = (title or "").strip(), (summary or "").strip()
    errors = _check_journey(title=title, summary=summary, starts_on=starts_on, ends_on=ends_on)
    if errors:
        raise ValidationError(errors)
    journey = Journey.objects.create(
        slug=_unique_slug(title),
        title=title,
        summary=summary,
        starts_on=starts_on,  # type: ignore[misc]  # checked above
        ends_on=ends_on,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )
    if getattr(created_by, "is_authenticated", False):
        journey.facilitators.add(created_by)
    return journey


@transaction.atomic
def journey_update(
    *, journey: Journey, title: str, summary: str, starts_on: datetime.date | None, ends_on: datetime.date | None
) -> Journey:
    title, summary = (title or "").strip(), (summary or "").strip()
    errors = _check_journey(title=title, summary=summary, starts_on=starts_on, ends_on=ends_on)
    if errors:
        raise ValidationError(errors)
    journey.title, journey.summary = title, summary
    journey.starts_on, journey.ends_on = starts_on, ends_on  # type: ignore[assignment]  # checked above
    journey.save(update_fields=["title", "summary", "starts_on", "ends_on"])
    return journey


@transaction.atomic
def journey_add_facilitator(*, journey: Journey, user: Any) -> None:
    from catalyse.accounts.roles import Role, user_has_role

    if not user_has_role(user, Role.FACILITATOR):
        raise ValidationError(
            _("%(name)s n’est pas animateur ou animatrice du programme : un administrateur peut lui donner ce rôle.")
            % {"name": user.display_name}
        )
    journey.facilitators.add(user)


@transaction.atomic
def journey_remove_facilitator(*, journey: Journey, user: Any) -> None:
    if not journey.facilitators.exclude(pk=user.pk).exists():
        raise ValidationError(
            _("Un parcours garde au moins un animateur\u00a0: ajoutez-en un autre avant de vous retirer.")
        )
    journey.facilitators.remove(user)


# --- Teams -------------------------------------------------------------------------------------------------------


def _clean_choices(values: Any, allowed: list[str]) -> list[str]:
    return [v for v in dict.fromkeys(values or []) if v in allowed]


def _check_team(*, name: str, challenge: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Donnez un nom à l’équipe, par exemple celui de son territoire.")]
    elif len(name) > TITLE_MAX_LENGTH:
        errors["name"] = [_("Le nom tient en %(max)d caractères au plus.") % {"max": TITLE_MAX_LENGTH}]
    if len(challenge) > CHALLENGE_MAX_LENGTH:
        errors["challenge"] = [_("Le défi tient en %(max)d caractères au plus.") % {"max": CHALLENGE_MAX_LENGTH}]
    return errors


@transaction.atomic
def journey_add_territory(
    *,
    journey: Journey,
    territory: Any,
    name: str = "",
    challenge: str = "",
    themes: list[str] | None = None,
    forms_of_action: list[str] | None = None,
) -> PilotTeam:
    """A pilot territory joins the journey, with its team (members are added after)."""
    from catalyse.resources.choices import ActionForm, Theme

    if territory is None:
        raise ValidationError({"territory": [_("Indiquez le territoire pilote.")]})
    name = (name or "").strip() or territory.name
    challenge = (challenge or "").strip()
    errors = _check_team(name=name, challenge=challenge)
    if PilotTeam.objects.filter(journey=journey, territory=territory).exists():
        errors["territory"] = [
            _("%(territory)s est déjà un territoire pilote de ce parcours.") % {"territory": territory.name}
        ]
    elif journey.teams.count() >= TEAMS_MAX:
        errors["territory"] = [_("Un parcours compte au plus %(max)d territoires pilotes.") % {"max": TEAMS_MAX}]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return PilotTeam.objects.create(
                journey=journey,
                territory=territory,
                name=name,
                challenge=challenge,
                themes=_clean_choices(themes, Theme.values),
                forms_of_action=_clean_choices(forms_of_action, ActionForm.values),
            )
    except IntegrityError:
        raise ValidationError(
            {"territory": [_("%(territory)s est déjà un territoire pilote de ce parcours.") % {"territory": territory}]}
        ) from None


@transaction.atomic
def team_update(
    *, team: PilotTeam, name: str, challenge: str, themes: list[str], forms_of_action: list[str]
) -> PilotTeam:
    from catalyse.resources.choices import ActionForm, Theme

    name, challenge = (name or "").strip(), (challenge or "").strip()
    errors = _check_team(name=name, challenge=challenge)
    if errors:
        raise ValidationError(errors)
    team.name, team.challenge = name, challenge
    team.themes = _clean_choices(themes, Theme.values)
    team.forms_of_action = _clean_choices(forms_of_action, ActionForm.values)
    team.save(update_fields=["name", "challenge", "themes", "forms_of_action"])
    return team


@transaction.atomic
def team_member_add(*, team: PilotTeam, user: Any, world: str = "", role_label: str = "") -> TeamMember:
    """A person joins a team; a person is in at most one team of a journey."""
    from catalyse.accounts.models import World

    if not world:
        profile = getattr(user, "profile", None)
        world = getattr(profile, "world", "") or ""
    if world not in World.values:
        raise ValidationError({"world": [_("Choisissez le monde d’où cette personne agit.")]})
    other = TeamMember.objects.filter(team__journey_id=team.journey_id, user=user).select_related("team").first()
    if other is not None:
        if other.team_id == team.pk:
            message = _("%(name)s fait déjà partie de cette équipe.")
        else:
            message = _("%(name)s fait déjà partie d’une autre équipe de ce parcours (%(team)s).")
        raise ValidationError({"email": [message % {"name": user.display_name, "team": other.team.name}]})
    return TeamMember.objects.create(team=team, user=user, world=world, role_label=(role_label or "").strip()[:120])


@transaction.atomic
def team_member_remove(*, membership: TeamMember) -> None:
    membership.delete()


def team_worlds(team: PilotTeam) -> set[str]:
    return {m.world for m in team.memberships.all()}


# --- Steps -------------------------------------------------------------------------------------------------------


@dataclass
class StepFields:
    kind: str
    title: str
    description: str = ""
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    due_on: datetime.date | None = None
    location: str = ""
    online_url: str = ""
    requires_deliverable: bool = False


def _check_step(journey: Journey, fields: StepFields) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if fields.kind not in StepKind.values:
        errors["kind"] = [_("Choisissez le type d’étape.")]
    if not fields.title.strip():
        errors["title"] = [_("Donnez un titre à l’étape, par exemple « Temps collectif de lancement ».")]
    elif len(fields.title) > TITLE_MAX_LENGTH:
        errors["title"] = [_("Le titre tient en %(max)d caractères au plus.") % {"max": TITLE_MAX_LENGTH}]
    if len(fields.description) > SUMMARY_MAX_LENGTH:
        errors["description"] = [_("La description tient en %(max)d caractères au plus.") % {"max": SUMMARY_MAX_LENGTH}]
    if fields.kind == StepKind.TRAVAIL_INDIVIDUEL:
        if fields.due_on is None:
            errors["due_on"] = [_("Un travail individuel a une date de remise : indiquez-la.")]
    elif fields.starts_at is None:
        errors["starts_at"] = [_("Indiquez la date et l’heure de début de l’étape.")]
    if fields.starts_at and fields.ends_at and fields.ends_at < fields.starts_at:
        errors["ends_at"] = [_("La fin de l’étape doit venir après son début.")]
    first_day = timezone.localtime(fields.starts_at).date() if fields.starts_at else fields.due_on
    if first_day and not (journey.starts_on <= first_day <= journey.ends_on):
        key = "starts_at" if fields.starts_at else "due_on"
        errors.setdefault(key, []).append(
            _("L’étape doit avoir lieu pendant le parcours, du %(start)s au %(end)s.")
            % {"start": _day(journey.starts_on), "end": _day(journey.ends_on)}
        )
    return errors


@transaction.atomic
def step_create(*, journey: Journey, fields: StepFields) -> Step:
    errors = _check_step(journey, fields)
    if errors:
        raise ValidationError(errors)
    return Step.objects.create(journey=journey, **_step_values(fields))


@transaction.atomic
def step_update(*, step: Step, fields: StepFields) -> Step:
    errors = _check_step(step.journey, fields)
    if errors:
        raise ValidationError(errors)
    for name, value in _step_values(fields).items():
        setattr(step, name, value)
    step.save()
    return step


def _step_values(fields: StepFields) -> dict[str, Any]:
    values = dict(fields.__dict__)
    values["title"] = fields.title.strip()
    values["description"] = fields.description.strip()
    values["location"] = fields.location.strip()[:TITLE_MAX_LENGTH]
    # A travail individuel is handed in: it always expects a deliverable.
    if fields.kind == StepKind.TRAVAIL_INDIVIDUEL:
        values["requires_deliverable"] = True
    return values


@transaction.atomic
def step_delete(*, step: Step) -> None:
    files = [(d.file.storage, d.file.name) for d in step.deliverables.exclude(file="").exclude(file__isnull=True)]
    step.delete()
    transaction.on_commit(lambda: _delete_files(files))


def _delete_files(files: list[tuple[Any, str]]) -> None:
    for storage, name in files:
        storage.delete(name)


# --- Deliverables, notes, the common space -----------------------------------------------------------------------


@transaction.atomic
def deliverable_submit(*, team: PilotTeam, step: Step, text: str, file: Any, user: Any) -> Deliverable:
    """Hand in (or hand in again) a team's deliverable for a step: a text, a file, or both."""
    from catalyse.resources.filetypes import validate_upload

    text = (text or "").strip()
    errors: dict[str, list[str]] = {}
    if step.journey_id != team.journey_id or not step.requires_deliverable:
        errors["step"] = [_("Cette étape n’attend pas de livrable.")]
    if len(text) > TEXT_MAX_LENGTH:
        errors["text"] = [_("Le texte tient en %(max)d caractères au plus.") % {"max": TEXT_MAX_LENGTH}]
    content_type = ""
    if file:
        try:
            content_type = validate_upload(file).content_type
        except ValidationError as exc:
            errors["file"] = list(exc.messages)
    if not text and not file and not errors:
        errors["text"] = [_("Écrivez votre livrable ou joignez-lui un fichier.")]
    if errors:
        raise ValidationError(errors)
    deliverable = Deliverable.objects.select_for_update().filter(step=step, team=team).first()
    if deliverable is None:
        deliverable = Deliverable(step=step, team=team)
    old_file = deliverable.file.name if deliverable.file else ""
    deliverable.text = text
    deliverable.submitted_by = user if getattr(user, "is_authenticated", False) else None
    deliverable.submitted_at = timezone.now()
    if file:
        deliverable.file = file
        deliverable.content_type = content_type
    deliverable.save()
    if file and old_file:
        storage = deliverable.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return deliverable


@transaction.atomic
def note_add(*, team: PilotTeam, author: Any, body: str) -> Note:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Écrivez votre note avant de l’enregistrer.")]})
    if len(body) > NOTE_MAX_LENGTH:
        raise ValidationError({"body": [_("Une note tient en %(max)d caractères au plus.") % {"max": NOTE_MAX_LENGTH}]})
    return Note.objects.create(team=team, author=author, body=body)


@transaction.atomic
def common_message_post(*, journey: Journey, author: Any, body: str) -> CommonMessage:
    body = (body or "").strip()
    if not journey.is_participant(author):
        raise ValidationError(_("Seuls les participants du parcours écrivent dans l’espace commun."))
    if not body:
        raise ValidationError({"body": [_("Écrivez votre message avant de l’envoyer.")]})
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {"body": [_("Un message tient en %(max)d caractères au plus.") % {"max": MESSAGE_MAX_LENGTH}]}
        )
    return CommonMessage.objects.create(journey=journey, author=author, body=body)


# --- Progress ----------------------------------------------------------------------------------------------------

# Other apps add what they count per team (e.g. co-development sessions held) from their AppConfig.ready():
# count(journey) -> {team id: number}. journeys never imports them.
ProgressCount = Callable[[Journey], dict[int, int]]


@dataclass(frozen=True)
class ProgressCounter:
    key: str
    label: str
    count: ProgressCount
    order: int = 100


PROGRESS_COUNTERS: dict[str, ProgressCounter] = {}


def progress_counter_register(*, key: str, label: Any, count: ProgressCount, order: int = 100) -> None:
    """E.g. codevelopment: progress_counter_register(key="codev", label=_("Séances tenues"), count=...)."""
    PROGRESS_COUNTERS[key] = ProgressCounter(key=key, label=label, count=count, order=order)


@dataclass
class TeamProgress:
    team: PilotTeam
    steps_done: int
    steps_total: int
    deliverables_given: int
    deliverables_expected: int  # steps asking for one, whatever their date
    deliverables_due: int  # of those, the ones whose date has passed
    late_steps: list[Step]
    due_soon: list[Step]
    actions_done: int
    actions_total: int
    actions_late: int
    members: int
    extra: list[tuple[str, int]] = field(default_factory=list)

    @property
    def is_late(self) -> bool:
        return bool(self.late_steps)

    @property
    def deliverables_percent(self) -> int:
        return round(100 * self.deliverables_given / self.deliverables_expected) if self.deliverables_expected else 0

    @property
    def steps_percent(self) -> int:
        return round(100 * self.steps_done / self.steps_total) if self.steps_total else 0


DUE_SOON_DAYS = 21


def _deadline(step: Step, journey: Journey) -> datetime.date:
    return step.due_on or step.last_day or journey.ends_on


def journey_progress(
    *, journey: Journey, teams: list[PilotTeam] | None = None, today: datetime.date | None = None
) -> list[TeamProgress]:
    """Each team's progress, in a fixed number of queries whatever the number of teams."""
    today = today or timezone.localdate()
    if teams is None:
        teams = list(
            journey.teams.select_related("territory").annotate(member_count=Count("memberships", distinct=True))
        )
    steps = list(journey.steps.all())
    steps.sort(key=lambda s: (s.day or journey.ends_on, s.pk))
    steps_done = sum(1 for s in steps if s.is_past(today))
    expecting = [s for s in steps if s.requires_deliverable]
    handed: dict[int, set[int]] = defaultdict(set)
    for team_id, step_id in Deliverable.objects.filter(team__journey=journey).values_list("team_id", "step_id"):
        handed[team_id].add(step_id)
    actions = {
        row["team_id"]: row
        for row in ActionItem.objects.filter(team__journey=journey)
        .values("team_id")
        .annotate(
            n_total=Count("pk"),
            n_done=Count("pk", filter=Q(done=True)),
            n_late=Count("pk", filter=Q(done=False, due_on__lt=today)),
        )
        .order_by()
    }
    extras = [(c.label, c.count(journey)) for c in sorted(PROGRESS_COUNTERS.values(), key=lambda c: c.order)]
    soon = today + datetime.timedelta(DUE_SOON_DAYS)
    due = [s for s in expecting if _deadline(s, journey) < today]
    coming = [s for s in expecting if today <= _deadline(s, journey) <= soon]
    result = []
    for team in teams:
        given = handed.get(team.pk, set())
        row = actions.get(team.pk, {})
        result.append(
            TeamProgress(
                team=team,
                steps_done=steps_done,
                steps_total=len(steps),
                deliverables_given=sum(1 for s in expecting if s.pk in given),
                deliverables_expected=len(expecting),
                deliverables_due=len(due),
                late_steps=[s for s in due if s.pk not in given],
                due_soon=[s for s in coming if s.pk not in given],
                actions_done=row.get("n_done", 0),
                actions_total=row.get("n_total", 0),
                actions_late=row.get("n_late", 0),
                members=getattr(team, "member_count", 0),
                extra=[(str(label), counts.get(team.pk, 0)) for label, counts in extras],
            )
        )
    return result


# --- Links to other apps' pages of a journey ---------------------------------------------------------------------

# codevelopment and logbooks add their entry points to the journey page (e.g. « Séances de codéveloppement »,
# « Carnets de bord ») from their AppConfig.ready(); url(journey, user) returns None to hide the link.
JourneyLinkUrl = Callable[[Journey, Any], "str | None"]


@dataclass(frozen=True)
class JourneyLink:
    key: str
    label: Any
    url: JourneyLinkUrl
    order: int = 100


JOURNEY_LINKS: dict[str, JourneyLink] = {}


def journey_link_register(*, key: str, label: Any, url: JourneyLinkUrl, order: int = 100) -> None:
    JOURNEY_LINKS[key] = JourneyLink(key=key, label=label, url=url, order=order)


def journey_links(*, journey: Journey, user: Any) -> list[tuple[str, str]]:
    """(label, url) of the other apps' pages of this journey that this person may open."""
    links = []
    for link in sorted(JOURNEY_LINKS.values(), key=lambda item: item.order):
        url = link.url(journey, user)
        if url:
            links.append((str(link.label), url))
    return links
