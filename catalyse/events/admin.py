from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from catalyse.events.models import Event, Feedback, Invitation, Question, Registration, ReminderSent, Track
from catalyse.events.services import event_promote_waiting


class TrackInline(admin.TabularInline):
    model = Track
    extra = 0
    fields = ("position", "title", "capacity", "description")


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ("position", "label", "kind", "choices", "required", "help_text")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "starts_at", "format", "registration_mode", "capacity", "status", "territory")
    list_filter = ("status", "kind", "format", "registration_mode")
    search_fields = ("title", "slug", "summary", "theme")
    date_hierarchy = "starts_at"
    raw_id_fields = ("territory", "organisers", "organisation", "resources")
    readonly_fields = ("uid", "sequence", "created_at", "updated_at")
    inlines = [TrackInline, QuestionInline]

    def save_model(self, request: HttpRequest, obj: Event, form: Any, change: bool) -> None:
        obj.set_territory(obj.territory)
        if change and {"starts_at", "ends_at", "venue", "address", "territory", "status"} & set(form.changed_data):
            obj.sequence += 1
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # More places (or a new track): the people waiting who now fit get them.
        event_promote_waiting(event=form.instance)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("event", "user", "status", "track", "created_at", "attended")
    list_filter = ("status", "attended")
    search_fields = ("event__title", "user__email", "user__last_name")
    raw_id_fields = ("event", "user", "track")


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ("registration", "kind", "sent_at")
    raw_id_fields = ("registration",)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("event", "email", "invited_by", "created_at")
    raw_id_fields = ("event", "invited_by")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("event", "user", "rating", "created_at")
    raw_id_fields = ("event", "user")
