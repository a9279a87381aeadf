"""Pages of the co-development sessions under /parcours/<journey>/codev/: thin views, rules in services.

The live room polls a small endpoint (`etat/`) every two seconds with the step and the version it shows: the
answer is empty (204) when nothing changed, else out-of-band fragments of the same template. No long-lived
connection: it works behind gunicorn's sync workers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from catalyse.codevelopment import services
from catalyse.codevelopment.forms import ActionForm, ConsentForm, ContributionForm, RatingForm, SessionForm
from catalyse.codevelopment.models import (
    EXPOSE_MINUTES,
    LAST_STAGE,
    SINGLE_KINDS,
    STAGE_HELP,
    ContributionKind,
    Participant,
    Role,
    Session,
    Stage,
)
from catalyse.journeys.models import Journey
from catalyse.journeys.services import get_journey_for_user
from catalyse.lib.forms import add_service_errors
from catalyse.lib.htmx import render_page

ROOM = "codevelopment/session_room.html"


# ---------------------------------------------------------------- access


def get_journey_for_member(request: HttpRequest, journey_slug: str) -> Journey:
    """The journey if the person takes part in it (facilitator or team member); a 403 otherwise."""
    journey = get_journey_for_user(request, journey_slug)
    if not services.session_can_view(journey=journey, user=request.user):
        raise PermissionDenied(_("Les séances de codéveloppement sont réservées aux participants du parcours."))
    return journey


def get_session_for_user(request: HttpRequest, journey_slug: str, pk: int) -> Session:
    journey = get_journey_for_member(request, journey_slug)
    session = (
        Session.objects.filter(journey=journey, pk=pk)
        .select_related("journey", "client", "facilitator", "client_team", "illustration")
        .first()
    )
    if session is None:
        raise Http404(_("Cette séance n’existe pas."))
    return session


def _crumbs(journey: Journey, *tail: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        (_("Parcours d’expérience"), "/parcours/"),
        (journey.title, journey.get_absolute_url()),
        (_("Codéveloppement"), reverse("codevelopment:list", kwargs={"journey_slug": journey.slug})),
        *tail,
    ]


# ---------------------------------------------------------------- list and set-up


@login_required
def session_list(request: HttpRequest, journey_slug: str) -> HttpResponse:
    journey = get_journey_for_member(request, journey_slug)
    sessions = list(
        Session.objects.of_journey(journey)
        .for_list()
        .annotate(consultant_count=Count("participants", filter=Q(participants__role=Role.CONSULTANT)))
        .order_by("scheduled_at", "id")
    )
    groups = [
        (_("En cours"), "en-cours", [s for s in sessions if s.is_live]),
        (_("À venir"), "a-venir", [s for s in sessions if s.is_planned]),
        (_("Terminées"), "terminees", [s for s in reversed(sessions) if s.is_done]),
    ]
    is_facilitator = journey.is_facilitator(request.user)
    return render(
        request,
        "codevelopment/session_list.html",
        {
            "journey": journey,
            "groups": groups,
            "has_sessions": bool(sessions),
            "is_facilitator": is_facilitator,
            "proposal": services.client_proposal(journey=journey) if is_facilitator else None,
            "breadcrumb": [*_crumbs(journey)[:-1], (_("Codéveloppement"), "")],
        },
    )


@login_required
def session_new(request: HttpRequest, journey_slug: str) -> HttpResponse:
    journey = get_journey_for_member(request, journey_slug)
    if not journey.is_facilitator(request.user):
        raise PermissionDenied(_("Seuls les animateurs du parcours organisent une séance de codéveloppement."))
    proposal = services.client_proposal(journey=journey)
    if request.method == "POST":
        form = SessionForm(request.POST, journey=journey)
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = services.session_create(
                    journey=journey,
                    created_by=request.user,
                    scheduled_at=data["scheduled_at"],
                    client=data["client"],
                    consultants=list(data["consultants"]),
                    facilitator=data["facilitator"],
                    title=data["title"],
                    calendar_step=data["calendar_step"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("La séance est prévue. Ouvrez-la le jour venu depuis cette page."))
                return redirect(session.get_absolute_url())
    else:
        initial: dict[str, Any] = {"facilitator": request.user}
        if proposal.user is not None:
            initial["client"] = proposal.user
        form = SessionForm(initial=initial, journey=journey)
    return render(
        request,
        "codevelopment/session_form.html",
        {
            "journey": journey,
            "form": form,
            "proposal": proposal,
            "proposal_team": journey.team_of(proposal.user) if proposal.user else None,
            "breadcrumb": _crumbs(journey, (_("Organiser une séance"), "")),
        },
    )


# ---------------------------------------------------------------- the live room


# Label of the text field and of the button, per kind of contribution.
KIND_UI = {
    ContributionKind.FOLLOW_UP: (
        _lazy("Ce qui a été essayé depuis la séance précédente"),
        _lazy("Enregistrer le suivi"),
    ),
    ContributionKind.EXPOSE: (_lazy("Notes de l’exposé"), _lazy("Enregistrer les notes")),
    ContributionKind.QUESTION: (_lazy("Votre question de clarification"), _lazy("Poser la question")),
    ContributionKind.CONTRACT: (
        _lazy("La question sur laquelle vous souhaitez être aidé"),
        _lazy("Enregistrer le contrat"),
    ),
    ContributionKind.CONSULTATION: (
        _lazy("Votre réaction, votre idée ou votre expérience"),
        _lazy("Partager ma consultation"),
    ),
    ContributionKind.SYNTHESIS: (_lazy("Ce que vous retenez de la consultation"), _lazy("Enregistrer la synthèse")),
    ContributionKind.LEARNING: (_lazy("Ce que j’ai appris"), _lazy("Noter mon apprentissage")),
}


def _stage_forms(session: Session, role: str, user: Any, bound: dict[str, Any] | None = None) -> dict[str, Any]:
    """The forms this person may fill in now: `texts` (contributions), `action`, `rating` (a bound form when it
    came back with errors)."""
    bound = bound or {}
    forms: dict[str, Any] = {"texts": [], "action": None, "rating": None}
    if role == "" or session.is_planned:
        return forms
    facilitating = role in ("facilitator", "journey_facilitator")
    stage = session.stage

    def text(kind: str) -> None:
        initial = ""
        if kind in SINGLE_KINDS:
            initial = session.contributions.filter(kind=kind).values_list("text", flat=True).first() or ""
        label, button = KIND_UI[ContributionKind(kind)]
        form = bound.get(kind) or ContributionForm(prefix=kind, initial={"text": initial})
        forms["texts"].append({"kind": kind, "form": form, "label": label, "button": button})

    if session.is_live:
        if stage == Stage.FOLLOW_UP:
            previous = services.previous_session(session)
            if facilitating or (previous is not None and previous.client_id == user.pk):
                text(ContributionKind.FOLLOW_UP)
        elif stage == Stage.EXPOSE and (facilitating or role == Role.CLIENT):
            text(ContributionKind.EXPOSE)
        elif stage == Stage.CLARIFICATION and role == Role.CONSULTANT:
            text(ContributionKind.QUESTION)
        elif stage == Stage.CONTRACT and role == Role.CLIENT:
            text(ContributionKind.CONTRACT)
        elif stage == Stage.CONSULTATION and role == Role.CONSULTANT:
            text(ContributionKind.CONSULTATION)
        elif stage == Stage.SYNTHESIS and role == Role.CLIENT:
            text(ContributionKind.SYNTHESIS)
            forms["action"] = bound.get("action") or ActionForm(prefix="action")
    if session.is_done or stage == Stage.LEARNINGS:
        text(ContributionKind.LEARNING)
        if role in (Role.CLIENT, Role.CONSULTANT):
            forms["rating"] = bound.get("rating") or RatingForm(prefix="rating")
    return forms


def _room_context(request: HttpRequest, session: Session, *, bound: dict[str, Any] | None = None) -> dict[str, Any]:
    role = services.session_role(session=session, user=request.user)
    produced = services.contributions_by_kind(session)
    participants = list(session.participants.select_related("user").order_by("role", "id"))
    me = next((p for p in participants if p.user_id == request.user.pk), None)
    stage = session.stage if not session.is_planned else -1
    steps = [
        {
            "number": value,
            "label": label,
            "state": "done" if session.is_done or value < stage else ("current" if value == stage else "todo"),
            "started_at": session.stage_started(value),
        }
        for value, label in Stage.choices
    ]
    previous = services.previous_session(session) if session.stage == Stage.FOLLOW_UP else None
    return {
        "session": session,
        "journey": session.journey,
        "role": role,
        "is_session_facilitator": role == "facilitator",
        "can_cancel": session.is_planned and role in ("facilitator", "journey_facilitator"),
        "steps": steps,
        "stage_help": STAGE_HELP.get(Stage(session.stage), "") if session.is_live else "",
        "produced": produced,
        "contract": next(iter(produced[ContributionKind.CONTRACT]), None),
        "actions": list(session.actions.all()),
        "participants": participants,
        "client_participant": next((p for p in participants if p.role == Role.CLIENT), None),
        "consultants": [p for p in participants if p.role == Role.CONSULTANT],
        "me": me,
        "forms": _stage_forms(session, role, request.user, bound),
        "consent_form": ConsentForm(initial={"consent": session.client_consent}) if role == Role.CLIENT else None,
        "previous": previous,
        "previous_actions": list(previous.actions.all()) if previous else [],
        "expose_minutes": EXPOSE_MINUTES,
        "expose_ends_at": session.expose_ends_at(),
        "last_stage": LAST_STAGE,
        "rating_count": sum(1 for p in participants if p.rating),
        "breadcrumb": _crumbs(session.journey, (session.title, "")),
    }


@login_required
def session_room(request: HttpRequest, journey_slug: str, pk: int) -> HttpResponse:
    session = get_session_for_user(request, journey_slug, pk)
    return render_page(request, ROOM, _room_context(request, session), partial="room")


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@login_required
def session_state(request: HttpRequest, journey_slug: str, pk: int) -> HttpResponse:
    """The poll of the live room: 204 when nothing changed; the fragments that changed otherwise (286 at the end,
    which stops the polling)."""
    try:
        session = get_session_for_user(request, journey_slug, pk)
    except Http404:
        # Cancelled while the room was open: say so once and stop the polling.
        get_journey_for_member(request, journey_slug)
        announce = _("Cette séance a été annulée.")
        return HttpResponse(format_html('<p id="codev-announce" hx-swap-oob="innerHTML">{}</p>', announce), status=286)
    seen_stage = _int(request.GET.get("etape"), -2)
    seen_version = _int(request.GET.get("v"), -1)
    seen_status = request.GET.get("statut", "")
    current_stage = -1 if session.is_planned else session.stage
    stage_changed = seen_stage != current_stage or seen_status != session.status
    if not stage_changed and seen_version == session.version:
        return HttpResponse(status=204)
    context = _room_context(request, session)
    context.update({"oob": True, "stage_changed": stage_changed})
    status = 286 if session.is_done else 200
    return render(request, f"{ROOM}#poll", context, status=status)


def _after_post(
    request: HttpRequest,
    session: Session,
    *,
    bound: dict[str, Any] | None = None,
    error: str = "",
    posted: str = "",
) -> HttpResponse:
    """HTMX gets the new state, what the step produced and the form it sent (fresh, or with its errors), out of
    band, so that the other fields of the page keep what is being typed; the whole room when the step changed
    under it. A plain form post goes back to the room (the page works without JavaScript)."""
    session.refresh_from_db()
    form = (bound or {}).get(posted)
    non_field = " ".join(str(m) for m in form.non_field_errors()) if form is not None else ""
    if request.htmx:  # type: ignore[attr-defined]
        context = _room_context(request, session, bound=bound)
        forms = context["forms"]
        still_there = any(entry["kind"] == posted for entry in forms["texts"]) or bool(forms.get(posted))
        if posted and still_there and not error and not non_field:
            context.update({"oob": True, "posted": posted})
            return render(request, f"{ROOM}#posted", context)
        context.update({"oob": True, "stage_changed": True, "post_error": error or non_field, "from_post": True})
        return render(request, f"{ROOM}#poll", context)
    if bound or error:
        if error or non_field:
            messages.error(request, error or non_field)
        return render(request, ROOM, _room_context(request, session, bound=bound), status=200)
    return redirect(session.get_absolute_url())


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
@require_POST
def session_advance(request: HttpRequest, journey_slug: str, pk: int) -> HttpResponse:
    session = get_session_for_user(request, journey_slug, pk)
    if session.facilitator_id != request.user.pk:
        raise PermissionDenied(_("Seul l’animateur de la séance fait passer d’une étape à l’autre."))
    try:
        session = services.session_advance(
            session=session, user=request.user, from_stage=_int(request.POST.get("from_stage"), -2)
        )
    except ValidationError as error:
        return _after_post(request, session, error=_error_text(error))
    if session.is_done and not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("La séance est terminée : voici ce qu’elle a produit."))
        return redirect(session.get_record_url())
    return _after_post(request, session)


def _contributor(request: HttpRequest, journey_slug: str, pk: int) -> Session:
    session = get_session_for_user(request, journey_slug, pk)
    if not services.session_can_contribute(session=session, user=request.user):
        raise PermissionDenied(_("Seuls les participants de la séance et ses animateurs y contribuent."))
    return session


@login_required
@require_POST
def contribution_add(request: HttpRequest, journey_slug: str, pk: int) -> HttpResponse:
    session = _contributor(request, journey_slug, pk)
    kind = request.POST.get("kind", "")
    if kind not in ContributionKind.values:
        return _after_post(request, session, error=_("Ce formulaire n’existe pas : rechargez la page."))
    form = ContributionForm(request.POST, prefix=kind)
    if form.is_valid():
        try:
            services.contribution_add(session=session, user=request.user, kind=kind, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _after_post(request, session, posted=kind)
    return _after_post(request, session, bound={kind: form}, posted=kind)


@login_required
@require_POST
def action_add(request: HttpRequest, journey_slug: str, pk: int) -> HttpResponse:
    session = _contributor(request, journey_slug, pk)
    form = ActionForm(request.POST, prefix="action")
    if form.is_valid():
        try:
            services.session_action_add(
                session=session,
                user=request.user,
                what=form.cleaned_data["what"],
                who=form.cleaned_data["who"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _after_post(request, session, posted="action")
    return _after_post(request, session, bound={"action": form}, posted="action")


@login_required
@require_POST
def participant_rate(request: HttpRequest, journey_slug: str, pk: int) -> HttpResponse:
    session = _contributor(request, journey_slug, pk)
    form = RatingForm(request.POST, prefix="rating")
    if form.is_valid():
        try:
            services.participant_rate(session=session, user=request.user, rating=form.cleaned_data["rating"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _after_post(request, session, posted="rating")
    return _after_post(request, session, bound={"rating": form}, posted="rating")


@login_required
@require_POST
def consent_set(request: HttpRequest, journey_slug: str, pk: int) -> HttpResponse:
    session = _contributor(request, journey_slug, pk)
    form = ConsentForm(request.POST)
    form.is_valid()
    consent = bool(form.cleaned_data.get("consent"))
    services.session_consent_set(session=session, user=request.user, consent=consent)
    if consent:
        messages.success(request, _("Merci : la question et les apprentissages pourront être partagés, sans les noms."))
    else:
        messages.success(request, _("Entendu : ce que la séance a produit reste entre ses participants."))
    if request.htmx:  # type: ignore[attr-defined]
        return _after_post(request, session)
    return redirect(session.get_record_url() if request.POST.get("next") == "record" else session.get_absolute_url())


@login_required
@require_POST
def session_cancel(request: HttpRequest, journey_slug: str, pk: int) -> HttpResponse:
    session = get_session_for_user(request, journey_slug, pk)
    try:
        services.session_cancel(session=session, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(session.get_absolute_url())
    messages.success(request, _("La séance « %(title)s » est annulée.") % {"title": session.title})
    return redirect("codevelopment:list", journey_slug=session.journey.slug)


# ---------------------------------------------------------------- the record


@login_required
def session_record(request: HttpRequest, journey_slug: str, pk: int) -> HttpResponse:
    session = get_session_for_user(request, journey_slug, pk)
    context = _room_context(request, session)
    ratings = Participant.objects.filter(session=session, rating__isnull=False).aggregate(
        average=Avg("rating"), count=Count("id")
    )
    illustration = session.illustration
    context.update(
        {
            "ratings": ratings,
            "illustration": illustration if illustration and illustration.can_view(request.user) else None,
            "stages": [(value, label, session.stage_started(value)) for value, label in Stage.choices],
            "breadcrumb": _crumbs(
                session.journey, (session.title, session.get_absolute_url()), (_("Compte rendu"), "")
            ),
        }
    )
    return render(request, "codevelopment/session_record.html", context)
