from django.urls import path

from catalyse.resources import views
from catalyse.resources.feeds import NewResourcesFeed

app_name = "resources"
urlpatterns = [
    path("", views.kit_home, name="home"),
    path("catalogue/", views.resource_list, name="resource-list"),
    path("proposer/", views.resource_create, name="resource-create"),
    path("relecture/", views.review_queue, name="review-queue"),
    path("mes-ressources/", views.my_resources, name="my-resources"),
    path("collections/", views.collection_list, name="collection-list"),
    path("collections/nouveau/", views.collection_edit, name="collection-create"),
    path("collections/<slug:slug>/", views.collection_detail, name="collection-detail"),
    path("collections/<slug:slug>/modifier/", views.collection_edit, name="collection-edit"),
    path("flux/", NewResourcesFeed(), name="feed"),
    path("flux/<slug:kind>/", NewResourcesFeed(), name="feed-kind"),
    path("<slug:slug>/", views.resource_detail, name="resource-detail"),
    path("<slug:slug>/modifier/", views.resource_edit, name="resource-edit"),
    path("<slug:slug>/proposer/", views.resource_submit, name="resource-submit"),
    path("<slug:slug>/supprimer/", views.resource_delete, name="resource-delete"),
    path("<slug:slug>/relire/", views.resource_review, name="resource-review"),
    path("<slug:slug>/archiver/", views.resource_archive, name="resource-archive"),
    path("<slug:slug>/historique/", views.resource_history, name="resource-history"),
    path("<slug:slug>/historique/<int:number>/", views.version_diff, name="version-diff"),
    path("<slug:slug>/historique/<int:number>/retablir/", views.version_restore, name="version-restore"),
    path("<slug:slug>/fichiers/", views.file_add, name="file-add"),
    path("<slug:slug>/fichiers/<int:pk>/<str:name>", views.file_download, name="file-download"),
    path("<slug:slug>/fichiers/<int:pk>/retirer/", views.file_remove, name="file-remove"),
    path("<slug:slug>/avis/", views.feedback, name="feedback"),
]
