"""Pages of the experience journeys under /parcours/: thin views, rules in services.py."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalyse.accounts.models import User
from catalyse.accounts.roles import Role, user_has_role
from catalyse.journeys import services
from catalyse.journeys.charts import deliverables_chart, journey_timeline
from catalyse.journeys.forms import (
    ActionItemForm,
    DeliverableForm,
    FacilitatorForm,
    JourneyForm,
    MemberForm,
    MessageForm,
    NoteForm,
    StepForm,
    TeamForm,
)
from catalyse.journeys.models import (
    STEP_KIND_PLURALS,
    ActionItem,
    CommonMessage,
    Deliverable,
    Journey,
    PilotTeam,
    Step,
    StepKind,
    TeamMember,
)
from catalyse.lib.forms import add_service_errors
from catalyse.lib.htmx import render_page

MESSAGES_SHOWN = 100


class LoginRequired(Exception):
    """Raised by the access helpers for a visitor signed out: the view sends them to log in."""


def _home_crumb() -> tuple[str, str]:
    return (_("Parcours d’expérience"), reverse("journeys:home"))


def _journey_crumbs(journey: Journey, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return [_home_crumb(), (journey.title, journey.get_absolute_url() if more else ""), *more]


def _login(request: HttpRequest) -> HttpResponse:
    return redirect_to_login(request.get_full_path())


# ---------------------------------------------------------------- access helpers


def get_journey_for_facilitator(request: HttpRequest, slug: str) -> Journey:
    """The journey's own facilitators manage it; others get a 403, visitors signed out are asked to log in."""
    journey = services.get_journey_for_user(request, slug)
    if not request.user.is_authenticated:
        raise LoginRequired
    if not journey.is_facilitator(request.user):
        raise PermissionDenied(_("Seuls les animateurs de ce parcours peuvent faire cela."))
    return journey


def get_journey_for_participant(request: HttpRequest, slug: str) -> Journey:
    journey = services.get_journey_for_user(request, slug)
    if not request.user.is_authenticated:
        raise LoginRequired
    if not journey.is_participant(request.user):
        raise PermissionDenied(_("L’espace commun est réservé aux participants du parcours."))
    return journey


def get_team_for_user(request: HttpRequest, slug: str, team_id: int) -> PilotTeam:
    """A team's private workspace: its members and the journey's facilitators; 403 for others."""
    journey = services.get_journey_for_user(request, slug)
    team = get_object_or_404(PilotTeam.objects.select_related("territory", "journey"), pk=team_id, journey=journey)
    if not request.user.is_authenticated:
        raise LoginRequired
    if not services.can_view_team(team=team, user=request.user):
        raise PermissionDenied(_("Cet espace est réservé à l’équipe et aux animateurs du parcours."))
    return team


def _guarded(view: Any) -> Any:
    """Turn LoginRequired into the site's usual redirect to the login page."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response: HttpResponse = view(request, *args, **kwargs)
        except LoginRequired:
            return _login(request)
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# ---------------------------------------------------------------- section home and journey pages


def home(request: HttpRequest) -> HttpResponse:
    journeys = list(
        Journey.objects.annotate(team_count=Count("teams", distinct=True)).order_by("-starts_on", "-id")[:50]
    )
    mine: set[int] = set()
    if request.user.is_authenticated:
        mine = set(
            Journey.objects.filter(Q(teams__memberships__user=request.user) | Q(facilitators=request.user)).values_list(
                "pk", flat=True
            )
        )
    today = timezone.localdate()
    for journey in journeys:
        journey.is_mine = journey.pk in mine  # type: ignore[attr-defined]
        journey.current = journey.is_current(today)  # type: ignore[attr-defined]
    return render(
        request,
        "journeys/home.html",
        {
            "journeys": journeys,
            "can_create": user_has_role(request.user, Role.FACILITATOR),
            "breadcrumb": [(_("Parcours d’expérience"), "")],
            "step_kinds": [(kind, STEP_KIND_PLURALS[kind]) for kind in StepKind],
        },
    )


def journey_create(request: HttpRequest) -> HttpResponse:
    """Programme facilitators create a journey; they become its first facilitator."""
    if not request.user.is_authenticated:
        return _login(request)
    if not user_has_role(request.user, Role.FACILITATOR):
        raise PermissionDenied(_("Seuls les animateurs du programme créent un parcours."))
    form = JourneyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            journey = services.journey_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Le parcours est créé. Ajoutez maintenant ses territoires pilotes."))
            return redirect(journey.get_absolute_url())
    return render(
        request,
        "journeys/journey_form.html",
        {"form": form, "journey": None, "breadcrumb": [_home_crumb(), (_("Nouveau parcours"), "")]},
        status=400 if form.errors else 200,
    )


@_guarded
def journey_edit(request: HttpRequest, slug: str) -> HttpResponse:
    journey = get_journey_for_facilitator(request, slug)
    return _render_journey_edit(request, journey)


def _render_journey_edit(
    request: HttpRequest, journey: Journey, *, facilitator_form: FacilitatorForm | None = None
) -> HttpResponse:
    posted = request.method == "POST" and facilitator_form is None
    form = JourneyForm(
        request.POST if posted else None,
        initial={
            "title": journey.title,
            "summary": journey.summary,
            "starts_on": journey.starts_on,
            "ends_on": journey.ends_on,
        },
    )
    if posted and form.is_valid():
        try:
            services.journey_update(journey=journey, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Modifications enregistrées."))
            return redirect(journey.get_absolute_url())
    return render(
        request,
        "journeys/journey_form.html",
        {
            "form": form,
            "journey": journey,
            "facilitators": list(journey.facilitators.all()),
            "facilitator_form": facilitator_form or FacilitatorForm(),
            "breadcrumb": _journey_crumbs(journey, (_("Modifier"), "")),
        },
        status=400 if form.errors or (facilitator_form and facilitator_form.errors) else 200,
    )


@_guarded
@require_POST
def facilitator_add(request: HttpRequest, slug: str) -> HttpResponse:
    journey = get_journey_for_facilitator(request, slug)
    form = FacilitatorForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"]
        person = User.objects.filter(email__iexact=email, is_active=True, erased_at__isnull=True).first()
        if person is None:
            form.add_error(
                "email",
                _("Personne n’a de compte Catalyse avec l’adresse %(email)s : invitez-la d’abord à en créer un.")
                % {"email": email},
            )
        else:
            try:
                services.journey_add_facilitator(journey=journey, user=person)
            except ValidationError as exc:
                form.add_error("email", exc)
            else:
                messages.success(request, _("%(name)s anime maintenant le parcours.") % {"name": person.display_name})
                return redirect(reverse("journeys:edit", kwargs={"slug": journey.slug}) + "#animateurs")
    return _render_journey_edit(request, journey, facilitator_form=form)


@_guarded
@require_POST
def facilitator_remove(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    journey = get_journey_for_facilitator(request, slug)
    person = get_object_or_404(journey.facilitators.all(), pk=user_id)
    try:
        services.journey_remove_facilitator(journey=journey, user=person)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(name)s n’anime plus le parcours.") % {"name": person.display_name})
    if person.pk == request.user.pk and not journey.is_facilitator(request.user):
        return redirect(journey.get_absolute_url())
    return redirect(reverse("journeys:edit", kwargs={"slug": journey.slug}) + "#animateurs")


def journey_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page: the cohort, each team's challenge, the calendar of steps and its timeline."""
    journey = services.get_journey_for_user(request, slug)
    user = request.user
    is_facilitator = journey.is_facilitator(user)
    my_team = journey.team_of(user)
    is_participant = is_facilitator or my_team is not None
    teams = list(
        journey.teams.select_related("territory", "territory__departement").prefetch_related(
            Prefetch("memberships", queryset=TeamMember.objects.select_related("user"))
        )
    )
    steps = _ordered_steps(journey)
    today = timezone.localdate()
    for step in steps:
        step.past = step.is_past(today)  # type: ignore[attr-defined]
    # Where « Aujourd’hui » goes in the list of steps: before the first one still to come (while the journey runs).
    today_index = next((i for i, step in enumerate(steps) if not step.past), len(steps))  # type: ignore[attr-defined]
    return render(
        request,
        "journeys/journey_detail.html",
        {
            "journey": journey,
            "teams": teams,
            "steps": steps,
            "timeline": journey_timeline(journey, steps, today),
            "today": today,
            "today_index": today_index if journey.is_current(today) else -1,
            "facilitators": list(journey.facilitators.all()),
            "is_facilitator": is_facilitator,
            "is_participant": is_participant,
            "my_team": my_team,
            "links": services.journey_links(journey=journey, user=user),
            "breadcrumb": _journey_crumbs(journey),
        },
    )


def _ordered_steps(journey: Journey) -> list[Step]:
    steps = list(journey.steps.select_related("event"))
    steps.sort(key=lambda s: (s.day or journey.ends_on, s.pk))
    return steps


# ---------------------------------------------------------------- teams


@_guarded
def team_create(request: HttpRequest, slug: str) -> HttpResponse:
    """A facilitator adds a pilot territory and its team."""
    journey = get_journey_for_facilitator(request, slug)
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.journey_add_territory(journey=journey, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(territory)s rejoint le parcours. Ajoutez les membres de son équipe.")
                % {"territory": team.territory.name},
            )
            return redirect(team.get_absolute_url() + "#membres")
    return render(
        request,
        "journeys/team_form.html",
        {
            "form": form,
            "journey": journey,
            "team": None,
            "breadcrumb": _journey_crumbs(journey, (_("Ajouter un territoire pilote"), "")),
        },
        status=400 if form.errors else 200,
    )


@_guarded
def team_edit(request: HttpRequest, slug: str, team_id: int) -> HttpResponse:
    """The team (or a facilitator) states its challenge, themes and forms of action."""
    team = get_team_for_user(request, slug, team_id)
    form = TeamForm(
        request.POST or None,
        editing=True,
        initial={
            "name": team.name,
            "challenge": team.challenge,
            "themes": team.themes,
            "forms_of_action": team.forms_of_action,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.team_update(team=team, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Le défi de l’équipe est enregistré."))
            return redirect(team.get_absolute_url())
    return render(
        request,
        "journeys/team_form.html",
        {
            "form": form,
            "journey": team.journey,
            "team": team,
            "breadcrumb": _journey_crumbs(
                team.journey, (team.name, team.get_absolute_url()), (_("Modifier le défi"), "")
            ),
        },
        status=400 if form.errors else 200,
    )


@_guarded
def team_workspace(request: HttpRequest, slug: str, team_id: int) -> HttpResponse:
    team = get_team_for_user(request, slug, team_id)
    return _render_workspace(request, team)


def _render_workspace(
    request: HttpRequest,
    team: PilotTeam,
    *,
    member_form: MemberForm | None = None,
    note_form: NoteForm | None = None,
    action_form: ActionItemForm | None = None,
    deliverable_forms: dict[int, DeliverableForm] | None = None,
    status: int = 200,
    partial: str | None = None,
) -> HttpResponse:
    journey = team.journey
    today = timezone.localdate()
    is_facilitator = journey.is_facilitator(request.user)
    memberships = list(team.memberships.select_related("user"))
    steps = _ordered_steps(journey)
    deliverables = {
        d.step_id: d for d in Deliverable.objects.filter(team=team).select_related("submitted_by").order_by()
    }
    deliverable_forms = deliverable_forms or {}
    for step in steps:
        step.past = step.is_past(today)  # type: ignore[attr-defined]
        step.deliverable = deliverables.get(step.pk)  # type: ignore[attr-defined]
        step.form = deliverable_forms.get(step.pk) or DeliverableForm(  # type: ignore[attr-defined]
            prefix=f"step-{step.pk}"
        )
    team.member_count = len(memberships)  # type: ignore[attr-defined]
    progress = services.journey_progress(journey=journey, teams=[team], today=today)[0]
    worlds = {m.world for m in memberships}
    context = {
        "journey": journey,
        "team": team,
        "memberships": memberships,
        "single_world": len(memberships) >= 2 and len(worlds) == 1,
        "steps": steps,
        "deliverable_steps": [s for s in steps if s.requires_deliverable],
        "progress": progress,
        "notes": list(team.notes.select_related("author")[:50]),
        "action_items": list(team.action_items.all()),
        "today": today,
        "is_facilitator": is_facilitator,
        "member_form": member_form or MemberForm(),
        "note_form": note_form or NoteForm(),
        "action_form": action_form or ActionItemForm(),
        "breadcrumb": _journey_crumbs(journey, (team.name, "")),
    }
    # An HTMX answer also refreshes the plan's progress bar, out of band.
    context["oob"] = bool(partial and getattr(request, "htmx", False))
    return render_page(request, "journeys/team_workspace.html", context, partial=partial, status=status)


@_guarded
@require_POST
def member_add(request: HttpRequest, slug: str, team_id: int) -> HttpResponse:
    team = get_team_for_user(request, slug, team_id)
    if not team.journey.is_facilitator(request.user):
        raise PermissionDenied(_("Seuls les animateurs du parcours composent les équipes."))
    form = MemberForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"]
        person = User.objects.filter(email__iexact=email, is_active=True, erased_at__isnull=True).first()
        if person is None:
            form.add_error(
                "email",
                _("Personne n’a de compte Catalyse avec l’adresse %(email)s : invitez-la d’abord à en créer un.")
                % {"email": email},
            )
        else:
            try:
                services.team_member_add(
                    team=team, user=person, world=form.cleaned_data["world"], role_label=form.cleaned_data["role_label"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("%(name)s rejoint l’équipe.") % {"name": person.display_name})
                return redirect(team.get_absolute_url() + "#membres")
    return _render_workspace(request, team, member_form=form, status=400)


@_guarded
@require_POST
def member_remove(request: HttpRequest, slug: str, team_id: int, member_id: int) -> HttpResponse:
    team = get_team_for_user(request, slug, team_id)
    if not team.journey.is_facilitator(request.user):
        raise PermissionDenied(_("Seuls les animateurs du parcours composent les équipes."))
    membership = get_object_or_404(TeamMember.objects.select_related("user"), pk=member_id, team=team)
    services.team_member_remove(membership=membership)
    messages.success(request, _("%(name)s ne fait plus partie de l’équipe.") % {"name": membership.user.display_name})
    return redirect(team.get_absolute_url() + "#membres")


# ---------------------------------------------------------------- the workspace: deliverables, notes, action plan


@_guarded
@require_POST
def deliverable_submit(request: HttpRequest, slug: str, team_id: int, step_id: int) -> HttpResponse:
    team = get_team_for_user(request, slug, team_id)
    step = get_object_or_404(Step, pk=step_id, journey=team.journey)
    if not step.requires_deliverable:
        messages.error(request, _("Cette étape n’attend pas de livrable : rien n’a été enregistré."))
        return _render_workspace(request, team, status=400)
    form = DeliverableForm(request.POST, request.FILES, prefix=f"step-{step.pk}")
    if form.is_valid():
        try:
            services.deliverable_submit(
                team=team,
                step=step,
                text=form.cleaned_data["text"],
                file=form.cleaned_data["file"],
                user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Livrable remis : « %(step)s ».") % {"step": step.title})
            return redirect(team.get_absolute_url() + f"#etape-{step.pk}")
    return _render_workspace(request, team, deliverable_forms={step.pk: form}, status=400)


@_guarded
def deliverable_file(request: HttpRequest, slug: str, team_id: int, deliverable_id: int) -> FileResponse:
    team = get_team_for_user(request, slug, team_id)
    deliverable = get_object_or_404(Deliverable, pk=deliverable_id, team=team)
    if not deliverable.file:
        raise Http404
    try:
        handle = deliverable.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=deliverable.file_name,
        content_type=deliverable.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@_guarded
@require_POST
def note_add(request: HttpRequest, slug: str, team_id: int) -> HttpResponse:
    team = get_team_for_user(request, slug, team_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(team=team, author=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Note enregistrée."))
            return redirect(team.get_absolute_url() + "#notes")
    return _render_workspace(request, team, note_form=form, status=400)


@_guarded
@require_POST
def action_add(request: HttpRequest, slug: str, team_id: int) -> HttpResponse:
    team = get_team_for_user(request, slug, team_id)
    form = ActionItemForm(request.POST)
    if form.is_valid():
        try:
            services.action_item_add(
                team=team,
                what=form.cleaned_data["what"],
                who=form.cleaned_data["who"],
                due_on=form.cleaned_data["due_on"],
                source_label="",
                source_url="",
                created_by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if getattr(request, "htmx", False):
                return _render_workspace(request, team, partial="action-plan")
            messages.success(request, _("Action ajoutée au plan."))
            return redirect(team.get_absolute_url() + "#plan-d-action")
    return _render_workspace(request, team, action_form=form, status=400, partial="action-plan")


@_guarded
@require_POST
def action_toggle(request: HttpRequest, slug: str, team_id: int, item_id: int) -> HttpResponse:
    team = get_team_for_user(request, slug, team_id)
    item = get_object_or_404(ActionItem, pk=item_id, team=team)
    services.action_item_set_done(item=item, done=request.POST.get("done") == "1")
    if getattr(request, "htmx", False):
        return _render_workspace(request, team, partial="action-plan")
    return redirect(team.get_absolute_url() + "#plan-d-action")


# ---------------------------------------------------------------- steps


@_guarded
def step_create(request: HttpRequest, slug: str) -> HttpResponse:
    journey = get_journey_for_facilitator(request, slug)
    return _step_form(request, journey, None)


@_guarded
def step_edit(request: HttpRequest, slug: str, step_id: int) -> HttpResponse:
    journey = get_journey_for_facilitator(request, slug)
    step = get_object_or_404(Step, pk=step_id, journey=journey)
    return _step_form(request, journey, step)


def _step_form(request: HttpRequest, journey: Journey, step: Step | None) -> HttpResponse:
    initial: dict[str, Any] = {}
    if step is not None:
        initial = {
            "kind": step.kind,
            "title": step.title,
            "description": step.description,
            "starts_at": timezone.localtime(step.starts_at) if step.starts_at else None,
            "ends_at": timezone.localtime(step.ends_at) if step.ends_at else None,
            "due_on": step.due_on,
            "location": step.location,
            "online_url": step.online_url,
            "requires_deliverable": step.requires_deliverable,
        }
    elif request.GET.get("type") in StepKind.values:
        initial = {"kind": request.GET["type"]}
    form = StepForm(request.POST or None, initial=initial)
    if request.method == "POST" and "delete" in request.POST and step is not None:
        services.step_delete(step=step)
        messages.success(request, _("L’étape « %(title)s » est retirée du calendrier.") % {"title": step.title})
        return redirect(journey.get_absolute_url() + "#calendrier")
    if request.method == "POST" and form.is_valid():
        try:
            if step is None:
                step = services.step_create(journey=journey, fields=form.step_fields())
            else:
                services.step_update(step=step, fields=form.step_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("L’étape « %(title)s » est au calendrier.") % {"title": step.title})
            return redirect(journey.get_absolute_url() + "#calendrier")
    label = _("Modifier l’étape") if step else _("Ajouter une étape")
    return render(
        request,
        "journeys/step_form.html",
        {"form": form, "journey": journey, "step": step, "breadcrumb": _journey_crumbs(journey, (label, ""))},
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------- the common space and the dashboard


@_guarded
def common_space(request: HttpRequest, slug: str) -> HttpResponse:
    """A space common to the whole cohort for informal exchange: participants only."""
    journey = get_journey_for_participant(request, slug)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.common_message_post(journey=journey, author=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Message publié dans l’espace commun."))
            return redirect(reverse("journeys:common", kwargs={"slug": journey.slug}))
    posts = list(
        CommonMessage.objects.filter(journey=journey)
        .select_related("author", "author__profile")
        .order_by("-created_at", "-id")[:MESSAGES_SHOWN]
    )
    teams_of = dict(TeamMember.objects.filter(team__journey=journey).values_list("user_id", "team__name").order_by())
    for post in posts:
        post.team_name = teams_of.get(post.author_id or 0, "")  # type: ignore[attr-defined]
    return render(
        request,
        "journeys/common_space.html",
        {
            "journey": journey,
            "posts": posts,
            "form": form,
            "facilitator_ids": set(journey.facilitators.values_list("pk", flat=True)),
            "breadcrumb": _journey_crumbs(journey, (_("Espace commun"), "")),
        },
        status=400 if form.errors else 200,
    )


@_guarded
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Across the cohort, for its facilitators: who is late, what is due, with a chart and its table."""
    journey = get_journey_for_facilitator(request, slug)
    today = timezone.localdate()
    progress = services.journey_progress(journey=journey, today=today)
    if request.GET.get("format") == "csv":
        return _dashboard_csv(journey, progress)
    due_soon = sorted(
        {s.pk: s for row in progress for s in row.due_soon}.values(), key=lambda s: (s.due_on or today, s.pk)
    )
    for step in due_soon:
        step.missing = [row.team for row in progress if step in row.due_soon]  # type: ignore[attr-defined]
    return render(
        request,
        "journeys/dashboard.html",
        {
            "journey": journey,
            "progress": progress,
            "late": [row for row in progress if row.is_late],
            "due_soon": due_soon,
            "chart": deliverables_chart(progress),
            "extra_labels": [label for label, _count in progress[0].extra] if progress else [],
            "today": today,
            "breadcrumb": _journey_crumbs(journey, (_("Tableau de bord"), "")),
        },
    )


def _dashboard_csv(journey: Journey, progress: list[services.TeamProgress]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{journey.slug}-avancement.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    extra = [label for label, _count in progress[0].extra] if progress else []
    writer.writerow(
        [
            _("Équipe"),
            _("Territoire"),
            _("Membres"),
            _("Livrables remis"),
            _("Livrables attendus à ce jour"),
            _("Livrables en retard"),
            _("Actions faites"),
            _("Actions du plan"),
            *extra,
        ]
    )
    for row in progress:
        writer.writerow(
            [
                row.team.name,
                row.team.territory.name,
                row.members,
                row.deliverables_given,
                row.deliverables_due,
                len(row.late_steps),
                row.actions_done,
                row.actions_total,
                *[count for _label, count in row.extra],
            ]
        )
    return response
