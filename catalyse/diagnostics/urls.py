from django.urls import path

from catalyse.diagnostics import views

app_name = "diagnostics"

urlpatterns = [
    path("", views.answer, name="answer"),
    path("questions/", views.questions_edit, name="questions-edit"),
    path("<str:level>/<str:code>/", views.results, name="results"),
]
