"""Demo carnets de bord (idempotent): the first two months of the demo journey, drafted from its activity by the
same service as in production, with a word from the facilitators, and published (no email is sent by the demo).
Skipped when there is no demo journey (its loader runs before this one)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from catalyse.journeys.models import Journey
from catalyse.logbooks.models import LogbookIssue, Status, month_end
from catalyse.logbooks.services import logbook_draft, subscriptions_sync_participants

DEMO_JOURNEY_SLUG = "parcours-experience-co-construction-territoriale"

EDITORIALS = [
    (
        "L’embarquement des douze territoires pilotes",
        "Douze territoires pilotes ont embarqué pour neuf mois dans le parcours d’expérience "
        "« Co-construction territoriale », co-construit avec le CGET, en partenariat avec la FNCE.\n\n"
        "Ce premier carnet de bord — *enjeux, pratiques et illustrations* — raconte les premiers pas : "
        "chaque binôme a posé le défi commun de son territoire, et les premières séances de "
        "**co-développement entre pairs** ont montré ce que chacun peut apporter aux autres.\n\n"
        "Merci à toutes les équipes pour leur engagement. Le carnet est fait pour circuler : "
        "transmettez-le aux partenaires de vos territoires.",
    ),
    (
        "Du défi commun aux premières alliances",
        "Le parcours trouve son rythme : des temps collectifs, des travaux personnels, et déjà les premières "
        "**visites apprenantes**. Les témoignages de pairs et de décideurs nourrissent les plans d’action.\n\n"
        "Ce mois-ci, une question revient dans toutes les équipes : comment associer les entreprises "
        "dès la conception d’un projet de territoire, et pas seulement au moment de le financer ? "
        "Les apprentissages ci-dessous, partagés avec l’accord de chaque client, en donnent des pistes.",
    ),
]


def _add_month(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@transaction.atomic
def demo_load() -> dict[str, int]:
    journey = Journey.objects.filter(slug=DEMO_JOURNEY_SLUG).first()
    if journey is None:
        return {"carnets de bord publiés": 0}
    subscriptions_sync_participants(journey=journey)
    first_month = journey.starts_on.replace(day=1)
    this_month = timezone.localdate().replace(day=1)
    published = 0
    for offset, (title, editorial) in enumerate(EDITORIALS):
        month = _add_month(first_month, offset)
        if month >= this_month:  # only months that are over
            break
        existing = LogbookIssue.objects.filter(journey=journey, month=month).first()
        if existing is not None and existing.is_published:
            published += 1
            continue
        issue = logbook_draft(journey=journey, month=month)
        issue.title = title
        issue.editorial = editorial
        issue.status = Status.PUBLISHED
        end = month_end(month) + datetime.timedelta(days=1)
        issue.published_at = timezone.make_aware(datetime.datetime.combine(end, datetime.time(10)))
        issue.updated_at = issue.published_at
        issue.published_by = journey.facilitators.order_by("pk").first()
        issue.save()
        published += 1
    return {"carnets de bord publiés": published}
