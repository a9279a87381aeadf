from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.module_loading import import_string
from django.views.i18n import JavaScriptCatalog

from catalyse import views
from catalyse.api import api

# Sitemaps are named by dotted path, as the API's routers are: the core imports no domain app.
SITEMAPS = {
    "ressources": "catalyse.resources.sitemaps.ResourceSitemap",
    "parcours-de-lecture": "catalyse.resources.sitemaps.CollectionSitemap",
}

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("comptes/", include("allauth.urls")),
    path("", include("catalyse.accounts.urls")),
    path("territoires/", include("catalyse.territories.urls")),
    path("ressources/", include("catalyse.resources.urls")),
    path("formations/", include("catalyse.cohorts.urls")),
    path("formations/", include("catalyse.learning.urls")),
    path("reseau/", include("catalyse.network.urls")),
    path("evenements/", include("catalyse.events.urls")),
    path("parcours/", include("catalyse.codevelopment.urls")),
    path("parcours/", include("catalyse.logbooks.urls")),
    path("parcours/", include("catalyse.journeys.urls")),
    path("observatoire/autodiagnostic/", include("catalyse.diagnostics.urls")),
    path("observatoire/", include("catalyse.partnerships.urls_observatory")),
    path("partenariats/besoins-et-offres/", include("catalyse.matching.urls")),
    path("partenariats/", include("catalyse.partnerships.urls")),
    path("recherche/", include("catalyse.search.urls")),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {key: import_string(dotted) for key, dotted in SITEMAPS.items()}},
        name="sitemap",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "catalyse.views.bad_request"
handler403 = "catalyse.views.permission_denied"
handler404 = "catalyse.views.page_not_found"
handler500 = "catalyse.views.server_error"
