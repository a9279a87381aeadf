"""Formations: /formations/ (the cohorts app, included before, owns /formations/cohortes/)."""

from django.urls import path

from catalyse.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("carnet/", views.notebook, name="notebook"),
    path("nouvelle/", views.course_edit, name="course-create"),
    path("<slug:slug>/", views.course_detail, name="course-detail"),
    path("<slug:slug>/progression/", views.course_progress, name="course-progress"),
    path("<slug:slug>/modifier/", views.course_edit, name="course-edit"),
    path("<slug:slug>/sessions/nouvelle/", views.session_edit, name="session-create"),
    path("<slug:slug>/sessions/<int:number>/modifier/", views.session_edit, name="session-edit"),
    path("<slug:slug>/sessions/<int:number>/sequences/nouvelle/", views.segment_edit, name="segment-create"),
    path("<slug:slug>/sessions/<int:number>/sequences/<int:pk>/modifier/", views.segment_edit, name="segment-edit"),
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
