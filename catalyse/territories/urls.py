from django.urls import path, register_converter

from catalyse.territories import views


class TerritoryCodeConverter:
    """INSEE codes (with Corsica's 2A/2B) and EPCI SIRENs: no hyphen, so the slug can follow."""

    regex = "[0-9AaBb]{2,9}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(TerritoryCodeConverter, "territory_code")

app_name = "territories"
urlpatterns = [
    path("", views.territory_search, name="territory-search"),
    path("<str:level>/<territory_code:code>-<slug:slug>/", views.territory_detail, name="territory-detail"),
    path("<str:level>/<territory_code:code>/", views.territory_detail, name="territory-detail-short"),
]
