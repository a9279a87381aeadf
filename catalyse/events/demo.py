"""Demo events (idempotent): the seed's 4th rencontre du réseau and its webinars, moved to 2027 so that they
are upcoming, a past meeting with its report, and a few workshops and learning visits across real territories."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from catalyse.events.models import Event, Question, Registration, RegistrationStatus, Track

PARIS = ZoneInfo("Europe/Paris")


def at(day: str, hour: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{hour}").replace(tzinfo=PARIS)


AXES = [
    (
        "Les modèles socio-économiques hybrides",
        "Ressources publiques, privées et d’usage : comment les alliances financent l’intérêt général.",
    ),
    (
        "L’impact de la digitalisation",
        "Plateformes, données, inclusion numérique : ce que le numérique change aux coopérations locales.",
    ),
    (
        "Les mutations des compétences",
        "Nouveaux métiers de l’animation territoriale, compétences partagées entre mondes différents.",
    ),
    (
        "La diversité des modes d’évaluation",
        "Mesurer l’impact d’une alliance : indicateurs, récits, évaluation chemin faisant.",
    ),
]

MEETING_QUESTIONS = [
    {
        "label": "Participerez-vous au déjeuner ?",
        "kind": "choice",
        "choices": ["Oui", "Non"],
        "required": True,
    },
    {
        "label": "Régime alimentaire",
        "kind": "choice",
        "choices": ["Sans contrainte", "Végétarien", "Sans gluten", "Autre (précisé le jour même)"],
        "required": False,
    },
    {
        "label": "Qu’attendez-vous de cette rencontre ?",
        "kind": "text",
        "required": False,
        "help_text": "Une question à poser, un retour d’expérience à partager : les animateurs en tiendront compte.",
    },
]

PAST_REPORT = """## Ce que nous retenons

La 3ᵉ rencontre a réuni catalyseurs, élus, associations et entreprises autour d’une question : **comment passer
d’une alliance ponctuelle à une dynamique de territoire ?**

- Les alliances qui durent ont un *tiers de confiance* reconnu par tous les mondes.
- L’évaluation se construit dès le départ, avec les partenaires, et pas seulement pour le financeur.
- Le numérique aide à animer, mais la rencontre physique reste le moment où la confiance se noue.

## Les suites

1. Un groupe de travail « évaluation » se réunit chaque trimestre en visioconférence.
2. Les témoignages filmés rejoignent le kit ouvert.
3. La 4ᵉ rencontre aura pour thème « Ensemble innovons ! ».
"""

EVENTS: list[dict[str, Any]] = [
    {
        "slug": "4e-rencontre-du-reseau-ensemble-innovons-2027",
        "kind": "rencontre",
        "title": "4ᵉ rencontre du réseau : « Ensemble innovons ! »",
        "edition": 4,
        "theme": "Ensemble innovons !",
        "summary": "La rencontre annuelle du réseau des pionniers des alliances en territoires : échanges et "
        "réflexions collectives autour de quatre axes qui transforment les organisations et la co-construction.",
        "description": "- **9 h 30** — Accueil café\n- **10 h** — Ouverture : "
        "« Ensemble innovons ! »\n- **10 h 45** — Ateliers par axe (matin)\n- **12 h 30** — Déjeuner\n"
        "- **14 h** — Ateliers par axe (suite) et restitution croisée\n- **16 h 30** — Clôture\n\n"
        "Chaque personne s’inscrit à **un axe**, qu’elle suit toute la journée.",
        "starts_at": at("2027-06-12", "09:30"),
        "ends_at": at("2027-06-12", "17:00"),
        "format": "hybride",
        "venue": "Maison de la coopération",
        "address": "12 rue de la Solidarité",
        "territory": "commune:75056",
        "online_url": "https://visio.catalyse.localhost/rencontre-2027",
        "registration_mode": "plateforme",
        "capacity": 160,
        "organisers": ["elodie.fabre@catalyse.localhost"],
        "organiser_name": "Réseau des pionniers des alliances en territoires",
        "tracks": [{"title": title, "description": text, "capacity": 40} for title, text in AXES],
        "questions": MEETING_QUESTIONS,
        "registrations": [
            ("amandine.moreau@catalyse.localhost", 0),
            ("nadia.haddad@catalyse.localhost", 1),
            ("thomas.lefebvre@catalyse.localhost", 3),
            ("helene.garnier@catalyse.localhost", 1),
        ],
    },
    {
        "slug": "webinaire-cnfpt-collectivites-co-construction-2027",
        "kind": "webinaire",
        "title": "Le rôle des collectivités territoriales dans la co-construction territoriale",
        "summary": "Webinaire de la e-communauté développement local du CNFPT : le voyage à la découverte de la "
        "co-construction territoriale commence ici.",
        "description": "Comment une collectivité peut-elle **initier, animer et soutenir** les alliances entre "
        "acteurs de son territoire ? Témoignages d’élus et de chargés de mission, puis questions-réponses.",
        "starts_at": at("2027-04-03", "12:00"),
        "ends_at": at("2027-04-03", "14:00"),
        "format": "en_ligne",
        "online_url": "https://cnfpt-formation.adobeconnect.com/rjh1b0bsdwe7/",
        "registration_mode": "plateforme",
        "capacity": 300,
        "organisers": ["elodie.fabre@catalyse.localhost"],
        "organiser_name": "CNFPT — e-communauté développement local",
        "registrations": [("nadia.haddad@catalyse.localhost", None), ("julie.lambert@catalyse.localhost", None)],
    },
    {
        "slug": "webinaire-territoires-conseils-entrepreneuriat-de-territoire-2027",
        "kind": "webinaire",
        "title": "L’entrepreneuriat de territoire : méthodes de co-construction",
        "summary": "Webinaire de Territoires Conseils sur les méthodes de co-construction territoriale : "
        "solutions, chaîne de valeur, modèles socio-économiques et modes de gouvernance.",
        "starts_at": at("2027-04-05", "10:00"),
        "ends_at": at("2027-04-05", "12:00"),
        "format": "en_ligne",
        "registration_mode": "externe",
        "external_registration_url": "https://www.caissedesdepotsdesterritoires.fr/cs/ContentServer?pagename=Territoires/Teleconferences",
        "organisers": ["elodie.fabre@catalyse.localhost"],
        "organiser_name": "Territoires Conseils",
    },
    {
        "slug": "webinaire-mecenat-de-competences-2027",
        "kind": "webinaire",
        "title": "Mécénat de compétences : monter un partenariat gagnant-gagnant",
        "summary": "Une heure pour comprendre le mécénat de compétences entre entreprises et associations, avec "
        "deux binômes qui le pratiquent.",
        "starts_at": at("2027-01-28", "12:30"),
        "ends_at": at("2027-01-28", "13:30"),
        "format": "en_ligne",
        "online_url": "https://visio.catalyse.localhost/mecenat-competences",
        "registration_mode": "plateforme",
        "capacity": 2,
        "organisers": ["amandine.moreau@catalyse.localhost"],
        "organisation": "loire-solidarites-emploi",
        "registrations": [
            ("marc.olivier@catalyse.localhost", None),
            ("youssef.benali@catalyse.localhost", None),
            ("sophie.marchand@catalyse.localhost", None),
        ],
    },
    {
        "slug": "atelier-cartographier-les-acteurs-saint-etienne-2027",
        "kind": "atelier",
        "title": "Cartographier les acteurs de son territoire",
        "summary": "Un atelier pratique pour dresser la carte des acteurs des quatre mondes et repérer les "
        "alliances possibles, avec la grille d’autodiagnostic du kit.",
        "starts_at": at("2027-02-11", "14:00"),
        "ends_at": at("2027-02-11", "17:00"),
        "format": "presentiel",
        "venue": "Maison des associations",
        "address": "4 rue André Malraux",
        "territory": "commune:42218",
        "registration_mode": "plateforme",
        "capacity": 20,
        "organisers": ["amandine.moreau@catalyse.localhost"],
        "organisation": "loire-solidarites-emploi",
        "questions": [{"label": "Votre structure", "kind": "text", "required": True}],
        "registrations": [("marc.olivier@catalyse.localhost", None)],
    },
    {
        "slug": "visite-apprenante-jardins-du-scorff-lorient-2027",
        "kind": "visite",
        "title": "Visite apprenante : les Jardins du Scorff",
        "summary": "Écoles, cuisines centrales et maraîchers : comment une alliance locale nourrit les cantines de "
        "Lorient. Visite des jardins et échange avec les partenaires.",
        "starts_at": at("2027-03-18", "09:30"),
        "ends_at": at("2027-03-18", "12:30"),
        "format": "presentiel",
        "venue": "Les Jardins du Scorff",
        "address": "Chemin du Ter",
        "territory": "commune:56121",
        "registration_mode": "plateforme",
        "capacity": 15,
        "organisers": ["youssef.benali@catalyse.localhost"],
        "organisation": "les-jardins-du-scorff",
    },
    {
        "slug": "visite-apprenante-numerique-solidaire-valence-2027",
        "kind": "visite",
        "title": "Visite apprenante : reconditionner pour inclure",
        "summary": "L’atelier de reconditionnement de Numérique solidaire Drôme et ses partenaires : centres "
        "sociaux, agglomération, entreprises donatrices.",
        "starts_at": at("2027-04-22", "14:00"),
        "ends_at": at("2027-04-22", "16:30"),
        "format": "presentiel",
        "venue": "Numérique solidaire Drôme",
        "address": "18 avenue Victor Hugo",
        "territory": "commune:26362",
        "registration_mode": "aucune",
        "organisers": ["helene.garnier@catalyse.localhost"],
        "organisation": "numerique-solidaire-drome",
    },
    {
        "slug": "atelier-evaluer-l-impact-d-une-alliance-besancon-2027",
        "kind": "atelier",
        "title": "Évaluer l’impact d’une alliance",
        "summary": "Indicateurs, récits, évaluation chemin faisant : un atelier pour choisir sa méthode, sur place "
        "à Besançon ou en ligne.",
        "starts_at": at("2027-05-20", "09:30"),
        "ends_at": at("2027-05-20", "12:30"),
        "format": "hybride",
        "venue": "Université de Franche-Comté, bâtiment Proudhon",
        "address": "30 avenue de l’Observatoire",
        "territory": "commune:25056",
        "online_url": "https://visio.catalyse.localhost/evaluer-impact",
        "registration_mode": "plateforme",
        "capacity": 40,
        "organisers": ["thomas.lefebvre@catalyse.localhost"],
        "organisation": "universite-de-franche-comte",
    },
    {
        "slug": "3e-rencontre-du-reseau-2026",
        "kind": "rencontre",
        "title": "3ᵉ rencontre du réseau : « De l’alliance au territoire »",
        "edition": 3,
        "theme": "De l’alliance au territoire",
        "summary": "La rencontre annuelle 2026 du réseau : comment passer d’une alliance ponctuelle à une dynamique "
        "de territoire.",
        "starts_at": at("2026-06-11", "09:30"),
        "ends_at": at("2026-06-11", "17:00"),
        "format": "presentiel",
        "venue": "Hôtel de la Métropole",
        "address": "20 rue du Lac",
        "territory": "commune:69123",
        "registration_mode": "plateforme",
        "capacity": 120,
        "organisers": ["elodie.fabre@catalyse.localhost"],
        "organiser_name": "Réseau des pionniers des alliances en territoires",
        "report": PAST_REPORT,
        "replay_url": "https://video.catalyse.localhost/rencontre-2026",
        "registrations": [
            ("amandine.moreau@catalyse.localhost", None),
            ("nadia.haddad@catalyse.localhost", None),
            ("youssef.benali@catalyse.localhost", None),
            ("thomas.lefebvre@catalyse.localhost", None),
            ("marc.olivier@catalyse.localhost", None),
        ],
        "present": [
            "amandine.moreau@catalyse.localhost",
            "nadia.haddad@catalyse.localhost",
            "thomas.lefebvre@catalyse.localhost",
            "marc.olivier@catalyse.localhost",
        ],
    },
    {
        "slug": "atelier-fondations-territoriales-bayonne-2026",
        "kind": "atelier",
        "title": "Fondations territoriales : financer les alliances locales",
        "summary": "Comment une fondation territoriale choisit et accompagne des projets portés par des "
        "acteurs de mondes différents.",
        "starts_at": at("2026-10-08", "14:00"),
        "ends_at": at("2026-10-08", "17:00"),
        "format": "presentiel",
        "venue": "Fondation Pays basque Avenir",
        "address": "3 allées Paulmy",
        "territory": "commune:64102",
        "registration_mode": "plateforme",
        "capacity": 25,
        "organisers": ["sophie.marchand@catalyse.localhost"],
        "organisation": "fondation-pays-basque-avenir",
    },
]


def _territory(ref: str | None) -> Any:
    from catalyse.territories.models import Territory

    if not ref:
        return None
    try:
        return Territory.objects.by_ref(ref)
    except Territory.DoesNotExist:
        return None


def _users(emails: list[str]) -> dict[str, Any]:
    from catalyse.accounts.models import User

    return {u.email: u for u in User.objects.filter(email__in=emails)}


@transaction.atomic
def demo_load() -> dict[str, int]:
    from catalyse.accounts.models import Organisation
    from catalyse.resources.models import Resource

    registrations = 0
    for spec in EVENTS:
        spec = dict(spec)
        tracks = spec.pop("tracks", [])
        questions = spec.pop("questions", [])
        people = spec.pop("registrations", [])
        present = set(spec.pop("present", []))
        organiser_emails = spec.pop("organisers", [])
        organisation = spec.pop("organisation", None)
        territory = _territory(spec.pop("territory", None))
        slug = spec.pop("slug")
        spec["organisation"] = Organisation.objects.filter(slug=organisation).first() if organisation else None
        if spec.get("report"):
            spec["report_published_at"] = spec["ends_at"] + datetime.timedelta(days=7)
        event = Event.objects.filter(slug=slug).first() or Event(slug=slug)
        for name, value in spec.items():
            setattr(event, name, value)
        event.set_territory(territory)
        event.save()
        event.organisers.set(list(_users(organiser_emails).values()))
        for position, track in enumerate(tracks):
            Track.objects.update_or_create(event=event, position=position, defaults=track)
        event.tracks.filter(position__gte=len(tracks)).filter(registrations__isnull=True).delete()
        for position, question in enumerate(questions):
            Question.objects.update_or_create(
                event=event,
                position=position,
                defaults={"choices": [], "help_text": "", **question},
            )
        event.questions.filter(position__gte=len(questions)).delete()
        if event.report and not event.resources.exists():
            event.resources.set(list(Resource.objects.published().order_by("-published", "id")[:2]))

        users = _users([email for email, _track in people])
        track_list = list(event.tracks.order_by("position"))
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        for index, (email, track_index) in enumerate(people):
            user = users.get(email)
            if user is None or Registration.objects.filter(event=event, user=user).exists():
                continue
            when = event.starts_at - datetime.timedelta(days=30 - index)
            full = event.capacity is not None and confirmed >= event.capacity
            answers = {}
            for question in event.questions.all():
                if question.kind == "choice" and question.required:
                    answers[str(question.pk)] = question.choices[0]
                elif question.required:
                    answers[str(question.pk)] = "Démonstration"
            Registration.objects.create(
                event=event,
                user=user,
                track=track_list[track_index] if track_index is not None and track_list else None,
                status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
                answers=answers,
                created_at=min(when, timezone.now()),
                confirmed_at=None if full else min(when, timezone.now()),
                waiting_since=min(when, timezone.now()) if full else None,
                attended=(email in present) if present else None,
            )
            confirmed += 0 if full else 1
            registrations += 1
    return {"événements": len(EVENTS), "inscriptions ajoutées": registrations, "axes": Track.objects.count()}
