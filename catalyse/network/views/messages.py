"""Private messages: write to a member from their profile, the inbox, a conversation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from catalyse.accounts.models import Profile, User
from catalyse.lib.forms import add_service_errors
from catalyse.lib.htmx import render_page
from catalyse.network import services
from catalyse.network.forms import MessageForm
from catalyse.network.models import Conversation, Message, Participant
from catalyse.network.views.common import network_crumb, paginate, signed_in_user

INBOX_PAGE_SIZE = 30
MESSAGES_SHOWN = 200


def _recipient(user_id: int) -> tuple[User, Profile | None]:
    person = get_object_or_404(User.objects.filter(is_active=True, erased_at__isnull=True), pk=user_id)
    profile = Profile.objects.select_related("territory").filter(user=person).first()
    return person, profile


@login_required
def message_new(request: HttpRequest, user_id: int) -> HttpResponse:
    """Write to a member of the directory (or to someone you already talk with)."""
    sender = signed_in_user(request)
    recipient, profile = _recipient(user_id)
    if recipient.pk == sender.pk or not services.can_contact(sender=sender, recipient=recipient):
        raise Http404
    existing = Conversation.objects.filter(key=Conversation.key_for(sender, recipient)).first()
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_send(sender=sender, recipient=recipient, body=form.cleaned_data["body"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Votre message est envoyé à %(name)s\u00a0: sa réponse arrivera dans vos messages.")
                    % {"name": recipient.display_name},
                )
                conversation = Conversation.objects.get(key=Conversation.key_for(sender, recipient))
                return redirect(conversation)
        status = 400
    context = {
        "form": form,
        "recipient": recipient,
        "profile": profile,
        "conversation": existing,
        "breadcrumb": [network_crumb(), (_("Messages"), reverse("network:inbox")), (_("Écrire"), "")],
    }
    return render_page(request, "network/message_new.html", context, status=status)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The person's conversations, the latest first, with the last message and what is unread."""
    user = signed_in_user(request)
    last = Message.objects.filter(conversation=OuterRef("conversation")).order_by("-created_at", "-pk")
    participations = (
        Participant.objects.filter(user=user)
        .select_related("conversation")
        .annotate(last_body=Subquery(last.values("body")[:1]), last_sender=Subquery(last.values("sender_id")[:1]))
        .prefetch_related(
            Prefetch(
                "conversation__participants",
                queryset=Participant.objects.exclude(user=user).select_related("user__profile"),
                to_attr="others",
            )
        )
        .order_by("-conversation__last_message_at", "-pk")
    )
    page = paginate(request, participations, INBOX_PAGE_SIZE)
    context = {"page": page, "breadcrumb": [network_crumb(), (_("Messages"), "")]}
    return render_page(request, "network/inbox.html", context)


def get_conversation_for_user(request: HttpRequest, pk: int) -> tuple[Conversation, User | None]:
    """The conversation if this person takes part in it (404 otherwise), and the other person."""
    user = signed_in_user(request)
    conversation = get_object_or_404(Conversation, pk=pk)
    participants = list(conversation.participants.select_related("user"))
    if user.pk not in {p.user_id for p in participants}:
        raise Http404
    others = [p.user for p in participants if p.user_id != user.pk]
    return conversation, (others[0] if others else None)


@login_required
def conversation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    conversation, other = get_conversation_for_user(request, pk)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if other is None:
            raise Http404
        if form.is_valid():
            try:
                services.message_send(sender=user, recipient=other, body=form.cleaned_data["body"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if request.htmx:  # type: ignore[attr-defined]
                    form = MessageForm()
                else:
                    messages.success(request, _("Votre message est envoyé."))
                    return redirect(f"{conversation.get_absolute_url()}#dernier-message")
        if form.errors:
            status = 400
    services.conversation_mark_read(conversation=conversation, user=user)
    total = conversation.messages.count()
    shown = list(conversation.messages.select_related("sender").order_by("-created_at", "-pk")[:MESSAGES_SHOWN])[::-1]
    context = {
        "conversation": conversation,
        "other": other,
        "other_profile": Profile.objects.in_directory().filter(user=other).first() if other else None,
        "messages_shown": shown,
        "older_count": max(0, total - len(shown)),
        "form": form,
        "can_reply": other is not None and services.can_contact(sender=user, recipient=other),
        "breadcrumb": [
            network_crumb(),
            (_("Messages"), reverse("network:inbox")),
            (other.display_name if other else _("Conversation"), ""),
        ],
    }
    return render_page(request, "network/conversation_detail.html", context, partial="conversation", status=status)
