"""Moderation by the programme's facilitators: reports to examine, hide, lock, ban; every action logged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, Max, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from catalyse.accounts.models import User
from catalyse.accounts.roles import Role, role_required
from catalyse.lib.forms import add_service_errors
from catalyse.lib.htmx import render_page
from catalyse.network import services
from catalyse.network.forms import ReasonForm
from catalyse.network.mentions import render_post
from catalyse.network.models import DiscussionBan, ModerationLog, Post, Report, Thread
from catalyse.network.views.common import network_crumb, paginate, safe_next, signed_in_user

LOG_PAGE_SIZE = 50
REPORTED_POSTS_SHOWN = 100


def _moderation_crumb() -> tuple[str, str]:
    return (_("Modération"), reverse("network:moderation"))


@role_required(Role.FACILITATOR)
def moderation(request: HttpRequest) -> HttpResponse:
    """Reported messages still open, grouped by message; members excluded; the latest actions."""
    posts = list(
        Post.objects.filter(Exists(Report.objects.open().filter(post=OuterRef("pk"))))
        .annotate(last_report_at=Max("reports__created_at", filter=Q(reports__resolved_at__isnull=True)))
        .select_related("thread", "author")
        .prefetch_related(
            Prefetch("reports", queryset=Report.objects.open().select_related("reporter"), to_attr="open_reports")
        )
        .order_by("-last_report_at", "-pk")[:REPORTED_POSTS_SHOWN]
    )
    context = {
        "reported": [{"post": post, "html": render_post(post.body, {})} for post in posts],
        "bans": DiscussionBan.objects.select_related("user", "banned_by").order_by("-created_at"),
        "recent": ModerationLog.objects.select_related("actor").order_by("-created_at", "-pk")[:10],
        "breadcrumb": [network_crumb(), (_("Modération"), "")],
    }
    return render_page(request, "network/moderation.html", context)


@role_required(Role.FACILITATOR)
def moderation_log(request: HttpRequest) -> HttpResponse:
    entries = ModerationLog.objects.select_related("actor").order_by("-created_at", "-pk")
    context = {
        "page": paginate(request, entries, LOG_PAGE_SIZE),
        "breadcrumb": [network_crumb(), _moderation_crumb(), (_("Journal"), "")],
    }
    return render_page(request, "network/moderation_log.html", context)


def _moderation_form(
    request: HttpRequest,
    *,
    title: str,
    lead: str,
    button: str,
    act: Callable[[str], Any],
    done: str,
    next_url: str,
    excerpt: Any = None,
    danger: bool = False,
) -> HttpResponse:
    """One page for every moderation action: what it does, a reason (logged), a button."""
    form = ReasonForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                act(form.cleaned_data["reason"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, done)
                return redirect(safe_next(request, next_url))
        status = 400
    context = {
        "form": form,
        "title": title,
        "lead": lead,
        "button": button,
        "excerpt": excerpt,
        "danger": danger,
        "next": safe_next(request, next_url),
        "breadcrumb": [network_crumb(), _moderation_crumb(), (title, "")],
    }
    return render_page(request, "network/moderation_form.html", context, status=status)


@role_required(Role.FACILITATOR)
def post_moderate(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    moderator = signed_in_user(request)
    post = get_object_or_404(Post.objects.select_related("thread", "author"), pk=pk)
    excerpt = render_post(post.body, {})
    if action == "masquer":
        return _moderation_form(
            request,
            title=_("Masquer un message"),
            lead=_(
                "Le message de %(name)s ne sera plus visible que de son auteur et de l’équipe d’animation. "
                "Son auteur est prévenu, avec le motif."
            )
            % {"name": post.author.display_name},
            button=_("Masquer le message"),
            act=lambda reason: services.post_hide(moderator=moderator, post=post, reason=reason),
            done=_("Le message est masqué."),
            next_url=post.get_absolute_url(),
            excerpt=excerpt,
            danger=True,
        )
    if action == "retablir":
        return _moderation_form(
            request,
            title=_("Rétablir un message"),
            lead=_("Le message de %(name)s redeviendra visible de tous les membres.")
            % {"name": post.author.display_name},
            button=_("Rétablir le message"),
            act=lambda reason: services.post_unhide(moderator=moderator, post=post, reason=reason),
            done=_("Le message est rétabli."),
            next_url=post.get_absolute_url(),
            excerpt=excerpt,
        )
    raise Http404


@role_required(Role.FACILITATOR)
def thread_moderate(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    moderator = signed_in_user(request)
    thread = get_object_or_404(Thread, pk=pk)
    if action not in {"verrouiller", "deverrouiller"}:
        raise Http404
    locked = action == "verrouiller"
    return _moderation_form(
        request,
        title=_("Verrouiller une discussion") if locked else _("Déverrouiller une discussion"),
        lead=(
            _("Plus personne, sauf l’équipe d’animation, ne pourra répondre dans « %(title)s ».")
            if locked
            else _("Les membres pourront de nouveau répondre dans « %(title)s ».")
        )
        % {"title": thread.title},
        button=_("Verrouiller la discussion") if locked else _("Déverrouiller la discussion"),
        act=lambda reason: services.thread_set_locked(moderator=moderator, thread=thread, locked=locked, reason=reason),
        done=_("La discussion est verrouillée.") if locked else _("La discussion est déverrouillée."),
        next_url=thread.get_absolute_url(),
        danger=locked,
    )


@role_required(Role.FACILITATOR)
def member_moderate(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    moderator = signed_in_user(request)
    member = get_object_or_404(User, pk=pk, is_active=True)
    if action == "exclure":
        return _moderation_form(
            request,
            title=_("Exclure un membre des discussions"),
            lead=_(
                "%(name)s pourra toujours lire les discussions, mais plus y écrire ni y répondre. "
                "La personne est prévenue, avec le motif."
            )
            % {"name": member.display_name},
            button=_("Exclure des discussions"),
            act=lambda reason: services.member_ban(moderator=moderator, member=member, reason=reason),
            done=_("%(name)s est exclu des discussions.") % {"name": member.display_name},
            next_url=reverse("network:moderation"),
            danger=True,
        )
    if action == "reintegrer":
        return _moderation_form(
            request,
            title=_("Lever une exclusion"),
            lead=_("%(name)s pourra de nouveau écrire dans les discussions.") % {"name": member.display_name},
            button=_("Lever l’exclusion"),
            act=lambda reason: services.member_unban(moderator=moderator, member=member, reason=reason),
            done=_("%(name)s peut de nouveau écrire dans les discussions.") % {"name": member.display_name},
            next_url=reverse("network:moderation"),
        )
    raise Http404


@role_required(Role.FACILITATOR)
def report_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = signed_in_user(request)
    report = get_object_or_404(Report.objects.select_related("post__author", "post__thread"), pk=pk)
    return _moderation_form(
        request,
        title=_("Classer un signalement sans suite"),
        lead=_("Le message reste visible\u00a0; les signalements ouverts sur ce message sont classés."),
        button=_("Classer sans suite"),
        act=lambda reason: services.report_dismiss(moderator=moderator, report=report, reason=reason),
        done=_("Le signalement est classé sans suite."),
        next_url=reverse("network:moderation"),
        excerpt=render_post(report.post.body, {}),
    )
