from django.urls import path

from catalyse.network.views import directory, discussions, messages, moderation, notifications

app_name = "network"
urlpatterns = [
    path("", directory.home, name="home"),
    path("annuaire/", directory.directory, name="directory"),
    path("annuaire/carte.csv", directory.directory_map_csv, name="directory-map-csv"),
    path("pairs/", directory.suggestions, name="suggestions"),
    path("messages/", messages.inbox, name="inbox"),
    path("messages/ecrire/<int:user_id>/", messages.message_new, name="message-new"),
    path("messages/<int:pk>/", messages.conversation_detail, name="conversation-detail"),
    path("discussions/", discussions.discussions, name="discussions"),
    path("discussions/nouvelle/", discussions.thread_create, name="thread-create"),
    path("discussions/themes/<slug:slug>/", discussions.topic_detail, name="topic-detail"),
    path("discussions/<int:pk>/", discussions.thread_detail, name="thread-detail"),
    path("discussions/<int:pk>/repondre/", discussions.post_create, name="post-create"),
    path("discussions/<int:pk>/suivre/", discussions.thread_follow, name="thread-follow"),
    path("discussions/messages/<int:pk>/signaler/", discussions.post_report, name="post-report"),
    path("moderation/", moderation.moderation, name="moderation"),
    path("moderation/journal/", moderation.moderation_log, name="moderation-log"),
    path("moderation/messages/<int:pk>/<slug:action>/", moderation.post_moderate, name="post-moderate"),
    path("moderation/discussions/<int:pk>/<slug:action>/", moderation.thread_moderate, name="thread-moderate"),
    path("moderation/membres/<int:pk>/<slug:action>/", moderation.member_moderate, name="member-moderate"),
    path("moderation/signalements/<int:pk>/classer/", moderation.report_dismiss, name="report-dismiss"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/tout-lire/", notifications.notifications_read_all, name="notifications-read-all"),
    path("notifications/preferences/", notifications.preferences, name="notification-preferences"),
    path("notifications/<int:pk>/", notifications.notification_open, name="notification-open"),
]
