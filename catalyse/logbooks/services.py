"""Business rules of the carnets de bord: drafting an issue from the month's activity, editing, publishing,
subscriptions, and the delivery of each issue to each subscriber exactly once."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from catalyse.accounts.roles import Role, user_has_role
from catalyse.codevelopment.services import SessionSummary, UpcomingSession, sessions_for_logbook, sessions_upcoming
from catalyse.events.models import Event
from catalyse.journeys.models import Journey, Step, StepKind, TeamMember
from catalyse.lib.markdown import render_markdown
from catalyse.logbooks.models import (
    SECTION_MAX_LENGTH,
    SECTIONS,
    TITLE_MAX_LENGTH,
    Delivery,
    LogbookIssue,
    Status,
    Subscription,
    SubscriptionSource,
    french_day,
    month_end,
    month_start,
    of_month,
)
from catalyse.resources.models import Resource

COMING_DAYS = 62  # what « À venir » looks at: about two months
COMING_MAX = 8
EVENTS_MAX = 5
RESOURCES_MAX = 12
NBSP = "\u00a0"


# --------------------------------------------------------------------------------------------- who may do what


def logbook_can_edit(*, journey: Journey, user: Any) -> bool:
    """The journey's facilitators (and the platform's administrators) draft, edit and publish its logbook."""
    if not getattr(user, "is_authenticated", False):
        return False
    return journey.is_facilitator(user) or user_has_role(user, Role.ADMINISTRATOR)


def journey_link_url(journey: Journey, user: Any) -> str:
    """The journey page's link to its logbooks: published issues are public."""
    return reverse("logbooks:archive", args=[journey.slug])


def logbook_can_view(*, issue: LogbookIssue, user: Any) -> bool:
    """A published issue is public, as the journey's page is; a draft is for the facilitators only."""
    return issue.is_published or logbook_can_edit(journey=issue.journey, user=user)


def _check_editor(journey: Journey, user: Any) -> None:
    if not logbook_can_edit(journey=journey, user=user):
        raise PermissionDenied(_("Seuls les animateurs du parcours préparent et publient son carnet de bord."))


# --------------------------------------------------------------------------------------------- the month's material


@dataclass
class LogbookMaterial:
    """What happened in a journey during a month, and what comes next: the raw matter of a draft."""

    journey: Journey
    month: datetime.date
    sessions: list[SessionSummary] = field(default_factory=list)
    steps_done: list[Step] = field(default_factory=list)
    steps_coming: list[Step] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sessions_coming: list[UpcomingSession] = field(default_factory=list)


def _day(value: datetime.date) -> str:
    return french_day(value)


def _short_day(value: datetime.date, year: int | None = None) -> str:
    """« 8 juillet », with the year when it is not the logbook's (« 28 janvier 2027 »)."""
    return french_day(value, year=year not in (None, value.year))


def _quote(text: str) -> str:
    return f"«{NBSP}{' '.join(text.split())}{NBSP}»"


def _md_escape(text: str) -> str:
    """Plain text inside generated Markdown: nothing a title contains may turn into markup or a link."""
    text = " ".join((text or "").split())
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def logbook_material(*, journey: Journey, month: datetime.date, today: datetime.date | None = None) -> LogbookMaterial:
    """Read the month's activity. « Done » and « coming » are seen from today, or from the month's last day
    when the month is over."""
    first, last = month_start(month), month_end(month)
    today = today or timezone.localdate()
    reference = min(today, last)
    steps = list(Step.objects.filter(journey=journey).select_related("event"))
    dated = sorted(((s.day, s) for s in steps if s.day is not None), key=lambda pair: (pair[0], pair[1].pk))
    steps_done = [s for day, s in dated if first <= day <= reference]
    steps_coming = [s for day, s in dated if reference < day <= reference + datetime.timedelta(days=COMING_DAYS)]
    resources = list(
        Resource.objects.published()
        .filter(published__gte=first, published__lte=last)
        .order_by("published", "id")[:RESOURCES_MAX]
    )
    now = max(timezone.now(), timezone.make_aware(datetime.datetime.combine(reference, datetime.time(23, 59))))
    journey_events = [s.event for s in steps_coming if s.event is not None and s.event.status in ("published",)]
    others = list(
        Event.objects.visible()
        .upcoming(now)
        .filter(status="published")
        .exclude(pk__in=[e.pk for e in journey_events])
        .select_related("territory")[: max(0, EVENTS_MAX - len(journey_events))]
    )
    return LogbookMaterial(
        journey=journey,
        month=first,
        sessions=sessions_for_logbook(journey=journey, since=first, until=last),
        steps_done=steps_done,
        steps_coming=steps_coming[:COMING_MAX],
        resources=resources,
        events=(journey_events + others)[:EVENTS_MAX],
        # Planned sessions are known from now on only: listed for the month under way.
        sessions_coming=sessions_upcoming(journey=journey, limit=COMING_MAX) if reference == today else [],
    )


def _step_line(step: Step, year: int) -> str:
    day = step.day
    when = _short_day(day, year) if day else ""
    kind = str(StepKind(step.kind).label)
    text = f"- **{when}** — {_md_escape(step.title)} ({kind.lower()})"
    if step.location:
        text += f", {_md_escape(step.location)}"
    return text


def logbook_compose(material: LogbookMaterial) -> dict[str, str]:
    """The draft's sections, in Markdown, from the month's material. Links are site paths (made absolute in mail,
    the feed and the PDF)."""
    journey, month_label = material.journey, str(formats.date_format(material.month, "F Y")).lower()
    shared = [s for s in material.sessions if s.contract or s.learnings]

    enjeux: list[str] = []
    questions = [s for s in material.sessions if s.contract]
    if questions:
        enjeux.append(_("Les questions que les équipes ont mises au travail ce mois-ci{nbsp}:").format(nbsp=NBSP))
        enjeux.append("")
        enjeux += [
            f"- **{_md_escape(s.team_name) or _('Une équipe')}**{NBSP}: {_quote(_md_escape(s.contract))}"
            for s in questions
        ]
    else:
        challenges = list(journey.teams.exclude(challenge="").order_by("name").values_list("name", "challenge")[:12])
        if challenges:
            enjeux.append(_("Les défis sur lesquels travaillent les territoires pilotes{nbsp}:").format(nbsp=NBSP))
            enjeux.append("")
            enjeux += [f"- **{_md_escape(name)}**{NBSP}: {_md_escape(text)}" for name, text in challenges]

    pratiques: list[str] = []
    if material.steps_done:
        pratiques.append(_("Ce que le parcours a vécu en {month}{nbsp}:").format(month=month_label, nbsp=NBSP))
        pratiques.append("")
        pratiques += [_step_line(s, material.month.year) for s in material.steps_done]
    if material.sessions:
        if pratiques:
            pratiques.append("")
        pratiques.append(f"### {_('Séances de codéveloppement')}")
        pratiques.append("")
        for session in material.sessions:
            team = f" — {_md_escape(session.team_name)}" if session.team_name else ""
            pratiques.append(f"- [{_md_escape(session.title)}]({session.url}){team}, {_day(session.held_on)}")
    if shared:
        pratiques.append("")
        pratiques.append(f"### {_('Ce que nous avons appris')}")
        pratiques.append("")
        for session in shared:
            for learning in session.learnings:
                pratiques.append(f"- {_md_escape(learning)}")

    illustrations: list[str] = []
    if material.resources:
        illustrations.append(_("Nouveau dans le centre de ressources{nbsp}:").format(nbsp=NBSP))
        illustrations.append("")
        for resource in material.resources:
            line = f"- [{_md_escape(resource.title)}]({resource.get_absolute_url()}) — {resource.get_kind_display()}"
            illustrations.append(line)

    agenda: list[str] = []
    if material.steps_coming:
        agenda += [f"### {_('Prochaines étapes du parcours')}", ""]
        agenda += [_step_line(s, material.month.year) for s in material.steps_coming]
    if material.sessions_coming:
        if agenda:
            agenda.append("")
        agenda += [f"### {_('Prochaines séances de codéveloppement')}", ""]
        for coming in material.sessions_coming:
            day = _short_day(timezone.localtime(coming.scheduled_at).date(), material.month.year)
            team = f" — {_md_escape(coming.team_name)}" if coming.team_name else ""
            agenda.append(f"- **{day}** — {_md_escape(coming.title)}{team}")
    if material.events:
        if agenda:
            agenda.append("")
        agenda += [f"### {_('Événements à venir')}", ""]
        for event in material.events:
            day = _short_day(timezone.localtime(event.starts_at).date(), material.month.year)
            agenda.append(f"- **{day}** — [{_md_escape(event.title)}]({event.get_absolute_url()})")

    return {
        "enjeux": "\n".join(enjeux).strip(),
        "pratiques": "\n".join(pratiques).strip(),
        "illustrations": "\n".join(illustrations).strip(),
        "agenda": "\n".join(agenda).strip(),
    }


def logbook_default_title(*, journey: Journey, month: datetime.date) -> str:
    return _("Carnet de bord {of_month}").format(of_month=of_month(month))[:TITLE_MAX_LENGTH]


# --------------------------------------------------------------------------------------------- drafting and editing


@transaction.atomic
def logbook_draft(*, journey: Journey, month: datetime.date, by: Any = None, refresh: bool = False) -> LogbookIssue:
    """The journey's issue for that month, drafted from its activity if it does not exist yet.

    Idempotent: an existing issue is returned as it is (facilitators' edits are kept). `refresh` rewrites the
    generated sections of a draft from the activity again (the facilitators' word and the title stay)."""
    if by is not None:
        _check_editor(journey, by)
    first = month_start(month)
    if first < month_start(journey.starts_on):
        raise ValidationError(
            _("Le parcours commence le %(day)s : choisissez ce mois-là ou un mois suivant.")
            % {"day": french_day(journey.starts_on)}
        )
    issue = LogbookIssue.objects.select_for_update().filter(journey=journey, month=first).first()
    if issue is not None and not refresh:
        return issue
    if issue is not None and issue.is_published:
        raise ValidationError(_("Ce carnet est déjà publié : son contenu n’est plus repris de l’activité du mois."))
    sections = logbook_compose(logbook_material(journey=journey, month=first))
    editor = by if getattr(by, "is_authenticated", False) else None
    if issue is None:
        try:
            with transaction.atomic():
                return LogbookIssue.objects.create(
                    journey=journey,
                    month=first,
                    title=logbook_default_title(journey=journey, month=first),
                    updated_by=editor,
                    **sections,
                )
        except IntegrityError:  # drafted by another worker meanwhile
            return LogbookIssue.objects.get(journey=journey, month=first)
    for name, text in sections.items():
        setattr(issue, name, text)
    issue.updated_at = timezone.now()
    issue.updated_by = editor
    issue.save()
    return issue


def logbook_clean(*, title: str, sections: dict[str, str]) -> dict[str, str]:
    """Check what a facilitator wrote; a ValidationError says, field by field, what to fix."""
    errors: dict[str, list[str]] = {}
    title = " ".join((title or "").split())
    if not title:
        errors["title"] = [_("Donnez un titre au carnet, par exemple « Carnet de bord de novembre 2026 ».")]
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = [_("Le titre tient en %(max)d caractères au plus.") % {"max": TITLE_MAX_LENGTH}]
    cleaned = {"title": title}
    unknown = set(sections) - {name for name, _label in SECTIONS}
    if unknown:
        raise ValueError(f"Unknown sections: {sorted(unknown)}")
    for name, label in SECTIONS:
        if name not in sections:
            continue
        text = (sections[name] or "").replace("\r\n", "\n").strip()
        if len(text) > SECTION_MAX_LENGTH:
            errors[name] = [
                _("La partie « %(section)s » tient en %(max)d caractères au plus (elle en a %(count)d).")
                % {"section": label, "max": SECTION_MAX_LENGTH, "count": len(text)}
            ]
        cleaned[name] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def logbook_update(*, issue: LogbookIssue, by: Any, title: str, **sections: str) -> LogbookIssue:
    """Save the facilitators' edits to the title and the sections given (a published issue may still be corrected;
    it is not sent again)."""
    _check_editor(issue.journey, by)
    cleaned = logbook_clean(title=title, sections=sections)
    for name, value in cleaned.items():
        setattr(issue, name, value)
    issue.updated_at = timezone.now()
    issue.updated_by = by
    issue.save()
    return issue


@transaction.atomic
def logbook_publish(*, issue: LogbookIssue, by: Any) -> LogbookIssue:
    """Publish a draft, then (once the transaction commits) queue its sending to every subscriber."""
    _check_editor(issue.journey, by)
    locked = LogbookIssue.objects.select_for_update().select_related("journey").get(pk=issue.pk)
    if locked.is_published:
        raise ValidationError(_("Ce carnet est déjà publié et a été envoyé à ses abonnés."))
    logbook_clean(title=locked.title, sections={name: getattr(locked, name) for name, _label in SECTIONS})
    if not locked.has_content():
        raise ValidationError(_("Le carnet est vide : écrivez au moins une partie avant de le publier."))
    subscriptions_sync_participants(journey=locked.journey)
    locked.status = Status.PUBLISHED
    locked.published_at = timezone.now()
    locked.published_by = by
    locked.save(update_fields=["status", "published_at", "published_by"])
    issue_id = locked.pk
    transaction.on_commit(lambda: _enqueue_delivery(issue_id))
    return locked


def _enqueue_delivery(issue_id: int) -> None:
    from catalyse.logbooks.tasks import send_logbook_issue

    send_logbook_issue.enqueue(issue_id)


# --------------------------------------------------------------------------------------------- subscriptions


def journey_participant_ids(*, journey: Journey) -> set[int]:
    members = TeamMember.objects.filter(team__journey=journey).values_list("user_id", flat=True)
    return set(members) | set(journey.facilitators.values_list("pk", flat=True))


def subscriptions_sync_participants(*, journey: Journey) -> int:
    """Participants are subscribed by default: give a subscription to those who have none (someone who left
    keeps their unsubscription). Returns how many were added."""
    existing = set(Subscription.objects.filter(journey=journey).values_list("user_id", flat=True))
    missing = journey_participant_ids(journey=journey) - existing
    Subscription.objects.bulk_create(
        [Subscription(journey=journey, user_id=pk, source=SubscriptionSource.PARTICIPANT) for pk in sorted(missing)],
        ignore_conflicts=True,
    )
    return len(missing)


def logbook_recipient_count(*, journey: Journey) -> int:
    """How many people a publication would reach now: active subscriptions, and participants who never left."""
    rows = dict(Subscription.objects.filter(journey=journey).values_list("user_id", "unsubscribed_at"))
    active = {pk for pk, left in rows.items() if left is None}
    return len(active | (journey_participant_ids(journey=journey) - set(rows)))


def subscription_for(*, journey: Journey, user: Any) -> Subscription | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Subscription.objects.filter(journey=journey, user=user).first()


def logbook_is_subscribed(*, journey: Journey, user: Any) -> bool:
    """Subscribed: an active subscription, or a participant who never unsubscribed."""
    if not getattr(user, "is_authenticated", False):
        return False
    subscription = subscription_for(journey=journey, user=user)
    if subscription is not None:
        return subscription.is_active
    return user.pk in journey_participant_ids(journey=journey)


@transaction.atomic
def logbook_subscribe(*, journey: Journey, user: Any) -> Subscription:
    """Anyone signed in may follow a journey's logbook by email (it is meant to be shared)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Connectez-vous pour vous abonner au carnet de bord."))
    is_participant = user.pk in journey_participant_ids(journey=journey)
    source = SubscriptionSource.PARTICIPANT if is_participant else SubscriptionSource.OPT_IN
    subscription, created = Subscription.objects.get_or_create(journey=journey, user=user, defaults={"source": source})
    if not created and not subscription.is_active:
        subscription.unsubscribed_at = None
        subscription.subscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at", "subscribed_at"])
    return subscription


@transaction.atomic
def logbook_unsubscribe(*, journey: Journey, user: Any) -> Subscription:
    """Stop receiving the logbook (a participant too: the row remembers it, so they are not subscribed again)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Connectez-vous pour gérer votre abonnement."))
    source = (
        SubscriptionSource.PARTICIPANT
        if user.pk in journey_participant_ids(journey=journey)
        else SubscriptionSource.OPT_IN
    )
    subscription, _created = Subscription.objects.get_or_create(journey=journey, user=user, defaults={"source": source})
    return subscription_cancel(subscription=subscription)


@transaction.atomic
def subscription_cancel(*, subscription: Subscription) -> Subscription:
    """Unsubscribe (also from the link of an email, without signing in): idempotent."""
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
    return subscription


# --------------------------------------------------------------------------------------------- sending


def absolute_links(html: str) -> str:
    """Site paths become full addresses, for emails, the feed and the PDF."""
    return html.replace('href="/', f'href="{settings.SITE_URL}/').replace('src="/', f'src="{settings.SITE_URL}/')


def absolute_markdown_links(text: str) -> str:
    """Site paths in Markdown links become full addresses, for the plain-text email."""
    return text.replace("](/", f"]({settings.SITE_URL}/")


def issue_sections_html(issue: LogbookIssue) -> list[tuple[str, str, str]]:
    """(field, title, sanitized HTML with absolute links) for each section that has content."""
    return [(name, str(title), absolute_links(render_markdown(text))) for name, title, text in issue.sections()]


def logbook_message(*, issue: LogbookIssue, subscription: Subscription) -> EmailMultiAlternatives:
    """The issue as an email: plain text and HTML, with a one-click unsubscribe link."""
    journey = issue.journey
    unsubscribe_url = settings.SITE_URL + subscription.get_unsubscribe_url()
    context = {
        "issue": issue,
        "journey": journey,
        "user": subscription.user,
        "sections": issue_sections_html(issue),
        "text_sections": [(str(title), absolute_markdown_links(text)) for _name, title, text in issue.sections()],
        "issue_url": settings.SITE_URL + issue.get_absolute_url(),
        "pdf_url": settings.SITE_URL + issue.get_pdf_url(),
        "journey_url": settings.SITE_URL + journey.get_absolute_url(),
        "unsubscribe_url": unsubscribe_url,
        "site_url": settings.SITE_URL,
    }
    subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{issue.title} — {journey.title}"
    text = render_to_string("logbooks/email/issue.txt", context).strip() + "\n"
    html = render_to_string("logbooks/email/issue.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[subscription.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<carnet.{journey.slug}.catalyse>",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _can_receive(user: Any) -> bool:
    return bool(user.is_active and user.email and not getattr(user, "erased_at", None))


@transaction.atomic
def logbook_deliver_one(*, issue: LogbookIssue, subscription: Subscription) -> bool:
    """Claim the delivery (a row unique per issue and person), then queue the email, in one transaction: with the
    database queue both are written together or not at all, so each person gets the issue exactly once, whoever
    runs the sending and however often."""
    user = subscription.user
    if not _can_receive(user):
        return False
    try:
        with transaction.atomic():
            Delivery.objects.create(issue=issue, user=user, email=user.email)
    except IntegrityError:
        return False  # already sent (or being sent by another worker)
    logbook_message(issue=issue, subscription=subscription).send()
    return True


def logbook_deliver(*, issue_id: int) -> dict[str, int]:
    """Send a published issue to every active subscriber who has not received it yet."""
    issue = LogbookIssue.objects.select_related("journey").filter(pk=issue_id, status=Status.PUBLISHED).first()
    if issue is None:
        return {"envoyés": 0, "déjà reçus": 0}
    subscriptions = (
        Subscription.objects.filter(journey=issue.journey, unsubscribed_at__isnull=True)
        .exclude(user__in=Delivery.objects.filter(issue=issue).values("user"))
        .select_related("user", "journey")
        .order_by("pk")
    )
    sent = skipped = 0
    for subscription in subscriptions:
        if logbook_deliver_one(issue=issue, subscription=subscription):
            sent += 1
        else:
            skipped += 1
    return {"envoyés": sent, "déjà reçus": skipped}


# --------------------------------------------------------------------------------------------- housekeeping


def journeys_running(*, month: datetime.date) -> list[Journey]:
    first, last = month_start(month), month_end(month)
    return list(Journey.objects.filter(Q(starts_on__lte=last) & Q(ends_on__gte=first)).order_by("starts_on", "pk"))


def logbooks_draft_month(*, month: datetime.date) -> dict[str, int]:
    """Draft the month's issue of every running journey (already drafted ones are left as they are)."""
    created = existing = 0
    for journey in journeys_running(month=month):
        had = LogbookIssue.objects.filter(journey=journey, month=month_start(month)).exists()
        logbook_draft(journey=journey, month=month)
        existing += had
        created += not had
    return {"préparés": created, "déjà là": existing}
