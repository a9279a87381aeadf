from django.urls import path

from catalyse.partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("", views.partnership_list, name="partnership-list"),
    path("declarer/", views.partnership_create, name="partnership-create"),
    path("<int:pk>/", views.partnership_detail, name="partnership-detail"),
    path("<int:pk>/modifier/", views.partnership_edit, name="partnership-edit"),
    path("<int:pk>/confirmer/", views.partnership_confirm, name="partnership-confirm"),
    path("<int:pk>/archiver/", views.partnership_archive, name="partnership-archive"),
    path("<int:pk>/supprimer/", views.partnership_delete, name="partnership-delete"),
    path("organisations/<slug:slug>/", views.organisation_partnerships, name="organisation-partnerships"),
]
