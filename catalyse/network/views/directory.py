"""The network's home, its directory with the map, and the peers to meet."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from catalyse.accounts.models import Profile, World
from catalyse.lib.htmx import render_page
from catalyse.network import maps
from catalyse.network.directory import (
    Selection,
    departement_counts,
    departement_names,
    directory_cards,
    directory_order,
    directory_queryset,
    skill_facet,
    theme_facet,
    world_facet,
)
from catalyse.network.forms import DirectoryForm
from catalyse.network.models import Post, Thread
from catalyse.network.suggestions import suggestions_for
from catalyse.network.views.common import network_crumb, paginate, query_without_page, signed_in_user

DIRECTORY_PAGE_SIZE = 24
HOME_THREADS = 5


def home(request: HttpRequest) -> HttpResponse:
    """What the network is, its figures, the latest discussions, and where to go next."""
    in_directory = Profile.objects.in_directory()
    worlds = dict(in_directory.order_by().values_list("world").annotate(n=Count("pk")))
    signed_in = request.user.is_authenticated
    context: dict[str, Any] = {
        "member_count": sum(worlds.values()),
        "worlds": [
            {"label": label, "count": worlds.get(value, 0), "url": f"{reverse('network:directory')}?monde={value}"}
            for value, label in World.choices
            if worlds.get(value)
        ],
        "thread_count": Thread.objects.public().filter(is_hidden=False).count(),
        "post_count": Post.objects.filter(
            hidden_at__isnull=True, thread__is_hidden=False, thread__space__isnull=True
        ).count(),
        "latest_threads": list(
            Thread.objects.public()
            .filter(is_hidden=False)
            .select_related("topic")
            .order_by("-last_post_at", "-pk")[:HOME_THREADS]
        ),
        "suggestions": suggestions_for(request.user, limit=3) if signed_in else [],
        "profile_is_empty": signed_in and _profile_is_empty(request.user),
    }
    return render_page(request, "network/home.html", context)


def _profile_is_empty(user: Any) -> bool:
    """Nothing to suggest peers from: no enjeu, no territory, no skill."""
    profile = Profile.objects.filter(user=user).first()
    return profile is None or not (profile.themes or profile.territory_id or profile.skills.exists())


def _map_context(queryset: Any, selection: Selection, request: HttpRequest) -> dict[str, Any]:
    counts, elsewhere = departement_counts(queryset)
    names = {**maps.DROM_NAMES, **departement_names()}
    metropolitan = maps.metropolitan_codes()
    shades = maps.shades_for(list(counts.values()))
    base = request.GET.copy()
    base.pop("page", None)
    base.pop("territoire", None)
    base.pop("territoire_ref", None)

    def href(code: str) -> str:
        query = base.copy()
        query["territoire"] = f"departement:{code}"
        return f"{reverse('network:directory')}?{query.urlencode()}"

    overseas = [
        {
            "code": code,
            "name": names.get(code, code),
            "count": counts.get(code, 0),
            "shade": maps.shade_of(counts.get(code, 0), shades),
            "label": maps.area_label(names.get(code, code), counts.get(code, 0)),
            "url": href(code),
        }
        for code in sorted(set(maps.DROM) | {c for c in counts if c not in metropolitan})
    ]
    ordered = sorted(counts.items(), key=lambda item: (-item[1], names.get(item[0], item[0])))
    rows = [{"code": code, "name": names.get(code, code), "count": n, "url": href(code)} for code, n in ordered]
    title = _("Membres de l’annuaire par département")
    return {
        "map_svg": maps.department_map(counts, names, shades=shades, href=href, title=title),
        "map_title": title,
        "shades": shades,
        "overseas": overseas,
        "map_rows": rows,
        "map_elsewhere": elsewhere,
        "map_total": sum(counts.values()) + elsewhere,
        "map_csv_url": f"{reverse('network:directory-map-csv')}?{query_without_page(request)}",
    }


def _selection(request: HttpRequest) -> tuple[DirectoryForm, Selection]:
    form = DirectoryForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
        return form, form.selection()
    return form, Selection()


def directory(request: HttpRequest) -> HttpResponse:
    """Members who chose to appear: search, facets, a map; a constant number of queries whatever the size."""
    form, selection = _selection(request)
    page = paginate(request, directory_order(selection).values_list("pk", flat=True), DIRECTORY_PAGE_SIZE)
    page.object_list = directory_cards(list(page.object_list))
    context = {
        "form": form,
        "selection": selection,
        "page": page,
        "query_string": query_without_page(request),
        "worlds": world_facet(selection),
        "themes": theme_facet(selection),
        "skills": skill_facet(selection),
        "breadcrumb": [network_crumb(), (_("Annuaire"), "")],
        **_map_context(directory_queryset(selection), selection, request),
    }
    return render_page(request, "network/directory.html", context, partial="results")


def directory_map_csv(request: HttpRequest) -> HttpResponse:
    """The map's figures, for a spreadsheet: code, name, members (the current filters apply)."""
    _form, selection = _selection(request)
    counts, elsewhere = departement_counts(directory_queryset(selection))
    names = departement_names()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="annuaire-membres-par-departement.csv"'
    writer = csv.writer(response)
    writer.writerow(["departement", "nom", "membres"])
    for code in sorted(set(names) | set(counts)):
        writer.writerow([code, names.get(code, ""), counts.get(code, 0)])
    if elsewhere:
        writer.writerow(["", "sans département précisé", elsewhere])
    return response


@login_required
def suggestions(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "suggestions": suggestions_for(user, limit=24),
        "profile_is_empty": _profile_is_empty(user),
        "breadcrumb": [network_crumb(), (_("Pairs à rencontrer"), "")],
    }
    return render_page(request, "network/suggestions.html", context)
