"""The search page: results with highlighted excerpts, facets that combine, "did you mean"."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from catalyse.lib.htmx import render_page
from catalyse.search.highlight import document_excerpt, highlight
from catalyse.search.models import SearchDocument
from catalyse.search.query import MAX_QUERY_LENGTH, SearchResults, search_documents
from catalyse.search.sources import facet_labels
from catalyse.territories.models import Territory

PER_PAGE = 10
MAX_PAGE = 50
FACETS_SHOWN = 8
FACETS = [
    ("kind", _("Type de document")),
    ("themes", _("Enjeux")),
    ("forms", _("Formes d’action")),
    ("objective", _("Objectif")),
    ("audiences", _("Publics")),
    ("region", _("Région")),
    ("departement", _("Département")),
    ("year", _("Année")),
]
FACET_NAMES = [name for name, _label in FACETS]
EXAMPLES = ["coopération", "animer un réseau", "évaluation", "Saint-Étienne"]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Mots cherchés"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        help_text=_("Par exemple\u00a0: coopération, animer un réseau, évaluation, Saint-Étienne."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class FacetGroup:
    name: str
    label: str
    options: list[FacetOption]
    more: list[FacetOption]


@dataclass
class Hit:
    document: SearchDocument
    title: SafeString
    excerpt: SafeString
    kind_label: str
    year: int | None


def _territory_labels(counts: dict[str, dict[str, int]], filters: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    refs = [
        (level, code)
        for level in ("region", "departement")
        for code in set(counts.get(level, {})) | set(filters.get(level, []))
    ]
    if not refs:
        return {}
    labels: dict[str, dict[str, str]] = {"region": {}, "departement": {}}
    territories = Territory.objects.filter(level__in=["region", "departement"], code__in={c for _l, c in refs})
    for level, code, name in territories.values_list("level", "code", "name"):
        labels[level][code] = f"{name} ({code})" if level == "departement" else name
    return labels


def _facet_groups(results: SearchResults | None, filters: dict[str, list[str]]) -> list[FacetGroup]:
    if results is None:
        return []
    counts = results.facets
    territory_labels = _territory_labels(counts, filters)
    groups = []
    for name, label in FACETS:
        values = dict(counts.get(name, {}))
        for selected in filters.get(name, []):
            values.setdefault(selected, 0)  # a ticked value stays, so that it can be unticked
        if not values:
            continue
        labels = territory_labels.get(name) or facet_labels(name)
        options = [
            FacetOption(value=v, label=labels.get(v, v), count=n, checked=v in filters.get(name, []))
            for v, n in values.items()
        ]
        if name == "year":
            options.sort(key=lambda o: o.value, reverse=True)
        else:
            options.sort(key=lambda o: (-o.count, o.label.casefold()))
        shown = options[:FACETS_SHOWN] + [o for o in options[FACETS_SHOWN:] if o.checked]
        more = [o for o in options[FACETS_SHOWN:] if not o.checked]
        groups.append(FacetGroup(name=name, label=str(label), options=shown, more=more))
    return groups


def _page_number(raw: str | None) -> int:
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def _url(q: str, filters: dict[str, list[str]], page: int = 1) -> str:
    params: list[tuple[str, Any]] = [("q", q)]
    params += [(name, value) for name in FACET_NAMES for value in filters.get(name, [])]
    if page > 1:
        params.append(("page", page))
    return f"{reverse('search:search')}?{urlencode(params)}"


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    filters = {name: request.GET.getlist(name)[:20] for name in FACET_NAMES if request.GET.getlist(name)}
    page = _page_number(request.GET.get("page"))
    results = None
    if q:
        results = search_documents(
            q, filters=filters, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, facet_names=FACET_NAMES
        )
        last_page = max(1, min(MAX_PAGE, -(-results.count // PER_PAGE)))
        if page > last_page:
            page = last_page
            results = search_documents(
                q, filters=filters, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, facet_names=FACET_NAMES
            )
    hits = []
    if results is not None:
        stems = results.query.stems
        kinds = facet_labels("kind")
        for document in results.documents:
            hits.append(
                Hit(
                    document=document,
                    title=highlight(document.title, stems),
                    excerpt=document_excerpt(document.summary, document.body, stems),
                    kind_label=kinds.get(document.kind, document.kind),
                    year=document.published_at.year if document.published_at else None,
                )
            )
    pages = max(1, min(MAX_PAGE, -(-(results.count if results else 0) // PER_PAGE)))
    context = {
        "form": form,
        "q": q,
        "results": results,
        "hits": hits,
        "facet_groups": _facet_groups(results, filters),
        "has_filters": bool(filters),
        "clear_filters_url": _url(q, {}),
        "suggestion_url": _url(results.query.suggestion, {}) if results and results.query.suggestion else "",
        "page": page,
        "pages": pages,
        "offset": (page - 1) * PER_PAGE,
        "previous_url": _url(q, filters, page - 1) if page > 1 else "",
        "next_url": _url(q, filters, page + 1) if page < pages else "",
        "page_links": [(n, _url(q, filters, n)) for n in range(max(1, page - 3), min(pages, page + 3) + 1)],
        "breadcrumb": [(_("Recherche"), "")],
        "examples": EXAMPLES,
    }
    response = render_page(request, "search/search.html", context, partial="results")
    patch_vary_headers(response, ["HX-Request"])
    return response
