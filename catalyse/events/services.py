"""Writes of the events: one place each, in a transaction, with row locks where places are counted.

Registration, cancellation and promotion lock the event's row (SELECT … FOR UPDATE on PostgreSQL; SQLite
serialises writers with its IMMEDIATE transactions), so that two people never take the last place together."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from catalyse.events.calendar import event_calendar_bytes
from catalyse.events.models import (
    ANSWER_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    CalendarFeed,
    Event,
    Feedback,
    Invitation,
    Question,
    QuestionKind,
    Registration,
    RegistrationStatus,
    ReminderKind,
    ReminderSent,
    Status,
    Track,
    new_feed_token,
)
from catalyse.lib.text import slugify_fr

RESERVED_SLUGS = {"mes-evenements", "agenda", "passes", "nouveau"}
INVITATIONS_MAX = 100
REMINDER_DELAYS = {ReminderKind.WEEK: datetime.timedelta(days=7), ReminderKind.DAY: datetime.timedelta(days=1)}


# ---------------------------------------------------------------- events


def event_slug_unique(title: str, starts_at: datetime.datetime, *, exclude_pk: int | None = None) -> str:
    base = slugify_fr(f"{title} {timezone.localtime(starts_at):%Y}")[:200].strip("-") or "evenement"
    if base in RESERVED_SLUGS:
        base = f"{base}-evenement"
    slug, n = base, 1
    existing = Event.objects.exclude(pk=exclude_pk) if exclude_pk else Event.objects.all()
    while existing.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_dates(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if ends_at < starts_at:
        raise ValidationError({"ends_at": _("La fin doit venir après le début : corrigez l’heure de fin.")})


@transaction.atomic
def event_create(
    *,
    title: str,
    kind: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    slug: str = "",
    territory: Any = None,
    organisers: Iterable[Any] = (),
    tracks: Sequence[Mapping[str, Any]] = (),
    questions: Sequence[Mapping[str, Any]] = (),
    **fields: Any,
) -> Event:
    """An event with its tracks and registration questions."""
    _check_dates(starts_at, ends_at)
    event = Event(title=title.strip(), kind=kind, starts_at=starts_at, ends_at=ends_at, **fields)
    event.set_territory(territory)
    event.slug = slug or event_slug_unique(event.title, starts_at)
    event.full_clean(exclude=["uid"])
    event.save()
    event.organisers.set(list(organisers))
    event_tracks_set(event=event, tracks=tracks)
    event_questions_set(event=event, questions=questions)
    return event


# What a person registered needs to hear about: the date, the place, the status.
NOTIFIED_FIELDS = ("starts_at", "ends_at", "venue", "address", "territory_id", "format", "status")


@transaction.atomic
def event_update(
    *,
    event: Event,
    territory: Any = ...,
    tracks: Sequence[Mapping[str, Any]] | None = None,
    questions: Sequence[Mapping[str, Any]] | None = None,
    notify: bool = True,
    **fields: Any,
) -> Event:
    """Change an event. A new date, place or status raises the calendar SEQUENCE and tells the people registered
    (with the updated calendar file); more places promote people waiting."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    before = {name: getattr(event, name) for name in NOTIFIED_FIELDS}
    for name, value in fields.items():
        setattr(event, name, value)
    if territory is not ...:
        event.set_territory(territory)
    _check_dates(event.starts_at, event.ends_at)
    changed = [name for name in NOTIFIED_FIELDS if getattr(event, name) != before[name]]
    if changed:
        event.sequence += 1
    event.updated_at = timezone.now()
    event.full_clean(exclude=["uid"])
    event.save()
    if tracks is not None:
        event_tracks_set(event=event, tracks=tracks)
    if questions is not None:
        event_questions_set(event=event, questions=questions)
    if notify and changed and before["status"] != Status.DRAFT and not event.is_past():
        cancelled = event.status == Status.CANCELLED and before["status"] != Status.CANCELLED
        template = "events/email/cancelled.txt" if cancelled else "events/email/changed.txt"
        for registration in Registration.objects.active().filter(event=event).select_related("user", "track"):
            _mail_registration(registration, template=template, attach_calendar=True)
    _promote(event)
    return event


def event_tracks_set(*, event: Event, tracks: Sequence[Mapping[str, Any]]) -> None:
    """The tracks in this order: updated in place by position; a track people registered to cannot go."""
    existing = list(event.tracks.order_by("position", "id"))
    for position, spec in enumerate(tracks):
        values = {"title": "", "description": "", "capacity": None, **spec, "position": position}
        if position < len(existing):
            track = existing[position]
            for name, value in values.items():
                setattr(track, name, value)
            track.save()
        else:
            Track.objects.create(event=event, **values)
    for track in existing[len(tracks) :]:
        if track.registrations.exists():
            raise ValidationError(
                {
                    "tracks": _("Des personnes sont inscrites à l’axe « %(title)s » : gardez-le.")
                    % {"title": track.title}
                }
            )
        track.delete()


def event_questions_set(*, event: Event, questions: Sequence[Mapping[str, Any]]) -> None:
    """The registration questions in this order (answers already given stay with the registrations)."""
    existing = list(event.questions.order_by("position", "id"))
    for position, spec in enumerate(questions):
        values = {"help_text": "", "choices": [], "required": False, "kind": "text", **spec, "position": position}
        if position < len(existing):
            question = existing[position]
            for name, value in values.items():
                setattr(question, name, value)
            question.save()
        else:
            Question.objects.create(event=event, **values)
    for question in existing[len(questions) :]:
        question.delete()


# ---------------------------------------------------------------- registration


def registration_answers_clean(*, event: Event, answers: Mapping[str, Any] | None) -> dict[str, str]:
    """The answers to the event's questions, keyed by question id; French errors keyed by form field."""
    answers = answers or {}
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for question in event.questions.all():
        raw = answers.get(str(question.pk), answers.get(question.field_name, ""))
        value = " ".join(str(raw or "").split()) if question.kind == QuestionKind.CHOICE else str(raw or "").strip()
        if not value:
            if question.required:
                errors[question.field_name] = _("Répondez à la question « %(label)s ».") % {"label": question.label}
            continue
        if len(value) > ANSWER_MAX_LENGTH:
            errors[question.field_name] = _("Votre réponse dépasse %(max)d caractères : raccourcissez-la.") % {
                "max": ANSWER_MAX_LENGTH
            }
            continue
        if question.kind == QuestionKind.CHOICE and value not in question.choices:
            errors[question.field_name] = _("Choisissez l’une des réponses proposées : %(choices)s.") % {
                "choices": ", ".join(question.choices)
            }
            continue
        cleaned[str(question.pk)] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _confirmed(event: Event, track: Track | None = None) -> int:
    queryset = Registration.objects.confirmed().filter(event_id=event.pk)
    if track is not None:
        queryset = queryset.filter(track_id=track.pk)
    return queryset.count()


def _has_room(event: Event, track: Track | None) -> bool:
    """Call with the event's row locked."""
    if event.capacity is not None and _confirmed(event) >= event.capacity:
        return False
    return not (track is not None and track.capacity is not None and _confirmed(event, track) >= track.capacity)


def places_left(event: Event, track: Track | None = None) -> int | None:
    """Places still free (None: no limit), for the event or one of its tracks."""
    lefts = []
    if event.capacity is not None:
        lefts.append(max(event.capacity - _confirmed(event), 0))
    if track is not None and track.capacity is not None:
        lefts.append(max(track.capacity - _confirmed(event, track), 0))
    return min(lefts) if lefts else None


@transaction.atomic
def event_register(
    *, event: Event, user: Any, track: Track | None = None, answers: Mapping[str, Any] | None = None
) -> Registration:
    """A place if there is one, else a place on the waiting list; an email says which."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Connectez-vous pour vous inscrire."))
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.registration_is_open():
        raise ValidationError(_("Les inscriptions à cet événement sont closes."))
    has_tracks = event.tracks.exists()
    if has_tracks and track is None:
        raise ValidationError({"track": _("Choisissez l’axe auquel vous voulez participer.")})
    if track is not None and track.event_id != event.pk:
        raise ValidationError({"track": _("Cet axe n’appartient pas à cet événement : choisissez-en un de la liste.")})
    cleaned = registration_answers_clean(event=event, answers=answers)
    registration = Registration.objects.select_for_update().filter(event=event, user=user).first()
    if registration is not None and registration.is_active:
        raise ValidationError(_("Vous êtes déjà inscrit·e à cet événement."))
    now = timezone.now()
    registration = registration or Registration(event=event, user=user, created_at=now)
    registration.track = track
    registration.answers = cleaned
    registration.cancelled_at = None
    registration.attended = None
    if _has_room(event, track):
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at, registration.waiting_since = now, None
    else:
        registration.status = RegistrationStatus.WAITING
        registration.confirmed_at, registration.waiting_since = None, now
    registration.save()
    template = "events/email/confirmed.txt" if registration.is_confirmed else "events/email/waiting.txt"
    _mail_registration(registration, template=template, attach_calendar=registration.is_confirmed)
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by: Any) -> list[Registration]:
    """The person (or an organiser) cancels; the first people waiting who fit get the place."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update(of=("self",)).select_related("user").get(pk=registration.pk)
    if registration.user_id != getattr(by, "pk", None) and not event.can_manage(by):
        raise PermissionDenied(_("Vous ne pouvez annuler que votre propre inscription."))
    if not registration.is_active:
        raise ValidationError(_("Cette inscription est déjà annulée."))
    if event.has_started():
        raise ValidationError(_("L’événement a commencé : l’inscription ne peut plus être annulée."))
    was_confirmed = registration.is_confirmed
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    return _promote(event) if was_confirmed else []


@transaction.atomic
def event_promote_waiting(*, event: Event) -> list[Registration]:
    """After places were added: promote the people waiting who now fit."""
    return _promote(Event.objects.select_for_update().get(pk=event.pk))


def _promote(event: Event) -> list[Registration]:
    """With the event's row locked: confirm the people waiting, first come first served, while places remain."""
    if event.status != Status.PUBLISHED or event.has_started():
        return []
    promoted = []
    waiting = Registration.objects.waiting().filter(event=event).select_related("track", "user")
    for candidate in waiting.select_for_update(of=("self",)):
        if event.capacity is not None and _confirmed(event) >= event.capacity:
            break
        if not _has_room(event, candidate.track):
            continue  # their track is full; someone waiting for another track may fit
        candidate.status = RegistrationStatus.CONFIRMED
        candidate.confirmed_at = timezone.now()
        candidate.save(update_fields=["status", "confirmed_at"])
        _mail_registration(candidate, template="events/email/promoted.txt", attach_calendar=True)
        promoted.append(candidate)
    return promoted


# ---------------------------------------------------------------- mail


def _mail_context(registration: Registration, **extra: Any) -> dict[str, Any]:
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "user": registration.user,
        "site_url": settings.SITE_URL,
        "event_url": settings.SITE_URL + event.get_absolute_url(),
        "ics_url": settings.SITE_URL + event.get_ics_url(),
        "starts": timezone.localtime(event.starts_at),
        "ends": timezone.localtime(event.ends_at),
        "show_online_link": bool(event.online_url) and registration.is_confirmed,
        **extra,
    }


def _registration_message(registration: Registration, *, template: str, attach_calendar: bool) -> EmailMessage:
    text = render_to_string(template, _mail_context(registration)).strip()
    subject, _sep, body = text.partition("\n")
    message = EmailMessage(
        subject=subject.strip(), body=body.strip() + "\n", from_email=None, to=[registration.user.email]
    )
    if attach_calendar:
        online = {registration.event_id} if registration.is_confirmed else set()
        ics = event_calendar_bytes([registration.event], base_url=settings.SITE_URL, online_for=online)
        message.attach("evenement.ics", ics, "text/calendar")
    return message


def _mail_registration(registration: Registration, *, template: str, attach_calendar: bool = False) -> None:
    user = registration.user
    if not (user.is_active and user.email and not getattr(user, "erased_at", None)):
        return
    message = _registration_message(registration, template=template, attach_calendar=attach_calendar)
    transaction.on_commit(message.send)


# ---------------------------------------------------------------- reminders


def reminders_due(*, kind: str, now: datetime.datetime | None = None) -> list[int]:
    """Confirmed registrations whose reminder of this kind is due and not yet claimed.

    The week's reminder goes to people who registered before that week (the others just got their confirmation);
    the day's reminder to everyone confirmed."""
    now = now or timezone.now()
    delay = REMINDER_DELAYS[ReminderKind(kind)]
    queryset = Registration.objects.confirmed().filter(
        event__status=Status.PUBLISHED, event__starts_at__gt=now, event__starts_at__lte=now + delay
    )
    if kind == ReminderKind.WEEK:
        queryset = queryset.filter(
            event__starts_at__gt=now + REMINDER_DELAYS[ReminderKind.DAY],
            confirmed_at__lte=F("event__starts_at") - delay,
        )
    return list(queryset.exclude(reminders__kind=kind).values_list("pk", flat=True))


def _reminder_message(registration: Registration, kind: str) -> EmailMessage:
    template = "events/email/reminder_week.txt" if kind == ReminderKind.WEEK else "events/email/reminder_day.txt"
    return _registration_message(registration, template=template, attach_calendar=True)


@transaction.atomic
def reminder_send(*, registration_id: int, kind: str, now: datetime.datetime | None = None) -> bool:
    """Claim the reminder (a ReminderSent row, unique per registration and kind), then queue the email, in one
    transaction: with the database queue both are written together or not at all, so a worker that dies before
    the commit leaves nothing claimed, and a reminder claimed once is never claimed again."""
    now = now or timezone.now()
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "user", "track")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.is_confirmed:
        return False
    event = registration.event
    if event.status != Status.PUBLISHED or event.starts_at <= now:
        return False
    try:
        with transaction.atomic():
            ReminderSent.objects.create(registration=registration, kind=kind, sent_at=now)
    except IntegrityError:
        return False  # another worker claimed it
    user = registration.user
    if user.is_active and user.email and not getattr(user, "erased_at", None):
        _reminder_message(registration, kind).send()
    return True


def event_reminders_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Send the reminders due now (7 days and 1 day before): safe to run often, and from several workers."""
    now = now or timezone.now()
    counts = {}
    for kind in (ReminderKind.DAY, ReminderKind.WEEK):
        sent = 0
        for pk in reminders_due(kind=kind, now=now):
            sent += reminder_send(registration_id=pk, kind=kind, now=now)
        counts[str(kind)] = sent
    return counts


# ---------------------------------------------------------------- organisers


def _check_manager(event: Event, user: Any) -> None:
    if not event.can_manage(user):
        raise PermissionDenied(_("Seuls les organisateurs de l’événement et les animateurs du programme le peuvent."))


@transaction.atomic
def event_invite(*, event: Event, by: Any, emails: Sequence[str], message: str = "") -> tuple[list[str], list[str]]:
    """Invite people by email, once per address: (invited, skipped because already invited or registered)."""
    _check_manager(event, by)
    emails = list(dict.fromkeys(e.strip().lower() for e in emails if e.strip()))
    if not emails:
        raise ValidationError({"emails": _("Indiquez au moins une adresse électronique.")})
    if len(emails) > INVITATIONS_MAX:
        raise ValidationError({"emails": _("%(max)d adresses au plus à la fois.") % {"max": INVITATIONS_MAX}})
    already = set(Invitation.objects.filter(event=event, email__in=emails).values_list("email", flat=True))
    registered = {
        e.lower()
        for e in event.registrations.active().filter(user__email__in=emails).values_list("user__email", flat=True)
    }
    invited, skipped = [], []
    context = {
        "event": event,
        "by": by,
        "note": message.strip(),
        "event_url": settings.SITE_URL + event.get_absolute_url(),
        "starts": timezone.localtime(event.starts_at),
        "ends": timezone.localtime(event.ends_at),
        "site_url": settings.SITE_URL,
    }
    text = render_to_string("events/email/invitation.txt", context).strip()
    subject, _sep, body = text.partition("\n")
    for email in emails:
        if email in already or email in registered:
            skipped.append(email)
            continue
        Invitation.objects.create(event=event, email=email, invited_by=by)
        mail = EmailMessage(subject=subject.strip(), body=body.strip() + "\n", to=[email], reply_to=[by.email])
        transaction.on_commit(mail.send)
        invited.append(email)
    return invited, skipped


@transaction.atomic
def event_attendance_mark(*, event: Event, by: Any, present: Iterable[int]) -> dict[str, int]:
    """Mark who came, among the confirmed registrations: the others are marked absent."""
    _check_manager(event, by)
    if not event.has_started():
        raise ValidationError(_("La feuille de présence s’ouvre au début de l’événement."))
    now = timezone.now()
    confirmed = Registration.objects.confirmed().filter(event=event)
    present_ids = set(present)
    unknown = present_ids - set(confirmed.values_list("pk", flat=True))
    if unknown:
        raise ValidationError(
            _("Certaines personnes cochées ne sont pas inscrites à cet événement : rechargez la page.")
        )
    came = confirmed.filter(pk__in=present_ids).update(attended=True, attendance_marked_at=now)
    absent = confirmed.exclude(pk__in=present_ids).update(attended=False, attendance_marked_at=now)
    return {"present": came, "absent": absent}


@transaction.atomic
def event_report_update(
    *,
    event: Event,
    by: Any,
    report: str,
    replay_url: str = "",
    resources: Iterable[Any] = (),
    publish: bool = True,
) -> Event:
    """The report of a past event: minutes, replay, linked resources of the kit."""
    _check_manager(event, by)
    if not event.has_started():
        raise ValidationError(_("Le compte rendu s’écrit une fois l’événement commencé."))
    event.report = report.strip()
    event.replay_url = replay_url.strip()
    if publish and not event.report_published_at:
        event.report_published_at = timezone.now()
    elif not publish:
        event.report_published_at = None
    event.updated_at = timezone.now()
    event.save(update_fields=["report", "replay_url", "report_published_at", "updated_at"])
    event.resources.set(list(resources))
    return event


# ---------------------------------------------------------------- participants


def registration_can_give_feedback(registration: Registration | None) -> bool:
    if registration is None or not registration.is_confirmed or registration.attended is False:
        return False
    return registration.event.has_started()


@transaction.atomic
def event_feedback_submit(*, event: Event, user: Any, rating: int, comment: str = "") -> Feedback:
    registration = Registration.objects.filter(event=event, user=user).select_related("event").first()
    if not registration_can_give_feedback(registration):
        raise PermissionDenied(_("Seules les personnes qui ont participé peuvent donner leur avis, après l’événement."))
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("Choisissez une note de 1 à 5.")})
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError({"comment": _("%(max)d caractères au plus.") % {"max": COMMENT_MAX_LENGTH}})
    feedback, _created = Feedback.objects.update_or_create(
        event=event, user=user, defaults={"rating": int(rating), "comment": comment.strip()}
    )
    return feedback


def calendar_feed_get_or_create(*, user: Any) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_regenerate(*, user: Any) -> CalendarFeed:
    """A new secret address: the old one stops working at once."""
    feed = calendar_feed_get_or_create(user=user)
    feed.token = new_feed_token()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed
