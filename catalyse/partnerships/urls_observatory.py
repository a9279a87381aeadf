from django.urls import path

from catalyse.partnerships import observatory_views

app_name = "observatory"
urlpatterns = [
    path("", observatory_views.observatory_home, name="home"),
    path("reseau/<str:level>/<str:code>/", observatory_views.observatory_network, name="network"),
    path("donnees/<slug:key>.csv", observatory_views.observatory_csv, name="chart-csv"),
]
