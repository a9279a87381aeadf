"""Besoins et offres: /partenariats/besoins-et-offres/…"""

from django.urls import path

from catalyse.matching import views

app_name = "matching"

urlpatterns = [
    path("", views.listing_list, name="listing-list"),
    path("publier/", views.listing_create, name="listing-create"),
    path("<int:pk>/", views.listing_detail, name="listing-detail"),
    path("<int:pk>/modifier/", views.listing_edit, name="listing-edit"),
    path("<int:pk>/fermer/", views.listing_close, name="listing-close"),
    path("<int:pk>/contacter/", views.listing_contact, name="listing-contact"),
    path("organisation/<slug:slug>/", views.organisation_listings, name="organisation-listings"),
]
