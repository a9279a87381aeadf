"""Business rules of the self-diagnosis: answering, editing questions, profiles, similar territories, advice."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalyse.accounts.roles import Role, user_has_role
from catalyse.diagnostics.models import SCALE_MAX, Answer, Dimension, Question, Questionnaire, Response
from catalyse.territories.models import Territory

# Population bands of "similar" territories (inclusive lower bound, exclusive upper bound).
POPULATION_BANDS: list[tuple[int, int | None]] = [
    (0, 2_000),
    (2_000, 10_000),
    (10_000, 50_000),
    (50_000, 200_000),
    (200_000, 1_000_000),
    (1_000_000, None),
]


def population_band(population: int | None) -> tuple[int, int | None] | None:
    """The band a population falls in; None when the population is unknown."""
    if population is None:
        return None
    for low, high in POPULATION_BANDS:
        if population >= low and (high is None or population < high):
            return (low, high)
    return None


def diagnostic_can_view(*, user: Any, territory: Territory) -> bool:
    """A territory's answers are shown to its respondents and to the programme's facilitators only."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user_has_role(user, Role.FACILITATOR):
        return True
    return Response.objects.filter(respondent=user, territory=territory).exists()


def response_submit(
    *, user: Any, territory: Territory | None, questionnaire: Questionnaire, values: dict[int, Any]
) -> Response:
    """Record (or update) a person's answers for a territory: every question, a level from 0 to 4, or nothing."""
    if territory is None:
        raise ValidationError(_("Indiquez le territoire pour lequel vous répondez."), code="territory_missing")
    questions = list(questionnaire.questions.all())
    errors: list[ValidationError] = []
    clean: dict[int, int] = {}
    for question in questions:
        raw = values.get(question.pk)
        if raw is None or raw == "":
            errors.append(
                ValidationError(
                    _("Répondez à la question « %(text)s ».") % {"text": question.text}, code="answer_missing"
                )
            )
            continue
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = -1
        if not 0 <= value <= SCALE_MAX:
            errors.append(
                ValidationError(
                    _("Choisissez un niveau entre 0 et %(max)d pour la question « %(text)s ».")
                    % {"max": SCALE_MAX, "text": question.text},
                    code="answer_out_of_range",
                )
            )
            continue
        clean[question.pk] = value
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        response, _created = Response.objects.update_or_create(
            respondent=user,
            territory=territory,
            questionnaire=questionnaire,
            defaults={"submitted_at": timezone.now()},
        )
        response.answers.all().delete()
        Answer.objects.bulk_create(
            [Answer(response=response, question_id=pk, value=value) for pk, value in clean.items()]
        )
    return response


def question_update(*, question: Question, text: str) -> Question:
    # Ordinary spaces collapse; non-breaking spaces (French typography) stay.
    text = re.sub(r"[ \t\r\n]+", " ", text or "").strip()
    if not text:
        raise ValidationError(_("Le texte d’une question ne peut pas être vide."), code="question_empty")
    if len(text) > 400:
        raise ValidationError(_("Une question tient en 400 caractères au plus."), code="question_too_long")
    with transaction.atomic():
        question.text = text
        question.save(update_fields=["text"])
    return question


def _means(answers: Any) -> dict[str, float]:
    rows = answers.values("question__dimension").annotate(mean=Avg("value"))
    return {row["question__dimension"]: float(row["mean"]) for row in rows}


def territory_profile(*, territory: Territory, questionnaire: Questionnaire) -> dict[str, float | None]:
    """The maturity of a territory per action: the mean of all its respondents' answers (0 to 4)."""
    means = _means(Answer.objects.filter(response__territory=territory, response__questionnaire=questionnaire))
    return {dimension: means.get(dimension) for dimension in Dimension.values}


def similar_territories_q(territory: Territory) -> Q:
    """Same level and same population band (any level when the population is unknown: same level only)."""
    condition = Q(response__territory__level=territory.level)
    band = population_band(territory.population)
    if band is not None:
        low, high = band
        condition &= Q(response__territory__population__gte=low)
        if high is not None:
            condition &= Q(response__territory__population__lt=high)
    return condition


@dataclass
class SimilarProfile:
    means: dict[str, float | None]
    territory_count: int


def similar_profile(*, territory: Territory, questionnaire: Questionnaire) -> SimilarProfile:
    """The average of similar territories' profiles (each territory counts once, whatever its respondents)."""
    rows = (
        Answer.objects.filter(similar_territories_q(territory), response__questionnaire=questionnaire)
        .exclude(response__territory=territory)
        .values("response__territory", "question__dimension")
        .annotate(mean=Avg("value"))
    )
    per_dimension: dict[str, list[float]] = {d: [] for d in Dimension.values}
    territories: set[int] = set()
    for row in rows:
        per_dimension[row["question__dimension"]].append(float(row["mean"]))
        territories.add(row["response__territory"])
    means = {d: (sum(v) / len(v) if v else None) for d, v in per_dimension.items()}
    return SimilarProfile(means=means, territory_count=len(territories))


@dataclass
class Peer:
    user: Any
    territory: Territory
    score: float


@dataclass
class EventAdvice:
    event: Any
    where: str  # why it is proposed: the territory it is in, or "en ligne"


@dataclass
class Recommendations:
    dimension: str | None
    resources: list[Any] = field(default_factory=list)
    peers: list[Peer] = field(default_factory=list)
    events: list[EventAdvice] = field(default_factory=list)


def upcoming_events_for(*, territory: Territory, limit: int = 5) -> list[EventAdvice]:
    """Published upcoming events in the territory, then in the wider territories around it (EPCI, département,
    région), then online events of national reach (no territory), soonest first within each."""
    from catalyse.events.models import Event, Format, Status

    scopes = [territory] + [
        parent
        for parent in (territory.epci, territory.departement, territory.region)
        if parent is not None and parent.pk != territory.pk
    ]
    upcoming = Event.objects.filter(status=Status.PUBLISHED).upcoming().select_related("territory")
    found: list[EventAdvice] = []
    seen: list[int] = []
    for scope in scopes:
        if len(found) >= limit:
            break
        for event in upcoming.in_territory(scope).exclude(pk__in=seen)[: limit - len(found)]:
            found.append(EventAdvice(event=event, where=scope.name))
            seen.append(event.pk)
    if len(found) < limit:
        national = upcoming.filter(territory__isnull=True, format__in=(Format.ONLINE, Format.HYBRID))
        for event in national.exclude(pk__in=seen)[: limit - len(found)]:
            found.append(EventAdvice(event=event, where=_("en ligne")))
    return found


def weakest_dimension(profile: dict[str, float | None]) -> str | None:
    scored = [(mean, index, d) for index, (d, mean) in enumerate(profile.items()) if mean is not None]
    return min(scored)[2] if scored else None


def recommendations_for(
    *, territory: Territory, questionnaire: Questionnaire, profile: dict[str, float | None], limit: int = 5
) -> Recommendations:
    """For the weakest action: published kit resources of that form, and people ahead on it elsewhere; and
    upcoming events nearby, then online."""
    from catalyse.resources.models import Resource

    dimension = weakest_dimension(profile)
    events = upcoming_events_for(territory=territory, limit=limit)
    if dimension is None:
        return Recommendations(dimension=None, events=events)
    resources = list(Resource.objects.published().with_value("forms", dimension).order_by("title")[:limit])
    own = profile[dimension] or 0.0
    rows = (
        Answer.objects.filter(
            question__dimension=dimension,
            response__questionnaire=questionnaire,
            response__respondent__is_active=True,
            response__respondent__erased_at__isnull=True,
            response__respondent__profile__directory_consent=True,
        )
        .exclude(response__territory=territory)
        .values("response__respondent", "response__territory")
        .annotate(score=Avg("value"))
        .filter(score__gt=own)
        .order_by("-score", "response__respondent")[:limit]
    )
    found = list(rows)
    from catalyse.accounts.models import User

    users = User.objects.in_bulk([row["response__respondent"] for row in found])
    places = Territory.objects.in_bulk([row["response__territory"] for row in found])
    peers = [
        Peer(
            user=users[row["response__respondent"]],
            territory=places[row["response__territory"]],
            score=float(row["score"]),
        )
        for row in found
    ]
    return Recommendations(dimension=dimension, resources=resources, peers=peers, events=events)
