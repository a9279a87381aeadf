from django.contrib import admin

from catalyse.journeys.models import ActionItem, CommonMessage, Deliverable, Journey, Note, PilotTeam, Step, TeamMember


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    fields = ("kind", "title", "starts_at", "ends_at", "due_on", "requires_deliverable")


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    raw_id_fields = ("user",)
    fields = ("user", "world", "role_label")


@admin.register(Journey)
class JourneyAdmin(admin.ModelAdmin):
    list_display = ("title", "starts_on", "ends_on")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("facilitators",)
    inlines = [StepInline]


@admin.register(PilotTeam)
class PilotTeamAdmin(admin.ModelAdmin):
    list_display = ("name", "journey", "territory")
    list_filter = ("journey",)
    search_fields = ("name", "territory__name")
    raw_id_fields = ("territory",)
    inlines = [TeamMemberInline]


@admin.register(Deliverable)
class DeliverableAdmin(admin.ModelAdmin):
    list_display = ("step", "team", "submitted_by", "submitted_at")
    list_filter = ("team__journey",)
    raw_id_fields = ("step", "team", "submitted_by")


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ("what", "team", "who", "due_on", "done")
    list_filter = ("done", "team__journey")
    raw_id_fields = ("team", "created_by")


admin.site.register(Note)
admin.site.register(CommonMessage)
