from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from catalyse.territories.models import Territory


def territory_search(request: HttpRequest) -> HttpResponse:
    return render(request, "territories/territory_search.html", {})


def territory_detail(request: HttpRequest, level: str, code: str, slug: str = "") -> HttpResponse:
    territory = get_object_or_404(Territory, level=level, code=code)
    if slug != territory.slug:
        return redirect(territory, permanent=True)
    return render(request, "territories/territory_detail.html", {"territory": territory})
