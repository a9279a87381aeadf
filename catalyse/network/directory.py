"""The directory of the network: people who agreed to appear, searched and filtered in a bounded
number of queries whatever its size. Facets count within the other filters (a facet's own choice
does not narrow its counts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, When
from django.db.models.functions import Coalesce

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
            any_theme |= Q(themes__icontains=f'"{theme}"')
        queryset = queryset.filter(any_theme)
    if selection.skills and without != "skill":
        through = Profile.skills.through
        queryset = queryset.filter(
            Exists(through.objects.filter(profile_id=OuterRef("pk"), skill__key__in=selection.skills))
        )
    return queryset


def directory_results(selection: Selection) -> QuerySet[Profile]:
    """The list itself: alphabetical, with what the cards show, in three queries (count, page, skills)."""
    return (
        directory_queryset(selection)
        .select_related("user", "territory__departement")
        .prefetch_related("skills")
        .order_by("user__last_name", "user__first_name", "pk")
    )


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
        **{value: Count("pk", filter=Q(themes__icontains=f'"{value}"')) for value in Theme.values}
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
    """Members per département code, and how many have no département (a région, or no territory)."""
    code = Coalesce(
        F("territory__departement__code"),
        Case(When(territory__level=Level.DEPARTEMENT, then=F("territory__code")), output_field=CharField()),
        output_field=CharField(),
    )
    counts: dict[str, int] = {}
    elsewhere = 0
    for value, n in queryset.order_by().annotate(dep=code).values_list("dep").annotate(n=Count("pk")):
        if value:
            counts[value] = counts.get(value, 0) + n
        else:
            elsewhere += n
    return counts, elsewhere


def departement_names() -> dict[str, str]:
    return dict(Territory.objects.filter(level=Level.DEPARTEMENT).values_list("code", "name"))


def directory_size() -> int:
    return Profile.objects.in_directory().count()
