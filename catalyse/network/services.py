"""Writes of the network: private messages, discussions, reports and moderation. One place each,
in a transaction; notifications (and their emails) leave when it commits."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from catalyse.accounts.models import Profile, User
from catalyse.accounts.roles import GROUP_NAMES, Role
from catalyse.network.members import member_for
from catalyse.network.mentions import mentioned_handles
from catalyse.network.models import (
    MESSAGE_MAX_LENGTH,
    POST_MAX_LENGTH,
    REASON_MAX_LENGTH,
    THREAD_TITLE_MAX_LENGTH,
    Conversation,
    DiscussionBan,
    Message,
    ModerationAction,
    ModerationLog,
    NetworkMember,
    NotificationKind,
    Participant,
    Post,
    Report,
    ReportReason,
    Thread,
    ThreadFollow,
    Topic,
)
from catalyse.network.notifications import notification_create, notifications_create, notifications_mark_read_for
from catalyse.network.permissions import can_reply, forget_ban, is_banned, is_moderator
from catalyse.network.spaces import space_can_read
from catalyse.network.text import one_line

MESSAGE_RATE_LIMIT = 10
MESSAGE_RATE_WINDOW = timedelta(hours=1)
TITLE_MIN_LENGTH = 5


def _clean_text(text: str, *, field: str, max_length: int, empty_message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: empty_message})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("Votre texte fait %(count)d caractères : raccourcissez-le à %(max)d au plus.")
                % {"count": len(text), "max": max_length}
            }
        )
    return text


# ----------------------------------------------------------- private messages


def message_rate_check(*, sender: User, now: Any = None) -> None:
    """At most MESSAGE_RATE_LIMIT messages per hour per sender, counted in the database (every process agrees)."""
    now = now or timezone.now()
    recent = list(
        Message.objects.filter(sender=sender, created_at__gt=now - MESSAGE_RATE_WINDOW)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:MESSAGE_RATE_LIMIT]
    )
    if len(recent) >= MESSAGE_RATE_LIMIT:
        next_at = timezone.localtime(recent[-1] + MESSAGE_RATE_WINDOW)
        raise ValidationError(
            _(
                "Vous avez envoyé %(limit)d messages en moins d’une heure : c’est le maximum. "
                "Vous pourrez écrire de nouveau à partir de %(time)s."
            )
            % {"limit": MESSAGE_RATE_LIMIT, "time": f"{next_at:%H}\u00a0h\u00a0{next_at:%M}"},
            code="rate_limited",
        )


def can_contact(*, sender: Any, recipient: User) -> bool:
    """Anyone signed in may write to a person of the directory, or to someone they already talk with."""
    if not getattr(sender, "is_authenticated", False) or sender.pk == recipient.pk:
        return False
    if not recipient.is_active or recipient.erased_at is not None:
        return False
    if Profile.objects.in_directory().filter(user=recipient).exists():
        return True
    return Conversation.objects.filter(key=Conversation.key_for(sender, recipient)).exists()


def _conversation_between(first: User, second: User) -> Conversation:
    key = Conversation.key_for(first, second)
    conversation = Conversation.objects.filter(key=key).first()
    if conversation is None:
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(key=key)
                Participant.objects.bulk_create(
                    [
                        Participant(conversation=conversation, user=first),
                        Participant(conversation=conversation, user=second),
                    ]
                )
        except IntegrityError:
            conversation = Conversation.objects.get(key=key)
    return conversation


@transaction.atomic
def message_send(*, sender: User, recipient: User, body: str) -> Message:
    """Write to a person through the platform: their address is never shown. Rate-limited."""
    if sender.pk == recipient.pk:
        raise ValidationError(_("Vous ne pouvez pas vous écrire à vous-même."), code="self")
    if not can_contact(sender=sender, recipient=recipient):
        raise ValidationError(
            _("Cette personne ne reçoit pas de messages : elle n’est pas (ou plus) dans l’annuaire du réseau."),
            code="unreachable",
        )
    body = _clean_text(
        body, field="body", max_length=MESSAGE_MAX_LENGTH, empty_message=_("Écrivez votre message avant de l’envoyer.")
    )
    message_rate_check(sender=sender)
    conversation = _conversation_between(sender, recipient)
    now = timezone.now()
    message = Message.objects.create(conversation=conversation, sender=sender, body=body, created_at=now)
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    Participant.objects.filter(conversation=conversation, user=sender).update(last_read_at=now)
    notification_create(
        recipient=recipient,
        kind=NotificationKind.MESSAGE,
        actor=sender,
        conversation=conversation,
        text=_("%(name)s vous a écrit") % {"name": sender.display_name},
        excerpt=body,
        url=conversation.get_absolute_url(),
    )
    return message


@transaction.atomic
def conversation_mark_read(*, conversation: Conversation, user: User) -> None:
    Participant.objects.filter(conversation=conversation, user=user).update(last_read_at=timezone.now())
    notifications_mark_read_for(user=user, conversation=conversation)


# ---------------------------------------------------------------- discussions


def _ensure_can_write(user: User) -> None:
    if is_banned(user):
        raise PermissionDenied(
            _("L’équipe d’animation vous a exclu des discussions : vous pouvez les lire, mais plus y écrire.")
        )


def _resolve_mentions(body: str, *, author: User, space: str | None = None) -> list[User]:
    """The people mentioned; in a private space, only those who may read it (the others are not told)."""
    handles = mentioned_handles(body)
    if not handles:
        return []
    members = NetworkMember.objects.filter(
        handle__in=handles, user__is_active=True, user__erased_at__isnull=True
    ).select_related("user")
    people = [member.user for member in members if member.user_id != author.pk]
    return [person for person in people if _may_read(person, space)]


def _may_read(user: User, space: str | None) -> bool:
    return not space or space_can_read(user, space) or is_moderator(user)


def _notify_mentions(*, post: Post, people: list[User]) -> set[int]:
    for person in people:
        notification_create(
            recipient=person,
            kind=NotificationKind.MENTION,
            actor=post.author,
            thread=post.thread,
            post=post,
            text=_("%(name)s vous a mentionné dans « %(title)s »")
            % {"name": post.author.display_name, "title": post.thread.title},
            excerpt=post.body,
            url=post.get_absolute_url(),
        )
    return {person.pk for person in people}


def _follow(thread: Thread, user: User) -> None:
    ThreadFollow.objects.get_or_create(thread=thread, user=user)


@transaction.atomic
def thread_create(*, author: User, topic: Topic, title: str, body: str, space: str | None = None) -> Thread:
    """Open a discussion: its first message, followed by its author; people mentioned are told.
    `space` scopes it to a private space (see spaces.py): out of the network's lists, open to that space only."""
    _ensure_can_write(author)
    if not _may_read(author, space):
        raise PermissionDenied(_("Cet espace de discussion est réservé à ses membres."))
    title = one_line(title)
    errors: dict[str, Any] = {}
    if len(title) < TITLE_MIN_LENGTH:
        errors["title"] = _("Donnez un titre d’au moins %(min)d caractères qui dit de quoi vous voulez parler.") % {
            "min": TITLE_MIN_LENGTH
        }
    elif len(title) > THREAD_TITLE_MAX_LENGTH:
        errors["title"] = _("Raccourcissez le titre à %(max)d caractères au plus.") % {"max": THREAD_TITLE_MAX_LENGTH}
    try:
        body = _clean_text(
            body,
            field="body",
            max_length=POST_MAX_LENGTH,
            empty_message=_("Écrivez le premier message de la discussion."),
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    member_for(author)
    now = timezone.now()
    thread = Thread.objects.create(
        topic=topic, title=title, author=author, created_at=now, last_post_at=now, post_count=1, space=space or None
    )
    post = Post.objects.create(thread=thread, author=author, body=body, is_opening=True, created_at=now)
    mentioned = _resolve_mentions(body, author=author, space=thread.space)
    post.mentions.set(mentioned)
    _follow(thread, author)
    _notify_mentions(post=post, people=mentioned)
    return thread


@transaction.atomic
def post_create(*, author: User, thread: Thread, body: str) -> Post:
    """Reply in a discussion: its followers are told, people mentioned get a mention instead; the author follows it."""
    _ensure_can_write(author)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if not _may_read(author, thread.space):
        raise PermissionDenied(_("Cet espace de discussion est réservé à ses membres."))
    if not can_reply(author, thread):
        raise PermissionDenied(_("Cette discussion est verrouillée : on ne peut plus y répondre."))
    body = _clean_text(
        body, field="body", max_length=POST_MAX_LENGTH, empty_message=_("Écrivez votre réponse avant de la publier.")
    )
    member_for(author)
    now = timezone.now()
    post = Post.objects.create(thread=thread, author=author, body=body, created_at=now)
    Thread.objects.filter(pk=thread.pk).update(last_post_at=now, post_count=F("post_count") + 1)
    mentioned = _resolve_mentions(body, author=author, space=thread.space)
    post.mentions.set(mentioned)
    told = _notify_mentions(post=post, people=mentioned)
    _follow(thread, author)
    followers = (
        User.objects.filter(network_follows__thread=thread, is_active=True, erased_at__isnull=True)
        .exclude(pk=author.pk)
        .exclude(pk__in=told)
    )
    notifications_create(
        recipients=[person for person in followers if _may_read(person, thread.space)],
        kind=NotificationKind.REPLY,
        actor=author,
        thread=thread,
        post=post,
        text=_("%(name)s a répondu dans « %(title)s »") % {"name": author.display_name, "title": thread.title},
        excerpt=body,
        url=post.get_absolute_url(),
    )
    return post


@transaction.atomic
def thread_follow(*, user: User, thread: Thread) -> None:
    _follow(thread, user)


@transaction.atomic
def thread_unfollow(*, user: User, thread: Thread) -> None:
    ThreadFollow.objects.filter(thread=thread, user=user).delete()


@transaction.atomic
def thread_mark_read(*, thread: Thread, user: User) -> None:
    notifications_mark_read_for(user=user, thread=thread)


# ------------------------------------------------------------------- reports


def _moderators() -> list[User]:
    """The facilitators; the administrators when the programme has none yet."""
    people = list(User.objects.filter(groups__name=GROUP_NAMES[Role.FACILITATOR], is_active=True).distinct())
    if not people:
        people = list(User.objects.filter(groups__name=GROUP_NAMES[Role.ADMINISTRATOR], is_active=True).distinct())
    return people


@transaction.atomic
def post_report(*, reporter: User, post: Post, reason: str, comment: str = "") -> tuple[Report, bool]:
    """Report a message to the facilitators; (report, created). Reporting twice changes nothing."""
    if post.author_id == reporter.pk:
        raise ValidationError(_("C’est votre propre message : modifiez-le ou demandez à l’animation de le retirer."))
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choisissez la raison du signalement dans la liste.")})
    comment = one_line(comment)
    if len(comment) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"comment": _("Raccourcissez vos précisions à %(max)d caractères au plus.") % {"max": REASON_MAX_LENGTH}}
        )
    existing = Report.objects.filter(post=post, reporter=reporter).first()
    if existing is not None:
        return existing, False
    report = Report.objects.create(post=post, reporter=reporter, reason=reason, comment=comment)
    notifications_create(
        recipients=_moderators(),
        kind=NotificationKind.REPORT,
        actor=None,
        thread=post.thread,
        post=post,
        text=_("Un message de « %(title)s » a été signalé : %(reason)s")
        % {"title": post.thread.title, "reason": report.get_reason_display()},
        excerpt=comment,
        url=reverse("network:moderation"),
    )
    return report, True


# ---------------------------------------------------------------- moderation


def _require_moderator(user: User) -> None:
    if not is_moderator(user):
        raise PermissionDenied(_("Seule l’équipe d’animation du programme peut modérer les discussions."))


def _reason(reason: str) -> str:
    reason = one_line(reason)
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif : il est consigné dans le journal de modération.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Raccourcissez le motif à %(max)d caractères au plus.") % {"max": REASON_MAX_LENGTH}}
        )
    return reason


def _log(*, actor: User, action: str, target: str, reason: str, **objects: Any) -> ModerationLog:
    return ModerationLog.objects.create(actor=actor, action=action, target=target[:300], reason=reason, **objects)


def _recount(thread: Thread) -> None:
    visible = thread.posts.filter(hidden_at__isnull=True).count()
    Thread.objects.filter(pk=thread.pk).update(post_count=visible)


def _resolve_reports(*, post: Post, moderator: User) -> int:
    return Report.objects.open().filter(post=post).update(resolved_at=timezone.now(), resolved_by=moderator)


@transaction.atomic
def post_hide(*, moderator: User, post: Post, reason: str) -> Post:
    """Hide a message from everyone but its author and the facilitators; hiding the first one hides the thread."""
    _require_moderator(moderator)
    reason = _reason(reason)
    post = Post.objects.select_related("thread", "author").get(pk=post.pk)
    if post.is_hidden:
        return post
    post.hidden_at = timezone.now()
    post.hidden_by = moderator
    post.hidden_reason = reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    thread = post.thread
    if post.is_opening:
        Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
    _recount(thread)
    _resolve_reports(post=post, moderator=moderator)
    _log(
        actor=moderator,
        action=ModerationAction.HIDE_POST,
        target=_("Message de %(name)s dans « %(title)s »") % {"name": post.author.display_name, "title": thread.title},
        reason=reason,
        thread=thread,
        post=post,
        member=post.author,
    )
    notification_create(
        recipient=post.author,
        kind=NotificationKind.MODERATION,
        actor=moderator,
        thread=thread,
        post=post,
        text=_("L’équipe d’animation a masqué votre message dans « %(title)s »") % {"title": thread.title},
        excerpt=_("Motif : %(reason)s") % {"reason": reason},
        url=post.get_absolute_url(),
    )
    return post


@transaction.atomic
def post_unhide(*, moderator: User, post: Post, reason: str) -> Post:
    _require_moderator(moderator)
    reason = _reason(reason)
    post = Post.objects.select_related("thread", "author").get(pk=post.pk)
    if not post.is_hidden:
        return post
    post.hidden_at = None
    post.hidden_by = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    if post.is_opening:
        Thread.objects.filter(pk=post.thread_id).update(is_hidden=False)
    _recount(post.thread)
    _log(
        actor=moderator,
        action=ModerationAction.UNHIDE_POST,
        target=_("Message de %(name)s dans « %(title)s »")
        % {"name": post.author.display_name, "title": post.thread.title},
        reason=reason,
        thread=post.thread,
        post=post,
        member=post.author,
    )
    return post


@transaction.atomic
def thread_set_locked(*, moderator: User, thread: Thread, locked: bool, reason: str) -> Thread:
    _require_moderator(moderator)
    reason = _reason(reason)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.is_locked == locked:
        return thread
    thread.is_locked = locked
    thread.save(update_fields=["is_locked"])
    _log(
        actor=moderator,
        action=ModerationAction.LOCK_THREAD if locked else ModerationAction.UNLOCK_THREAD,
        target=_("Discussion « %(title)s »") % {"title": thread.title},
        reason=reason,
        thread=thread,
    )
    return thread


@transaction.atomic
def member_ban(*, moderator: User, member: User, reason: str) -> DiscussionBan:
    """Exclude a person from writing in the discussions (they can still read them)."""
    _require_moderator(moderator)
    reason = _reason(reason)
    if member.pk == moderator.pk:
        raise ValidationError(_("Vous ne pouvez pas vous exclure vous-même."))
    if is_moderator(member):
        raise ValidationError(_("Un membre de l’équipe d’animation ne peut pas être exclu des discussions."))
    ban, created = DiscussionBan.objects.get_or_create(user=member, defaults={"banned_by": moderator, "reason": reason})
    forget_ban(member)
    if not created:
        return ban
    _log(
        actor=moderator,
        action=ModerationAction.BAN_MEMBER,
        target=member.display_name,
        reason=reason,
        member=member,
    )
    notification_create(
        recipient=member,
        kind=NotificationKind.MODERATION,
        actor=moderator,
        text=_("L’équipe d’animation vous a exclu des discussions du réseau"),
        excerpt=_("Motif : %(reason)s") % {"reason": reason},
        url=reverse("network:discussions"),
    )
    return ban


@transaction.atomic
def member_unban(*, moderator: User, member: User, reason: str) -> None:
    _require_moderator(moderator)
    reason = _reason(reason)
    deleted, _rows = DiscussionBan.objects.filter(user=member).delete()
    forget_ban(member)
    if not deleted:
        return
    _log(
        actor=moderator,
        action=ModerationAction.UNBAN_MEMBER,
        target=member.display_name,
        reason=reason,
        member=member,
    )
    notification_create(
        recipient=member,
        kind=NotificationKind.MODERATION,
        actor=moderator,
        text=_("Vous pouvez de nouveau écrire dans les discussions du réseau"),
        url=reverse("network:discussions"),
    )


@transaction.atomic
def report_dismiss(*, moderator: User, report: Report, reason: str) -> int:
    """Close the reports of a message without hiding it; returns how many were closed."""
    _require_moderator(moderator)
    reason = _reason(reason)
    post = Post.objects.select_related("thread", "author").get(pk=report.post_id)
    closed = _resolve_reports(post=post, moderator=moderator)
    if closed:
        _log(
            actor=moderator,
            action=ModerationAction.DISMISS_REPORT,
            target=_("Message de %(name)s dans « %(title)s »")
            % {"name": post.author.display_name, "title": post.thread.title},
            reason=reason,
            thread=post.thread,
            post=post,
            member=post.author,
            report=report,
        )
    return closed
