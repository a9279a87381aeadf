"""Demo people and organisations (idempotent): `manage.py load_demo`.

Every demo person signs in with their address and the password DEMO_PASSWORD; the platform
administrator is admin@catalyse.localhost. Organisations are placed in real territories when
the territorial reference is loaded; their SIRENs pass the checksum (the collectivités' are real)."""

from __future__ import annotations

import logging
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction

from catalyse.accounts.models import (
    MemberRole,
    Membership,
    MemberStatus,
    Organisation,
    OrganisationType,
    Profile,
    SizeBand,
    Theme,
    User,
    World,
)
from catalyse.accounts.roles import Role, role_assign
from catalyse.accounts.services import _skills_get_or_create, directory_consent_set, profile_create
from catalyse.territories.models import Territory

logger = logging.getLogger(__name__)

DEMO_PASSWORD = "catalyse-demo-2026"  # noqa: S105 — documented demo password, demo data only
ADMIN_EMAIL = "admin@catalyse.localhost"

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "valence-romans-agglo",
        "name": "Valence Romans Agglo",
        "org_type": OrganisationType.COLLECTIVITE,
        "size": SizeBand.INTERMEDIATE,
        "siren": "200068781",
        "territory": "epci:200068781",
        "website": "https://www.valenceromansagglo.fr",
        "description": "Communauté d’agglomération de 54 communes entre Vercors et Ardèche, engagée dans "
        "l’animation de son écosystème d’alliances entre collectivités, entreprises et associations.",
    },
    {
        "slug": "ville-de-lorient",
        "name": "Ville de Lorient",
        "org_type": OrganisationType.COLLECTIVITE,
        "size": SizeBand.INTERMEDIATE,
        "siren": "215601212",
        "territory": "commune:56121",
        "website": "https://www.lorient.bzh",
        "description": "La ville soutient les partenariats de quartier entre associations, bailleurs et "
        "entreprises du port.",
    },
    {
        "slug": "loire-solidarites-emploi",
        "name": "Loire Solidarités Emploi",
        "org_type": OrganisationType.ASSOCIATION,
        "size": SizeBand.SMALL,
        "rna": "W423004512",
        "territory": "commune:42218",
        "description": "Association d’insertion par l’activité économique\u00a0: chantiers, mobilité et "
        "accompagnement vers l’emploi avec les entreprises du bassin stéphanois.",
    },
    {
        "slug": "les-jardins-du-scorff",
        "name": "Les Jardins du Scorff",
        "org_type": OrganisationType.ASSOCIATION,
        "size": SizeBand.MICRO,
        "rna": "W563002781",
        "territory": "commune:56121",
        "description": "Jardins partagés et alimentation durable, en lien avec les écoles et la restauration "
        "collective.",
    },
    {
        "slug": "menuiserie-cooperative-du-pilat",
        "name": "Menuiserie coopérative du Pilat",
        "org_type": OrganisationType.ENTREPRISE,
        "size": SizeBand.SMALL,
        "siren": "812345676",
        "territory": "commune:42218",
        "description": "SCOP de menuiserie et d’agencement en bois local, qui forme des personnes en insertion.",
    },
    {
        "slug": "numerique-solidaire-drome",
        "name": "Numérique solidaire Drôme",
        "org_type": OrganisationType.ENTREPRISE,
        "size": SizeBand.MICRO,
        "siren": "904567120",
        "territory": "commune:26362",
        "description": "Entreprise de l’économie sociale et solidaire qui reconditionne des ordinateurs et "
        "anime des ateliers d’inclusion numérique.",
    },
    {
        "slug": "universite-de-franche-comte",
        "name": "Université de Franche-Comté",
        "org_type": OrganisationType.ACADEMIQUE,
        "size": SizeBand.INTERMEDIATE,
        "territory": "commune:25056",
        "website": "https://www.univ-fcomte.fr",
        "description": "Ses laboratoires étudient les coopérations territoriales et l’évaluation de leur impact.",
    },
    {
        "slug": "fondation-pays-basque-avenir",
        "name": "Fondation Pays basque Avenir",
        "org_type": OrganisationType.FONDATION,
        "size": SizeBand.MICRO,
        "territory": "commune:64102",
        "description": "Fondation territoriale qui finance des projets d’alliances entre mondes différents.",
    },
]

# (email, first, last, world, territory, roles, consent, themes, skills, [(org slug, role, title)])
PEOPLE: list[dict[str, Any]] = [
    {
        "email": ADMIN_EMAIL,
        "first_name": "Camille",
        "last_name": "Roussel",
        "world": World.ACTEUR_PUBLIC,
        "territory": "commune:42218",
        "roles": [Role.ADMINISTRATOR],
        "consent": False,
        "bio": "J’administre la plateforme Catalyse.",
        "themes": [],
        "skills": [],
        "memberships": [],
    },
    {
        "email": "elodie.fabre@catalyse.localhost",
        "first_name": "Élodie",
        "last_name": "Fabre",
        "world": World.ASSOCIATION,
        "territory": "region:84",
        "roles": [Role.FACILITATOR],
        "consent": True,
        "bio": "Animatrice du programme\u00a0: j’accompagne les territoires pilotes du parcours d’expérience "
        "et j’écris le carnet de bord mensuel.",
        "themes": [Theme.SOCIAL, Theme.SOCIETAL],
        "skills": ["Co-développement", "Animation de réseau", "Facilitation"],
        "memberships": [],
    },
    {
        "email": "pierre.dumas@catalyse.localhost",
        "first_name": "Pierre",
        "last_name": "Dumas",
        "world": World.ACADEMIQUE,
        "territory": "commune:25056",
        "roles": [Role.EDITOR],
        "consent": True,
        "bio": "Éditeur du centre de ressources\u00a0: je relis et publie les documents du kit.",
        "themes": [Theme.ECONOMIQUE, Theme.SOCIETAL],
        "skills": ["Édition", "Capitalisation d’expériences"],
        "memberships": [("universite-de-franche-comte", MemberRole.MEMBER, "Ingénieur d’études")],
    },
    {
        "email": "amandine.moreau@catalyse.localhost",
        "first_name": "Amandine",
        "last_name": "Moreau",
        "world": World.ASSOCIATION,
        "territory": "commune:42218",
        "roles": [Role.CATALYST],
        "consent": True,
        "bio": "Catalyseuse territoriale à Saint-Étienne depuis 2016\u00a0: je relie les associations "
        "d’insertion et les entreprises du bassin.",
        "themes": [Theme.SOCIAL, Theme.ECONOMIQUE],
        "skills": ["Insertion", "ESS", "Mécénat de compétences"],
        "memberships": [("loire-solidarites-emploi", MemberRole.ADMIN, "Directrice")],
    },
    {
        "email": "nadia.haddad@catalyse.localhost",
        "first_name": "Nadia",
        "last_name": "Haddad",
        "world": World.COLLECTIVITE,
        "territory": "epci:200068781",
        "roles": [Role.CATALYST],
        "consent": True,
        "bio": "Chargée de mission développement territorial à l’agglomération.",
        "themes": [Theme.ECONOMIQUE, Theme.ENVIRONNEMENTAL],
        "skills": ["Développement économique", "Achats responsables"],
        "memberships": [("valence-romans-agglo", MemberRole.ADMIN, "Chargée de mission")],
    },
    {
        "email": "youssef.benali@catalyse.localhost",
        "first_name": "Youssef",
        "last_name": "Benali",
        "world": World.ASSOCIATION,
        "territory": "commune:56121",
        "roles": [Role.CATALYST],
        "consent": True,
        "bio": "Coordinateur des Jardins du Scorff, je fais travailler ensemble écoles, cuisines et maraîchers.",
        "themes": [Theme.ENVIRONNEMENTAL, Theme.SOCIAL],
        "skills": ["Alimentation durable", "Éducation populaire"],
        "memberships": [("les-jardins-du-scorff", MemberRole.ADMIN, "Coordinateur")],
    },
    {
        "email": "helene.garnier@catalyse.localhost",
        "first_name": "Hélène",
        "last_name": "Garnier",
        "world": World.ENTREPRISE,
        "territory": "commune:26362",
        "roles": [Role.CATALYST],
        "consent": True,
        "bio": "Dirigeante d’une entreprise de l’ESS\u00a0: l’inclusion numérique se construit avec les "
        "centres sociaux et la collectivité.",
        "themes": [Theme.SOCIETAL, Theme.ECONOMIQUE],
        "skills": ["Inclusion numérique", "Économie circulaire"],
        "memberships": [("numerique-solidaire-drome", MemberRole.ADMIN, "Gérante")],
    },
    {
        "email": "thomas.lefebvre@catalyse.localhost",
        "first_name": "Thomas",
        "last_name": "Lefebvre",
        "world": World.ACADEMIQUE,
        "territory": "commune:25056",
        "roles": [Role.CATALYST],
        "consent": True,
        "bio": "Maître de conférences en sciences de gestion\u00a0: j’étudie l’évaluation des alliances.",
        "themes": [Theme.ECONOMIQUE, Theme.SOCIETAL],
        "skills": ["Évaluation d’impact", "Recherche-action"],
        "memberships": [("universite-de-franche-comte", MemberRole.ADMIN, "Maître de conférences")],
    },
    {
        "email": "sophie.marchand@catalyse.localhost",
        "first_name": "Sophie",
        "last_name": "Marchand",
        "world": World.ACTEUR_PUBLIC,
        "territory": "commune:64102",
        "roles": [Role.CATALYST],
        "consent": True,
        "bio": "Je suis déléguée d’une fondation territoriale au Pays basque.",
        "themes": [Theme.SOCIAL],
        "skills": ["Philanthropie territoriale"],
        "memberships": [("fondation-pays-basque-avenir", MemberRole.ADMIN, "Déléguée générale")],
    },
    {
        "email": "marc.olivier@catalyse.localhost",
        "first_name": "Marc",
        "last_name": "Olivier",
        "world": World.ENTREPRISE,
        "territory": "commune:42218",
        "roles": [Role.MEMBER],
        "consent": True,
        "bio": "Cogérant d’une SCOP de menuiserie qui forme des personnes en insertion.",
        "themes": [Theme.ECONOMIQUE, Theme.ENVIRONNEMENTAL],
        "skills": ["Bois local", "Coopération économique"],
        "memberships": [
            ("menuiserie-cooperative-du-pilat", MemberRole.ADMIN, "Cogérant"),
            ("loire-solidarites-emploi", MemberRole.MEMBER, "Administrateur bénévole"),
        ],
    },
    {
        "email": "julie.lambert@catalyse.localhost",
        "first_name": "Julie",
        "last_name": "Lambert",
        "world": World.COLLECTIVITE,
        "territory": "commune:56121",
        "roles": [Role.MEMBER],
        "consent": True,
        "bio": "Chargée de la vie associative à la Ville de Lorient.",
        "themes": [Theme.SOCIAL, Theme.SOCIETAL],
        "skills": ["Vie associative", "Politique de la ville"],
        "memberships": [("ville-de-lorient", MemberRole.ADMIN, "Chargée de la vie associative")],
    },
    {
        "email": "lea.rousseau@catalyse.localhost",
        "first_name": "Léa",
        "last_name": "Rousseau",
        "world": World.CITOYEN,
        "territory": "commune:26362",
        "roles": [Role.MEMBER],
        "consent": False,
        "bio": "",
        "themes": [Theme.ENVIRONNEMENTAL],
        "skills": [],
        "memberships": [("numerique-solidaire-drome", MemberRole.MEMBER, "Bénévole")],
    },
]

# Requests to join that an organisation's administrator has yet to answer: (email, org slug, title).
PENDING_REQUESTS = [("julie.lambert@catalyse.localhost", "les-jardins-du-scorff", "Partenaire de la Ville")]


def _territory(ref: str | None) -> Territory | None:
    if not ref:
        return None
    try:
        return Territory.objects.by_ref(ref)
    except Territory.DoesNotExist:
        return None


@transaction.atomic
def demo_load() -> dict[str, int]:
    organisations = {}
    for spec in ORGANISATIONS:
        fields = {key: value for key, value in spec.items() if key not in {"slug", "territory"}}
        fields.setdefault("siren", "")
        fields.setdefault("rna", "")
        fields.setdefault("website", "")
        organisation, _created = Organisation.objects.update_or_create(
            slug=spec["slug"], defaults={**fields, "territory": _territory(spec.get("territory"))}
        )
        organisations[spec["slug"]] = organisation

    for spec in PEOPLE:
        user, created = User.objects.update_or_create(
            email=spec["email"],
            defaults={"first_name": spec["first_name"], "last_name": spec["last_name"], "is_active": True},
        )
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=spec["email"], defaults={"verified": True, "primary": True}
        )
        profile = profile_create(user=user)
        Profile.objects.filter(pk=profile.pk).update(
            world=spec["world"],
            territory=_territory(spec["territory"]),
            bio=spec["bio"],
            themes=[str(theme) for theme in spec["themes"]],
        )
        profile.skills.set(_skills_get_or_create(spec["skills"]))
        directory_consent_set(user=user, granted=spec["consent"])
        for role in spec["roles"]:
            role_assign(user=user, role=role)
        for slug, role, title in spec["memberships"]:
            Membership.objects.update_or_create(
                user=user,
                organisation=organisations[slug],
                defaults={"role": role, "status": MemberStatus.ACTIVE, "title": title},
            )
    for email, slug, title in PENDING_REQUESTS:
        Membership.objects.get_or_create(
            user=User.objects.get(email=email),
            organisation=organisations[slug],
            defaults={"role": MemberRole.MEMBER, "status": MemberStatus.PENDING, "title": title},
        )
    logger.info("Comptes de démonstration (docs/demo.md)\u00a0: mot de passe «\u00a0%s\u00a0»", DEMO_PASSWORD)
    return {"personnes": len(PEOPLE), "organisations": len(ORGANISATIONS)}
