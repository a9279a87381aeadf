from django.contrib import admin

from catalyse.logbooks.models import Delivery, LogbookIssue, Subscription


@admin.register(LogbookIssue)
class LogbookIssueAdmin(admin.ModelAdmin[LogbookIssue]):
    list_display = ["title", "journey", "month", "status", "published_at"]
    list_filter = ["status", "journey"]
    search_fields = ["title", "journey__title"]
    raw_id_fields = ["journey", "published_by", "updated_by"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin[Subscription]):
    list_display = ["user", "journey", "source", "subscribed_at", "unsubscribed_at"]
    list_filter = ["source", "journey"]
    raw_id_fields = ["journey", "user"]
    exclude = ["token"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin[Delivery]):
    list_display = ["issue", "email", "sent_at"]
    raw_id_fields = ["issue", "user"]
