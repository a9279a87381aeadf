from django.contrib import admin

from catalyse.network.models import (
    Digest,
    DiscussionBan,
    ModerationLog,
    NetworkMember,
    Notification,
    Post,
    Report,
    Thread,
    Topic,
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "position")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ("title", "topic", "author", "post_count", "is_locked", "is_hidden", "last_post_at")
    list_filter = ("topic", "is_locked", "is_hidden")
    search_fields = ("title",)
    raw_id_fields = ("author",)
    # Moderation goes through the site (it is logged): read-only here.
    readonly_fields = ("is_locked", "is_hidden", "post_count", "created_at", "last_post_at")


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("thread", "author", "created_at", "hidden_at")
    raw_id_fields = ("thread", "author", "mentions")
    readonly_fields = ("hidden_at", "hidden_reason", "created_at")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("post", "reporter", "reason", "created_at", "resolved_at")
    list_filter = ("reason",)
    raw_id_fields = ("post", "reporter")


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "action", "target", "reason")
    list_filter = ("action",)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(DiscussionBan)
class DiscussionBanAdmin(admin.ModelAdmin):
    list_display = ("user", "banned_by", "reason", "created_at")
    readonly_fields = ("user", "banned_by", "reason", "created_at")


@admin.register(NetworkMember)
class NetworkMemberAdmin(admin.ModelAdmin):
    list_display = ("user", "handle", "email_frequency", "last_digest_at")
    search_fields = ("handle", "user__email")
    raw_id_fields = ("user",)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "text", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    raw_id_fields = ("recipient", "actor", "thread", "post", "conversation", "digest")


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ("recipient", "frequency", "notification_count", "created_at")
    raw_id_fields = ("recipient",)
