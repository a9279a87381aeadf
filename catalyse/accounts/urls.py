from django.urls import path

from catalyse.accounts import views

app_name = "accounts"
urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("profil/modifier/", views.profile_edit, name="profile-edit"),
    path("profil/donnees/", views.personal_data, name="personal-data"),
    path("profil/donnees/export.json", views.personal_data_export, name="personal-data-export"),
    path("profil/donnees/supprimer/", views.account_delete, name="account-delete"),
    path("membres/<int:pk>/", views.member_detail, name="member-detail"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/nouvelle/", views.organisation_create, name="organisation-create"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<slug:slug>/modifier/", views.organisation_edit, name="organisation-edit"),
    path("organisations/<slug:slug>/rejoindre/", views.organisation_join, name="organisation-join"),
    path(
        "organisations/<slug:slug>/membres/<int:pk>/<slug:action>/",
        views.membership_decide,
        name="membership-decide",
    ),
    path("animation/personnes/", views.people_list, name="people-list"),
]
