"""Peer discussions: topics, threads, replies (HTMX or plain forms), following, reporting."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalyse.accounts.models import User
from catalyse.lib.forms import add_service_errors
from catalyse.lib.htmx import render_page
from catalyse.network import services
from catalyse.network.forms import PostForm, ReportForm, ThreadForm
from catalyse.network.mentions import render_post
from catalyse.network.models import NetworkMember, Post, Report, Thread, ThreadFollow, Topic
from catalyse.network.permissions import can_reply, can_write, is_banned, is_moderator
from catalyse.network.spaces import space_can_read
from catalyse.network.views.common import network_crumb, paginate, signed_in_user

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 30


def _discussions_crumb() -> tuple[str, str]:
    return (_("Discussions"), reverse("network:discussions"))


def discussions(request: HttpRequest) -> HttpResponse:
    """The topics with their counts, and the latest threads (titles only for visitors signed out)."""
    visible = Q(threads__is_hidden=False, threads__space__isnull=True)
    topics = Topic.objects.annotate(thread_count=Count("threads", filter=visible)).order_by("position", "title")
    latest = list(
        Thread.objects.visible_to(request.user, moderator=is_moderator(request.user))
        .select_related("topic", "author")
        .order_by("-last_post_at", "-pk")[:10]
    )
    context = {
        "topics": topics,
        "latest": latest,
        "can_write": can_write(request.user),
        "is_banned": is_banned(request.user),
        "breadcrumb": [network_crumb(), (_("Discussions"), "")],
    }
    return render_page(request, "network/discussions.html", context)


@login_required
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    user = signed_in_user(request)
    threads = (
        Thread.objects.visible_to(user, moderator=is_moderator(user))
        .filter(topic=topic)
        .select_related("author")
        .order_by("-last_post_at", "-pk")
    )
    page = paginate(request, threads, THREADS_PER_PAGE)
    context = {
        "topic": topic,
        "page": page,
        "can_write": can_write(user),
        "breadcrumb": [network_crumb(), _discussions_crumb(), (topic.title, "")],
    }
    return render_page(request, "network/topic_detail.html", context)


@login_required
def thread_create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if is_banned(user):
        raise PermissionDenied(_("L’équipe d’animation vous a exclu des discussions : vous ne pouvez plus y écrire."))
    initial: dict[str, Any] = {}
    topic_slug = request.GET.get("theme")
    if topic_slug:
        initial["topic"] = Topic.objects.filter(slug=topic_slug).first()
    form = ThreadForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                thread = services.thread_create(
                    author=user, topic=data["topic"], title=data["title"], body=data["body"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Votre discussion est ouverte\u00a0; vous la suivez."))
                return redirect(thread)
        status = 400
    context = {
        "form": form,
        "breadcrumb": [network_crumb(), _discussions_crumb(), (_("Nouvelle discussion"), "")],
    }
    return render_page(request, "network/thread_form.html", context, status=status)


def get_thread_for_user(request: HttpRequest, pk: int) -> Thread:
    """The thread if this person may read it: members signed in; hidden ones for their author and moderators;
    a private space's ones (a cohort's) for the people its owner lets in, moderators included."""
    thread = get_object_or_404(Thread.objects.select_related("topic", "author"), pk=pk)
    user = request.user
    if thread.space and not (space_can_read(user, thread.space) or is_moderator(user)):
        raise Http404
    if thread.is_hidden and not (is_moderator(user) or thread.author_id == user.pk):
        raise Http404
    return thread


def _posts(thread: Thread, user: Any, moderator: bool) -> Any:
    posts = thread.posts.select_related("author__profile", "author__network_member").prefetch_related(
        Prefetch("mentions", queryset=User.objects.select_related("profile", "network_member"))
    )
    if not moderator:
        posts = posts.filter(Q(hidden_at__isnull=True) | Q(author=user))
    return posts.annotate(
        reported=Exists(Report.objects.filter(post=OuterRef("pk"), reporter=user)),
    ).order_by("created_at", "pk")


def _person_url(person: User) -> str | None:
    """Public profile of a person in the directory, else None (their name is shown without a link)."""
    try:
        profile = person.profile
    except User.profile.RelatedObjectDoesNotExist:
        return None
    if profile.directory_consent and person.is_active and person.erased_at is None:
        return reverse("accounts:member-detail", kwargs={"pk": person.pk})
    return None


def _handle_of(person: User) -> str:
    try:
        return cast(Any, person).network_member.handle  # a reverse one-to-one from this app
    except NetworkMember.DoesNotExist:
        return ""


def _thread_context(
    request: HttpRequest, thread: Thread, *, form: PostForm | None = None, page_number: int | None = None
) -> dict[str, Any]:
    user = signed_in_user(request)
    moderator = is_moderator(user)
    posts = _posts(thread, user, moderator)
    if page_number is None:
        page = paginate(request, posts, POSTS_PER_PAGE)
    else:
        page = Paginator(posts, POSTS_PER_PAGE).get_page(page_number)
    items = []
    for post in page.object_list:
        mentions = {_handle_of(person): _person_url(person) for person in post.mentions.all() if _handle_of(person)}
        items.append(
            {
                "post": post,
                "html": render_post(post.body, mentions),
                "author_url": _person_url(post.author),
                "handle": _handle_of(post.author),
                "is_own": post.author_id == user.pk,
            }
        )
    return {
        "thread": thread,
        "page": page,
        "items": items,
        "form": form or PostForm(),
        "moderator": moderator,
        "can_reply": can_reply(user, thread),
        "is_banned": is_banned(user),
        "following": ThreadFollow.objects.filter(thread=thread, user=user).exists(),
        "breadcrumb": [
            network_crumb(),
            _discussions_crumb(),
            (thread.topic.title, thread.topic.get_absolute_url()),
            (thread.title, ""),
        ],
    }


@login_required
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A thread, page by page, in a constant number of queries; reading it reads its notifications."""
    thread = get_thread_for_user(request, pk)
    services.thread_mark_read(thread=thread, user=signed_in_user(request))
    return render_page(request, "network/thread_detail.html", _thread_context(request, thread))


def _last_page(thread: Thread, user: Any) -> int:
    count = _posts(thread, user, is_moderator(user)).count()
    return max(1, (count + POSTS_PER_PAGE - 1) // POSTS_PER_PAGE)


@login_required
@require_POST
def post_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Reply: HTMX gets the posts and a fresh form (the same partial); without JavaScript, a redirect."""
    user = signed_in_user(request)
    thread = get_thread_for_user(request, pk)
    form = PostForm(request.POST)
    post = None
    if form.is_valid():
        try:
            post = services.post_create(author=user, thread=thread, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("Vous ne pouvez pas répondre dans cette discussion."))
    thread.refresh_from_db()
    last_page = _last_page(thread, user)
    if post is not None and not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("Votre réponse est publiée."))
        return redirect(f"{thread.get_absolute_url()}?page={last_page}#message-{post.pk}")
    context = _thread_context(request, thread, form=None if post is not None else form, page_number=last_page)
    context["just_posted"] = post
    return render_page(
        request, "network/thread_detail.html", context, partial="posts", status=200 if post is not None else 400
    )


@login_required
@require_POST
def thread_follow(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    thread = get_thread_for_user(request, pk)
    if request.POST.get("action") == "ne-plus-suivre":
        services.thread_unfollow(user=user, thread=thread)
        following = False
    else:
        services.thread_follow(user=user, thread=thread)
        following = True
    if not request.htmx:  # type: ignore[attr-defined]
        if following:
            messages.success(request, _("Vous suivez cette discussion\u00a0: vous serez prévenu de chaque réponse."))
        else:
            messages.success(request, _("Vous ne suivez plus cette discussion."))
        return redirect(thread)
    context = {"thread": thread, "following": following, "follow_changed": True}
    return render_page(request, "network/thread_detail.html", context, partial="follow")


def get_post_for_user(request: HttpRequest, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__topic", "author"), pk=pk)
    get_thread_for_user(request, post.thread_id)
    if not post.visible_to(request.user, moderator=is_moderator(request.user)):
        raise Http404
    return post


@login_required
def post_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Report a message to the facilitators: a reason, a few words."""
    user = signed_in_user(request)
    post = get_post_for_user(request, pk)
    if post.author_id == user.pk:
        raise Http404
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _report, created = services.post_report(
                    reporter=user, post=post, reason=form.cleaned_data["reason"], comment=form.cleaned_data["comment"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if created:
                    messages.success(
                        request, _("Merci\u00a0: l’équipe d’animation va examiner ce message et décider de la suite.")
                    )
                else:
                    messages.info(
                        request, _("Vous avez déjà signalé ce message\u00a0: l’équipe d’animation l’examine.")
                    )
                return redirect(post.get_absolute_url())
        status = 400
    context = {
        "form": form,
        "post": post,
        "post_html": render_post(post.body, {}),
        "breadcrumb": [
            network_crumb(),
            _discussions_crumb(),
            (post.thread.title, post.thread.get_absolute_url()),
            (_("Signaler un message"), ""),
        ],
    }
    return render_page(request, "network/report_form.html", context, status=status)
