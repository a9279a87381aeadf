"""Writes and reads of the cohorts: one place each, in a transaction, the cohort's row locked where places count.

Enrolment, approval and invitations lock the cohort's row (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises
writers), so two people never take the last place together. Mail leaves through the task queue, on commit."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from catalyse.cohorts.discussions import TOPIC_SLUG, TOPIC_TITLE, space_of
from catalyse.cohorts.models import (
    NOTE_MAX_LENGTH,
    Cohort,
    CohortSession,
    CohortStatus,
    DeclaredSession,
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    Invitation,
)
from catalyse.cohorts.permissions import can_manage, can_take_part, is_member
from catalyse.learning import services as learning
from catalyse.learning.models import Course, CourseSession
from catalyse.lib.text import slugify_fr

INVITATIONS_MAX = 100
REMINDER_DELAY = datetime.timedelta(days=1)
SESSION_LENGTH = datetime.timedelta(days=6)
RESERVED_SLUGS = {"mes-cohortes", "nouvelle"}


# ---------------------------------------------------------------- cohorts and their schedule


def cohort_slug_unique(title: str) -> str:
    base = slugify_fr(title)[:110].strip("-") or "cohorte"
    if base in RESERVED_SLUGS:
        base = f"{base}-cohorte"
    slug, n = base, 1
    while Cohort.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def cohort_create(
    *,
    course: Course,
    title: str,
    starts_on: datetime.date,
    facilitators: Iterable[Any] = (),
    schedule: Sequence[Mapping[str, Any]] = (),
    slug: str = "",
    **fields: Any,
) -> Cohort:
    """A cohort and its schedule: one row per session of the course, in the order of the sessions. Without a
    schedule, a session opens each week from the start, without a live meeting."""
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Donnez un titre à la cohorte.")})
    cohort = Cohort(course=course, title=title, starts_on=starts_on, slug=slug or cohort_slug_unique(title), **fields)
    cohort.full_clean(exclude=["uid"])
    cohort.save()
    cohort.facilitators.set(list(facilitators))
    sessions = list(course.sessions.order_by("number"))
    if schedule and len(schedule) != len(sessions):
        raise ValidationError(
            {"schedule": _("Donnez une date à chacune des %(n)d sessions de la formation.") % {"n": len(sessions)}}
        )
    for index, session in enumerate(sessions):
        spec = dict(schedule[index]) if schedule else {"opens_on": starts_on + datetime.timedelta(weeks=index)}
        row = CohortSession(cohort=cohort, session=session, **spec)
        _check_schedule_row(cohort, row)
        row.save()
    return cohort


def _check_schedule_row(cohort: Cohort, row: CohortSession) -> None:
    number = row.session.number
    if row.opens_on is None:
        raise ValidationError({"opens_on": _("Session %(n)d : indiquez sa date d’ouverture.") % {"n": number}})
    if row.opens_on < cohort.starts_on:
        raise ValidationError(
            {"opens_on": _("Session %(n)d : elle ne peut pas ouvrir avant le début de la cohorte.") % {"n": number}}
        )
    if (row.meeting_starts_at is None) != (row.meeting_ends_at is None):
        raise ValidationError(
            {"meeting_ends_at": _("Session %(n)d : indiquez le début et la fin de la réunion.") % {"n": number}}
        )
    if row.meeting_starts_at and row.meeting_ends_at and row.meeting_ends_at <= row.meeting_starts_at:
        raise ValidationError(
            {"meeting_ends_at": _("Session %(n)d : la réunion doit finir après son début.") % {"n": number}}
        )
    if row.meeting_url:
        row.full_clean(exclude=["cohort", "session", "thread", "uid"], validate_unique=False)


# What the members need to hear about when it changes: their calendar copy is then updated (SEQUENCE).
MEETING_FIELDS = ("meeting_starts_at", "meeting_ends_at", "meeting_url")


@transaction.atomic
def cohort_session_update(
    *, cohort_session: CohortSession, by: Any, notify: bool = True, **fields: Any
) -> CohortSession:
    """Change a session's opening date or live meeting; a moved meeting raises its calendar SEQUENCE, may be
    reminded again, and its members get the news with the updated calendar file."""
    row = CohortSession.objects.select_for_update().select_related("cohort", "session").get(pk=cohort_session.pk)
    _check_manager(row.cohort, by)
    before = {name: getattr(row, name) for name in MEETING_FIELDS}
    for name, value in fields.items():
        if name not in ("opens_on", *MEETING_FIELDS):
            raise ValidationError(_("Ce champ ne se change pas ici : %(name)s.") % {"name": name})
        setattr(row, name, value)
    _check_schedule_row(row.cohort, row)
    moved = any(getattr(row, name) != before[name] for name in MEETING_FIELDS)
    if moved:
        row.sequence += 1
        if row.meeting_starts_at != before["meeting_starts_at"]:
            row.reminder_sent_at = None
    row.save()
    if moved and notify and row.cohort.is_published and (before["meeting_starts_at"] or row.has_meeting):
        _mail_meeting_changed(row)
    return row


def _mail_meeting_changed(row: CohortSession) -> None:
    """The members hear of a new, moved or cancelled live meeting, with the updated calendar file."""
    from catalyse.cohorts.calendar import cohort_calendar_bytes

    if row.has_meeting and row.meeting_ends_at and row.meeting_ends_at < timezone.now():
        return
    ics = cohort_calendar_bytes(row.cohort, [row], base_url=settings.SITE_URL, with_online_link=True)
    for enrolment in row.cohort.enrolments.active().select_related("user"):
        user = enrolment.user
        if user.is_active and user.email and not getattr(user, "erased_at", None):
            _mail(
                user.email,
                "cohorts/email/meeting_changed.txt",
                cohort=row.cohort,
                row=row,
                to_user=user,
                attachment=("reunion.ics", ics, "text/calendar") if row.has_meeting else None,
            )


@transaction.atomic
def cohort_schedule_update(*, cohort: Cohort, by: Any, rows: Mapping[int, Mapping[str, Any]]) -> list[CohortSession]:
    """The whole schedule at once, by session number: all rows are saved, or none (the first error stops)."""
    _check_manager(cohort, by)
    saved = []
    for row in cohort.schedule.select_related("session").order_by("session__number"):
        fields = rows.get(row.number)
        if fields is not None:
            saved.append(cohort_session_update(cohort_session=row, by=by, **fields))
    return saved


@transaction.atomic
def cohort_publish(*, cohort: Cohort, by: Any) -> Cohort:
    """Open a cohort in preparation to all: it shows in the list and people may join."""
    _check_manager(cohort, by)
    cohort = _lock(cohort)
    if cohort.status != CohortStatus.DRAFT:
        raise ValidationError(_("Cette cohorte n’est pas en préparation : elle est déjà publiée ou annulée."))
    cohort.status = CohortStatus.PUBLISHED
    cohort.save(update_fields=["status"])
    return cohort


# ---------------------------------------------------------------- enrolment


def _check_manager(cohort: Cohort, user: Any) -> None:
    if not can_manage(cohort, user):
        raise PermissionDenied(_("Seuls les animateurs de la cohorte et du programme le peuvent."))


def active_count(cohort: Cohort) -> int:
    return Enrolment.objects.active().filter(cohort_id=cohort.pk).count()


def places_left(cohort: Cohort) -> int | None:
    """Places still free (None: no limit)."""
    if cohort.capacity is None:
        return None
    return max(cohort.capacity - active_count(cohort), 0)


def cohort_ends_on(cohort: Cohort) -> datetime.date:
    """A week after its last session opens, or the day of its last live meeting if later."""
    days = [cohort.starts_on]
    for row in cohort.schedule.all():
        days.append(row.opens_on + SESSION_LENGTH)
        if row.meeting_ends_at:
            days.append(timezone.localdate(row.meeting_ends_at))
    return max(days)


def enrolment_is_open(cohort: Cohort, today: datetime.date | None = None) -> bool:
    """Published and not over: one may join a cohort in progress."""
    if cohort.status != CohortStatus.PUBLISHED:
        return False
    return (today or timezone.localdate()) <= cohort_ends_on(cohort)


def _lock(cohort: Cohort) -> Cohort:
    return Cohort.objects.select_for_update(of=("self",)).select_related("course").get(pk=cohort.pk)


def _take_place(cohort: Cohort) -> None:
    """Call with the cohort's row locked."""
    if cohort.capacity is not None and active_count(cohort) >= cohort.capacity:
        raise ValidationError(_("La cohorte est complète : il n’y a plus de place."))


def _reuse_or_new(cohort: Cohort, user: Any) -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().filter(cohort=cohort, user=user).first()
    if enrolment is not None and enrolment.is_active:
        raise ValidationError(_("Vous êtes déjà membre de cette cohorte."))
    if enrolment is not None and enrolment.is_pending:
        raise ValidationError(_("Votre demande d’inscription attend déjà la réponse des animateurs."))
    return enrolment or Enrolment(cohort=cohort, user=user)


@transaction.atomic
def cohort_enrol(*, cohort: Cohort, user: Any, motivation: str = "") -> Enrolment:
    """Join an open cohort (a place if there is one), or ask to join one on approval. A cohort on invitation is
    joined through the link of the invitation (`invitation_accept`)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Connectez-vous pour vous inscrire."))
    cohort = _lock(cohort)
    if not enrolment_is_open(cohort):
        raise ValidationError(_("Les inscriptions à cette cohorte sont closes."))
    if cohort.enrolment_mode == EnrolmentMode.INVITATION:
        raise ValidationError(_("Cette cohorte est sur invitation : demandez à ses animateurs de vous inviter."))
    motivation = (motivation or "").strip()
    if len(motivation) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"motivation": _("Raccourcissez votre message à %(max)d caractères au plus.") % {"max": NOTE_MAX_LENGTH}}
        )
    enrolment = _reuse_or_new(cohort, user)
    enrolment.motivation = motivation
    enrolment.created_at = timezone.now()
    enrolment.decided_at = enrolment.decided_by = None
    if cohort.enrolment_mode == EnrolmentMode.APPROVAL:
        enrolment.status = EnrolmentStatus.PENDING
        enrolment.save()
        for person in cohort.facilitators.filter(is_active=True):
            _mail(person.email, "cohorts/email/request.txt", cohort=cohort, enrolment=enrolment, to_user=person)
        return enrolment
    _take_place(cohort)
    enrolment.status = EnrolmentStatus.ACTIVE
    enrolment.save()
    _mail_member(enrolment, "cohorts/email/welcome.txt")
    return enrolment


@transaction.atomic
def enrolment_decide(*, enrolment: Enrolment, by: Any, accept: bool) -> Enrolment:
    """A facilitator accepts (within the places left) or declines a request; the person is told."""
    cohort = _lock(enrolment.cohort)
    _check_manager(cohort, by)
    enrolment = Enrolment.objects.select_for_update().select_related("user").get(pk=enrolment.pk)
    if not enrolment.is_pending:
        raise ValidationError(_("Cette demande a déjà reçu une réponse."))
    if accept:
        _take_place(cohort)
    enrolment.status = EnrolmentStatus.ACTIVE if accept else EnrolmentStatus.DECLINED
    enrolment.decided_at, enrolment.decided_by = timezone.now(), by
    enrolment.save(update_fields=["status", "decided_at", "decided_by"])
    enrolment.cohort = cohort
    _mail_member(enrolment, "cohorts/email/welcome.txt" if accept else "cohorts/email/declined.txt")
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, cohort: Cohort, user: Any) -> Enrolment:
    """Leave a cohort (or withdraw a request): the place goes back to the cohort; progress stays with the person."""
    _lock(cohort)
    enrolment = Enrolment.objects.select_for_update().filter(cohort=cohort, user=user).first()
    if enrolment is None or not (enrolment.is_active or enrolment.is_pending):
        raise ValidationError(_("Vous n’êtes pas inscrit·e à cette cohorte."))
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.decided_at, enrolment.decided_by = timezone.now(), user
    enrolment.save(update_fields=["status", "decided_at", "decided_by"])
    return enrolment


def parse_emails(raw: str) -> list[str]:
    """Addresses separated by commas, semicolons, spaces or lines; a French error names the wrong ones."""
    parts = raw.replace(";", " ").replace(",", " ").split()
    emails = list(dict.fromkeys(part.strip().lower() for part in parts))
    wrong = []
    for email in emails:
        try:
            validate_email(email)
        except ValidationError:
            wrong.append(email)
    if wrong:
        raise ValidationError(
            {"emails": _("Ces adresses ne sont pas valides : %(list)s. Corrigez-les.") % {"list": ", ".join(wrong)}}
        )
    return emails


@transaction.atomic
def cohort_invite(*, cohort: Cohort, by: Any, emails: Sequence[str], message: str = "") -> tuple[list[str], list[str]]:
    """Invite people by email, once per address: (invited, skipped because already invited or member)."""
    _check_manager(cohort, by)
    emails = list(dict.fromkeys(e.strip().lower() for e in emails if e.strip()))
    if not emails:
        raise ValidationError({"emails": _("Indiquez au moins une adresse électronique.")})
    if len(emails) > INVITATIONS_MAX:
        raise ValidationError({"emails": _("%(max)d adresses au plus à la fois.") % {"max": INVITATIONS_MAX}})
    if len(message) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"message": _("Raccourcissez votre message à %(max)d caractères au plus.") % {"max": NOTE_MAX_LENGTH}}
        )
    already = set(Invitation.objects.filter(cohort=cohort, email__in=emails).values_list("email", flat=True))
    members = {
        e.lower()
        for e in cohort.enrolments.active().filter(user__email__in=emails).values_list("user__email", flat=True)
    }
    invited, skipped = [], []
    for email in emails:
        if email in already or email in members:
            skipped.append(email)
            continue
        invitation = Invitation.objects.create(cohort=cohort, email=email, invited_by=by)
        _mail(
            email,
            "cohorts/email/invitation.txt",
            cohort=cohort,
            by=by,
            note=message.strip(),
            accept_url=settings.SITE_URL + invitation.get_absolute_url(),
            reply_to=[by.email],
        )
        invited.append(email)
    return invited, skipped


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: Any) -> Enrolment:
    """Join the cohort through the link of an invitation (used once), within the places left."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Connectez-vous pour accepter l’invitation."))
    cohort = _lock(invitation.cohort)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("Cette invitation a déjà servi : demandez-en une nouvelle aux animateurs."))
    if not enrolment_is_open(cohort):
        raise ValidationError(_("Les inscriptions à cette cohorte sont closes."))
    enrolment = Enrolment.objects.select_for_update().filter(cohort=cohort, user=user).first()
    if enrolment is not None and enrolment.is_active:
        raise ValidationError(_("Vous êtes déjà membre de cette cohorte."))
    enrolment = enrolment or Enrolment(cohort=cohort, user=user)
    _take_place(cohort)
    enrolment.status = EnrolmentStatus.ACTIVE
    enrolment.created_at = enrolment.decided_at = timezone.now()
    enrolment.decided_by = invitation.invited_by
    enrolment.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    _mail_member(enrolment, "cohorts/email/welcome.txt")
    return enrolment


# ---------------------------------------------------------------- progress


@dataclass(frozen=True)
class MemberProgress:
    """A member's progress in the cohort's course: sessions done, quizzes, activities; what is behind."""

    user: Any
    enrolment: Enrolment
    sessions_done: int
    sessions_total: int
    percent_done: int
    quiz_average_percent: int | None
    activities_written: int
    behind: list[int]  # numbers of the sessions opened but not done
    is_completed: bool
    done_numbers: frozenset[int]


def _declared(cohort: Cohort, user_ids: list[int]) -> dict[int, set[int]]:
    done: dict[int, set[int]] = {uid: set() for uid in user_ids}
    for user_id, number in DeclaredSession.objects.filter(cohort=cohort, user_id__in=user_ids).values_list(
        "user_id", "session__number"
    ):
        done[user_id].add(number)
    return done


def cohort_progress(*, cohort: Cohort, today: datetime.date | None = None) -> list[MemberProgress]:
    """Every active member's progress, in a constant number of queries (for the dashboard and its CSV)."""
    today = today or timezone.localdate()
    enrolments = list(cohort.enrolments.active().select_related("user").order_by("user__last_name", "user__pk"))
    users = [e.user for e in enrolments]
    schedule = list(cohort.schedule.select_related("session").order_by("session__number"))
    opened = [row.session.number for row in schedule if row.is_open(today)]
    total = len(schedule)
    rows = []
    if cohort.is_study_group:
        declared = _declared(cohort, [u.pk for u in users])
        for enrolment in enrolments:
            done = declared[enrolment.user_id]
            rows.append(
                MemberProgress(
                    user=enrolment.user,
                    enrolment=enrolment,
                    sessions_done=len(done),
                    sessions_total=total,
                    percent_done=round(100 * len(done) / total) if total else 0,
                    quiz_average_percent=None,
                    activities_written=0,
                    behind=[n for n in opened if n not in done],
                    is_completed=bool(total) and len(done) >= total,
                    done_numbers=frozenset(done),
                )
            )
        return rows
    progress = learning.learners_progress(users=users, course=cohort.course)
    for enrolment in enrolments:
        p = progress[enrolment.user_id]
        done_numbers = frozenset(s.session.number for s in p.sessions if s.is_done)
        rows.append(
            MemberProgress(
                user=enrolment.user,
                enrolment=enrolment,
                sessions_done=p.sessions_done,
                sessions_total=len(p.sessions),
                percent_done=p.percent_done,
                quiz_average_percent=p.quiz_average_percent,
                activities_written=p.activities_written,
                behind=[n for n in opened if n not in done_numbers],
                is_completed=learning.progress_is_completed(p),
                done_numbers=done_numbers,
            )
        )
    return rows


def member_done_sessions(*, cohort: Cohort, user: Any) -> set[int]:
    """Numbers of the sessions this person has done (declared, in a study group)."""
    if cohort.is_study_group:
        return _declared(cohort, [user.pk])[user.pk]
    progress = learning.learner_progress(user=user, course=cohort.course)
    return {s.session.number for s in progress.sessions if s.is_done}


def enrolment_is_completed(*, cohort: Cohort, user: Any) -> bool:
    """The rule of the certificate: the course's rule (learning.course_is_completed) for a hosted course; every
    session declared followed for a study group."""
    if not is_member(cohort, user):
        return False
    if cohort.is_study_group:
        total = cohort.schedule.count()
        return bool(total) and len(_declared(cohort, [user.pk])[user.pk]) >= total
    return learning.course_is_completed(user=user, course=cohort.course)


@transaction.atomic
def session_declare(*, cohort: Cohort, user: Any, session: CourseSession, done: bool = True) -> bool:
    """In a study group, a member says they followed a session on the external platform (or takes it back)."""
    if not cohort.is_study_group:
        raise ValidationError(
            _("La progression de cette formation se mesure sur Catalyse : suivez les séquences de la session.")
        )
    if not is_member(cohort, user):
        raise PermissionDenied(_("Seuls les membres du groupe d’étude déclarent leur progression."))
    row = cohort.schedule.filter(session=session).first()
    if row is None:
        raise ValidationError(_("Cette session n’appartient pas à la formation de ce groupe."))
    if not row.is_open():
        raise ValidationError(
            _("Cette session ouvre le %(date)s : vous pourrez la déclarer suivie à partir de cette date.")
            % {"date": row.opens_on.strftime("%d/%m/%Y")}
        )
    if done:
        DeclaredSession.objects.get_or_create(cohort=cohort, user=user, session=session)
    else:
        DeclaredSession.objects.filter(cohort=cohort, user=user, session=session).delete()
    return done


def question_failures(*, cohort: Cohort) -> list[tuple[Any, int, int]]:
    """The quiz questions of the course, those its members fail most first (attempts, failed)."""
    users = [e.user for e in cohort.enrolments.active().select_related("user")]
    return learning.question_failure_rates(course=cohort.course, users=users)


# ---------------------------------------------------------------- discussions


@transaction.atomic
def cohort_session_thread(*, cohort_session: CohortSession, user: Any) -> Any:
    """The session's private discussion, opened the first time someone comes to it (by a facilitator when the
    cohort has one, so that members see who animates it)."""
    from catalyse.network import services as network
    from catalyse.network.models import Thread, Topic

    row = CohortSession.objects.select_for_update().select_related("cohort", "session").get(pk=cohort_session.pk)
    if row.thread_id:
        return Thread.objects.get(pk=row.thread_id)
    cohort = row.cohort
    if not can_take_part(cohort, user):
        raise PermissionDenied(_("La discussion de la cohorte est réservée à ses membres et à ses animateurs."))
    author = cohort.facilitators.filter(is_active=True).order_by("pk").first() or user
    topic, _created = Topic.objects.get_or_create(slug=TOPIC_SLUG, defaults={"title": TOPIC_TITLE, "position": 3})
    session = row.session
    title = _("%(cohort)s — session %(n)d") % {"cohort": cohort.title, "n": session.number}
    body = _(
        "Bienvenue dans la discussion de la session %(n)d, « %(title)s ».\n\n"
        "La question de la session : **%(question)s**\n\n"
        "Partagez ici ce que vous en retenez pour votre territoire, vos questions et vos exemples."
    ) % {"n": session.number, "title": session.title, "question": session.question}
    thread = network.thread_create(author=author, topic=topic, title=title[:160], body=body, space=space_of(cohort))
    row.thread = thread
    row.save(update_fields=["thread"])
    return thread


def cohort_post_create(*, cohort_session: CohortSession, user: Any, body: str) -> Any:
    """A message in the session's discussion, through the network's services (mentions, follows, notifications)."""
    from catalyse.network import services as network

    if not can_take_part(cohort_session.cohort, user):
        raise PermissionDenied(_("La discussion de la cohorte est réservée à ses membres et à ses animateurs."))
    if not cohort_session.is_open():
        raise ValidationError(
            _("Cette session ouvre le %(date)s : sa discussion aussi.")
            % {"date": cohort_session.opens_on.strftime("%d/%m/%Y")}
        )
    thread = cohort_session_thread(cohort_session=cohort_session, user=user)
    return network.post_create(author=user, thread=thread, body=body)


# ---------------------------------------------------------------- reminders of the live meetings


def meetings_due(*, now: datetime.datetime | None = None) -> list[int]:
    now = now or timezone.now()
    return list(
        CohortSession.objects.filter(
            cohort__status=CohortStatus.PUBLISHED,
            reminder_sent_at__isnull=True,
            meeting_starts_at__gt=now,
            meeting_starts_at__lte=now + REMINDER_DELAY,
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def meeting_reminder_send(*, cohort_session_id: int, now: datetime.datetime | None = None) -> int:
    """Claim the meeting's reminder with a conditional UPDATE (one worker wins), then queue one email per member
    and facilitator, with the calendar file, in the same transaction. Returns the emails queued."""
    now = now or timezone.now()
    claimed = CohortSession.objects.filter(pk=cohort_session_id, reminder_sent_at__isnull=True).update(
        reminder_sent_at=now
    )
    if not claimed:
        return 0
    row = CohortSession.objects.select_related("cohort__course", "session").get(pk=cohort_session_id)
    from catalyse.cohorts.calendar import cohort_calendar_bytes

    ics = cohort_calendar_bytes(row.cohort, [row], base_url=settings.SITE_URL, with_online_link=True)
    people = [e.user for e in row.cohort.enrolments.active().select_related("user")]
    people += list(row.cohort.facilitators.all())
    sent = 0
    for person in {p.pk: p for p in people}.values():
        if person.is_active and person.email and not getattr(person, "erased_at", None):
            _mail(
                person.email,
                "cohorts/email/reminder.txt",
                cohort=row.cohort,
                row=row,
                to_user=person,
                attachment=("reunion.ics", ics, "text/calendar"),
            )
            sent += 1
    return sent


def meeting_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """The reminders due now (the day before each live meeting): safe to run often, and from several workers."""
    now = now or timezone.now()
    return sum(meeting_reminder_send(cohort_session_id=pk, now=now) for pk in meetings_due(now=now))


# ---------------------------------------------------------------- mail


def _mail(to: str, template: str, *, reply_to: list[str] | None = None, attachment: Any = None, **context: Any) -> None:
    cohort = context["cohort"]
    context.setdefault("cohort_url", settings.SITE_URL + cohort.get_absolute_url())
    context.setdefault("site_url", settings.SITE_URL)
    text = render_to_string(template, context).strip()
    subject, _sep, body = text.partition("\n")
    message = EmailMessage(subject=subject.strip(), body=body.strip() + "\n", to=[to], reply_to=reply_to or [])
    if attachment:
        message.attach(*attachment)
    transaction.on_commit(message.send)


def _mail_member(enrolment: Enrolment, template: str) -> None:
    user = enrolment.user
    if not (user.is_active and user.email and not getattr(user, "erased_at", None)):
        return
    _mail(user.email, template, cohort=enrolment.cohort, enrolment=enrolment, to_user=user)
