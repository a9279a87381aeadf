"""The programme's two MOOCs for `load_demo` (idempotent), drawn from the seed's text (Panorama, mars 2018).

Both are on Coursera, as the seed says: Catalyse keeps, for each of the four sessions, its question, the names of
the fil-rouge witnesses and experts (their videos stay on Coursera), a synthesis, a quiz, an activity and a
resource of the kit. The witnesses are the demo's people (fictional), linked to their profiles. Runs after the
accounts and resources loaders; the cohorts loader runs after this one."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from catalyse.learning.models import Course, CourseSession, Provider, QuizChoice, QuizQuestion, Segment, SegmentKind

COURSERA_URL = "https://www.coursera.org/essec"
LICENCE = (
    "Vidéos : accès gratuit sur Coursera, selon ses conditions. Questions, synthèses, quiz et activités sur "
    "Catalyse : CC BY-SA 4.0."
)

# (email, name, title) — the fil-rouge actors of each course, demo people with a public profile.
WITNESSES = {
    "partenariats-qui-changent-le-monde": [
        ("amandine.moreau@catalyse.localhost", "Amandine Moreau", "Directrice de Loire Solidarités Emploi"),
        ("marc.olivier@catalyse.localhost", "Marc Olivier", "Cogérant de la Menuiserie coopérative du Pilat"),
        (
            "sophie.marchand@catalyse.localhost",
            "Sophie Marchand",
            "Déléguée générale de la Fondation Pays basque Avenir",
        ),
    ],
    "alliances-qui-changent-les-territoires": [
        ("nadia.haddad@catalyse.localhost", "Nadia Haddad", "Chargée de mission à Valence Romans Agglo"),
        ("youssef.benali@catalyse.localhost", "Youssef Benali", "Coordinateur des Jardins du Scorff"),
        ("helene.garnier@catalyse.localhost", "Hélène Garnier", "Gérante de Numérique solidaire Drôme"),
    ],
}

ACADEMIC = (
    "thomas.lefebvre@catalyse.localhost",
    "Thomas Lefebvre",
    "Maître de conférences en sciences de gestion, Université de Franche-Comté",
)
INSTITUTIONAL = ("", "Claire Vasseur", "Chargée de mission vie associative dans une direction régionale de l’État")


def q(text: str, choices: list[tuple[str, bool]], explanation: str, *, multiple: bool = False) -> dict[str, Any]:
    return {"text": text, "choices": choices, "explanation": explanation, "multiple": multiple}


COURSES: list[dict[str, Any]] = [
    {
        "slug": "partenariats-qui-changent-le-monde",
        "title": "Les partenariats qui changent le monde",
        "summary": "Le MOOC « Les partenariats qui changent le monde », créé par l’ESSEC en partenariat avec "
        "Le RAMEAU, aide à mieux appréhender la dynamique des partenariats entre entreprises et associations.\n\n"
        "Au travers de 4 sessions de 2 heures, dans un format « cohorte » permettant d’échanger avec un groupe "
        "suivant la formation, il répond à quatre questions : qu’est-ce qu’un partenariat innovant, pourquoi "
        "travailler ensemble, comment développer des partenariats socialement innovants, et comment en évaluer "
        "l’impact.\n\nChaque session se compose du témoignage de 3 acteurs « fil rouge » tout au long du MOOC, "
        "du regard d’experts institutionnels et académiques et d’une synthèse des enseignements à retenir.",
        "audience": "Associations, entreprises, collectivités et acteurs publics qui veulent nouer des "
        "partenariats ; aucun prérequis.",
        "audiences": ["association", "entreprise", "collectivite", "acteur_public"],
        "themes": ["partenariats", "impact"],
        "authors": "ESSEC et Le RAMEAU",
        "sessions": [
            {
                "title": "Qu’est-ce qu’un partenariat innovant ?",
                "question": "Un partenariat innovant entre entreprise responsable et structure d’intérêt général : "
                "qu’est-ce que c’est ?",
                "testimonies": [
                    "Notre premier partenariat était un chèque de mécénat. Dix ans plus tard, nous construisons "
                    "ensemble des parcours d’insertion : c’est la relation qui a changé.",
                    "Pour une SCOP, l’association partenaire n’est pas un client ni un donateur : c’est un allié "
                    "qui connaît les personnes que nous formons.",
                    "Une fondation territoriale finance, mais surtout elle met autour de la table des acteurs qui "
                    "ne se parlaient pas.",
                ],
                "expert": ACADEMIC,
                "expert_text": "Les relations entre associations et entreprises ont connu trois ères : le mécénat "
                "(début des années 1990), les pratiques responsables (milieu des années 2000), puis les "
                "partenariats d’innovation sociétale.",
                "synthesis": "## À retenir\n\n- En France, on compte aujourd’hui **1,2 million de partenariats**, "
                "dont plus de la moitié au sein d’entreprises d’au moins dix salariés.\n- Ils prennent des formes "
                "diverses : pratiques responsables (42 %), mécénat (30 %), coopération économique (25 %) et "
                "innovation sociétale (16 %).\n- Après le mécénat puis les pratiques responsables, une **3e ère** "
                "s’ouvre : celle des partenariats d’innovation sociétale, fondés sur les capacités respectives "
                "des acteurs économiques, des structures d’intérêt général et des acteurs publics.",
                "quiz": [
                    q(
                        "Combien de partenariats compte-t-on en France selon le panorama de 2018 ?",
                        [("120 000", False), ("1,2 million", True), ("12 millions", False)],
                        "Le panorama compte **1,2 million de partenariats** ; plus de la moitié sont mis en place "
                        "au sein d’entreprises d’au moins dix salariés.",
                    ),
                    q(
                        "Quels modes d’action des partenariats d’entreprises le panorama cite-t-il ?",
                        [
                            ("Les pratiques responsables", True),
                            ("Le mécénat", True),
                            ("La coopération économique", True),
                            ("L’innovation sociétale", True),
                            ("La délégation de service public", False),
                        ],
                        "Pratiques responsables (42 %), mécénat (30 %), coopération économique (25 %) et "
                        "innovation sociétale (16 %) : une entreprise peut en combiner plusieurs. La délégation "
                        "de service public n’en fait pas partie.",
                        multiple=True,
                    ),
                    q(
                        "Quelle ère des relations entre entreprises et associations émerge aujourd’hui ?",
                        [
                            ("Le mécénat", False),
                            ("Les pratiques responsables", False),
                            ("Les partenariats d’innovation sociétale", True),
                        ],
                        "Le mécénat date du début des années 1990, les pratiques responsables du milieu des "
                        "années 2000 ; ce sont désormais les partenariats d’innovation sociétale qui émergent.",
                    ),
                ],
                "activity": "Repérez, dans votre territoire, un partenariat entre une entreprise et une structure "
                "d’intérêt général. À quelle ère appartient-il (mécénat, pratiques responsables, innovation "
                "sociétale) ? Qu’est-ce qui le ferait passer à l’ère suivante ?",
                "resource": "trois-eres-des-relations-associations-entreprises",
            },
            {
                "title": "Pourquoi travailler ensemble ?",
                "question": "Objectifs et enjeux de ces alliances : pourquoi travailler ensemble ?",
                "testimonies": [
                    "Seuls, nous accompagnions des personnes vers l’emploi ; avec les entreprises du bassin, nous "
                    "avons ouvert des postes.",
                    "Nous avions besoin de compétences pour former nos apprentis ; l’association avait besoin "
                    "d’employeurs prêts à faire confiance.",
                    "Les fragilités d’un territoire sont économiques, sociales et environnementales à la fois : "
                    "aucun acteur ne peut y répondre seul.",
                ],
                "expert": INSTITUTIONAL,
                "expert_text": "Les Français réclament un « devoir d’alliances » auquel ils souhaitent être "
                "associés : les pouvoirs publics ont intérêt à faciliter ces coopérations plutôt qu’à s’y "
                "substituer.",
                "synthesis": "## À retenir\n\n- **69 % des Français** considèrent que les alliances sont source "
                "d’innovation pour mieux répondre aux fragilités économiques, sociales, environnementales et "
                "sociétales.\n- **53 % des associations employeuses** et **37 % des entreprises** d’au moins 10 "
                "salariés développent des partenariats : respectivement 7 et 9 points de plus en 5 ans.\n- Ces "
                "alliances reposent sur des relations **équilibrées, durables, à forte utilité sociétale**, et "
                "offrent un modèle économique pérenne.",
                "quiz": [
                    q(
                        "Quelle part des Français considère que les alliances sont source d’innovation ?",
                        [("39 %", False), ("53 %", False), ("69 %", True)],
                        "**69 %** des Français le pensent, et réclament un « devoir d’alliances » auquel ils "
                        "souhaitent être associés.",
                    ),
                    q(
                        "Quelle part des associations employeuses développe des partenariats ?",
                        [("37 %", False), ("53 %", True), ("69 %", False)],
                        "**53 %** des associations employeuses (7 points de plus en 5 ans), contre 37 % des "
                        "entreprises d’au moins 10 salariés (9 points de plus).",
                    ),
                    q(
                        "Sur quoi reposent ces alliances, selon le panorama ?",
                        [
                            ("Des relations équilibrées", True),
                            ("Des relations durables", True),
                            ("Une forte utilité sociétale", True),
                            ("La dépendance financière de l’association envers l’entreprise", False),
                        ],
                        "Des relations **équilibrées, durables, à forte utilité sociétale**, avec un modèle "
                        "économique pérenne : l’inverse d’une dépendance.",
                        multiple=True,
                    ),
                ],
                "activity": "Pour une alliance que vous portez ou que vous imaginez : qu’y gagne chacun des "
                "partenaires ? Écrivez, pour chacun, un objectif qu’il ne pourrait pas atteindre seul.",
                "resource": "chiffres-cles-des-partenariats-en-france",
            },
            {
                "title": "Comment développer des partenariats socialement innovants ?",
                "question": "Modalités des alliances : comment développer des partenariats socialement innovants ?",
                "testimonies": [
                    "Nous avons écrit une charte avant la convention : dire ce que chacun apporte et ce qu’il "
                    "n’acceptera pas.",
                    "Le plus dur a été de trouver un rythme commun entre une entreprise et une association.",
                    "Notre rôle a été de tenir la table : un tiers de confiance aide à passer du premier contact "
                    "au projet commun.",
                ],
                "expert": ACADEMIC,
                "expert_text": "Les modèles hybrides se fondent sur les capacités respectives des acteurs "
                "économiques, des structures d’intérêt général et des acteurs publics : on ne fusionne pas, on "
                "combine.",
                "synthesis": "## À retenir\n\n- Un partenariat socialement innovant combine les **capacités "
                "respectives** des acteurs économiques, des structures d’intérêt général et des acteurs publics.\n"
                "- Les **pratiques responsables** restent le mode d’action le plus fréquent (42 %) ; l’innovation "
                "sociétale (16 %) demande le plus de co-construction.\n- Formaliser tôt (charte, convention) "
                "rend l’alliance équilibrée et durable.",
                "quiz": [
                    q(
                        "Sur quoi se fondent les modèles hybrides de partenariat ?",
                        [
                            (
                                "Les capacités respectives des acteurs économiques, des structures d’intérêt "
                                "général et des acteurs publics",
                                True,
                            ),
                            ("Le seul financement public", False),
                            ("La fusion des organisations partenaires", False),
                        ],
                        "Ils se fondent sur les **capacités respectives** des trois familles d’acteurs, sans "
                        "fusion ni dépendance à un seul financeur.",
                    ),
                    q(
                        "Quel est le mode d’action le plus fréquent dans les partenariats des entreprises ?",
                        [
                            ("Les pratiques responsables", True),
                            ("Le mécénat", False),
                            ("L’innovation sociétale", False),
                        ],
                        "Les pratiques responsables (42 %) devancent le mécénat (30 %), la coopération "
                        "économique (25 %) et l’innovation sociétale (16 %).",
                    ),
                ],
                "activity": "Esquissez la charte d’un partenariat que vous aimeriez nouer : ce que chaque "
                "partenaire apporte, ce qu’il attend, et une règle que vous vous donnez ensemble.",
                "resource": "charte-de-partenariat",
            },
            {
                "title": "Évaluer l’impact et réussir",
                "question": "Impact et facteurs-clés de réussite de ces alliances : pourquoi et comment évaluer "
                "l’impact d’un partenariat innovant ? Quels sont les facteurs clés de succès ?",
                "testimonies": [
                    "Mesurer nous a obligés à nous mettre d’accord sur ce que nous voulions changer.",
                    "Nos indicateurs sont simples : des personnes formées, des personnes embauchées, et ce "
                    "qu’elles en disent.",
                    "Une évaluation partagée rassure les financeurs et donne envie à d’autres de s’engager.",
                ],
                "expert": INSTITUTIONAL,
                "expert_text": "Il n’y a pas une seule manière d’évaluer : indicateurs chiffrés, récits, "
                "évaluation chemin faisant. L’essentiel est de la décider ensemble, dès le départ.",
                "synthesis": "## À retenir\n\n- Évaluer sert d’abord à **piloter** l’alliance et à **rendre compte** "
                "à ceux qui s’y engagent.\n- Les modes d’évaluation sont divers : la diversité des modes "
                "d’évaluation était l’un des quatre axes de la 4e rencontre du réseau des pionniers.\n- Facteurs "
                "clés de succès : des relations équilibrées et durables, une forte utilité sociétale et un modèle "
                "économique pérenne.",
                "quiz": [
                    q(
                        "Pourquoi évaluer l’impact d’un partenariat ?",
                        [
                            ("Pour piloter et améliorer l’alliance", True),
                            ("Pour rendre compte aux partenaires et aux financeurs", True),
                            ("Pour classer les associations entre elles", False),
                        ],
                        "L’évaluation sert à **piloter** et à **rendre compte** ; elle n’est pas un classement.",
                        multiple=True,
                    ),
                    q(
                        "Lequel de ces éléments est, selon le panorama, une condition de la durée des alliances ?",
                        [
                            ("Un modèle économique pérenne", True),
                            ("Une subvention reconduite chaque année", False),
                            ("Un seul partenaire décisionnaire", False),
                        ],
                        "Les alliances d’innovation sociétale « offrent un modèle économique pérenne » : c’est "
                        "ce qui les fait durer, avec des relations équilibrées.",
                    ),
                ],
                "activity": "Choisissez trois indicateurs (un chiffre, un témoignage, un changement observable) "
                "pour suivre l’impact d’une alliance de votre territoire. Qui les renseignera, et quand ?",
                "resource": "evaluer-impact-partenariat",
            },
        ],
    },
    {
        "slug": "alliances-qui-changent-les-territoires",
        "title": "Les alliances qui changent les territoires",
        "summary": "Le développement des alliances innovantes sur les territoires nécessite la création d’un "
        "écosystème qui leur soit favorable. C’est l’objet du MOOC « Les alliances qui changent les "
        "territoires », créé par l’ESSEC en partenariat avec Le RAMEAU.\n\nAu travers de 4 sessions de 2 heures, "
        "dans un format « cohorte » permettant d’échanger avec un groupe suivant la formation, il répond à "
        "quatre questions, du territoire et de ses enjeux jusqu’au changement d’échelle.\n\nChaque session se "
        "compose du témoignage de 3 acteurs « fil rouge », du regard d’experts institutionnels et académiques et "
        "d’une synthèse des enseignements à retenir. 29 pionniers des alliances en territoire témoignent tout "
        "au long du MOOC.",
        "audience": "Élus et agents des collectivités, catalyseurs territoriaux, associations, entreprises et "
        "acteurs académiques qui animent leur territoire.",
        "audiences": ["collectivite", "association", "entreprise", "academique", "acteur_public"],
        "themes": ["alliances", "ecosysteme", "ingenierie"],
        "authors": "ESSEC et Le RAMEAU",
        "sessions": [
            {
                "title": "Le territoire et ses enjeux",
                "question": "Qu’est-ce que le territoire et à quels enjeux les alliances territoriales "
                "permettent-elles de répondre ?",
                "testimonies": [
                    "Pour l’agglomération, le territoire, c’est d’abord un bassin de vie : ses habitants ne "
                    "s’arrêtent pas aux limites administratives.",
                    "Nos jardins relient les écoles, les cuisines centrales et les maraîchers : l’enjeu alimentaire "
                    "se joue à l’échelle du pays de Lorient.",
                    "L’inclusion numérique est un enjeu social et économique à la fois : il fallait réunir centres "
                    "sociaux, collectivité et entreprises.",
                ],
                "expert": ACADEMIC,
                "expert_text": "C’est au sein des territoires que s’incarne la dynamique des nouvelles alliances "
                "entre acteurs « de mondes différents ».",
                "synthesis": "## À retenir\n\n- Face aux enjeux économiques, sociaux, environnementaux et "
                "sociétaux, de nouvelles alliances entre acteurs « de mondes différents » se mettent en place, et "
                "c’est **au sein des territoires** qu’elles s’incarnent.\n- Un **écosystème territorial favorable** "
                "est nécessaire à la co-construction.\n- Il demande trois formes complémentaires d’actions : "
                "**l’animation du territoire**, **les expérimentations collectives** et **l’accompagnement des "
                "organisations**.",
                "quiz": [
                    q(
                        "Quelles sont les trois formes complémentaires d’actions d’un écosystème territorial "
                        "favorable aux alliances ?",
                        [
                            ("L’animation du territoire", True),
                            ("Les expérimentations collectives", True),
                            ("L’accompagnement des organisations", True),
                            ("La mise en concurrence des associations", False),
                        ],
                        "Animer le territoire pour créer les rencontres, expérimenter ensemble sur un enjeu "
                        "partagé, accompagner les organisations dans les alliances qu’elles initient.",
                        multiple=True,
                    ),
                    q(
                        "Où s’incarne, selon le panorama, la dynamique des nouvelles alliances ?",
                        [
                            ("Au sein des territoires", True),
                            ("Dans les seules grandes entreprises", False),
                            ("Dans les administrations centrales", False),
                        ],
                        "« C’est au sein des territoires que s’incarne cette dynamique. »",
                    ),
                ],
                "activity": "Décrivez votre territoire en cinq lignes : son périmètre vécu, deux fragilités et "
                "deux atouts. Laquelle de ces fragilités une alliance pourrait-elle traiter ?",
                "resource": "ecosysteme-territorial-favorable-aux-alliances",
            },
            {
                "title": "Les alliances à l’œuvre",
                "question": "Quelles sont les alliances à l’œuvre dans les territoires et comment les faire éclore ?",
                "testimonies": [
                    "Tout a commencé par une rencontre organisée par l’agglomération : trente acteurs qui ne se "
                    "connaissaient pas.",
                    "Nous avons d’abord rendu visite aux autres : voir une alliance qui marche donne envie d’en "
                    "construire une.",
                    "Une entreprise a proposé ses locaux, une association son réseau de bénévoles : l’alliance est "
                    "née d’un besoin concret.",
                ],
                "expert": INSTITUTIONAL,
                "expert_text": "Le réseau des pionniers des alliances en territoire a été créé en 2014 pour "
                "favoriser les échanges entre pairs : faire éclore des alliances, c’est d’abord faire se "
                "rencontrer.",
                "synthesis": "## À retenir\n\n- **29 pionniers** des alliances en territoire témoignent tout au "
                "long du MOOC : les alliances sont déjà à l’œuvre, sous des formes très diverses.\n- Le réseau "
                "des pionniers, créé en **2014**, favorise les échanges entre pairs.\n- Faire éclore une alliance : "
                "créer les rencontres, partir d’un enjeu partagé, donner à voir ce qui marche (visites "
                "apprenantes, témoignages).",
                "quiz": [
                    q(
                        "Combien de pionniers des alliances en territoire témoignent dans le MOOC ?",
                        [("12", False), ("29", True), ("250", False)],
                        "**29 pionniers** témoignent ; 12 est le nombre de territoires pilotes du parcours "
                        "d’expérience, 250 celui des catalyseurs territoriaux.",
                    ),
                    q(
                        "En quelle année le réseau des pionniers des alliances en territoire a-t-il été créé ?",
                        [("2014", True), ("2016", False), ("2018", False)],
                        "En **2014**, pour favoriser les échanges entre pairs. 2016 est l’année du référentiel "
                        "« Co-construction territoriale ».",
                    ),
                ],
                "activity": "Dressez la carte des acteurs de votre territoire qui pourraient s’allier autour "
                "d’un enjeu : une collectivité, une association, une entreprise, un acteur académique. Qui "
                "pourrait les faire se rencontrer ?",
                "resource": "cartographie-des-acteurs",
            },
            {
                "title": "L’ingénierie territoriale des alliances",
                "question": "Comment mettre en place une ingénierie territoriale permettant le développement des "
                "alliances ?",
                "testimonies": [
                    "Une chargée de mission à mi-temps dédiée aux alliances : c’est ce qui a tout changé chez nous.",
                    "Il faut quelqu’un qui tienne le fil entre les réunions, sinon chacun retourne à ses urgences.",
                    "Nous avons appris une méthode : diagnostic partagé, feuille de route, gouvernance, évaluation.",
                ],
                "expert": ACADEMIC,
                "expert_text": "Les catalyseurs territoriaux, issus d’univers différents, sont les animateurs "
                "locaux de la co-construction : l’ingénierie territoriale repose sur eux.",
                "synthesis": "## À retenir\n\n- Les **catalyseurs territoriaux** — collectivités, associations, "
                "entreprises, acteurs académiques — sont les animateurs locaux de la co-construction ; le réseau "
                "en compte **250**.\n- L’ingénierie territoriale s’appuie sur une méthode (solutions, chaîne de "
                "valeur, modèles socio-économiques, mode de gouvernance) et sur des outils partagés.\n- Le kit "
                "ouvert du centre de ressources propose cadre de référence, illustrations, méthode et boîte à "
                "outils.",
                "quiz": [
                    q(
                        "Qui sont les catalyseurs territoriaux ?",
                        [
                            (
                                "Les animateurs locaux de la co-construction territoriale, issus d’univers différents",
                                True,
                            ),
                            ("Uniquement des agents de l’État", False),
                            ("Des consultants extérieurs au territoire", False),
                        ],
                        "Issus d’univers différents (collectivités, associations, entreprises, acteurs "
                        "académiques), ils animent localement la co-construction.",
                    ),
                    q(
                        "Combien de catalyseurs territoriaux le réseau compte-t-il selon le panorama ?",
                        [("29", False), ("250", True), ("1 200", False)],
                        "Un réseau de **250** catalyseurs territoriaux qui partagent entre pairs.",
                    ),
                    q(
                        "Quelles natures de documents composent le kit pratique du centre de ressources ?",
                        [
                            ("Le cadre de référence", True),
                            ("Les illustrations", True),
                            ("La méthode", True),
                            ("La boîte à outils", True),
                            ("Le classement des territoires", False),
                        ],
                        "Le kit réunit **4 natures de documents** : cadre de référence, illustrations, méthode "
                        "et boîte à outils.",
                        multiple=True,
                    ),
                ],
                "activity": "Qui, dans votre territoire, pourrait jouer le rôle de catalyseur ? Décrivez ce "
                "qu’il lui faudrait (temps, mandat, outils) pour tenir le fil d’une alliance pendant un an.",
                "resource": "demarche-de-co-construction-en-cinq-etapes",
            },
            {
                "title": "Démultiplier l’impact",
                "question": "Comment démultiplier l’impact de ces alliances territoriales ?",
                "testimonies": [
                    "Notre alliance a essaimé dans deux communes voisines : nous leur avons donné nos conventions "
                    "et nos erreurs.",
                    "Changer d’échelle ne veut pas dire grossir : nous avons aidé d’autres jardins à naître.",
                    "Mettre nos outils en open source a fait plus pour l’impact que tous nos dossiers de financement.",
                ],
                "expert": INSTITUTIONAL,
                "expert_text": "Le RAMEAU met à disposition en open source le fruit de ses travaux : capitaliser "
                "l’expérience des pionniers est la première manière de démultiplier l’impact.",
                "synthesis": "## À retenir\n\n- Le centre de ressources poursuit trois objectifs : **comprendre** "
                "les enjeux et s’outiller, **s’approprier** les meilleures pratiques, **innover et faire changer "
                "d’échelle** ses projets.\n- Capitaliser et partager en open source permet à d’autres territoires "
                "de s’approprier ce qui marche.\n- Le parcours d’expérience permet à 12 territoires pilotes "
                "d’expérimenter pendant 9 mois une méthode de co-développement entre pairs.",
                "quiz": [
                    q(
                        "Quels objectifs poursuit le centre de ressources « Co-construction territoriale » ?",
                        [
                            ("Comprendre les enjeux et s’outiller", True),
                            ("S’approprier les meilleures pratiques", True),
                            ("Innover et faire changer d’échelle", True),
                            ("Certifier les territoires", False),
                        ],
                        "Ses trois objectifs : comprendre et s’outiller, s’approprier les meilleures pratiques, "
                        "innover et changer d’échelle.",
                        multiple=True,
                    ),
                    q(
                        "Combien de territoires pilotes le parcours d’expérience accompagne-t-il, et pendant "
                        "combien de temps ?",
                        [("12 territoires pendant 9 mois", True), ("29 territoires pendant 4 mois", False)],
                        "**12 territoires pilotes** expérimentent durant **9 mois** une méthode de "
                        "co-développement entre pairs.",
                    ),
                ],
                "activity": "Quelle pratique de votre alliance un autre territoire pourrait-il reprendre ? "
                "Écrivez-la comme une fiche : le besoin, ce que vous avez fait, ce qu’il faut pour le refaire.",
                "resource": "changer-d-echelle-un-projet-co-construit",
            },
        ],
    },
]


def _users(emails: list[str]) -> dict[str, Any]:
    from catalyse.accounts.models import User

    return {u.email: u for u in User.objects.filter(email__in=[e for e in emails if e])}


def _segment(session: CourseSession, order: int, **fields: Any) -> Segment:
    segment, _created = Segment.objects.update_or_create(session=session, order=order, defaults=fields)
    return segment


def _quiz(segment: Segment, questions: list[dict[str, Any]]) -> None:
    for order, spec in enumerate(questions, start=1):
        question, _created = QuizQuestion.objects.update_or_create(
            segment=segment,
            order=order,
            defaults={"text": spec["text"], "multiple": spec["multiple"], "explanation": spec["explanation"]},
        )
        texts = [text for text, _right in spec["choices"]]
        question.choices.exclude(text__in=texts).delete()
        for text, right in spec["choices"]:
            QuizChoice.objects.update_or_create(question=question, text=text, defaults={"is_correct": right})
    segment.questions.filter(order__gt=len(questions)).delete()


@transaction.atomic
def demo_load() -> dict[str, int]:
    from catalyse.resources.models import Resource

    emails = [email for people in WITNESSES.values() for email, _n, _t in people] + [ACADEMIC[0]]
    users = _users(emails)
    segments = 0
    for spec in COURSES:
        course, _created = Course.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "summary": spec["summary"],
                "audience": spec["audience"],
                "audiences": spec["audiences"],
                "themes": spec["themes"],
                "authors": spec["authors"],
                "duration_label": "4 sessions de 2 heures",
                "licence": LICENCE,
                "provider": Provider.EXTERNAL,
                "provider_name": "Coursera",
                "external_url": COURSERA_URL,
                "is_published": True,
                "quiz_pass_percent": 70,
            },
        )
        witnesses = WITNESSES[spec["slug"]]
        for number, item in enumerate(spec["sessions"], start=1):
            session, _created = CourseSession.objects.update_or_create(
                course=course,
                number=number,
                defaults={"title": item["title"], "question": item["question"], "duration_minutes": 120},
            )
            order = 0
            for (email, name, title), text in zip(witnesses, item["testimonies"], strict=True):
                order += 1
                _segment(
                    session,
                    order,
                    kind=SegmentKind.TEMOIGNAGE,
                    title=f"Le témoignage de {name}",
                    body=f"« {text} »",
                    speaker_name=name,
                    speaker_title=title,
                    speaker=users.get(email),
                )
            email, name, title = item["expert"]
            order += 1
            _segment(
                session,
                order,
                kind=SegmentKind.REGARD_EXPERT,
                title=f"Le regard de {name}",
                body=item["expert_text"],
                speaker_name=name,
                speaker_title=title,
                speaker=users.get(email),
            )
            order += 1
            _segment(session, order, kind=SegmentKind.SYNTHESE, title="La synthèse", body=item["synthesis"])
            order += 1
            quiz = _segment(
                session,
                order,
                kind=SegmentKind.QUIZ,
                title="Quiz de la session",
                body="Vérifiez ce que vous retenez. L’explication s’affiche après votre réponse ; vous pouvez "
                "recommencer autant de fois que vous le voulez, votre meilleur score compte.",
            )
            _quiz(quiz, item["quiz"])
            order += 1
            _segment(
                session,
                order,
                kind=SegmentKind.ACTIVITE,
                title="Activité : appliquez-le à votre territoire",
                body=item["activity"],
            )
            resource = Resource.objects.filter(slug=item["resource"]).first()
            if resource is not None:
                order += 1
                _segment(
                    session,
                    order,
                    kind=SegmentKind.RESSOURCE,
                    title="Pour aller plus loin : une ressource du kit",
                    body=resource.summary,
                    resource=resource,
                )
            # Segments a previous version of the demo had beyond this one, with nobody's progress on them.
            session.segments.filter(order__gt=order, completions__isnull=True, attempts__isnull=True).delete()
            segments += order
    from catalyse.learning.search_sync import courses_index_all

    transaction.on_commit(courses_index_all)
    return {"formations": len(COURSES), "séquences": segments}
