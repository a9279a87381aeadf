"""« Pairs à rencontrer »: peers of the directory worth meeting, each with the reason, in French.

Two kinds: people who share your enjeux and skills in other territories (to compare practices), and
people from other worlds in your territory (to build an alliance). A handful of bounded queries:
candidates of each kind are capped before they are scored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalyse.accounts.models import Profile, Theme, World
from catalyse.territories.models import Level, Territory

CANDIDATES_PER_KIND = 60

WORLD_ADJECTIVES = {
    World.COLLECTIVITE: gettext_lazy("monde des collectivités"),
    World.ASSOCIATION: gettext_lazy("monde associatif"),
    World.ENTREPRISE: gettext_lazy("monde de l’entreprise"),
    World.ACADEMIQUE: gettext_lazy("monde académique"),
    World.ACTEUR_PUBLIC: gettext_lazy("acteur public"),
    World.CITOYEN: gettext_lazy("engagement citoyen"),
}
THEME_WORDS = {
    Theme.ECONOMIQUE: gettext_lazy("économique"),
    Theme.SOCIAL: gettext_lazy("social"),
    Theme.ENVIRONNEMENTAL: gettext_lazy("environnemental"),
    Theme.SOCIETAL: gettext_lazy("sociétal"),
}


@dataclass
class Suggestion:
    profile: Profile
    reasons: list[str]
    score: int

    @property
    def person(self) -> Any:
        return self.profile.user


def join_fr(items: list[str]) -> str:
    """['a', 'b', 'c'] → 'a, b et c'."""
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s et %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _departement_id(territory: Territory | None) -> int | None:
    if territory is None:
        return None
    if territory.level == Level.DEPARTEMENT:
        return territory.pk
    return territory.departement_id


def _region_id(territory: Territory | None) -> int | None:
    if territory is None:
        return None
    if territory.level == Level.REGION:
        return territory.pk
    return territory.region_id


def _same_place_q(territory: Territory) -> tuple[Q, str]:
    """People in the same département (or the same région when the person gave only a région)."""
    departement_id = _departement_id(territory)
    if departement_id is not None:
        return Q(territory_id=departement_id) | Q(territory__departement_id=departement_id), "departement"
    region_id = _region_id(territory)
    return Q(territory_id=region_id) | Q(territory__region_id=region_id), "region"


def _candidates(queryset: QuerySet[Profile]) -> QuerySet[Profile]:
    return queryset.select_related("user", "territory__departement").order_by("-updated_at", "pk")[:CANDIDATES_PER_KIND]


def suggestions_for(user: Any, *, limit: int = 12) -> list[Suggestion]:
    """Best peers first. Empty when the person has said nothing of their enjeux, skills, world or territory."""
    profile = Profile.objects.select_related("territory").filter(user=user).first()
    if profile is None:
        return []
    my_skills = dict(profile.skills.values_list("pk", "name"))
    my_themes = [t for t in profile.themes if t in Theme.values]
    base = Profile.objects.in_directory().exclude(user=user)

    same_place: Q | None = None
    place_kind = ""
    if profile.territory is not None and (
        _departement_id(profile.territory) is not None or _region_id(profile.territory) is not None
    ):
        same_place, place_kind = _same_place_q(profile.territory)

    found: dict[int, Profile] = {}
    # 1. Same enjeux or same skills, in other territories.
    shared = Q()
    if my_skills:
        shared |= Q(skills__in=list(my_skills))
    for theme in my_themes:
        shared |= Q(themes__icontains=f'"{theme}"')
    if shared:
        elsewhere = base.filter(shared)
        if same_place is not None:
            elsewhere = elsewhere.exclude(same_place)
        if my_skills:
            elsewhere = elsewhere.annotate(
                shared_skills=Count("skills", filter=Q(skills__in=list(my_skills)), distinct=True)
            ).order_by("-shared_skills", "-updated_at", "pk")
            found.update(
                {p.pk: p for p in elsewhere.select_related("user", "territory__departement")[:CANDIDATES_PER_KIND]}
            )
        else:
            found.update({p.pk: p for p in _candidates(elsewhere.distinct())})
    # 2. Other worlds, same territory.
    if same_place is not None and profile.world:
        nearby = base.filter(same_place).exclude(world=profile.world).exclude(world="")
        found.update({p.pk: p for p in _candidates(nearby)})
    if not found:
        return []

    skills_of: dict[int, list[tuple[int, str]]] = {}
    through = Profile.skills.through
    for profile_id, skill_id, name in through.objects.filter(profile_id__in=list(found)).values_list(
        "profile_id", "skill_id", "skill__name"
    ):
        skills_of.setdefault(profile_id, []).append((skill_id, name))

    my_departement = _departement_id(profile.territory)
    my_region = _region_id(profile.territory)
    suggestions = []
    for candidate in found.values():
        reasons: list[str] = []
        score = 0
        common_themes = [t for t in my_themes if t in candidate.themes]
        common_skills = [name for skill_id, name in skills_of.get(candidate.pk, []) if skill_id in my_skills]
        near = candidate.territory is not None and (
            (my_departement is not None and _departement_id(candidate.territory) == my_departement)
            or (my_departement is None and my_region is not None and _region_id(candidate.territory) == my_region)
        )
        if near and candidate.world and profile.world and candidate.world != profile.world:
            place = _("Même département") if place_kind == "departement" else _("Même région")
            reasons.append(f"{place}, {WORLD_ADJECTIVES[World(candidate.world)]}")
            score += 5
        if common_themes:
            words = [str(THEME_WORDS[Theme(t)]) for t in common_themes]
            if len(words) == 1:
                reasons.append(_("Vous partagez l’enjeu %(themes)s") % {"themes": words[0]})
            else:
                reasons.append(_("Vous partagez les enjeux %(themes)s") % {"themes": join_fr(words)})
            score += 2 * len(common_themes)
        if common_skills:
            quoted = [f"«\u00a0{name}\u00a0»" for name in common_skills[:3]]
            if len(common_skills) == 1:
                reasons.append(_("Vous avez en commun la compétence %(skills)s") % {"skills": quoted[0]})
            else:
                reasons.append(_("Vous avez en commun les compétences %(skills)s") % {"skills": join_fr(quoted)})
            score += 3 * len(common_skills)
        if reasons:
            suggestions.append(Suggestion(profile=candidate, reasons=reasons, score=score))
    suggestions.sort(key=lambda s: (-s.score, s.person.last_name, s.person.first_name, s.profile.pk))
    chosen = suggestions[:limit]
    # The cards show each person's skills: one query for all of them.
    prefetch_related_objects([s.profile for s in chosen], "skills")
    return chosen
