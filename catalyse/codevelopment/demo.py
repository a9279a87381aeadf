"""Demo sessions (idempotent) for the demo journey of the journeys app: one held six weeks ago whose client agreed
to share the learnings, one live at step 4 (consultation), one planned. Skipped when the journey is not there."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from catalyse.codevelopment import services
from catalyse.codevelopment.models import Contribution, Session, Stage
from catalyse.journeys.models import Journey, Step, StepKind

DEMO_JOURNEY_SLUG = "parcours-experience-co-construction-territoriale"
DONE_TITLE = "Séance 1 : faire venir les entreprises dans l’alliance"
LIVE_TITLE = "Séance 2 : une gouvernance partagée de l’alimentation locale"
PLANNED_TITLE = "Séance 3 : passer de l’expérimentation à la pérennité"
# A demo persona who can sign in and see the live room as a consultant.
DEMO_CONSULTANT = "nadia.haddad@catalyse.localhost"

DONE = {
    "follow_up": "Première séance du parcours : pas de suivi, l’animatrice présente la méthode et les règles "
    "(bienveillance, confidentialité, le client reste maître de ses choix).",
    "expose": "Notre alliance pour l’insertion des jeunes réunit la ville et six associations, mais les entreprises "
    "ne viennent qu’aux réunions de lancement. Deux PME ont accueilli des stagiaires, puis plus rien. Je crains que "
    "l’alliance ne reste une affaire de partenaires publics.",
    "questions": [
        "Qui invite les entreprises, et par quel canal ?",
        "À quel moment de la journée se tiennent les réunions ?",
        "Les entreprises ont-elles dit ce qu’elles attendaient de l’alliance ?",
        "Existe-t-il un club d’entreprises ou une association de commerçants sur le territoire ?",
    ],
    "contract": "Comment donner aux entreprises une place réelle et durable dans notre alliance pour l’insertion "
    "des jeunes, au-delà des réunions de lancement ?",
    "consultations": [
        "Chez nous, ce sont les chefs d’entreprise déjà engagés qui ont invité leurs pairs : la parole d’un pair "
        "porte plus que celle de la collectivité.",
        "Proposez-leur un rôle précis et limité dans le temps (parrainer un jeune pendant trois mois) plutôt qu’une "
        "place dans un comité.",
        "Les petits-déjeuners à 8 h dans une entreprise ont mieux marché que les réunions en mairie à 14 h.",
        "Rendez visible ce que l’entreprise y gagne : recrutement, image, lien avec le quartier.",
    ],
    "synthesis": "Je retiens trois pistes : passer par les dirigeants déjà engagés, proposer un engagement court et "
    "concret, et déplacer les rencontres chez les entreprises, tôt le matin.",
    "actions": [
        ("Organiser un petit-déjeuner chez l’une des deux PME déjà engagées", "Marc Olivier", 21),
        ("Rédiger une proposition de parrainage de trois mois", "Claire Vidal", 35),
    ],
    "learnings": [
        "Un contrat bien formulé change la qualité des idées : on aide mieux quand on sait sur quoi.",
        "La parole d’un pair porte davantage que celle de l’institution pour mobiliser les entreprises.",
        "Tenir les rôles (écouter sans interrompre pendant l’exposé) est plus difficile qu’il n’y paraît.",
        "Les questions de clarification m’ont fait voir ma propre situation autrement.",
    ],
}

LIVE = {
    "follow_up": "Retour de la séance 1 : le petit-déjeuner chez une PME a réuni huit dirigeants ; trois ont accepté "
    "de parrainer un jeune pendant trois mois. La proposition de parrainage est rédigée.",
    "expose": "L’agglomération veut structurer une gouvernance de l’alimentation locale avec les producteurs et la "
    "restauration collective. Les producteurs se méfient d’une instance de plus ; les cantines ont des contraintes "
    "de marchés publics.",
    "questions": [
        "Combien de producteurs sont prêts à s’engager aujourd’hui ?",
        "Qui porte le sujet chez les élus ?",
        "Les cuisiniers des cantines ont-ils été rencontrés ?",
    ],
    "contract": "Comment associer les producteurs à la gouvernance sans créer une instance de plus dont ils se "
    "méfient ?",
    "consultations": [
        "Partez d’un projet concret (un menu local par semaine dans deux cantines) : la gouvernance viendra après.",
        "Nous avons confié l’animation à la chambre d’agriculture, que les producteurs connaissent déjà.",
    ],
}


def _at_day(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _people(journey: Journey, client: Any) -> tuple[list[Any], Any]:
    members = [m for m in services.cycle_members(journey) if m.pk != client.pk]
    preferred = [m for m in members if m.email == DEMO_CONSULTANT]
    others = [m for m in members if m.email != DEMO_CONSULTANT]
    return (preferred + others)[:5], journey.facilitators.order_by("id").first()


def _create(journey: Journey, *, title: str, when: datetime.datetime, step: Step | None) -> Session:
    proposal = services.client_proposal(journey=journey)
    consultants, facilitator = _people(journey, proposal.user)
    return services.session_create(
        journey=journey,
        created_by=facilitator,
        facilitator=facilitator,
        scheduled_at=when,
        client=proposal.user,
        consultants=consultants,
        title=title,
        calendar_step=step,
    )


def _run(session: Session, content: dict[str, Any], *, until: int) -> Session:
    """Take the session through its steps with the services, writing what each step produced."""
    people = list(session.participants.select_related("user").order_by("id"))
    client = next(p.user for p in people if p.role == "client")
    consultants = [p.user for p in people if p.role == "consultant"]
    facilitator = session.facilitator
    add = services.contribution_add
    while session.is_planned or (session.is_live and session.stage < min(until, Stage.LEARNINGS)):
        session = services.session_advance(session=session, user=facilitator)
        stage = session.stage
        if stage == Stage.FOLLOW_UP and content.get("follow_up"):
            add(session=session, user=facilitator, kind="follow_up", text=content["follow_up"])
        elif stage == Stage.EXPOSE and content.get("expose"):
            add(session=session, user=facilitator, kind="expose", text=content["expose"])
        elif stage == Stage.CLARIFICATION:
            for index, text in enumerate(content.get("questions", [])):
                add(session=session, user=consultants[index % len(consultants)], kind="question", text=text)
        elif stage == Stage.CONTRACT and content.get("contract"):
            add(session=session, user=client, kind="contract", text=content["contract"])
        elif stage == Stage.CONSULTATION:
            for index, text in enumerate(content.get("consultations", [])):
                add(session=session, user=consultants[index % len(consultants)], kind="consultation", text=text)
        elif stage == Stage.SYNTHESIS:
            add(session=session, user=client, kind="synthesis", text=content["synthesis"])
            for what, who, days in content["actions"]:
                services.session_action_add(
                    session=session,
                    user=client,
                    what=what,
                    who=who,
                    due_on=timezone.localdate() + datetime.timedelta(days=days),
                )
        elif stage == Stage.LEARNINGS:
            writers = [client, *consultants]
            for index, text in enumerate(content["learnings"]):
                add(session=session, user=writers[index % len(writers)], kind="learning", text=text)
            for index, person in enumerate(writers):
                services.participant_rate(session=session, user=person, rating=5 if index % 2 else 4)
    if until > Stage.LEARNINGS:
        services.session_consent_set(session=session, user=client, consent=True)
        session = services.session_advance(session=session, user=facilitator)
    return session


def _move_in_time(session: Session, start: datetime.datetime, *, minutes_per_step: int = 15) -> None:
    """Give the steps, the contributions and the session the times of a session that began at `start`."""
    log = {}
    for stage in sorted(int(key) for key in session.stage_log):
        log[str(stage)] = (start + datetime.timedelta(minutes=minutes_per_step * stage)).isoformat()
    values: dict[str, Any] = {"stage_log": log, "started_at": start}
    if session.stage_log:
        values["stage_started_at"] = datetime.datetime.fromisoformat(log[str(session.stage)])
    if session.finished_at:
        values["finished_at"] = start + datetime.timedelta(minutes=minutes_per_step * 7)
    Session.objects.filter(pk=session.pk).update(**values)
    for item in Contribution.objects.filter(session=session).order_by("id"):
        stage_start = datetime.datetime.fromisoformat(log.get(str(_stage_of(item.kind)), start.isoformat()))
        Contribution.objects.filter(pk=item.pk).update(created_at=stage_start + datetime.timedelta(minutes=2))


def _stage_of(kind: str) -> int:
    from catalyse.codevelopment.models import KIND_STAGE

    return KIND_STAGE[kind]


@transaction.atomic
def demo_load() -> dict[str, int]:
    journey = Journey.objects.filter(slug=DEMO_JOURNEY_SLUG).first()
    if journey is None or not journey.facilitators.exists() or len(services.cycle_members(journey)) < 6:
        return {"séances de codéveloppement": 0}
    now = timezone.now()
    steps = list(Step.objects.filter(journey=journey, kind=StepKind.CODEVELOPPEMENT).order_by("starts_at", "id"))
    past = [s for s in steps if s.starts_at and s.starts_at < now]
    future = [s for s in steps if s.starts_at and s.starts_at > now]
    existing = set(Session.objects.filter(journey=journey).values_list("title", flat=True))
    if DONE_TITLE not in existing:
        step = past[0] if past else None
        when = step.starts_at if step and step.starts_at else _at_day(timezone.localdate() - datetime.timedelta(42), 14)
        session = _create(journey, title=DONE_TITLE, when=when, step=step)
        session = _run(session, DONE, until=Stage.LEARNINGS + 1)
        _move_in_time(session, when)
    if LIVE_TITLE not in existing:
        start = now - datetime.timedelta(minutes=62)
        session = _create(journey, title=LIVE_TITLE, when=start, step=None)
        session = _run(session, LIVE, until=Stage.CONSULTATION)
        _move_in_time(session, start)
    if PLANNED_TITLE not in existing:
        step = future[0] if future else None
        when = step.starts_at if step and step.starts_at else _at_day(timezone.localdate() + datetime.timedelta(21), 14)
        _create(journey, title=PLANNED_TITLE, when=when, step=step)
    return {"séances de codéveloppement": Session.objects.filter(journey=journey).count()}
