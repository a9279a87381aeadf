from django.contrib import admin

from catalyse.resources.models import (
    Collection,
    CollectionItem,
    Feedback,
    Resource,
    ResourceFile,
    ResourceVersion,
)


class ResourceFileInline(admin.TabularInline):
    model = ResourceFile
    extra = 0
    fields = ("title", "original_name", "content_type", "size", "download_count")
    readonly_fields = ("original_name", "content_type", "size", "download_count")


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "published", "territory")
    list_filter = ("status", "kind", "objective", "license")
    search_fields = ("title", "slug", "summary")
    raw_id_fields = ("territory", "authors", "organisations")
    readonly_fields = ("created_at", "updated_at", "submitted_at", "archived_at")
    inlines = [ResourceFileInline]


@admin.register(ResourceVersion)
class ResourceVersionAdmin(admin.ModelAdmin):
    list_display = ("resource", "number", "created_at", "message")
    raw_id_fields = ("resource",)


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    extra = 1
    raw_id_fields = ("resource",)


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ("title", "is_published", "position")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [CollectionItemInline]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("resource", "useful", "created_at")
    list_filter = ("useful",)
    raw_id_fields = ("resource",)
