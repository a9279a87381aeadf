"""Cohorts under /formations/cohortes/ (included before the learning app, which owns the rest of /formations/)."""

from django.urls import path

from catalyse.cohorts import views

app_name = "cohorts"

urlpatterns = [
    path("cohortes/", views.cohort_list, name="cohort-list"),
    path("cohortes/nouvelle/", views.cohort_create, name="cohort-create"),
    path("cohortes/<slug:slug>/", views.cohort_detail, name="cohort-detail"),
    path("cohortes/<slug:slug>/inscription/", views.cohort_enrol, name="cohort-enrol"),
    path("cohortes/<slug:slug>/desinscription/", views.cohort_withdraw, name="cohort-withdraw"),
    path("cohortes/<slug:slug>/invitation/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("cohortes/<slug:slug>/calendrier.ics", views.cohort_calendar, name="cohort-calendar"),
    path("cohortes/<slug:slug>/attestation.pdf", views.certificate, name="certificate"),
    path("cohortes/<slug:slug>/sessions/<int:number>/", views.session_detail, name="session-detail"),
    path("cohortes/<slug:slug>/sessions/<int:number>/discussion/", views.session_post, name="session-post"),
    path("cohortes/<slug:slug>/sessions/<int:number>/suivie/", views.session_declare, name="session-declare"),
    path("cohortes/<slug:slug>/calendrier/", views.cohort_schedule, name="cohort-schedule"),
    path("cohortes/<slug:slug>/publier/", views.cohort_publish, name="cohort-publish"),
    path("cohortes/<slug:slug>/tableau-de-bord/", views.dashboard, name="dashboard"),
    path("cohortes/<slug:slug>/tableau-de-bord.csv", views.dashboard_csv, name="dashboard-csv"),
    path("cohortes/<slug:slug>/tableau-de-bord/inviter/", views.cohort_invite, name="cohort-invite"),
    path("cohortes/<slug:slug>/demandes/<int:pk>/", views.enrolment_decide, name="enrolment-decide"),
]
