"""Pages of the territories: the search (works without JavaScript), and one page per territory."""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from catalyse.lib.registry import registry
from catalyse.territories.forms import TerritorySearchForm
from catalyse.territories.models import Level, Territory
from catalyse.territories.search import territories_search

SEARCH_PAGE_RESULTS = 30
COMMUNES_PER_PAGE = 50


def territory_search(request: HttpRequest) -> HttpResponse:
    form = TerritorySearchForm(request.GET or None)
    query, results = "", None
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        level = form.cleaned_data["level"] or None
        results = territories_search(q=query, level=level, limit=SEARCH_PAGE_RESULTS)
    regions = Territory.objects.filter(level=Level.REGION).order_by("search_name") if results is None else []
    return render(
        request,
        "territories/territory_search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "truncated": results is not None and len(results) == SEARCH_PAGE_RESULTS,
            "regions": regions,
            "breadcrumb": [(_("Territoires"), "")],
        },
    )


def territory_detail(request: HttpRequest, level: str, code: str, slug: str = "") -> HttpResponse:
    if level not in Level.values:
        raise Http404(_("Niveau de territoire inconnu."))
    territory = get_object_or_404(
        Territory.objects.select_related("region", "departement", "epci", "commune", "commune__departement"),
        level=level,
        code=code,
    )
    canonical = territory.get_absolute_url()
    if request.path != canonical:
        query = request.META.get("QUERY_STRING", "")
        return redirect(f"{canonical}?{query}" if query else canonical, permanent=True)

    context: dict[str, Any] = {
        "territory": territory,
        "parents": territory.parents(),
        "breadcrumb": _breadcrumb(territory),
        "aliases": list(territory.aliases.order_by("search_name", "code")) if level == Level.COMMUNE else [],
        "blocks": _blocks(territory, request),
    }
    context.update(_children(territory, request))
    return render(request, "territories/territory_detail.html", context)


def _breadcrumb(territory: Territory) -> list[tuple[str, str]]:
    items = [(_("Territoires"), "/territoires/")]
    items += [(parent.name, parent.get_absolute_url()) for parent in territory.parents()]
    items.append((territory.name, ""))
    return items


def _children(territory: Territory, request: HttpRequest) -> dict[str, Any]:
    """What lies inside the territory: départements of a région, EPCI and communes of a département…"""
    communes = Territory.objects.filter(level=Level.COMMUNE, kind="commune-actuelle").order_by("search_name", "code")
    if territory.level == Level.REGION:
        return {
            "departements": list(Territory.objects.filter(level=Level.DEPARTEMENT, region=territory).order_by("code"))
        }
    if territory.level == Level.DEPARTEMENT:
        in_departement = communes.filter(departement=territory)
        epcis = Territory.objects.filter(level=Level.EPCI, pk__in=in_departement.values("epci_id"))
        page = Paginator(in_departement, COMMUNES_PER_PAGE).get_page(request.GET.get("page"))
        return {"epcis": list(epcis.order_by("search_name", "code")), "communes_page": page}
    if territory.level == Level.EPCI:
        return {"communes": list(communes.filter(epci=territory))}
    arrondissements = Territory.objects.filter(level=Level.COMMUNE, commune=territory).order_by("code")
    return {"arrondissements": list(arrondissements)}


def _blocks(territory: Territory, request: HttpRequest) -> list[dict[str, Any]]:
    """The blocks other apps register for territory pages, each hidden when it has nothing to show."""
    rendered = []
    for block in registry.territory_blocks:
        block_context = block.context(territory, request)
        if block_context is None:
            continue
        html = render_to_string(block.template, {"territory": territory, **block_context}, request=request)
        rendered.append({"key": block.key, "title": block.title, "html": html})
    return rendered
