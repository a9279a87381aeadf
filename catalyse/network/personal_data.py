"""What the network holds about a person, for their GDPR download, and what it forgets when they leave.

On erasure: private messages go (whole conversations: what was written to the person is about them too),
so do notifications, follows, reports and the network row (handle, preferences); discussion messages stay
so that threads keep their sense, signed by a deleted account, with the mentions of the person removed."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from catalyse.network.models import (
    Conversation,
    Digest,
    DiscussionBan,
    Message,
    ModerationLog,
    NetworkMember,
    Notification,
    Post,
    Report,
    ThreadFollow,
)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def personal_data_export(user: Any) -> dict[str, Any]:
    member = NetworkMember.objects.filter(user=user).first()
    conversations = []
    for conversation in Conversation.objects.of(user).prefetch_related("participants__user").order_by("created_at"):
        others = [p.user.display_name for p in conversation.participants.all() if p.user_id != user.pk]
        conversations.append(
            {
                "avec": others,
                "messages": [
                    {"de_moi": m.sender_id == user.pk, "texte": m.body, "le": _iso(m.created_at)}
                    for m in Message.objects.filter(conversation=conversation).order_by("created_at", "pk")
                ],
            }
        )
    ban = DiscussionBan.objects.filter(user=user).first()
    return {
        "identifiant": member.handle if member else None,
        "courriels_de_notification": member.email_frequency if member else None,
        "conversations": conversations,
        "discussions": [
            {
                "discussion": post.thread.title,
                "texte": post.body,
                "premier_message": post.is_opening,
                "masqué": post.is_hidden,
                "le": _iso(post.created_at),
            }
            for post in Post.objects.filter(author=user).select_related("thread").order_by("created_at", "pk")
        ],
        "discussions_suivies": [
            f.thread.title for f in ThreadFollow.objects.filter(user=user).select_related("thread").order_by("pk")
        ],
        "signalements": [
            {"message": r.post_id, "raison": r.reason, "précisions": r.comment, "le": _iso(r.created_at)}
            for r in Report.objects.filter(reporter=user).order_by("created_at")
        ],
        "exclusion_des_discussions": {"motif": ban.reason, "le": _iso(ban.created_at)} if ban else None,
        "notifications": [
            {"texte": n.text, "lien": n.url, "le": _iso(n.created_at), "lue_le": _iso(n.read_at)}
            for n in Notification.objects.filter(recipient=user).order_by("created_at", "pk")
        ],
    }


def personal_data_erase(user: Any) -> None:
    Conversation.objects.filter(participants__user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    Digest.objects.filter(recipient=user).delete()
    # Others' notifications name the person ("Amandine Moreau a répondu…"): they go too.
    Notification.objects.filter(actor=user).delete()
    ThreadFollow.objects.filter(user=user).delete()
    Report.objects.filter(reporter=user).delete()
    DiscussionBan.objects.filter(user=user).delete()
    Post.mentions.through.objects.filter(user=user).delete()
    NetworkMember.objects.filter(user=user).delete()
    # The moderation log keeps what was done, not who it was done to.
    for entry in ModerationLog.objects.filter(member=user).select_related("thread"):
        if entry.thread is not None:
            entry.target = _("Message d’un compte supprimé dans « %(title)s »") % {"title": entry.thread.title}
        else:
            entry.target = _("Compte supprimé")
        entry.save(update_fields=["target"])
