"""The one place where the kit talks to the site-wide search engine (catalyse.search).

Every write that changes what the public can read calls `resources_index` or `resource_unindex`;
the search app's services do the rest. The kit registers itself as a search source from
ResourcesConfig.ready()."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SOURCE = "resource"
BULK_BATCH = 500


def search_enabled() -> bool:
    return apps.is_installed("catalyse.search")


def _territory_refs(resource: Any) -> list[str]:
    """The resource's territory and the places that contain it, as LEVEL:CODE refs."""
    territory = resource.territory
    if territory is None:
        return []
    refs = [territory.ref]
    for parent in (getattr(territory, "epci", None), resource.departement, resource.region):
        if parent is not None and parent.ref not in refs:
            refs.append(parent.ref)
    return refs


def resource_entry(resource: Any) -> Any:
    """What the search engine indexes for one published resource."""
    from catalyse.lib.registry import SearchEntry

    published_at = None
    if resource.published:
        published_at = timezone.make_aware(datetime.datetime.combine(resource.published, datetime.time(9, 0)))
    return SearchEntry(
        key=resource.slug,
        title=resource.title,
        body=resource.body,
        url=resource.get_absolute_url(),
        kind=resource.kind,
        summary=resource.summary,
        facets={
            "themes": list(resource.themes),
            "forms": list(resource.forms),
            "objective": resource.objective or None,
            "audiences": list(resource.audiences),
            "territories": _territory_refs(resource),
            "year": resource.published.year if resource.published else None,
        },
        published_at=published_at,
    )


def _with_places(queryset: Any) -> Any:
    return queryset.select_related("territory", "territory__epci", "region", "departement")


def resources_index(resources: Iterable[Any]) -> None:
    """(Re)index resources: published ones are upserted, the others removed from the index."""
    if not search_enabled():
        return
    from catalyse.search.services import search_index_bulk_upsert, search_index_delete

    published = []
    for resource in resources:
        if resource.status == "published":
            published.append(resource)
        else:
            search_index_delete(source=SOURCE, key=resource.slug)
    if published:
        search_index_bulk_upsert(source=SOURCE, entries=(resource_entry(r) for r in published))


def resources_index_many(resources: list[Any]) -> int:
    """Index many published resources at once (the import's path). Their territory, région and
    département must be loaded objects, so that no query runs per resource."""
    if not search_enabled():
        return 0
    from catalyse.search.services import search_index_bulk_upsert

    entries = (resource_entry(r) for r in resources if r.status == "published")
    return search_index_bulk_upsert(source=SOURCE, entries=entries, batch_size=BULK_BATCH)


def resource_unindex(resource: Any) -> None:
    if not search_enabled():
        return
    from catalyse.search.services import search_index_delete

    search_index_delete(source=SOURCE, key=resource.slug)


def search_resource_ids(text: str, *, limit: int = 500) -> list[int] | None:
    """Ids of the published resources matching a text, best first; None without a search engine."""
    if not search_enabled():
        return None
    from catalyse.resources.choices import Kind
    from catalyse.resources.models import Resource
    from catalyse.search.query import search_documents

    found = search_documents(text, filters={"kind": list(Kind.values)}, limit=limit)
    keys = [document.key for document in found.documents if document.source == SOURCE]
    ids = dict(Resource.objects.published().filter(slug__in=keys).values_list("slug", "id"))
    return [ids[key] for key in keys if key in ids]


def iter_documents() -> Iterator[Any]:
    """Everything of the kit that should be searchable now (for a rebuild of the index)."""
    from catalyse.resources.models import Resource

    for resource in _with_places(Resource.objects.published()).order_by("id").iterator(chunk_size=1000):
        yield resource_entry(resource)


def register_search_source() -> None:
    """Called from ResourcesConfig.ready()."""
    if not search_enabled():
        return
    from catalyse.lib.registry import SearchSource, registry
    from catalyse.resources.choices import ActionForm, Audience, Kind, Objective, Theme

    registry.add_search_source(
        SearchSource(
            key=SOURCE,
            label=_("Ressources du kit"),
            iter_documents=iter_documents,
            kinds=dict(Kind.choices),
            facet_labels={
                "themes": dict(Theme.choices),
                "forms": dict(ActionForm.choices),
                "objective": dict(Objective.choices),
                "audiences": dict(Audience.choices),
            },
            order=10,
        )
    )
