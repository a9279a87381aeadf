"""The kit's list: facets that combine (OR within a facet, AND across facets) and show their counts.

Each facet counts the resources matching every *other* facet, so that ticking a value never
hides its siblings. The fixed vocabularies are counted in one query, with one conditional
count per value; régions, départements and years are one grouped query each."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, Max, Min, Q, QuerySet, Value, When
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from catalyse.resources import search_sync
from catalyse.resources.choices import ActionForm, Audience, Kind, Objective, Theme
from catalyse.resources.models import Resource, value_q


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: Any
    values: list[FacetValue] = field(default_factory=list)

    @property
    def has_selection(self) -> bool:
        return any(v.selected for v in self.values)


def _in(field_name: str) -> Callable[[list[str]], Q]:
    return lambda values: Q(**{f"{field_name}__in": values})


def _any_of(field_name: str) -> Callable[[list[str]], Q]:
    def condition(values: list[str]) -> Q:
        q = Q()
        for value in values:
            q |= value_q(field_name, value)
        return q

    return condition


# param → (label, vocabulary or None for dynamic, condition builder)
FIXED_FACETS: dict[str, tuple[Any, Any, Callable[[list[str]], Q]]] = {
    "nature": (_("Nature"), Kind, _in("kind")),
    "objectif": (_("Objectif"), Objective, _in("objective")),
    "enjeu": (_("Enjeu"), Theme, _any_of("themes")),
    "forme": (_("Forme d’action"), ActionForm, _any_of("forms")),
    "public": (_("Public"), Audience, _any_of("audiences")),
}


def _years(values: list[str]) -> Q:
    # Date ranges, not a year extraction: comparisons the database does without a function per row.
    q = Q()
    for value in values:
        year = int(value)
        q |= Q(published__gte=datetime.date(year, 1, 1), published__lt=datetime.date(year + 1, 1, 1))
    return q


# Région and département are selected by INSEE code in the address, matched by id in the query.
DYNAMIC_FACETS: dict[str, tuple[Any, Callable[[list[str]], Q]]] = {
    "region": (_("Région"), lambda ids: Q(region_id__in=[int(i) for i in ids])),
    "departement": (_("Département"), lambda ids: Q(departement_id__in=[int(i) for i in ids])),
    "annee": (_("Année"), _years),
}
FACET_ORDER = ["nature", "objectif", "enjeu", "forme", "public", "region", "departement", "annee"]


@dataclass
class Selection:
    """What the visitor asked for, cleaned: unknown values are dropped, never an error."""

    q: str = ""
    territory: Any = None
    values: dict[str, list[str]] = field(default_factory=dict)
    codes: dict[str, list[str]] = field(default_factory=dict)  # région and département codes, as asked

    @classmethod
    def from_query(cls, params: QueryDict) -> Selection:
        selection = cls(q=(params.get("q") or "").strip()[:200])
        for param, (_label, vocabulary, _cond) in FIXED_FACETS.items():
            values = [v for v in params.getlist(param) if v in vocabulary.values]
            if values:
                selection.values[param] = list(dict.fromkeys(values))
        wanted = {
            param: list(dict.fromkeys(v.upper() for v in params.getlist(param) if v.isalnum() and len(v) <= 3))
            for param in ("region", "departement")
        }
        if any(wanted.values()):
            from catalyse.territories.models import Territory

            condition = Q()
            for level, codes in wanted.items():
                if codes:
                    condition |= Q(level=level, code__in=codes)
            for pk, level, code in Territory.objects.filter(condition).values_list("pk", "level", "code"):
                selection.values.setdefault(level, []).append(str(pk))
                selection.codes.setdefault(level, []).append(code)
        years = [v for v in params.getlist("annee") if v.isdigit() and len(v) == 4 and 1900 <= int(v) <= 2100]
        if years:
            selection.values["annee"] = list(dict.fromkeys(years))
        ref = params.get("territoire") or ""
        if ref:
            from catalyse.territories.models import Territory

            try:
                selection.territory = Territory.objects.by_ref(ref)
            except Territory.DoesNotExist:
                selection.territory = None
        return selection

    def condition(self, *, without: str = "") -> Q:
        q = Q()
        for param, values in self.values.items():
            if param == without:
                continue
            builder = FIXED_FACETS[param][2] if param in FIXED_FACETS else DYNAMIC_FACETS[param][1]
            q &= builder(values)
        return q

    @property
    def is_empty(self) -> bool:
        return not (self.q or self.values or self.territory)


def base_queryset(selection: Selection) -> tuple[QuerySet[Resource], list[int] | None]:
    """Published resources matching the text and the territory (not the facets). With a text, the
    ranked ids of the search engine come along so that the page keeps its order."""
    queryset = Resource.objects.published()
    if selection.territory is not None:
        queryset = queryset.in_territory(selection.territory)
    ranked: list[int] | None = None
    if selection.q:
        ranked = search_sync.search_resource_ids(selection.q)
        if ranked is None:
            words = selection.q.split()
            for word in words[:8]:
                queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word))
        else:
            queryset = queryset.filter(pk__in=ranked)
    return queryset, ranked


def facet_counts(base: QuerySet[Resource], selection: Selection) -> list[Facet]:
    """Five queries whatever the number of resources: the years' bounds; one aggregate for the fixed
    vocabularies and the years; one grouped query each for régions and départements; their names."""
    facets: dict[str, Facet] = {}
    aggregates: dict[str, Any] = {}
    for param, (_label, vocabulary, builder) in FIXED_FACETS.items():
        others = selection.condition(without=param)
        for value in vocabulary.values:
            aggregates[f"{param}__{value}"] = Count("pk", filter=others & builder([value]))
    bounds = base.order_by().aggregate(first=Min("published"), last=Max("published"))
    years = []
    if bounds["first"] and bounds["last"]:
        years = [str(y) for y in range(bounds["last"].year, bounds["first"].year - 1, -1)]
        others = selection.condition(without="annee")
        for year in years:
            aggregates[f"annee__{year}"] = Count("pk", filter=others & _years([year]))
    counts = base.order_by().aggregate(**aggregates)
    for param, (label, vocabulary, _builder) in FIXED_FACETS.items():
        chosen = selection.values.get(param, [])
        facets[param] = Facet(
            param,
            label,
            [
                FacetValue(value, str(value_label), counts[f"{param}__{value}"] or 0, value in chosen)
                for value, value_label in vocabulary.choices
            ],
        )
    chosen_years = selection.values.get("annee", [])
    facets["annee"] = Facet(
        "annee",
        DYNAMIC_FACETS["annee"][0],
        [
            FacetValue(year, year, counts[f"annee__{year}"], year in chosen_years)
            for year in years
            if counts[f"annee__{year}"] or year in chosen_years
        ],
    )
    grouped: dict[str, dict[int, int]] = {}
    for param in ("region", "departement"):
        rows = (
            base.filter(selection.condition(without=param))
            .exclude(**{f"{param}_id__isnull": True})
            .order_by()
            .values_list(f"{param}_id")
            .annotate(n=Count("pk"))
        )
        grouped[param] = dict(rows)
    from catalyse.territories.models import Territory

    ids = set(grouped["region"]) | set(grouped["departement"])
    places = {
        pk: (code, name) for pk, code, name in Territory.objects.filter(pk__in=ids).values_list("pk", "code", "name")
    }
    for param in ("region", "departement"):
        chosen = selection.values.get(param, [])
        values = [
            FacetValue(
                places[pk][0],
                places[pk][1] if param == "region" else f"{places[pk][1]} ({places[pk][0]})",
                n,
                str(pk) in chosen,
            )
            for pk, n in grouped[param].items()
            if pk in places
        ]
        values.sort(key=lambda v: v.value if param == "departement" else v.label)
        facets[param] = Facet(param, DYNAMIC_FACETS[param][0], values)
    return [facets[param] for param in FACET_ORDER]


def results(base: QuerySet[Resource], selection: Selection, ranked: list[int] | None) -> QuerySet[Resource]:
    queryset = base.filter(selection.condition()).select_related("territory")
    if ranked:
        rank = Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(ranked)], output_field=IntegerField())
        return queryset.order_by(rank, "-id")
    return queryset.order_by("-published", "-id")
