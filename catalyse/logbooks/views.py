"""Pages of the carnets de bord under /parcours/<journey>/carnets/: thin views, rules in the services."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from catalyse.journeys.models import Journey
from catalyse.journeys.services import get_journey_for_user
from catalyse.lib.htmx import render_page
from catalyse.logbooks import services
from catalyse.logbooks.forms import DraftForm, IssueForm
from catalyse.logbooks.models import SECTIONS, LogbookIssue, Subscription
from catalyse.logbooks.pdf import logbook_pdf_bytes


def _crumbs(journey: Journey, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        (_("Parcours d’expérience"), reverse("journeys:home")),
        (journey.title, journey.get_absolute_url()),
        (_("Carnets de bord"), reverse("logbooks:archive", kwargs={"journey_slug": journey.slug})),
        *more,
    ]


def _month(period: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(f"{period}-01")
    except ValueError:
        raise Http404 from None


def get_issue_for_user(request: HttpRequest, journey_slug: str, period: str) -> LogbookIssue:
    """A published issue for anyone; a draft for the journey's facilitators only (a 404 for everyone else)."""
    journey = get_journey_for_user(request, journey_slug)
    issue = (
        LogbookIssue.objects.select_related("journey", "published_by", "updated_by")
        .filter(journey=journey, month=_month(period))
        .first()
    )
    if issue is None or not services.logbook_can_view(issue=issue, user=request.user):
        raise Http404(_("Ce carnet de bord n’existe pas ou n’est pas encore publié."))
    return issue


def get_issue_for_editor(request: HttpRequest, journey_slug: str, period: str) -> LogbookIssue:
    issue = get_issue_for_user(request, journey_slug, period)
    if not services.logbook_can_edit(journey=issue.journey, user=request.user):
        raise PermissionDenied(_("Seuls les animateurs du parcours modifient son carnet de bord."))
    return issue


def _errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


# ---------------------------------------------------------------------------------------------- archive


def logbook_archive(request: HttpRequest, journey_slug: str) -> HttpResponse:
    journey = get_journey_for_user(request, journey_slug)
    can_edit = services.logbook_can_edit(journey=journey, user=request.user)
    issues = list(LogbookIssue.objects.filter(journey=journey).order_by("-month"))
    published = [i for i in issues if i.is_published]
    drafts = [i for i in issues if not i.is_published] if can_edit else []
    return render(
        request,
        "logbooks/archive.html",
        {
            "journey": journey,
            "published": published,
            "drafts": drafts,
            "can_edit": can_edit,
            "draft_form": DraftForm(initial={"month": f"{timezone.localdate():%Y-%m}"}) if can_edit else None,
            "is_subscribed": services.logbook_is_subscribed(journey=journey, user=request.user),
            "breadcrumb": [*_crumbs(journey)[:-1], (_("Carnets de bord"), "")],
        },
    )


@login_required
@require_POST
def logbook_draft(request: HttpRequest, journey_slug: str) -> HttpResponse:
    journey = get_journey_for_user(request, journey_slug)
    if not services.logbook_can_edit(journey=journey, user=request.user):
        raise PermissionDenied(_("Seuls les animateurs du parcours préparent son carnet de bord."))
    form = DraftForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("logbooks:archive", journey_slug=journey.slug)
    try:
        issue = services.logbook_draft(journey=journey, month=form.cleaned_data["month"], by=request.user)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
        return redirect("logbooks:archive", journey_slug=journey.slug)
    return redirect(issue.get_edit_url())


# ---------------------------------------------------------------------------------------------- an issue


def logbook_issue(request: HttpRequest, journey_slug: str, period: str) -> HttpResponse:
    issue = get_issue_for_user(request, journey_slug, period)
    journey = issue.journey
    published = LogbookIssue.objects.published().filter(journey=journey)
    return render(
        request,
        "logbooks/issue.html",
        {
            "issue": issue,
            "journey": journey,
            "can_edit": services.logbook_can_edit(journey=journey, user=request.user),
            "previous": published.filter(month__lt=issue.month).order_by("-month").first(),
            "next": published.filter(month__gt=issue.month).order_by("month").first(),
            "is_subscribed": services.logbook_is_subscribed(journey=journey, user=request.user),
            "breadcrumb": _crumbs(journey, (issue.title, "")),
        },
    )


def _issue_form_data(issue: LogbookIssue) -> dict[str, str]:
    return {"title": issue.title, **{name: getattr(issue, name) for name, _label in SECTIONS}}


def logbook_edit(request: HttpRequest, journey_slug: str, period: str) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    issue = get_issue_for_editor(request, journey_slug, period)
    journey = issue.journey
    form = IssueForm(request.POST or None, initial=_issue_form_data(issue))
    preview: list[tuple[str, Any, str]] | None = None
    action = request.POST.get("action", "save")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            sections = {name: data.get(name, "") for name, _label in SECTIONS}
            if action == "preview":
                preview = [(name, label, sections[name]) for name, label in SECTIONS if sections[name].strip()]
            else:
                try:
                    with transaction.atomic():
                        services.logbook_update(issue=issue, by=request.user, title=data["title"], **sections)
                        if action == "publish":
                            services.logbook_publish(issue=issue, by=request.user)
                except ValidationError as exc:
                    if hasattr(exc, "error_dict"):
                        for name, errors in exc.error_dict.items():
                            form.add_error(name if name in form.fields else None, errors)
                    else:
                        form.add_error(None, exc)
                    issue.refresh_from_db()
                    status = 400
                else:
                    if action == "publish":
                        messages.success(
                            request,
                            _("Carnet publié : il part par courriel à chaque abonné du parcours, une seule fois."),
                        )
                        return redirect(issue.get_absolute_url())
                    messages.success(request, _("Modifications enregistrées."))
                    return redirect(issue.get_edit_url())
        else:
            status = 400
    return render_page(
        request,
        "logbooks/issue_edit.html",
        {
            "issue": issue,
            "journey": journey,
            "form": form,
            "preview": preview,
            "recipient_count": None if issue.is_published else services.logbook_recipient_count(journey=journey),
            "breadcrumb": _crumbs(journey, (issue.title, issue.get_absolute_url()), (_("Modifier"), "")),
        },
        partial="editor" if action == "preview" else None,
        # htmx swaps only 2xx answers: the fragment with its errors comes as a 200.
        status=200 if action == "preview" and getattr(request, "htmx", False) else status,
    )


@login_required
@require_POST
def logbook_refresh(request: HttpRequest, journey_slug: str, period: str) -> HttpResponse:
    """Take the month's activity again into the generated sections of a draft."""
    issue = get_issue_for_editor(request, journey_slug, period)
    try:
        services.logbook_draft(journey=issue.journey, month=issue.month, by=request.user, refresh=True)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Les parties du carnet ont été reprises de l’activité du mois."))
    return redirect(issue.get_edit_url())


def logbook_pdf(request: HttpRequest, journey_slug: str, period: str) -> HttpResponse:
    issue = get_issue_for_user(request, journey_slug, period)
    response = HttpResponse(logbook_pdf_bytes(issue), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="carnet-de-bord-{issue.journey.slug}-{issue.period}.pdf"'
    return response


# ---------------------------------------------------------------------------------------------- subscriptions


@login_required
@require_POST
def logbook_subscription(request: HttpRequest, journey_slug: str) -> HttpResponse:
    journey = get_journey_for_user(request, journey_slug)
    if request.POST.get("action") == "unsubscribe":
        services.logbook_unsubscribe(journey=journey, user=request.user)
        messages.success(request, _("Vous ne recevrez plus le carnet de bord de ce parcours."))
    else:
        services.logbook_subscribe(journey=journey, user=request.user)
        messages.success(
            request, _("Vous recevrez chaque carnet de bord de ce parcours par courriel, dès sa parution.")
        )
    next_url = request.POST.get("next", "")
    if next_url.startswith(f"/parcours/{journey.slug}/carnets/") and "//" not in next_url:
        return redirect(next_url)
    return redirect("logbooks:archive", journey_slug=journey.slug)


@csrf_exempt  # the token is the proof; mail clients post here without a session (RFC 8058 one-click)
def logbook_unsubscribe(request: HttpRequest, journey_slug: str, token: str) -> HttpResponse:
    journey = get_journey_for_user(request, journey_slug)
    subscription = Subscription.objects.select_related("journey", "user").filter(journey=journey, token=token).first()
    if subscription is None:
        raise Http404(_("Ce lien de désabonnement n’est plus valable."))
    done = False
    if request.method == "POST":
        services.subscription_cancel(subscription=subscription)
        done = True
    return render(
        request,
        "logbooks/unsubscribe.html",
        {
            "journey": journey,
            "subscription": subscription,
            "done": done or not subscription.is_active,
            "breadcrumb": _crumbs(journey, (_("Désabonnement"), "")),
        },
    )
