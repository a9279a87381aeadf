"""The demo journey (idempotent): the seed's « Parcours d’expérience Co-construction territoriale », 12 real pilot
territories with their binômes, nine months of steps around today (some past, some coming), deliverables and
action plans. codevelopment and logbooks add their sessions and logbooks after it (their loaders' order is higher).
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from catalyse.accounts.models import Profile, User, World
from catalyse.journeys.models import ActionItem, Deliverable, Journey, PilotTeam, Step, StepKind, TeamMember

PARIS = ZoneInfo("Europe/Paris")
DEMO_SLUG = "parcours-experience-co-construction-territoriale"
FACILITATORS = ["elodie.fabre@catalyse.localhost"]

SUMMARY = """Co-construit avec le CGET, en partenariat avec la FNCE, ce parcours d’expérience permet à **12 territoires
pilotes** d’expérimenter durant **9 mois** une nouvelle méthode de **co-développement entre pairs**.

Le parcours articule différents leviers pédagogiques :

- des temps collectifs et des temps individuels de travaux personnels ;
- des apports provenant de la capitalisation des expériences, de témoignages de pairs et de décideurs, de visites
  apprenantes et de mises en situation pratiques et applicatives, reposant sur des méthodes de co-développement entre
  participants ;
- une animation continue articulant la mise à disposition d’outils numériques (MOOC, centre de ressources,
  lettres d’information) et des espaces d’échanges et d’inspiration informels.

Un *carnet de bord* mensuel, « enjeux, pratiques et illustrations », suit le parcours.
"""

# (territory ref, team name, challenge, themes, forms of action, members: (email, world, role label))
TEAMS: list[dict[str, Any]] = [
    {
        "ref": "commune:42218",
        "challenge": "Faire vivre une alliance entre entreprises, associations et ville autour de l’insertion des "
        "jeunes des quartiers prioritaires.",
        "themes": ["social", "economique"],
        "forms": ["animation", "accompagnement"],
        "members": [
            ("marc.olivier@catalyse.localhost", World.ENTREPRISE, "Dirigeant d’une PME industrielle"),
            ("claire.vidal@catalyse.localhost", World.COLLECTIVITE, "Chargée de mission politique de la ville"),
        ],
    },
    {
        "ref": "epci:200068781",
        "challenge": "Structurer une gouvernance partagée de l’alimentation locale entre agglomération, producteurs "
        "et restauration collective.",
        "themes": ["environnemental", "economique"],
        "forms": ["experimentation"],
        "members": [
            ("nadia.haddad@catalyse.localhost", World.COLLECTIVITE, "Directrice du développement territorial"),
            ("helene.garnier@catalyse.localhost", World.ENTREPRISE, "Responsable RSE"),
        ],
    },
    {
        "ref": "commune:56121",
        "challenge": "Ouvrir les tiers-lieux du port aux habitants et aux associations pour inventer ensemble de "
        "nouveaux usages.",
        "themes": ["societal", "social"],
        "forms": ["animation", "experimentation"],
        "members": [
            ("youssef.benali@catalyse.localhost", World.ASSOCIATION, "Coordinateur associatif"),
            ("julie.lambert@catalyse.localhost", World.COLLECTIVITE, "Élue à la vie associative"),
        ],
    },
    {
        "ref": "commune:25056",
        "challenge": "Mesurer l’impact des coopérations entre l’université et le tissu associatif local.",
        "themes": ["societal"],
        "forms": ["accompagnement"],
        "members": [
            ("thomas.lefebvre@catalyse.localhost", World.ACADEMIQUE, "Maître de conférences"),
            ("ines.morel@catalyse.localhost", World.ASSOCIATION, "Déléguée d’une fédération d’associations"),
        ],
    },
    {
        "ref": "commune:64102",
        "challenge": "Mobiliser le mécénat de compétences des entreprises du Pays basque au service de l’inclusion "
        "numérique.",
        "themes": ["social", "economique"],
        "forms": ["accompagnement"],
        "members": [
            ("sophie.marchand@catalyse.localhost", World.ACTEUR_PUBLIC, "Déléguée territoriale"),
            ("antoine.etcheverry@catalyse.localhost", World.ENTREPRISE, "Chef d’entreprise"),
        ],
    },
    {
        "ref": "commune:62528",
        "challenge": "Associer les habitants à la transition énergétique du bassin minier, du diagnostic aux projets.",
        "themes": ["environnemental", "societal"],
        "forms": ["animation", "experimentation"],
        "members": [
            ("bruno.lemaire.loos@catalyse.localhost", World.COLLECTIVITE, "Directeur général des services"),
            ("amina.kaci@catalyse.localhost", World.CITOYEN, "Habitante, membre du conseil citoyen"),
        ],
    },
    {
        "ref": "commune:59271",
        "challenge": "Construire avec les entreprises du port une filière locale de réemploi des matériaux.",
        "themes": ["environnemental", "economique"],
        "forms": ["experimentation"],
        "members": [
            ("karim.benhamou@catalyse.localhost", World.COLLECTIVITE, "Chargé de mission économie circulaire"),
            ("laure.dewitte@catalyse.localhost", World.ENTREPRISE, "Responsable d’une entreprise d’insertion"),
        ],
    },
    {
        "ref": "epci:242600252",
        "challenge": "Faire de la Biovallée un laboratoire d’alliances entre agriculteurs, collectivités et "
        "entreprises pour l’emploi local.",
        "themes": ["environnemental", "social"],
        "forms": ["animation", "accompagnement"],
        "members": [
            ("mathilde.roux@catalyse.localhost", World.COLLECTIVITE, "Chargée de développement"),
            ("olivier.chaix@catalyse.localhost", World.ASSOCIATION, "Animateur d’un réseau d’agriculteurs"),
        ],
    },
    {
        "ref": "epci:200070712",
        "challenge": "Maintenir les services de proximité en montagne grâce à des coopérations entre communes, "
        "commerçants et associations.",
        "themes": ["social", "societal"],
        "forms": ["experimentation"],
        "members": [
            ("jean.bost@catalyse.localhost", World.COLLECTIVITE, "Vice-président aux services à la population"),
            ("sandrine.fayet@catalyse.localhost", World.ASSOCIATION, "Directrice d’un centre social"),
        ],
    },
    {
        "ref": "departement:48",
        "challenge": "Attirer et accueillir de nouveaux actifs en Lozère en alliant employeurs, associations et "
        "collectivités.",
        "themes": ["economique", "social"],
        "forms": ["animation"],
        "members": [
            ("pauline.martel@catalyse.localhost", World.COLLECTIVITE, "Chargée de l’attractivité du département"),
            ("remi.pages@catalyse.localhost", World.ENTREPRISE, "Gérant d’une coopérative"),
        ],
    },
    {
        "ref": "departement:32",
        "challenge": "Coordonner les acteurs de la santé et du médico-social pour lutter contre l’isolement des "
        "personnes âgées.",
        "themes": ["social"],
        "forms": ["accompagnement", "animation"],
        "members": [
            ("francoise.dubarry@catalyse.localhost", World.ACTEUR_PUBLIC, "Chargée de mission à l’agence régionale"),
            ("hugo.lafitte@catalyse.localhost", World.ASSOCIATION, "Responsable d’une association d’aide à domicile"),
        ],
    },
    {
        "ref": "commune:97411",
        "challenge": "Créer avec les jeunes, les entreprises et la ville un programme d’engagement citoyen.",
        "themes": ["societal", "social"],
        "forms": ["experimentation", "animation"],
        "members": [
            ("emilie.payet@catalyse.localhost", World.COLLECTIVITE, "Directrice de la jeunesse"),
            ("david.hoarau@catalyse.localhost", World.ENTREPRISE, "Dirigeant d’une entreprise du numérique"),
            ("lucie.grondin@catalyse.localhost", World.ASSOCIATION, "Animatrice d’une association d’éducation"),
        ],
    },
]

# New demo people (the others come from the accounts demo): email → (first name, last name).
PEOPLE = {
    "claire.vidal@catalyse.localhost": ("Claire", "Vidal"),
    "ines.morel@catalyse.localhost": ("Inès", "Morel"),
    "antoine.etcheverry@catalyse.localhost": ("Antoine", "Etcheverry"),
    "bruno.lemaire.loos@catalyse.localhost": ("Bruno", "Lemaire"),
    "amina.kaci@catalyse.localhost": ("Amina", "Kaci"),
    "karim.benhamou@catalyse.localhost": ("Karim", "Benhamou"),
    "laure.dewitte@catalyse.localhost": ("Laure", "Dewitte"),
    "mathilde.roux@catalyse.localhost": ("Mathilde", "Roux"),
    "olivier.chaix@catalyse.localhost": ("Olivier", "Chaix"),
    "jean.bost@catalyse.localhost": ("Jean", "Bost"),
    "sandrine.fayet@catalyse.localhost": ("Sandrine", "Fayet"),
    "pauline.martel@catalyse.localhost": ("Pauline", "Martel"),
    "remi.pages@catalyse.localhost": ("Rémi", "Pagès"),
    "francoise.dubarry@catalyse.localhost": ("Françoise", "Dubarry"),
    "hugo.lafitte@catalyse.localhost": ("Hugo", "Lafitte"),
    "emilie.payet@catalyse.localhost": ("Émilie", "Payet"),
    "david.hoarau@catalyse.localhost": ("David", "Hoarau"),
    "lucie.grondin@catalyse.localhost": ("Lucie", "Grondin"),
}

# (kind, title, description, days from the start, hour (None: a due date), days it lasts, deliverable?)
STEPS: list[tuple[str, str, str, int, int | None, int, bool]] = [
    (
        StepKind.TEMPS_COLLECTIF,
        "Temps collectif de lancement",
        "Se rencontrer, partager les défis des douze territoires, découvrir la méthode de co-développement entre "
        "pairs.",
        7,
        10,
        1,
        False,
    ),
    (
        StepKind.TRAVAIL_INDIVIDUEL,
        "Portrait du territoire et de son défi",
        "En binôme, décrivez votre territoire, les acteurs déjà engagés et le défi commun que vous voulez faire "
        "avancer (deux pages au plus).",
        28,
        None,
        0,
        True,
    ),
    (
        StepKind.CODEVELOPPEMENT,
        "Première séance de codéveloppement",
        "Quatre à huit pairs, un client, un problème concret : exposé, clarification, contrat, consultation, plan "
        "d’action, apprentissages.",
        42,
        14,
        0,
        False,
    ),
    (
        StepKind.TEMOIGNAGE,
        "Témoignage : les alliances vues par une élue",
        "Une élue et un dirigeant d’entreprise racontent comment leur alliance est née, ce qui a marché et ce qui a "
        "coincé.",
        63,
        18,
        0,
        False,
    ),
    (
        StepKind.VISITE_APPRENANTE,
        "Visite apprenante à Loos-en-Gohelle",
        "Deux jours sur place pour voir la transition du bassin minier et rencontrer ceux qui la portent.",
        91,
        9,
        1,
        False,
    ),
    (
        StepKind.TRAVAIL_INDIVIDUEL,
        "Cartographie des parties prenantes",
        "Qui agit déjà sur votre défi, qui pourrait s’y joindre, avec quel intérêt ? Une carte et une page de "
        "commentaires.",
        112,
        None,
        0,
        True,
    ),
    (
        StepKind.TEMPS_COLLECTIF,
        "Temps collectif à mi-parcours",
        "Où en est chaque territoire ? Retour sur les premières actions, ajustements de la méthode.",
        140,
        10,
        0,
        False,
    ),
    (
        StepKind.CODEVELOPPEMENT,
        "Deuxième séance de codéveloppement",
        "La rotation continue : un nouveau client expose son problème aux pairs.",
        168,
        14,
        0,
        False,
    ),
    (
        StepKind.TRAVAIL_INDIVIDUEL,
        "Plan d’action à six mois",
        "Vos engagements pour la suite : quoi, qui, pour quand, avec quels partenaires.",
        196,
        None,
        0,
        True,
    ),
    (
        StepKind.VISITE_APPRENANTE,
        "Visite apprenante en Biovallée",
        "Comment agriculteurs, collectivités et entreprises de la vallée de la Drôme coopèrent pour l’emploi local.",
        217,
        9,
        1,
        False,
    ),
    (
        StepKind.TEMOIGNAGE,
        "Témoignages croisés de pairs",
        "Trois territoires pilotes du parcours précédent racontent ce qui a changé un an après.",
        238,
        18,
        0,
        False,
    ),
    (
        StepKind.TEMPS_COLLECTIF,
        "Temps collectif de clôture",
        "Capitaliser les apprentissages du parcours et préparer la suite, ensemble.",
        266,
        10,
        0,
        False,
    ),
]

ACTIONS = [
    ("Réunir les partenaires autour du défi commun", "Le binôme"),
    ("Rédiger la fiche de présentation de l’alliance", "Binôme collectivité"),
    ("Inviter deux entreprises au prochain comité", "Binôme entreprise"),
]


def _territory(ref: str) -> Any:
    from catalyse.territories.models import Territory

    try:
        return Territory.objects.by_ref(ref)
    except Territory.DoesNotExist:
        return None


def _person(email: str, world: str, territory: Any) -> User | None:
    user = User.objects.filter(email=email).first()
    if user is not None or email not in PEOPLE:
        return user
    from catalyse.accounts.demo import DEMO_PASSWORD
    from catalyse.accounts.services import profile_create

    first, last = PEOPLE[email]
    user = User.objects.create_user(email=email, password=DEMO_PASSWORD, first_name=first, last_name=last)
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    profile = profile_create(user=user)
    Profile.objects.filter(pk=profile.pk).update(world=world, territory=territory)
    return user


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour)).replace(tzinfo=PARIS)


@transaction.atomic
def demo_load() -> dict[str, int]:
    today = timezone.localdate()
    # Four months in: the first steps are past, the others to come.
    starts_on = (today - datetime.timedelta(days=120)).replace(day=1)
    journey = Journey.objects.filter(slug=DEMO_SLUG).first()
    if journey is None:
        journey = Journey.objects.create(
            slug=DEMO_SLUG,
            title="Parcours d’expérience « Co-construction territoriale »",
            summary=SUMMARY,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=273),
        )
    starts_on = journey.starts_on
    journey.facilitators.add(*User.objects.filter(email__in=FACILITATORS))

    steps = []
    for kind, title, description, offset, hour, lasts, deliverable in STEPS:
        day = starts_on + datetime.timedelta(days=offset)
        values: dict[str, Any] = {
            "kind": kind,
            "description": description,
            "requires_deliverable": deliverable,
            "starts_at": _at(day, hour) if hour is not None else None,
            "ends_at": _at(day + datetime.timedelta(days=lasts), hour + 3) if hour is not None else None,
            "due_on": day if hour is None else None,
            "location": "En ligne" if kind in {StepKind.CODEVELOPPEMENT, StepKind.TEMOIGNAGE} else "",
        }
        step = Step.objects.filter(journey=journey, title=title).first()
        if step is None:
            step = Step.objects.create(journey=journey, title=title, **values)
        steps.append(step)

    teams = 0
    for index, spec in enumerate(TEAMS):
        territory = _territory(spec["ref"])
        if territory is None:  # the territorial reference is not loaded (load_territories)
            continue
        team, _created = PilotTeam.objects.get_or_create(
            journey=journey,
            territory=territory,
            defaults={
                "name": territory.name,
                "challenge": spec["challenge"],
                "themes": spec["themes"],
                "forms_of_action": spec["forms"],
            },
        )
        teams += 1
        people = []
        for email, world, role_label in spec["members"]:
            person = _person(email, world, territory)
            if person is None:
                continue
            people.append(person)
            if not TeamMember.objects.filter(team__journey=journey, user=person).exists():
                TeamMember.objects.create(team=team, user=person, world=world, role_label=role_label)
        # Most teams handed in what was due; two are late (for the facilitators' dashboard).
        for step in steps:
            if not step.requires_deliverable or not step.is_past(today) or index in {4, 9}:
                continue
            Deliverable.objects.get_or_create(
                step=step,
                team=team,
                defaults={
                    "text": f"## {step.title}\n\n{spec['challenge']}\n\nLe binôme de {territory.name} a réuni les "
                    "premiers partenaires et décrit ici où il en est.",
                    "submitted_by": people[0] if people else None,
                    "submitted_at": timezone.make_aware(
                        datetime.datetime.combine(step.due_on or today, datetime.time(17))
                    ),
                },
            )
        if not team.action_items.exists():
            for number, (what, who) in enumerate(ACTIONS):
                ActionItem.objects.create(
                    team=team,
                    what=what,
                    who=who,
                    due_on=today + datetime.timedelta(days=14 * (number - 1)),
                    done=number == 0,
                    done_at=timezone.now() if number == 0 else None,
                    created_by=people[0] if people else None,
                )
    return {
        "parcours": Journey.objects.filter(slug=DEMO_SLUG).count(),
        "territoires pilotes": teams,
        "étapes": len(steps),
        "livrables": Deliverable.objects.filter(team__journey=journey).count(),
    }
