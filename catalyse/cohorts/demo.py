"""Demo cohorts (idempotent): for each of the seed's two MOOCs, a study group in progress and one upcoming, with
members, sessions declared followed, and messages in the sessions' discussions. Runs after the learning loader
(its courses) and the accounts and network loaders (its people); skipped when the courses are not there.

Enrolments are written directly (not through cohort_enrol), so that loading the demo sends no email."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from catalyse.cohorts import services
from catalyse.cohorts.models import Cohort, DeclaredSession, Enrolment, EnrolmentStatus

PARIS = ZoneInfo("Europe/Paris")
FACILITATOR = "elodie.fabre@catalyse.localhost"

COHORTS: list[dict[str, Any]] = [
    {
        "course": "partenariats-qui-changent-le-monde",
        "slug": "partenariats-cohorte-automne",
        "title": "Partenariats qui changent le monde — groupe d’étude d’automne",
        "description": "Un groupe d’étude pour suivre ensemble le MOOC sur Coursera : une session par semaine, "
        "une réunion en direct le jeudi à 18\u00a0h pour partager ce que chacun en retient pour son territoire.",
        "days_from_today": -10,
        "enrolment_mode": "open",
        "capacity": 30,
        "members": [
            ("amandine.moreau@catalyse.localhost", 2),
            ("nadia.haddad@catalyse.localhost", 2),
            ("youssef.benali@catalyse.localhost", 1),
            ("julie.lambert@catalyse.localhost", 0),
        ],
        "posts": {
            1: [
                (
                    "amandine.moreau@catalyse.localhost",
                    "Pour nous, le partenariat innovant a commencé quand l’entreprise a proposé des compétences "
                    "plutôt qu’un chèque : c’est là que la relation a changé de nature.",
                ),
                (
                    "nadia.haddad@catalyse.localhost",
                    "Même constat côté agglomération : le **tiers de confiance** fait toute la différence. "
                    "Qui l’a joué chez vous ?",
                ),
            ],
            2: [
                (
                    "youssef.benali@catalyse.localhost",
                    "Session 2 : je retiens que chacun doit trouver son intérêt, sinon l’alliance ne dure pas.",
                ),
            ],
        },
    },
    {
        "course": "partenariats-qui-changent-le-monde",
        "slug": "partenariats-cohorte-printemps",
        "title": "Partenariats qui changent le monde — groupe d’étude de printemps",
        "description": "Le prochain groupe d’étude : inscription validée par l’animation, 20 places.",
        "days_from_today": 24,
        "enrolment_mode": "approval",
        "capacity": 20,
        "members": [("marc.olivier@catalyse.localhost", 0)],
        "posts": {},
    },
    {
        "course": "alliances-qui-changent-les-territoires",
        "slug": "alliances-cohorte-automne",
        "title": "Alliances qui changent les territoires — groupe d’étude des catalyseurs",
        "description": "Les catalyseurs territoriaux suivent ensemble le MOOC : une session par semaine, une "
        "réunion en direct pour la relier aux projets de chaque territoire.",
        "days_from_today": -8,
        "enrolment_mode": "open",
        "capacity": None,
        "members": [
            ("thomas.lefebvre@catalyse.localhost", 2),
            ("helene.garnier@catalyse.localhost", 1),
            ("sophie.marchand@catalyse.localhost", 0),
        ],
        "posts": {
            1: [
                (
                    "thomas.lefebvre@catalyse.localhost",
                    "Notre territoire a d’abord cartographié ses acteurs : associations, entreprises, "
                    "collectivités. C’est le premier pas de l’écosystème dont parle la session.",
                ),
                (
                    "helene.garnier@catalyse.localhost",
                    "Dans la Drôme, c’est l’inclusion numérique qui a réuni les trois mondes. Bonne idée de "
                    "partir d’un besoin concret.",
                ),
            ],
        },
    },
    {
        "course": "alliances-qui-changent-les-territoires",
        "slug": "alliances-cohorte-printemps",
        "title": "Alliances qui changent les territoires — groupe d’étude de printemps",
        "description": "Le prochain groupe d’étude, ouvert à tous les membres du réseau.",
        "days_from_today": 31,
        "enrolment_mode": "open",
        "capacity": 40,
        "members": [],
        "posts": {},
    },
]


def _schedule(course: Any, starts_on: datetime.date, slug: str) -> list[dict[str, Any]]:
    """A session a week from the start; its live meeting two days after it opens, 18 h – 19 h 30 (Paris)."""
    rows = []
    for index, _session in enumerate(course.sessions.order_by("number")):
        opens = starts_on + datetime.timedelta(weeks=index)
        day = opens + datetime.timedelta(days=2)
        start = datetime.datetime.combine(day, datetime.time(18, 0), tzinfo=PARIS)
        rows.append(
            {
                "opens_on": opens,
                "meeting_starts_at": start,
                "meeting_ends_at": start + datetime.timedelta(minutes=90),
                "meeting_url": f"https://visio.catalyse.localhost/{slug}-session-{index + 1}",
            }
        )
    return rows


@transaction.atomic
def demo_load() -> dict[str, int]:
    from catalyse.accounts.models import User
    from catalyse.learning.models import Course

    people = {u.email: u for u in User.objects.filter(email__endswith="@catalyse.localhost")}
    facilitator = people.get(FACILITATOR)
    counts = {"cohortes créées": 0, "membres": 0, "sessions déclarées suivies": 0, "messages": 0}
    today = timezone.localdate()
    for spec in COHORTS:
        course = Course.objects.filter(slug=spec["course"]).first()
        if course is None or Cohort.objects.filter(slug=spec["slug"]).exists():
            continue  # no course (the learning loader did not run), or loaded already
        starts_on = today + datetime.timedelta(days=spec["days_from_today"])
        cohort = services.cohort_create(
            course=course,
            slug=spec["slug"],
            title=spec["title"],
            description=spec["description"],
            starts_on=starts_on,
            status="published",
            enrolment_mode=spec["enrolment_mode"],
            capacity=spec["capacity"],
            facilitators=[facilitator] if facilitator else [],
            schedule=_schedule(course, starts_on, spec["slug"]),
        )
        counts["cohortes créées"] += 1
        sessions = list(course.sessions.order_by("number"))
        for email, declared in spec["members"]:
            user = people.get(email)
            if user is None:
                continue
            Enrolment.objects.get_or_create(
                cohort=cohort,
                user=user,
                defaults={"status": EnrolmentStatus.ACTIVE, "decided_at": timezone.now(), "decided_by": facilitator},
            )
            counts["membres"] += 1
            for session in sessions[:declared]:
                DeclaredSession.objects.get_or_create(cohort=cohort, user=user, session=session)
                counts["sessions déclarées suivies"] += 1
        for number, posts in spec["posts"].items():
            row = cohort.schedule.filter(session__number=number).first()
            if row is None or not row.is_open(today):
                continue
            for email, body in posts:
                user = people.get(email)
                if user is not None:
                    services.cohort_post_create(cohort_session=row, user=user, body=body)
                    counts["messages"] += 1
    return counts
