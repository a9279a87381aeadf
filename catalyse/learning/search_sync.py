"""Courses in the site-wide search: one document per published course (its sessions' questions and syntheses)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _

SOURCE = "course"
# The `kind` of a course in the site-wide search (and its API's `kind` filter), by provider.
SEARCH_KINDS = {"hosted": "formation", "external": "mooc"}


def search_enabled() -> bool:
    return apps.is_installed("catalyse.search")


def course_entry(course: Any) -> Any:
    from catalyse.learning.models import SegmentKind
    from catalyse.lib.registry import SearchEntry

    parts = []
    for session in course.sessions.all():
        parts.append(f"## {session.number}. {session.question}")
        parts.extend(s.body for s in session.segments.all() if s.kind == SegmentKind.SYNTHESE)
    return SearchEntry(
        key=course.slug,
        title=course.title,
        body="\n\n".join(parts),
        url=course.get_absolute_url(),
        kind=SEARCH_KINDS[course.provider],
        summary=course.summary,
        facets={"themes": list(course.themes), "audiences": list(course.audiences)},
        published_at=course.created_at,
    )


def _published() -> Any:
    from catalyse.learning.models import Course

    return Course.objects.published().prefetch_related("sessions__segments").order_by("pk")


def iter_documents() -> Iterator[Any]:
    for course in _published():
        yield course_entry(course)


def course_index(course: Any) -> None:
    """(Re)index one course after a change: published, it is upserted; otherwise removed from the index."""
    if not search_enabled():
        return
    from catalyse.search.services import search_index_bulk_upsert, search_index_delete

    fresh = _published().filter(pk=course.pk).first()
    if fresh is None:
        search_index_delete(source=SOURCE, key=course.slug)
    else:
        search_index_bulk_upsert(source=SOURCE, entries=[course_entry(fresh)])


def courses_index_all() -> None:
    if not search_enabled():
        return
    from catalyse.search.services import search_index_rebuild

    search_index_rebuild(source=SOURCE)


def register_search_source() -> None:
    if not search_enabled():
        return
    from catalyse.learning.models import CourseTheme
    from catalyse.lib.registry import SearchSource, registry
    from catalyse.resources.choices import Audience

    registry.add_search_source(
        SearchSource(
            key=SOURCE,
            label=_("Formations"),
            iter_documents=iter_documents,
            kinds={"formation": _("Formation sur Catalyse"), "mooc": _("MOOC")},
            facet_labels={"themes": dict(CourseTheme.choices), "audiences": dict(Audience.choices)},
            order=40,
        )
    )
