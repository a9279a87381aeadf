from django.contrib import admin

from catalyse.matching.models import Contact, Listing


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "direction", "kind", "status", "created_at"]
    list_filter = ["direction", "kind", "status"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["organisation", "territory", "region", "departement", "epci"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["listing", "organisation", "channel", "created_at"]
    raw_id_fields = ["listing", "organisation", "sender"]
