from django.urls import path

from catalyse.codevelopment import views

app_name = "codevelopment"

urlpatterns = [
    path("<slug:journey_slug>/codev/", views.session_list, name="list"),
    path("<slug:journey_slug>/codev/nouvelle/", views.session_new, name="new"),
    path("<slug:journey_slug>/codev/<int:pk>/", views.session_room, name="room"),
    path("<slug:journey_slug>/codev/<int:pk>/etat/", views.session_state, name="state"),
    path("<slug:journey_slug>/codev/<int:pk>/avancer/", views.session_advance, name="advance"),
    path("<slug:journey_slug>/codev/<int:pk>/contribuer/", views.contribution_add, name="contribute"),
    path("<slug:journey_slug>/codev/<int:pk>/actions/", views.action_add, name="action-add"),
    path("<slug:journey_slug>/codev/<int:pk>/evaluation/", views.participant_rate, name="rate"),
    path("<slug:journey_slug>/codev/<int:pk>/partage/", views.consent_set, name="consent"),
    path("<slug:journey_slug>/codev/<int:pk>/annuler/", views.session_cancel, name="cancel"),
    path("<slug:journey_slug>/codev/<int:pk>/compte-rendu/", views.session_record, name="record"),
]
