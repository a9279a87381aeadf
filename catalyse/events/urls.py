from django.urls import path

from catalyse.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("nouveau/", views.event_create, name="event-create"),
    path("mes-evenements/", views.my_events, name="my-events"),
    path("mes-evenements/agenda/", views.calendar_feed_regenerate, name="calendar-feed-regenerate"),
    path("agenda/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("<slug:slug>/", views.event_detail, name="event-detail"),
    path("<slug:slug>/calendrier.ics", views.event_ics, name="event-ics"),
    path("<slug:slug>/inscription/", views.event_register, name="event-register"),
    path("<slug:slug>/annulation/", views.registration_cancel, name="registration-cancel"),
    path("<slug:slug>/avis/", views.feedback_submit, name="feedback"),
    path("<slug:slug>/attestation.pdf", views.certificate, name="certificate"),
    path("<slug:slug>/modifier/", views.event_edit, name="event-edit"),
    path("<slug:slug>/inscrits/", views.registration_list, name="registration-list"),
    path("<slug:slug>/inscrits.csv", views.registration_export, name="registration-export"),
    path("<slug:slug>/inviter/", views.event_invite, name="event-invite"),
    path("<slug:slug>/presences/", views.event_attendance, name="event-attendance"),
    path("<slug:slug>/compte-rendu/", views.event_report, name="event-report"),
]
