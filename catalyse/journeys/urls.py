from django.urls import path

from catalyse.journeys import views

app_name = "journeys"

# Under /parcours/, after codevelopment (<slug>/codev/…) and logbooks (<slug>/carnets/…).
urlpatterns = [
    path("", views.home, name="home"),
    path("nouveau/", views.journey_create, name="create"),
    path("<slug:slug>/", views.journey_detail, name="detail"),
    path("<slug:slug>/modifier/", views.journey_edit, name="edit"),
    path("<slug:slug>/animateurs/", views.facilitator_add, name="facilitator-add"),
    path("<slug:slug>/animateurs/<int:user_id>/retirer/", views.facilitator_remove, name="facilitator-remove"),
    path("<slug:slug>/etapes/nouvelle/", views.step_create, name="step-create"),
    path("<slug:slug>/etapes/<int:step_id>/modifier/", views.step_edit, name="step-edit"),
    path("<slug:slug>/equipes/nouvelle/", views.team_create, name="team-create"),
    path("<slug:slug>/equipes/<int:team_id>/", views.team_workspace, name="team"),
    path("<slug:slug>/equipes/<int:team_id>/modifier/", views.team_edit, name="team-edit"),
    path("<slug:slug>/equipes/<int:team_id>/membres/", views.member_add, name="member-add"),
    path(
        "<slug:slug>/equipes/<int:team_id>/membres/<int:member_id>/retirer/",
        views.member_remove,
        name="member-remove",
    ),
    path(
        "<slug:slug>/equipes/<int:team_id>/etapes/<int:step_id>/livrable/",
        views.deliverable_submit,
        name="deliverable-submit",
    ),
    path(
        "<slug:slug>/equipes/<int:team_id>/livrables/<int:deliverable_id>/fichier/",
        views.deliverable_file,
        name="deliverable-file",
    ),
    path("<slug:slug>/equipes/<int:team_id>/notes/", views.note_add, name="note-add"),
    path("<slug:slug>/equipes/<int:team_id>/plan-d-action/", views.action_add, name="action-add"),
    path(
        "<slug:slug>/equipes/<int:team_id>/plan-d-action/<int:item_id>/",
        views.action_toggle,
        name="action-toggle",
    ),
    path("<slug:slug>/espace-commun/", views.common_space, name="common"),
    path("<slug:slug>/tableau-de-bord/", views.dashboard, name="dashboard"),
]
