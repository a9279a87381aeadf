"""Pages of the cohorts (/formations/cohortes/…): thin views, the rules are in services.py."""

from __future__ import annotations

import csv
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalyse.cohorts import services
from catalyse.cohorts.calendar import cohort_calendar_bytes
from catalyse.cohorts.certificates import certificate_pdf
from catalyse.cohorts.charts import failure_chart, failure_rows
from catalyse.cohorts.forms import CohortForm, EnrolForm, InviteForm, PostForm, ScheduleRowForm
from catalyse.cohorts.models import Cohort, CohortSession, Enrolment, EnrolmentMode, Invitation
from catalyse.cohorts.permissions import can_manage, can_take_part, is_member, is_programme_facilitator
from catalyse.lib.forms import add_service_errors
from catalyse.lib.htmx import render_page


def _errors(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def _learning_crumbs() -> list[tuple[str, str]]:
    return [(_("Formations"), reverse("learning:catalogue")), (_("Cohortes"), reverse("cohorts:cohort-list"))]


def get_cohort_for_user(request: HttpRequest, slug: str) -> Cohort:
    """A cohort this person may see: published, or a draft they animate (404 otherwise)."""
    queryset = Cohort.objects.visible_to(request.user).select_related("course").prefetch_related("facilitators")
    return get_object_or_404(queryset, slug=slug)


def _require_part(request: HttpRequest, cohort: Cohort) -> None:
    if not can_take_part(cohort, request.user):
        raise PermissionDenied(_("Cet espace est réservé aux membres de la cohorte et à ses animateurs."))


def _require_manager(request: HttpRequest, cohort: Cohort) -> None:
    if not can_manage(cohort, request.user):
        raise PermissionDenied(_("Le tableau de bord est réservé aux animateurs de la cohorte."))


# ---------------------------------------------------------------- list and page


def cohort_list(request: HttpRequest) -> HttpResponse:
    """Cohorts in progress and upcoming (finished ones stay reachable by their address), and the person's own."""
    today = timezone.localdate()
    cohorts = list(
        Cohort.objects.published()
        .select_related("course")
        .prefetch_related("schedule")
        .annotate(member_count=Count("enrolments", filter=Q(enrolments__status="active")))
        .order_by("starts_on", "pk")
    )
    cohorts = [c for c in cohorts if services.cohort_ends_on(c) >= today]
    for cohort in cohorts:
        cohort.has_started = cohort.starts_on <= today  # type: ignore[attr-defined]
    mine: set[int] = set()
    if request.user.is_authenticated:
        mine = set(
            Enrolment.objects.filter(user=request.user, status__in=("active", "pending")).values_list(
                "cohort_id", flat=True
            )
        )
    context = {
        "upcoming": [c for c in cohorts if c.starts_on > today],
        "in_progress": [c for c in cohorts if c.starts_on <= today],
        "mine": mine,
        "can_create": is_programme_facilitator(request.user),
        "breadcrumb": [(_("Formations"), reverse("learning:catalogue")), (_("Cohortes"), "")],
    }
    return render_page(request, "cohorts/cohort_list.html", context)


@login_required
def cohort_create(request: HttpRequest) -> HttpResponse:
    """A programme facilitator opens a cohort (in preparation), then sets its schedule."""
    if not is_programme_facilitator(request.user):
        raise PermissionDenied(_("Seuls les animateurs du programme créent des cohortes."))
    initial = {"course": request.GET.get("formation")} if request.GET.get("formation") else {}
    form = CohortForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cohort = services.cohort_create(
                course=data["course"],
                title=data["title"],
                starts_on=data["starts_on"],
                enrolment_mode=data["enrolment_mode"],
                capacity=data["capacity"],
                description=data["description"],
                facilitators=[request.user],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("La cohorte est créée, en préparation : fixez son calendrier, puis publiez-la.")
            )
            return redirect("cohorts:cohort-schedule", slug=cohort.slug)
    context = {
        "form": form,
        "breadcrumb": [*_learning_crumbs(), (_("Nouvelle cohorte"), "")],
    }
    return render_page(request, "cohorts/cohort_form.html", context, status=400 if form.errors else 200)


def _schedule_forms(cohort: Cohort, data: Any = None) -> list[tuple[CohortSession, ScheduleRowForm]]:
    forms = []
    for row in cohort.schedule.select_related("session").order_by("session__number"):
        start = timezone.localtime(row.meeting_starts_at) if row.meeting_starts_at else None
        end = timezone.localtime(row.meeting_ends_at) if row.meeting_ends_at else None
        initial = {
            "opens_on": row.opens_on,
            "meeting_day": start.date() if start else None,
            "meeting_start": start.time() if start else None,
            "meeting_end": end.time() if end else None,
            "meeting_url": row.meeting_url,
        }
        forms.append((row, ScheduleRowForm(data, initial=initial, prefix=f"session-{row.number}")))
    return forms


@login_required
def cohort_schedule(request: HttpRequest, slug: str) -> HttpResponse:
    """The facilitators set each session's opening date and live meeting; all saved, or none."""
    cohort = get_cohort_for_user(request, slug)
    _require_manager(request, cohort)
    rows = _schedule_forms(cohort, request.POST if request.method == "POST" else None)
    errors: list[str] = []
    if request.method == "POST":
        if all(form.is_valid() for _row, form in rows):
            changes = {}
            for row, form in rows:
                start, end = form.meeting()
                changes[row.number] = {
                    "opens_on": form.cleaned_data["opens_on"],
                    "meeting_starts_at": start,
                    "meeting_ends_at": end,
                    "meeting_url": form.cleaned_data["meeting_url"],
                }
            try:
                services.cohort_schedule_update(cohort=cohort, by=request.user, rows=changes)
            except ValidationError as error:
                errors = _errors(error)
            else:
                messages.success(
                    request, _("Le calendrier est enregistré ; les membres sont prévenus des réunions changées.")
                )
                return redirect("cohorts:cohort-schedule", slug=cohort.slug)
        else:
            errors = [_("Le calendrier n’est pas enregistré : corrigez les sessions signalées.")]
    context = {
        "cohort": cohort,
        "rows": rows,
        "errors": errors,
        "breadcrumb": [*_learning_crumbs(), (cohort.title, cohort.get_absolute_url()), (_("Calendrier"), "")],
    }
    return render_page(request, "cohorts/schedule_form.html", context, status=400 if errors else 200)


@login_required
@require_POST
def cohort_publish(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_cohort_for_user(request, slug)
    _require_manager(request, cohort)
    try:
        services.cohort_publish(cohort=cohort, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(_errors(error)))
    else:
        messages.success(request, _("La cohorte est publiée : elle apparaît dans la liste et l’on peut la rejoindre."))
    return redirect(cohort)


def _detail_context(request: HttpRequest, cohort: Cohort, **extra: Any) -> dict[str, Any]:
    user = request.user
    today = timezone.localdate()
    schedule = list(cohort.schedule.select_related("session").order_by("session__number"))
    enrolment = Enrolment.objects.filter(cohort=cohort, user_id=user.pk).first() if user.is_authenticated else None
    taking_part = can_take_part(cohort, user)
    is_member = enrolment is not None and enrolment.is_active
    done = services.member_done_sessions(cohort=cohort, user=user) if is_member else set()
    rows = [{"row": row, "is_open": row.is_open(today), "is_done": row.number in done} for row in schedule]
    return {
        "cohort": cohort,
        "course": cohort.course,
        "rows": rows,
        "enrolment": enrolment,
        "is_member": is_member,
        "can_take_part": taking_part,
        "can_manage": can_manage(cohort, user),
        "places_left": services.places_left(cohort),
        "enrolment_open": services.enrolment_is_open(cohort, today),
        "completed": is_member and services.enrolment_is_completed(cohort=cohort, user=user),
        "sessions_done": len(done),
        "form": extra.pop("form", None) or EnrolForm(),
        "errors": extra.pop("errors", []),
        "breadcrumb": [*_learning_crumbs(), (cohort.title, "")],
        **extra,
    }


def cohort_detail(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_cohort_for_user(request, slug)
    return render_page(request, "cohorts/cohort_detail.html", _detail_context(request, cohort))


@login_required
@require_POST
def cohort_enrol(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_cohort_for_user(request, slug)
    form = EnrolForm(request.POST)
    if form.is_valid():
        try:
            enrolment = services.cohort_enrol(
                cohort=cohort, user=request.user, motivation=form.cleaned_data["motivation"]
            )
        except ValidationError as error:
            context = _detail_context(request, cohort, form=form, errors=_errors(error))
            return render_page(request, "cohorts/cohort_detail.html", context, status=400)
        if enrolment.is_pending:
            messages.success(
                request, _("Votre demande est envoyée aux animateurs : vous recevrez leur réponse par courriel.")
            )
        else:
            messages.success(request, _("Bienvenue dans la cohorte\u00a0! Un courriel vous redit l’essentiel."))
        return redirect(cohort)
    context = _detail_context(request, cohort, form=form)
    return render_page(request, "cohorts/cohort_detail.html", context, status=400)


@login_required
@require_POST
def cohort_withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_cohort_for_user(request, slug)
    try:
        services.enrolment_withdraw(cohort=cohort, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(_errors(error)))
    else:
        messages.success(request, _("Vous avez quitté la cohorte. Votre progression dans la formation reste la vôtre."))
    return redirect(cohort)


@login_required
def invitation_accept(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("cohort__course"), cohort__slug=slug, token=token)
    cohort = invitation.cohort
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            errors = _errors(error)
        else:
            messages.success(request, _("Bienvenue dans la cohorte\u00a0!"))
            return redirect(cohort)
    context = {
        "cohort": cohort,
        "invitation": invitation,
        "errors": errors,
        "breadcrumb": [*_learning_crumbs(), (cohort.title, cohort.get_absolute_url()), (_("Invitation"), "")],
    }
    return render_page(request, "cohorts/invitation.html", context, status=400 if errors else 200)


# ---------------------------------------------------------------- a session of the cohort


def get_cohort_session_for_user(request: HttpRequest, slug: str, number: int) -> CohortSession:
    """A session of a cohort, for its members and facilitators (signed out: to the sign-in page first)."""
    cohort = get_cohort_for_user(request, slug)
    _require_part(request, cohort)
    row = get_object_or_404(cohort.schedule.select_related("session"), session__number=number)
    row.cohort = cohort
    return row


def _posts(row: CohortSession, user: Any) -> list[Any]:
    if not row.thread_id:
        return []
    from catalyse.network.permissions import is_moderator

    if row.thread is None:
        return []
    posts = row.thread.posts.select_related("author")
    if not is_moderator(user):
        posts = posts.filter(Q(hidden_at__isnull=True) | Q(author=user))
    return list(posts.order_by("created_at", "pk"))


def _session_context(request: HttpRequest, row: CohortSession, **extra: Any) -> dict[str, Any]:
    cohort = row.cohort
    is_open = row.is_open()
    done = services.member_done_sessions(cohort=cohort, user=request.user)
    return {
        "cohort": cohort,
        "course": cohort.course,
        "row": row,
        "session": row.session,
        "is_open": is_open,
        "is_done": row.number in done,
        "is_member": is_member(cohort, request.user),
        "posts": _posts(row, request.user),
        "form": extra.pop("form", None) or PostForm(),
        "breadcrumb": [
            *_learning_crumbs(),
            (cohort.title, cohort.get_absolute_url()),
            (_("Session %(n)d") % {"n": row.number}, ""),
        ],
        **extra,
    }


@login_required
def session_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    row = get_cohort_session_for_user(request, slug, number)
    if row.is_open():
        services.cohort_session_thread(cohort_session=row, user=request.user)
        row.refresh_from_db(fields=["thread"])
    return render_page(request, "cohorts/session_detail.html", _session_context(request, row))


@login_required
@require_POST
def session_post(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Post in the session's discussion: HTMX gets the discussion partial, without JavaScript a redirect."""
    row = get_cohort_session_for_user(request, slug, number)
    form = PostForm(request.POST)
    post = None
    if form.is_valid():
        try:
            post = services.cohort_post_create(cohort_session=row, user=request.user, body=form.cleaned_data["body"])
        except (ValidationError, PermissionDenied) as error:
            messages_ = _errors(error) if isinstance(error, ValidationError) else [str(error)]
            for message in messages_:
                form.add_error(None, message)
    row.refresh_from_db(fields=["thread"])
    if post is not None and not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("Votre message est publié."))
        return redirect(f"{row.get_absolute_url()}#message-{post.pk}")
    context = _session_context(request, row, form=None if post is not None else form, just_posted=post)
    return render_page(
        request, "cohorts/session_detail.html", context, partial="discussion", status=200 if post is not None else 400
    )


@login_required
@require_POST
def session_declare(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    row = get_cohort_session_for_user(request, slug, number)
    done = request.POST.get("done") != "0"
    try:
        services.session_declare(cohort=row.cohort, user=request.user, session=row.session, done=done)
    except ValidationError as error:
        messages.error(request, " ".join(_errors(error)))
    else:
        if done:
            messages.success(request, _("C’est noté : session %(n)d suivie.") % {"n": row.number})
        else:
            messages.success(request, _("C’est noté : session %(n)d à suivre.") % {"n": row.number})
    return redirect(row)


@login_required
def cohort_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """The live meetings of the cohort (with their online link): for its members and facilitators."""
    cohort = get_cohort_for_user(request, slug)
    _require_part(request, cohort)
    rows = cohort.schedule.select_related("session").order_by("session__number")
    ics = cohort_calendar_bytes(cohort, rows, base_url=request.build_absolute_uri("/")[:-1], with_online_link=True)
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{cohort.slug}.ics"'
    return response


@login_required
def certificate(request: HttpRequest, slug: str) -> HttpResponse:
    """The person's own certificate: only once the rule is met (services.enrolment_is_completed)."""
    cohort = get_cohort_for_user(request, slug)
    person = cast(Any, request.user)
    enrolment = Enrolment.objects.filter(cohort=cohort, user=person, status="active").select_related("user").first()
    if enrolment is None:
        raise PermissionDenied(_("L’attestation est délivrée aux membres de la cohorte."))
    if not services.enrolment_is_completed(cohort=cohort, user=request.user):
        raise PermissionDenied(_("L’attestation est délivrée une fois la formation terminée."))
    enrolment.cohort = cohort
    response = HttpResponse(certificate_pdf(enrolment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="attestation-{cohort.slug}.pdf"'
    return response


# ---------------------------------------------------------------- facilitators


def _dashboard_context(request: HttpRequest, cohort: Cohort, **extra: Any) -> dict[str, Any]:
    progress = services.cohort_progress(cohort=cohort)
    failures = failure_rows(services.question_failures(cohort=cohort))
    schedule = list(cohort.schedule.select_related("session").order_by("session__number"))
    today = timezone.localdate()
    return {
        "cohort": cohort,
        "course": cohort.course,
        "progress": progress,
        "behind": [row for row in progress if row.behind],
        "opened": [row.number for row in schedule if row.is_open(today)],
        "schedule": schedule,
        "failures": failures,
        "chart": failure_chart(failures),
        "pending": list(cohort.enrolments.pending().select_related("user").order_by("created_at")),
        "invitations": list(cohort.invitations.order_by("-created_at")[:20]),
        "invite_form": extra.pop("invite_form", None) or InviteForm(),
        "places_left": services.places_left(cohort),
        "is_invitation": cohort.enrolment_mode == EnrolmentMode.INVITATION,
        "breadcrumb": [*_learning_crumbs(), (cohort.title, cohort.get_absolute_url()), (_("Tableau de bord"), "")],
        **extra,
    }


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_cohort_for_user(request, slug)
    _require_manager(request, cohort)
    return render_page(request, "cohorts/dashboard.html", _dashboard_context(request, cohort))


@login_required
def dashboard_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The dashboard's tables as CSV (UTF-8 with BOM, semicolons, as French spreadsheets expect):
    `?table=questions` for the quiz questions, the learners' progress otherwise."""
    cohort = get_cohort_for_user(request, slug)
    _require_manager(request, cohort)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    if request.GET.get("table") == "questions":
        name = "questions"
        writer.writerow(["session", "question", "réponses", "erreurs", "taux d’erreur (%)"])
        for row in failure_rows(services.question_failures(cohort=cohort)):
            writer.writerow(
                [
                    row.session_number,
                    row.question.text,
                    row.attempts,
                    row.failed,
                    row.rate if row.rate is not None else "",
                ]
            )
    else:
        name = "progression"
        writer.writerow(
            [
                "membre",
                "sessions terminées",
                "sessions",
                "progression (%)",
                "moyenne aux quiz (%)",
                "activités écrites",
                "sessions en retard",
                "formation terminée",
            ]
        )
        for member in services.cohort_progress(cohort=cohort):
            writer.writerow(
                [
                    member.user.display_name,
                    member.sessions_done,
                    member.sessions_total,
                    member.percent_done,
                    member.quiz_average_percent if member.quiz_average_percent is not None else "",
                    member.activities_written,
                    " ".join(str(n) for n in member.behind),
                    "oui" if member.is_completed else "non",
                ]
            )
    response["Content-Disposition"] = f'attachment; filename="{cohort.slug}-{name}.csv"'
    return response


@login_required
@require_POST
def cohort_invite(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_cohort_for_user(request, slug)
    _require_manager(request, cohort)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            emails = services.parse_emails(form.cleaned_data["emails"])
            invited, skipped = services.cohort_invite(
                cohort=cohort, by=request.user, emails=emails, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            for field, errors in getattr(error, "message_dict", {"__all__": error.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if invited:
                messages.success(request, _("Invitation envoyée à : %(list)s.") % {"list": ", ".join(invited)})
            if skipped:
                messages.info(request, _("Déjà invitées ou membres : %(list)s.") % {"list": ", ".join(skipped)})
            return redirect("cohorts:dashboard", slug=cohort.slug)
    context = _dashboard_context(request, cohort, invite_form=form)
    return render_page(request, "cohorts/dashboard.html", context, status=400)


@login_required
@require_POST
def enrolment_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cohort = get_cohort_for_user(request, slug)
    _require_manager(request, cohort)
    enrolment = get_object_or_404(cohort.enrolments.select_related("user"), pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("accepter", "refuser"):
        messages.error(request, _("Choisissez « Accepter » ou « Refuser »."))
        return redirect("cohorts:dashboard", slug=cohort.slug)
    try:
        services.enrolment_decide(enrolment=enrolment, by=request.user, accept=decision == "accepter")
    except ValidationError as error:
        messages.error(request, " ".join(_errors(error)))
    else:
        name = cast(Any, enrolment.user).display_name
        if decision == "accepter":
            messages.success(
                request, _("%(name)s est membre de la cohorte ; un courriel l’a prévenu·e.") % {"name": name}
            )
        else:
            messages.success(
                request, _("La demande de %(name)s est refusée ; un courriel l’a prévenu·e.") % {"name": name}
            )
    return redirect("cohorts:dashboard", slug=cohort.slug)
