"""Formations: /formations/ (the cohorts app, included before, owns /formations/cohortes/)."""

from django.urls import path

from catalyse.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("carnet/", views.notebook, name="notebook"),
    path("<slug:slug>/", views.course_detail, name="course-detail"),
    path("<slug:slug>/progression/", views.course_progress, name="course-progress"),
    path("<slug:slug>/sessions/<int:number>/", views.session_detail, name="session-detail"),
    path(
        "<slug:slug>/sessions/<int:number>/sequences/<int:pk>/terminer/",
        views.segment_complete,
        name="segment-complete",
    ),
    path("<slug:slug>/sessions/<int:number>/sequences/<int:pk>/quiz/", views.quiz_submit, name="quiz-submit"),
    path(
        "<slug:slug>/sessions/<int:number>/sequences/<int:pk>/activite/",
        views.activity_save,
        name="activity-save",
    ),
]
