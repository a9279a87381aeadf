"""The directory of the network: people who agreed to appear, searched and filtered in a bounded
number of queries whatever its size. Facets count within the other filters (a facet's own choice
does not narrow its counts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from catalyse.accounts.models import Profile, Skill, Theme, World
from catalyse.lib.text import fold
from catalyse.territories.models import Level, Territory

MAX_WORDS = 8
SKILL_FACET_SIZE = 15


@dataclass
class Selection:
    q: str = ""
    worlds: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)  # Skill.key
    territory: Territory | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.q or self.worlds or self.themes or self.skills or self.territory)

    @property
    def words(self) -> list[str]:
        return fold(self.q).split()[:MAX_WORDS]


def theme_q(theme: str) -> Q:
    """Profiles whose enjeux include this one: jsonb containment on PostgreSQL (no text cast of every row),
    the quoted key in the JSON text elsewhere (as ProfileQuerySet.with_theme does)."""
    if connection.vendor == "postgresql":
        return Q(themes__contains=[theme])
    return Q(themes__icontains=f'"{theme}"')


def territory_q(territory: Territory, prefix: str = "territory") -> Q:
    """People placed in the territory or anywhere inside it (a région holds its départements, EPCI, communes)."""
    condition = Q(**{prefix: territory})
    inside = {
        Level.REGION: "region",
        Level.DEPARTEMENT: "departement",
        Level.EPCI: "epci",
        Level.COMMUNE: "commune",
    }[Level(territory.level)]
    return condition | Q(**{f"{prefix}__{inside}": territory})


def directory_queryset(selection: Selection, *, without: str = "") -> QuerySet[Profile]:
    """Profiles of the directory matching the selection (`without` leaves one facet out, for its counts)."""
    queryset = Profile.objects.in_directory()
    for word in selection.words:
        queryset = queryset.filter(user__network_member__search_text__contains=word)
    if selection.territory is not None:
        queryset = queryset.filter(territory_q(selection.territory))
    if selection.worlds and without != "world":
        queryset = queryset.filter(world__in=selection.worlds)
    if selection.themes and without != "theme":
        any_theme = Q()
        for theme in selection.themes:
            any_theme |= theme_q(theme)
        queryset = queryset.filter(any_theme)
    if selection.skills and without != "skill":
        through = Profile.skills.through
        queryset = queryset.filter(
            Exists(through.objects.filter(profile_id=OuterRef("pk"), skill__key__in=selection.skills))
        )
    return queryset


ORDER = ("user__last_name", "user__first_name", "pk")


def directory_order(selection: Selection) -> QuerySet[Profile]:
    """The ids in the directory's order (alphabetical): sorting ids alone stays cheap whatever the size."""
    return directory_queryset(selection).order_by(*ORDER)


def directory_cards(ids: list[int]) -> list[Profile]:
    """The profiles of one page, with what the cards show, in the order of `ids` (two queries)."""
    profiles = Profile.objects.filter(pk__in=ids).select_related("user", "territory__departement")
    by_id = {profile.pk: profile for profile in profiles.prefetch_related("skills")}
    return [by_id[pk] for pk in ids if pk in by_id]


def world_facet(selection: Selection) -> list[dict[str, Any]]:
    counts = dict(
        directory_queryset(selection, without="world").order_by().values_list("world").annotate(n=Count("pk"))
    )
    return [
        {"value": value, "label": label, "count": counts.get(value, 0), "selected": value in selection.worlds}
        for value, label in World.choices
    ]


def theme_facet(selection: Selection) -> list[dict[str, Any]]:
    counts = directory_queryset(selection, without="theme").aggregate(
        **{value: Count("pk", filter=theme_q(value)) for value in Theme.values}
    )
    return [
        {"value": value, "label": label, "count": counts.get(value) or 0, "selected": value in selection.themes}
        for value, label in Theme.choices
    ]


def skill_facet(selection: Selection) -> list[dict[str, Any]]:
    """The most frequent skills among the people shown, and those already chosen."""
    through = Profile.skills.through
    base = directory_queryset(selection, without="skill")
    rows = list(
        through.objects.filter(profile__in=base.values("pk"))
        .values("skill__key", "skill__name")
        .annotate(n=Count("profile_id"))
        .order_by("-n", "skill__name")[:SKILL_FACET_SIZE]
    )
    shown = {row["skill__key"] for row in rows}
    missing = [key for key in selection.skills if key not in shown]
    if missing:
        rows += list(
            through.objects.filter(profile__in=base.values("pk"), skill__key__in=missing)
            .values("skill__key", "skill__name")
            .annotate(n=Count("profile_id"))
        )
        found = {row["skill__key"] for row in rows}
        rows += [
            {"skill__key": skill.key, "skill__name": skill.name, "n": 0}
            for skill in Skill.objects.filter(key__in=[k for k in missing if k not in found])
        ]
    return [
        {
            "value": row["skill__key"],
            "label": row["skill__name"],
            "count": row["n"],
            "selected": row["skill__key"] in selection.skills,
        }
        for row in rows
    ]


def departement_counts(queryset: QuerySet[Profile]) -> tuple[dict[str, int], int]:
    """Members per département code, and how many have no département (a région, or no territory).

    Counted per territory first (no join of the territories for every person), then each territory
    found is placed in its département."""
    per_territory = dict(queryset.order_by().values_list("territory_id").annotate(n=Count("pk")))
    elsewhere = per_territory.pop(None, 0)
    places = Territory.objects.filter(pk__in=queryset.order_by().values("territory_id")).values_list(
        "pk", "level", "code", "departement__code"
    )
    counts: dict[str, int] = {}
    for pk, level, code, departement_code in places:
        value = code if level == Level.DEPARTEMENT else departement_code
        if value:
            counts[value] = counts.get(value, 0) + per_territory.get(pk, 0)
        else:
            elsewhere += per_territory.get(pk, 0)
    return counts, elsewhere


def departement_names() -> dict[str, str]:
    return dict(Territory.objects.filter(level=Level.DEPARTEMENT).values_list("code", "name"))


def directory_size() -> int:
    return Profile.objects.in_directory().count()
