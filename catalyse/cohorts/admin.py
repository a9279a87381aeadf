"""Cohorts in the admin: the programme's facilitators create them here with their schedule; the site runs them.
The session's discussion is opened by the site the first time someone comes to it."""

from django.contrib import admin

from catalyse.cohorts.models import Cohort, CohortSession, DeclaredSession, Enrolment, Invitation


class CohortSessionInline(admin.TabularInline):
    model = CohortSession
    extra = 0
    fields = ("session", "opens_on", "meeting_starts_at", "meeting_ends_at", "meeting_url")
    raw_id_fields = ("session",)


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "starts_on", "status", "enrolment_mode", "capacity")
    list_filter = ("status", "enrolment_mode", "course")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ("facilitators",)
    date_hierarchy = "starts_on"
    inlines = [CohortSessionInline]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("user", "cohort", "status", "created_at", "decided_at")
    list_filter = ("status", "cohort")
    search_fields = ("user__email", "user__last_name", "cohort__title")
    raw_id_fields = ("user", "cohort", "decided_by")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "cohort", "created_at", "accepted_at")
    search_fields = ("email", "cohort__title")
    raw_id_fields = ("cohort", "invited_by")
    readonly_fields = ("token",)


@admin.register(DeclaredSession)
class DeclaredSessionAdmin(admin.ModelAdmin):
    list_display = ("user", "cohort", "session", "declared_at")
    raw_id_fields = ("user", "cohort", "session")
