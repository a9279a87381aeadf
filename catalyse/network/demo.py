"""Demo content of the network (idempotent): more catalysts across France for the directory and its map,
the discussion topics of the seed, threads with replies between the demo people, a conversation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from catalyse.accounts.demo import DEMO_PASSWORD
from catalyse.accounts.models import User
from catalyse.accounts.roles import Role, role_assign
from catalyse.accounts.services import profile_update
from catalyse.lib.text import slugify_fr
from catalyse.network import services
from catalyse.network.members import members_sync
from catalyse.network.models import Conversation, Post, Thread, Topic
from catalyse.territories.models import Territory

# The four axes of the 4th meeting of the network (12 June, "Ensemble innovons !"), and evaluation.
TOPICS = [
    {
        "slug": "modeles-socio-economiques-hybrides",
        "title": "Modèles socio-économiques hybrides",
        "description": "Mécénat, marchés, subventions, coopération économique\u00a0: comment les alliances "
        "combinent-elles leurs ressources\u00a0? Premier axe de la 4ᵉ rencontre du réseau.",
    },
    {
        "slug": "impact-du-numerique",
        "title": "Impact du numérique",
        "description": "Ce que la digitalisation change aux organisations et à la co-construction territoriale. "
        "Deuxième axe de la 4ᵉ rencontre du réseau.",
    },
    {
        "slug": "evolution-des-competences",
        "title": "Évolution des compétences",
        "description": "Les mutations des compétences, des métiers et des postures de celles et ceux qui "
        "animent les alliances. Troisième axe de la 4ᵉ rencontre du réseau.",
    },
    {
        "slug": "diversite-des-methodes-d-evaluation",
        "title": "Diversité des méthodes d’évaluation",
        "description": "Évaluer autrement\u00a0: la diversité des modes d’évaluation. Quatrième axe de la "
        "4ᵉ rencontre du réseau.",
    },
    {
        "slug": "evaluer-l-impact",
        "title": "Évaluer l’impact",
        "description": "Indicateurs, grilles, récits\u00a0: partager ses manières de mesurer ce que les alliances "
        "changent sur le territoire.",
    },
]

# More catalysts of the directory, across real territories (first, last, world, territory, themes, skills).
CATALYSTS: list[tuple[str, str, str, str, list[str], list[str]]] = [
    ("Claire", "Bertrand", "collectivite", "commune:59350", ["social", "economique"], ["Politique de la ville", "ESS"]),
    (
        "Mathieu",
        "Roux",
        "entreprise",
        "commune:69123",
        ["economique", "environnemental"],
        ["RSE", "Achats responsables"],
    ),
    ("Inès", "Mercier", "association", "commune:13055", ["social"], ["Insertion", "Médiation"]),
    (
        "Julien",
        "Faure",
        "academique",
        "commune:31555",
        ["societal", "economique"],
        ["Évaluation d’impact", "Recherche-action"],
    ),
    (
        "Camille",
        "Girard",
        "collectivite",
        "commune:33063",
        ["environnemental"],
        ["Transition écologique", "Alimentation durable"],
    ),
    (
        "Antoine",
        "Blanc",
        "association",
        "commune:44109",
        ["social", "societal"],
        ["Éducation populaire", "Vie associative"],
    ),
    ("Laura", "Guérin", "entreprise", "commune:67482", ["economique"], ["Mécénat de compétences", "RSE"]),
    ("Karim", "Boyer", "acteur_public", "commune:35238", ["social", "economique"], ["Développement économique", "ESS"]),
    (
        "Manon",
        "Chevalier",
        "collectivite",
        "commune:21231",
        ["societal"],
        ["Participation citoyenne", "Co-développement"],
    ),
    (
        "Hugo",
        "Perrin",
        "association",
        "commune:63113",
        ["environnemental", "social"],
        ["Économie circulaire", "Insertion"],
    ),
    (
        "Sarah",
        "Lemoine",
        "academique",
        "commune:34172",
        ["societal"],
        ["Évaluation d’impact", "Sciences participatives"],
    ),
    (
        "Nicolas",
        "Fontaine",
        "entreprise",
        "commune:76540",
        ["economique", "environnemental"],
        ["Coopération économique", "Logistique"],
    ),
    ("Emma", "Rolland", "collectivite", "commune:87085", ["social"], ["Politique de la ville", "Médiation"]),
    (
        "Lucas",
        "Gauthier",
        "association",
        "commune:29019",
        ["environnemental"],
        ["Alimentation durable", "Circuits courts"],
    ),
    (
        "Chloé",
        "Masson",
        "acteur_public",
        "commune:45234",
        ["economique", "societal"],
        ["Développement économique", "Innovation sociale"],
    ),
    ("Théo", "Dupuis", "entreprise", "commune:42218", ["social", "economique"], ["Insertion", "Bois local"]),
    (
        "Pauline",
        "Renard",
        "association",
        "commune:97411",
        ["social", "environnemental"],
        ["Vie associative", "Économie circulaire"],
    ),
    (
        "Maxime",
        "Barbier",
        "collectivite",
        "commune:97209",
        ["economique"],
        ["Développement économique", "Tourisme durable"],
    ),
    ("Anaïs", "Arnaud", "academique", "commune:2A004", ["societal"], ["Recherche-action", "Évaluation d’impact"]),
    ("Romain", "Colin", "association", "commune:26198", ["social"], ["Inclusion numérique", "Éducation populaire"]),
]

THREADS: list[dict[str, Any]] = [
    {
        "topic": "evaluer-l-impact",
        "title": "Quels indicateurs pour l’impact social d’une alliance locale\u00a0?",
        "author": "thomas.lefebvre@catalyse.localhost",
        "days_ago": 12,
        "body": "Nous accompagnons trois alliances dans le Doubs et cherchons des indicateurs **simples** à suivre "
        "dans la durée.\n\nVous utilisez quoi\u00a0?\n\n- des grilles d’autodiagnostic\u00a0?\n- des récits de "
        "changement\u00a0?\n- des indicateurs chiffrés partagés avec les financeurs\u00a0?",
        "replies": [
            (
                "amandine.moreau@catalyse.localhost",
                "À Saint-Étienne, nous suivons le nombre de personnes accompagnées vers l’emploi, mais surtout "
                "des *récits* recueillis deux fois par an. @thomas-lefebvre je peux vous partager notre trame.",
            ),
            (
                "sophie.marchand@catalyse.localhost",
                "La fondation demande trois indicateurs au plus, choisis avec les partenaires dès le départ. "
                "Moins, mais partagés\u00a0: c’est ce qui tient dans le temps.",
            ),
            (
                "elodie.fabre@catalyse.localhost",
                "Merci pour ces retours\u00a0! Nous en ferons un atelier lors de la prochaine rencontre du réseau. "
                "@amandine-moreau, votre trame intéressera les territoires pilotes.",
            ),
        ],
    },
    {
        "topic": "modeles-socio-economiques-hybrides",
        "title": "Mécénat de compétences et commande publique\u00a0: comment les combiner\u00a0?",
        "author": "nadia.haddad@catalyse.localhost",
        "days_ago": 8,
        "body": "L’agglomération voudrait associer des entreprises du territoire à un projet d’inclusion numérique, "
        "sans fragiliser les règles de la commande publique. Des exemples de montage\u00a0?",
        "replies": [
            (
                "marc.olivier@catalyse.localhost",
                "Notre SCOP intervient en mécénat de compétences sur un chantier et comme titulaire d’un marché "
                "sur un autre\u00a0: la clé a été de séparer clairement les deux dans les conventions.",
            ),
            (
                "helene.garnier@catalyse.localhost",
                "Même expérience côté reconditionnement\u00a0: une convention de mécénat pour les ateliers, un "
                "marché réservé pour le matériel. @nadia-haddad, je vous mets en lien avec notre juriste.",
            ),
        ],
    },
    {
        "topic": "impact-du-numerique",
        "title": "Inclusion numérique\u00a0: retours d’expérience des tiers-lieux",
        "author": "helene.garnier@catalyse.localhost",
        "days_ago": 5,
        "body": "Nous animons des ateliers dans deux tiers-lieux de la Drôme. Qu’est-ce qui a marché chez vous pour "
        "toucher les personnes les plus éloignées du numérique\u00a0?",
        "replies": [
            (
                "youssef.benali@catalyse.localhost",
                "À Lorient, passer par les jardins partagés et les épiceries solidaires\u00a0: on va là où les "
                "gens sont déjà.",
            ),
        ],
    },
    {
        "topic": "evolution-des-competences",
        "title": "Former les élus à la co-construction territoriale",
        "author": "julie.lambert@catalyse.localhost",
        "days_ago": 3,
        "body": "Nos élus sont demandeurs, mais les formations existantes parlent peu d’alliances avec les "
        "entreprises et les associations. Avez-vous des modules à recommander\u00a0?",
        "replies": [
            (
                "elodie.fabre@catalyse.localhost",
                "Les deux MOOC du programme se suivent en cohorte, quatre sessions de deux heures\u00a0: un bon "
                "point de départ, à compléter par une visite apprenante.",
            ),
        ],
    },
]

CONVERSATION = (
    "amandine.moreau@catalyse.localhost",
    "nadia.haddad@catalyse.localhost",
    [
        (
            "amandine.moreau@catalyse.localhost",
            "Bonjour Nadia, j’ai vu votre question sur le mécénat de compétences. Nous avons monté quelque chose "
            "de proche à Saint-Étienne, voulez-vous en parler\u00a0?",
        ),
        ("nadia.haddad@catalyse.localhost", "Avec plaisir\u00a0! Jeudi matin, par téléphone\u00a0?"),
    ],
)


def _territory(ref: str) -> Territory | None:
    try:
        return Territory.objects.by_ref(ref)
    except Territory.DoesNotExist:
        return None


def _lower(skill: str) -> str:
    """'Politique de la ville' → 'politique de la ville'; acronyms stay: 'ESS', 'RSE'."""
    first = skill.split()[0]
    return skill if first.isupper() else skill[:1].lower() + skill[1:]


def _catalysts() -> int:
    for first, last, world, ref, themes, skills in CATALYSTS:
        email = f"{slugify_fr(first)}.{slugify_fr(last)}@catalyse.localhost"
        user, created = User.objects.get_or_create(email=email, defaults={"first_name": first, "last_name": last})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        profile_update(
            user=user,
            first_name=first,
            last_name=last,
            world=world,
            territory=_territory(ref),
            bio=f"Catalyseur territorial\u00a0: {_lower(skills[0])} et {_lower(skills[1])}.",
            themes=themes,
            skills=skills,
            directory_consent=True,
        )
        role_assign(user=user, role=Role.CATALYST)
    return len(CATALYSTS)


def _people() -> dict[str, User]:
    return {user.email: user for user in User.objects.filter(email__endswith="@catalyse.localhost")}


def _threads(people: dict[str, User]) -> int:
    created = 0
    now = timezone.now()
    for spec in THREADS:
        if Thread.objects.filter(title=spec["title"]).exists():
            continue
        author = people.get(spec["author"])
        topic = Topic.objects.get(slug=spec["topic"])
        if author is None:
            continue
        thread = services.thread_create(author=author, topic=topic, title=spec["title"], body=spec["body"])
        start = now - timedelta(days=spec["days_ago"])
        Thread.objects.filter(pk=thread.pk).update(created_at=start, last_post_at=start)
        Post.objects.filter(thread=thread).update(created_at=start)
        for index, (email, body) in enumerate(spec["replies"], start=1):
            replier = people.get(email)
            if replier is None:
                continue
            post = services.post_create(author=replier, thread=thread, body=body)
            at = start + timedelta(hours=7 * index)
            Post.objects.filter(pk=post.pk).update(created_at=at)
            Thread.objects.filter(pk=thread.pk).update(last_post_at=at)
        created += 1
    return created


def _conversation(people: dict[str, User]) -> int:
    first_email, second_email, lines = CONVERSATION
    first, second = people.get(first_email), people.get(second_email)
    if first is None or second is None or Conversation.objects.filter(key=Conversation.key_for(first, second)).exists():
        return 0
    for email, body in lines:
        sender = people[email]
        recipient = second if sender.pk == first.pk else first
        services.message_send(sender=sender, recipient=recipient, body=body)
    return 1


@transaction.atomic
def demo_load() -> dict[str, int]:
    for position, spec in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(
            slug=spec["slug"],
            defaults={"title": spec["title"], "description": spec["description"], "position": position},
        )
    catalysts = _catalysts()
    # Profiles written by other loaders with .update() sent no signal: refresh every search text and handle.
    members = members_sync()
    people = _people()
    threads = _threads(people)
    conversations = _conversation(people)
    return {
        "thèmes": len(TOPICS),
        "catalyseurs": catalysts,
        "membres": members,
        "discussions créées": threads,
        "conversations créées": conversations,
    }
