from django.contrib import admin
from django.http import HttpRequest

from catalyse.territories.models import Territory, TerritoryAlias


class ReadOnlyAdmin(admin.ModelAdmin):
    """The reference data comes from `load_territories`: consulted here, never edited by hand."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class TerritoryAliasInline(admin.TabularInline):
    model = TerritoryAlias
    fields = ["name", "code", "kind"]
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Territory)
class TerritoryAdmin(ReadOnlyAdmin):
    list_display = ["name", "level", "code", "kind", "population", "departement"]
    list_filter = ["level", "kind", "zone"]
    list_select_related = ["departement"]
    search_fields = ["name", "code", "postal_codes"]
    inlines = [TerritoryAliasInline]
    show_full_result_count = False
