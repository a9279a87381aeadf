"""Pages of the events under /evenements/: thin views, rules in services and models."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalyse.events import services
from catalyse.events.calendar import event_calendar_bytes
from catalyse.events.certificates import certificate_pdf
from catalyse.events.forms import (
    AgendaFilterForm,
    AttendanceForm,
    EventForm,
    FeedbackForm,
    InviteForm,
    RegistrationForm,
    ReportForm,
)
from catalyse.events.models import (
    KIND_PLURALS,
    CalendarFeed,
    Event,
    Feedback,
    Kind,
    Registration,
    RegistrationStatus,
    attach_counts,
    user_is_facilitator,
)
from catalyse.lib.forms import add_service_errors
from catalyse.lib.htmx import render_page

PAGE_SIZE = 20


def _agenda_crumb() -> tuple[str, str]:
    return (_("Agenda"), reverse("events:event-list"))


def get_event_for_user(request: HttpRequest, slug: str) -> Event:
    """The event if this person may see it (drafts only to those who manage it), else a 404."""
    event = get_object_or_404(
        Event.objects.select_related("territory", "territory__departement", "organisation").prefetch_related(
            "organisers", "tracks", "questions"
        ),
        slug=slug,
    )
    if not event.can_view(request.user):
        raise Http404
    return event


def get_event_for_manager(request: HttpRequest, slug: str) -> Event:
    """Organiser pages: the event's organisers, facilitators and administrators; others get a 403."""
    event = get_event_for_user(request, slug)
    if not event.can_manage(request.user):
        raise PermissionDenied
    return event


def _errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


# ---------------------------------------------------------------- agenda


def event_list(request: HttpRequest) -> HttpResponse:
    form = AgendaFilterForm(request.GET or None)
    selection = form.selection() if request.GET else {"past": False, "kinds": [], "territory": None, "online": False}
    now = timezone.now()
    events = Event.objects.visible()
    events = events.past(now) if selection["past"] else events.upcoming(now)
    if selection["kinds"]:
        events = events.filter(kind__in=selection["kinds"])
    if selection["territory"] is not None:
        events = events.in_territory(selection["territory"])
    if selection["online"]:
        events = events.filter(format__in=("en_ligne", "hybride"))
    paginator = Paginator(events.for_list(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = attach_counts(list(page.object_list))
    registered = _registrations_of(request.user, [e.pk for e in page.object_list])
    for event in page.object_list:
        event.registered_status = registered.get(event.pk, "")  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "events/event_list.html",
        {
            "form": form,
            "selection": selection,
            "page": page,
            "query_string": query.urlencode(),
            "kinds": [(value, KIND_PLURALS[Kind(value)]) for value in Kind.values],
            "breadcrumb": [(_("Agenda"), "")],
            "is_facilitator": user_is_facilitator(request.user),
        },
        partial="results",
    )


def _registrations_of(user: Any, event_ids: list[int]) -> dict[int, str]:
    """event id → status of this person's active registration, for a page of events (one query)."""
    if not getattr(user, "is_authenticated", False) or not event_ids:
        return {}
    rows = Registration.objects.active().filter(user=user, event_id__in=event_ids).values_list("event_id", "status")
    return dict(rows)


# ---------------------------------------------------------------- event page


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    return _render_detail(request, event)


def _render_detail(
    request: HttpRequest,
    event: Event,
    *,
    form: RegistrationForm | None = None,
    feedback_form: FeedbackForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    registration = None
    if user.is_authenticated:
        registration = Registration.objects.select_related("track").filter(event=event, user=user.pk).first()
    can_manage = event.can_manage(user)
    is_confirmed = bool(registration and registration.is_confirmed)
    if event.registration_mode == "plateforme":
        show_online_link = bool(event.online_url) and (is_confirmed or can_manage)
    else:
        # Open events (no registration) show their link to all; elsewhere the other site sends it.
        show_online_link = bool(event.online_url) and (event.registration_mode == "aucune" or can_manage)
    is_active = bool(registration and registration.is_active)
    past = event.is_past()
    context: dict[str, Any] = {
        "event": event,
        "registration": registration if is_active or (registration and past) else None,
        "waiting_position": registration.waiting_position() if registration and registration.is_waiting else None,
        "can_manage": can_manage,
        "show_online_link": show_online_link,
        "registration_open": event.registration_is_open(),
        "places_left": services.places_left(event),
        "tracks": event.tracks.all(),
        "form": form
        if form is not None
        else (RegistrationForm(event=event) if event.registration_is_open() and not is_active else None),
        "past": past,
        "started": event.has_started(),
        "resources": list(event.resources.published().select_related("territory")) if event.has_report() else [],
        "can_give_feedback": services.registration_can_give_feedback(registration),
        "certificate": bool(registration and registration.is_confirmed and registration.attended and past),
        "breadcrumb": [_agenda_crumb(), (event.title, "")],
    }
    if context["can_give_feedback"]:
        existing = Feedback.objects.filter(event=event, user=user.pk).first()
        context["feedback"] = existing
        context["feedback_form"] = feedback_form or FeedbackForm(
            initial={"rating": existing.rating, "comment": existing.comment} if existing else None
        )
    if event.has_report():
        context["figures"] = report_figures(event)
    if can_manage:
        context["counts"] = event.registrations.aggregate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        )
    return render(request, "events/event_detail.html", context, status=status)


@require_POST
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    form = RegistrationForm(request.POST, event=event)
    if form.is_valid():
        try:
            registration = services.event_register(
                event=event, user=request.user, track=form.cleaned_data.get("track"), answers=form.answers()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if registration.is_confirmed:
                messages.success(request, _("Votre inscription est confirmée. Un courriel vous le redit."))
            else:
                messages.info(
                    request,
                    _(
                        "L’événement est complet : vous êtes sur la liste d’attente. "
                        "Un courriel vous préviendra si une place se libère."
                    ),
                )
            return redirect(event.get_absolute_url() + "#inscription")
    return _render_detail(request, event, form=form, status=400)


@require_POST
def registration_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    registration = Registration.objects.filter(event=event, user=request.user.pk).first()
    if registration is None:
        messages.error(request, _("Vous n’êtes pas inscrit·e à cet événement."))
        return redirect(event.get_absolute_url())
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Votre inscription est annulée. Merci d’avoir libéré votre place."))
    return redirect(event.get_absolute_url() + "#inscription")


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    online: set[int] = set()
    if request.user.is_authenticated and (
        event.can_manage(request.user)
        or Registration.objects.confirmed().filter(event=event, user=request.user.pk).exists()
    ):
        online.add(event.pk)
    body = event_calendar_bytes([event], base_url=request.build_absolute_uri("/").rstrip("/"), online_for=online)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    if online:
        response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def feedback_submit(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.event_feedback_submit(
                event=event, user=request.user, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Merci pour votre avis : il aidera à préparer les prochains événements."))
            return redirect(event.get_absolute_url() + "#avis")
    return _render_detail(request, event, feedback_form=form, status=400)


@login_required
def certificate(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    registration = (
        Registration.objects.select_related("user", "track", "event", "event__territory", "event__organisation")
        .filter(event=event, user=request.user.pk, status=RegistrationStatus.CONFIRMED, attended=True)
        .first()
    )
    if registration is None or not event.is_past():
        raise PermissionDenied(_("L’attestation est délivrée après l’événement aux personnes marquées présentes."))
    response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="attestation-{event.slug}.pdf"'
    return response


# ---------------------------------------------------------------- my events and calendar feed


@login_required
def my_events(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    registrations = list(
        Registration.objects.filter(user=request.user.pk)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event", "event__territory", "track")
        .order_by("event__starts_at", "event_id")
    )
    upcoming = [r for r in registrations if r.event.ends_at >= now]
    past = [r for r in registrations if r.event.ends_at < now][::-1]
    organised = list(
        Event.objects.filter(organisers=request.user.pk)
        .select_related("territory")
        .with_counts()
        .order_by("-starts_at")
    )
    feed = CalendarFeed.objects.filter(user=request.user.pk).first()
    return render(
        request,
        "events/my_events.html",
        {
            "upcoming": upcoming,
            "past": past,
            "organised": organised,
            "feed_url": request.build_absolute_uri(feed.get_absolute_url()) if feed else "",
            "breadcrumb": [_agenda_crumb(), (_("Mes événements"), "")],
        },
    )


@login_required
@require_POST
def calendar_feed_regenerate(request: HttpRequest) -> HttpResponse:
    had_one = CalendarFeed.objects.filter(user=request.user.pk).exists()
    if had_one:
        services.calendar_feed_regenerate(user=request.user)
        messages.success(
            request, _("Nouvelle adresse créée : l’ancienne ne fonctionne plus. Abonnez-vous à la nouvelle.")
        )
    else:
        services.calendar_feed_get_or_create(user=request.user)
        messages.success(
            request, _("Votre agenda personnel est prêt : copiez son adresse dans votre logiciel d’agenda.")
        )
    return redirect(reverse("events:my-events") + "#agenda-personnel")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret feed: no session needed (calendar programs fetch it), the token is the key."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    events = list(
        Event.objects.visible()
        .filter(registrations__user=feed.user, registrations__status=RegistrationStatus.CONFIRMED)
        .select_related("territory")
        .order_by("starts_at")
    )
    body = event_calendar_bytes(
        events,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        online_for={e.pk for e in events},
        name=_("Mes événements Catalyse"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# ---------------------------------------------------------------- creating and changing events


def event_create(request: HttpRequest) -> HttpResponse:
    """Facilitators (and administrators) put an event on the agenda; they become its organisers."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user_is_facilitator(request.user):
        raise PermissionDenied
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(organisers=[request.user], **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("L’événement est créé."))
            return redirect(event.get_absolute_url())
    return render(
        request,
        "events/event_form.html",
        {"form": form, "event": None, "breadcrumb": [_agenda_crumb(), (_("Organiser un événement"), "")]},
        status=400 if form.errors else 200,
    )


def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    event = get_event_for_manager(request, slug)
    form = EventForm(request.POST or None, user=request.user, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Modifications enregistrées."))
            return redirect(event.get_absolute_url())
    return render(
        request,
        "events/event_form.html",
        {**_organiser_context(event, _("Modifier")), "form": form},
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------- organisers


def _organiser_context(event: Event, title: str) -> dict[str, Any]:
    return {
        "event": event,
        "breadcrumb": [_agenda_crumb(), (event.title, event.get_absolute_url()), (title, "")],
    }


def _registrations(event: Event) -> list[Registration]:
    return list(
        event.registrations.select_related("user", "track")
        .prefetch_related(
            Prefetch("user__memberships", queryset=_active_memberships()),
        )
        .order_by("status", "track__position", "user__last_name", "user__first_name", "id")
    )


def _active_memberships() -> Any:
    from catalyse.accounts.models import Membership

    return Membership.objects.active().select_related("organisation")


def registration_list(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    event = get_event_for_manager(request, slug)
    registrations = _registrations(event)
    questions = list(event.questions.all())
    for registration in registrations:
        registration.answer_list = [registration.answers.get(str(q.pk), "") for q in questions]  # type: ignore[attr-defined]
        registration.organisation_names = ", ".join(  # type: ignore[attr-defined]
            m.organisation.name for m in registration.user.memberships.all()
        )
    groups = {
        "confirmed": [r for r in registrations if r.status == RegistrationStatus.CONFIRMED],
        "waiting": sorted(
            (r for r in registrations if r.status == RegistrationStatus.WAITING),
            key=lambda r: (r.waiting_since or r.created_at, r.pk),
        ),
        "cancelled": [r for r in registrations if r.status == RegistrationStatus.CANCELLED],
    }
    feedback = event.feedbacks.aggregate(n=Count("pk"), average=Avg("rating"))
    return render(
        request,
        "events/registration_list.html",
        {
            **_organiser_context(event, _("Inscriptions")),
            "groups": groups,
            "questions": questions,
            "places_left": services.places_left(event),
            "tracks": [(t, services.places_left(event, t)) for t in event.tracks.all()],
            "feedback": feedback,
            "comments": list(event.feedbacks.exclude(comment="").order_by("-created_at")[:50]),
            "invitations": event.invitations.count(),
        },
    )


CSV_HEADER = ["nom", "prénom", "adresse", "statut", "axe", "inscrit_le", "présent", "organisations"]


def registration_export(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    event = get_event_for_manager(request, slug)
    questions = list(event.questions.all())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inscriptions-{event.slug}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER + [q.label for q in questions])
    attended = {True: "oui", False: "non", None: ""}
    for r in _registrations(event):
        writer.writerow(
            [
                r.user.last_name,
                r.user.first_name,
                r.user.email,
                r.get_status_display(),
                r.track.title if r.track else "",
                timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
                attended[r.attended],
                "; ".join(m.organisation.name for m in r.user.memberships.all()),
                *[_csv_safe(r.answers.get(str(q.pk), "")) for q in questions],
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    """No formula injection when the file opens in a spreadsheet."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def event_invite(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    event = get_event_for_manager(request, slug)
    form = InviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                invited, skipped = services.event_invite(
                    event=event,
                    by=request.user,
                    emails=form.cleaned_data["emails"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if invited:
                    messages.success(
                        request,
                        _("Invitation envoyée à %(n)d personne(s) : %(emails)s.")
                        % {"n": len(invited), "emails": ", ".join(invited)},
                    )
                if skipped:
                    messages.info(
                        request,
                        _("Déjà invitées ou inscrites, donc non relancées : %(emails)s.")
                        % {"emails": ", ".join(skipped)},
                    )
                return redirect("events:event-invite", slug=event.slug)
        status = 400
    return render(
        request,
        "events/event_invite.html",
        {
            **_organiser_context(event, _("Inviter")),
            "form": form,
            "invitations": list(event.invitations.select_related("invited_by")[:200]),
        },
        status=status,
    )


def event_attendance(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    event = get_event_for_manager(request, slug)
    registrations = [r for r in _registrations(event) if r.status == RegistrationStatus.CONFIRMED]
    form = AttendanceForm(request.POST or None, registrations=registrations)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                counts = services.event_attendance_mark(
                    event=event, by=request.user, present=form.cleaned_data["present"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Présences enregistrées : %(present)d présente(s), %(absent)d absente(s).") % counts,
                )
                return redirect("events:event-attendance", slug=event.slug)
        status = 400
    return render(
        request,
        "events/event_attendance.html",
        {
            **_organiser_context(event, _("Présences")),
            "form": form,
            "registrations": registrations,
            "started": event.has_started(),
        },
        status=status,
    )


def event_report(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    event = get_event_for_manager(request, slug)
    initial = {
        "report": event.report,
        "replay_url": event.replay_url,
        "resources": "\n".join(r.get_absolute_url() for r in event.resources.all()),
        "publish": bool(event.report_published_at) or not event.report,
    }
    form = ReportForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.event_report_update(
                    event=event,
                    by=request.user,
                    report=form.cleaned_data["report"],
                    replay_url=form.cleaned_data["replay_url"],
                    resources=form.cleaned_data["resources"],
                    publish=form.cleaned_data["publish"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Compte rendu enregistré."))
                return redirect(event.get_absolute_url() + "#compte-rendu")
        status = 400
    return render(
        request,
        "events/event_report_form.html",
        {**_organiser_context(event, _("Compte rendu")), "form": form, "started": event.has_started()},
        status=status,
    )


def report_figures(event: Event) -> dict[str, Any]:
    """Attendance figures and the organisations present, for the report."""
    from catalyse.accounts.models import Membership, World

    counts = event.registrations.aggregate(
        registered=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        present=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED, attended=True)),
    )
    present_users = event.registrations.filter(status=RegistrationStatus.CONFIRMED, attended=True).values("user_id")
    organisations = (
        Membership.objects.active()
        .filter(user_id__in=present_users)
        .values("organisation__name", "organisation__slug")
        .annotate(n=Count("user_id", distinct=True))
        .order_by("organisation__name")
    )
    worlds = (
        event.registrations.filter(status=RegistrationStatus.CONFIRMED, attended=True)
        .values_list("user__profile__world")
        .annotate(n=Count("pk"))
        .order_by("-n", "user__profile__world")
    )
    labels = dict(World.choices)
    return {
        **counts,
        "organisations": list(organisations),
        "worlds": [(str(labels.get(world, _("Non renseigné"))), n) for world, n in worlds],
    }
