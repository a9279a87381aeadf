"""The block of a member's page: the courses in which the person testifies or gives an expert's view."""

from __future__ import annotations

from typing import Any

from catalyse.learning.models import Segment, SegmentKind


def profile_courses_context(person: Any, request: Any) -> dict[str, Any] | None:
    segments = (
        Segment.objects.filter(
            speaker=person,
            session__course__is_published=True,
            kind__in=(SegmentKind.TEMOIGNAGE, SegmentKind.REGARD_EXPERT),
        )
        .select_related("session__course")
        .order_by("session__course__title", "session__number", "order")
    )
    courses: dict[int, dict[str, Any]] = {}
    for segment in segments:
        course = segment.session.course
        entry = courses.setdefault(course.pk, {"course": course, "sessions": []})
        if segment.session not in entry["sessions"]:
            entry["sessions"].append(segment.session)
    return {"courses": list(courses.values())} if courses else None
