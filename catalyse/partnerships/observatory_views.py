"""The observatory's pages: dashboards from the summary tables, each chart with its table and CSV."""

from __future__ import annotations

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalyse.partnerships import charts
from catalyse.partnerships.choices import ERAS, MODE_KEYS, SEED_TOTAL, Mode
from catalyse.partnerships.dashboard import CHARTS, FIRST_CHART_YEAR, chart, query_string
from catalyse.partnerships.filters import FilterError, Filters, parse_filters, parse_territory
from catalyse.partnerships.network import network_build, network_svg

FILTER_NAMES = {"territory": "territoire", "year_from": "de", "year_to": "a", "mode": "mode"}


def _filters(request: HttpRequest) -> tuple[Filters, str]:
    try:
        return (
            parse_filters(
                territory=request.GET.get("territoire"),
                year_from=request.GET.get("de"),
                year_to=request.GET.get("a"),
                mode=request.GET.get("mode"),
                names=FILTER_NAMES,
            ),
            "",
        )
    except FilterError as exc:
        return Filters(), str(exc)


def _territory_path(filters: Filters) -> list[tuple[str, str]]:
    """The drill-down trail: France, then each level down to the current territory."""
    trail = [(_("France"), query_string(Filters(None, filters.year_from, filters.year_to, filters.mode)))]
    territory = filters.territory
    if territory is None:
        return trail
    for parent in [territory.region, territory.departement, territory.epci]:
        if parent is not None and parent.pk != territory.pk:
            trail.append((parent.name, query_string(filters, territoire=f"{parent.level}:{parent.code}")))
    trail.append((territory.name, ""))
    return trail


def observatory_home(request: HttpRequest) -> HttpResponse:
    filters, error = _filters(request)
    status = 400 if error else 200
    data = {key: chart(filters, key) for key in CHARTS}
    total = data["modes"].total
    years = {int(r.key): r.count for r in data["annees"].rows}
    first_year = min([FIRST_CHART_YEAR, *years]) if years else FIRST_CHART_YEAR
    last_year = max([ERAS[-1][1], *years])
    first_year = max(first_year, filters.year_from or first_year)
    last_year = min(last_year, filters.year_to or last_year)
    maps = data["departements"]
    dep_counts = {r.key: r.count for r in maps.rows}
    dep_names = {r.key: r.label for r in maps.rows}
    thresholds = charts.thresholds_for(list(dep_counts.values()))
    href = request.path + query_string(filters, territoire="departement:CODE")
    noun = _("partenariats")
    context = {
        "filters": filters,
        "error": error,
        "total": total,
        "national": filters.territory is None and not filters.year_from and not filters.year_to and not filters.mode,
        "seed_total": SEED_TOTAL,
        "charts": data,
        "mode_choices": [(k, Mode(k).label) for k in MODE_KEYS],
        "trail": _territory_path(filters),
        "qs": query_string(filters),
        "svg": {
            "modes": charts.bar_chart(
                [charts.Bar(r.label, r.count, f"{charts.fmt_share(r.share)}\u00a0%") for r in data["modes"].rows],
                chart_id="chart-modes",
                title=data["modes"].title,
            ),
            "annees": charts.year_chart(
                years, eras=ERAS, chart_id="chart-annees", title=data["annees"].title, first=first_year, last=last_year
            ),
            "types": charts.bar_chart(
                [charts.Bar(r.label, r.count, f"{charts.fmt_share(r.share)}\u00a0%") for r in data["types"].rows],
                chart_id="chart-types",
                title=data["types"].title,
            ),
            "enjeux": charts.bar_chart(
                [charts.Bar(r.label, r.count, f"{charts.fmt_share(r.share)}\u00a0%") for r in data["enjeux"].rows],
                chart_id="chart-enjeux",
                title=data["enjeux"].title,
            ),
            "territoires": charts.bar_chart(
                [charts.Bar(r.label, r.count) for r in data["territoires"].rows[:20]],
                chart_id="chart-territoires",
                title=data["territoires"].title,
            ),
            "map": charts.department_map(
                dep_counts,
                dep_names,
                href=href,
                title=maps.title,
                noun=str(noun),
                singular=_("partenariat"),
                thresholds=thresholds,
            )
            if filters.territory is None or filters.territory.level == "region"
            else "",
        },
        "map_legend": _legend(thresholds),
        "network_url": (
            network_url(filters.territory.level, filters.territory.code, filters) if filters.territory else ""
        ),
        "overseas": [r for r in maps.rows if len(r.key) == 3],
        "eras": ERAS,
        "crumbs": [(_("Observatoire des alliances"), "")],
    }
    return render(request, "partnerships/observatory_home.html", context, status=status)


def _legend(thresholds: list[int]) -> list[tuple[int, str]]:
    items = [(0, _("aucun"))]
    low = 1
    for index, high in enumerate(thresholds, start=1):
        items.append((index, f"{charts.fmt(low)} – {charts.fmt(high)}" if high > low else charts.fmt(high)))
        low = high + 1
    return items


def observatory_csv(request: HttpRequest, key: str) -> HttpResponse:
    if key not in CHARTS:
        raise Http404
    filters, error = _filters(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    data = chart(filters, key)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="observatoire-{key}.csv"'
    writer = csv.writer(response, lineterminator="\n")
    header = ["cle", "libelle", "partenariats", "part_du_total_pct"]
    if key == "modes":
        header.append("part_nationale_estimee_pct")
    writer.writerow(header)
    for row in data.rows:
        line = [row.key, row.label, row.count, row.share]
        if key == "modes":
            line.append(row.seed_share)
        writer.writerow(line)
    writer.writerow(["total", _("Total des partenariats"), data.total, ""])
    return response


def network_url(level: str, code: str, filters: Filters | None = None) -> str:
    """The network view of a territory, with the filters on mode and years when given."""
    url = reverse("observatory:network", kwargs={"level": level, "code": code})
    if filters is None:
        return url
    return url + query_string(Filters(None, filters.year_from, filters.year_to, filters.mode))


def observatory_network(request: HttpRequest, level: str, code: str) -> HttpResponse:
    """A territory's alliances as a graph, its measures, and the same data as tables."""
    try:
        territory = parse_territory(f"{level}:{code}")
    except FilterError:
        territory = None
    if territory is None:
        raise Http404(_("Aucun territoire %(level)s:%(code)s n’est connu.") % {"level": level, "code": code})
    try:
        filters = parse_filters(
            territory=None,
            year_from=request.GET.get("de"),
            year_to=request.GET.get("a"),
            mode=request.GET.get("mode"),
            names=FILTER_NAMES,
        )
        error = ""
    except FilterError as exc:
        filters, error = Filters(), str(exc)
    ref = f"{territory.level}:{territory.code}"
    scoped = Filters(territory, filters.year_from, filters.year_to, filters.mode)
    network = None if error else network_build(user=request.user, territory=territory, filters=filters)
    title = _("Réseau des alliances : %(name)s") % {"name": territory.name}
    context = {
        "territory": territory,
        "filters": filters,
        "error": error,
        "network": network,
        "svg": network_svg(network, title=title) if network else "",
        "title": title,
        "mode_choices": [(k, Mode(k).label) for k in MODE_KEYS],
        "observatory_url": reverse("observatory:home") + query_string(scoped),
        "list_url": reverse("partnerships:partnership-list") + query_string(scoped),
        "territory_ref": ref,
        "crumbs": [
            (_("Observatoire des alliances"), reverse("observatory:home")),
            (territory.name, reverse("observatory:home") + query_string(Filters(territory))),
            (_("Réseau des alliances"), ""),
        ],
    }
    return render(request, "partnerships/network.html", context, status=400 if error else 200)
