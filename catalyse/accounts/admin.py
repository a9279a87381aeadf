"""Administrators manage people, their roles (groups) and organisations here."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.models import ConsentRecord, Membership, Organisation, Profile, Skill, User
from catalyse.accounts.roles import user_sync_staff


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ["world", "territory", "bio", "themes", "skills", "directory_consent", "directory_consent_at"]
    readonly_fields = ["directory_consent", "directory_consent_at"]
    raw_id_fields = ["territory"]
    filter_horizontal = ["skills"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user", "organisation"]
    fields = ["user", "organisation", "role", "status", "title", "created_at", "decided_at"]
    readonly_fields = ["created_at", "decided_at"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff", "date_joined", "erased_at"]
    list_filter = ["is_active", "is_staff", "is_superuser", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["last_login", "date_joined", "erased_at"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Identité"), {"fields": ("first_name", "last_name")}),
        (
            _("Rôles et droits"),
            {
                "fields": ("is_active", "groups", "is_staff", "is_superuser", "user_permissions"),
                "description": _(
                    "Les rôles de la plateforme sont les groupes. Le rôle « Administrateurs » donne "
                    "accès à cette administration."
                ),
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined", "erased_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = [ProfileInline, MembershipInline]

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        # The profile is created with the account (signals.py): edit it once the account exists.
        return self.inlines if obj is not None else []

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # Administrators assign roles; only superusers grant raw permissions or superuser status.
        return [
            (
                name,
                {**options, "fields": [f for f in options["fields"] if f not in {"is_superuser", "user_permissions"}]},
            )
            for name, options in fieldsets
        ]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        user_sync_staff(user=form.instance)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "org_type", "siren", "rna", "territory", "created_at"]
    list_filter = ["org_type", "size"]
    search_fields = ["name", "siren", "rna"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["territory"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "status", "created_at"]
    list_filter = ["role", "status"]
    search_fields = ["user__email", "user__last_name", "organisation__name"]
    raw_id_fields = ["user", "organisation"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "key"]
    search_fields = ["name", "key"]


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    """The history of consents is evidence: it can be read, never rewritten."""

    list_display = ["user", "purpose", "granted", "text_version", "created_at"]
    list_filter = ["purpose", "granted", "text_version"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
