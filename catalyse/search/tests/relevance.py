"""A French relevance set for the site-wide search, and its measures (nDCG@10, MRR).

Forty-one documents of a co-construction kit, and forty queries as people type them, each with the
documents it should find (grade 2: what the query is about; grade 1: useful too). The queries cover
missing and extra accents, upper case, elisions with ' and ’, plurals, verb and noun forms, one
typo per word, hyphenated place names, several words, and title-over-body weighting.

Used by test_relevance.py (both databases) and bench/search_relevance.py.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

SOURCE = "resource"
PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class Doc:
    key: str
    kind: str
    title: str
    summary: str
    body: str
    themes: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    territories: tuple[str, ...] = ()
    year: int = 2024


@dataclass(frozen=True)
class Judged:
    query: str
    relevant: dict[str, int]  # key -> grade (2 very relevant, 1 relevant)
    phenomenon: str


DOCUMENTS = [
    Doc(
        "cadre-co-construction",
        "cadre",
        "Qu’est-ce que la co-construction territoriale\u202f?",
        "Le cadre de référence : des alliances entre acteurs de mondes différents pour répondre ensemble aux "
        "fragilités d’un territoire.",
        "Collectivités, associations, entreprises, acteurs académiques et publics : chacun voit une partie des "
        "fragilités économiques, sociales, environnementales et sociétales du territoire. La co-construction "
        "consiste à croiser ces regards, à partager un diagnostic puis à agir ensemble, dans la durée. Ce "
        "cadre pose les mots communs du programme et les conditions d’une alliance réussie : confiance, "
        "intérêt partagé, gouvernance claire.",
        themes=("economique", "social", "environnemental", "societal"),
        year=2022,
    ),
    Doc(
        "cadre-trois-actions",
        "cadre",
        "Les trois actions d’un écosystème favorable aux alliances",
        "Animation du territoire, expérimentations collectives, accompagnement des organisations : trois "
        "actions complémentaires.",
        "Un écosystème favorable aux alliances repose sur trois actions. L’animation du territoire fait se "
        "rencontrer des acteurs qui ne se connaissent pas. Les expérimentations collectives permettent "
        "d’essayer à plusieurs, à petite échelle, avant de généraliser. L’accompagnement des organisations "
        "aide chaque structure à s’engager : temps dédié, compétences, appui juridique.",
        forms=("animation", "experimentation", "accompagnement"),
        year=2023,
    ),
    Doc(
        "cadre-eres-partenariats",
        "cadre",
        "Du mécénat à l’innovation sociétale : trois époques des partenariats",
        "Des années 1990 à aujourd’hui, comment les partenariats entre associations et entreprises ont changé.",
        "Au début des années 1990 domine le mécénat : l’entreprise donne, l’association agit. Au milieu des "
        "années 2000 viennent les pratiques responsables, portées par la responsabilité sociétale des "
        "entreprises. Aujourd’hui se développent des partenariats d’innovation sociétale où chacun apporte "
        "ses savoir-faire pour inventer des réponses nouvelles.",
        themes=("economique", "societal"),
        year=2021,
    ),
    Doc(
        "cadre-chiffres",
        "cadre",
        "Les partenariats en France : chiffres clés",
        "1,2 million de partenariats ; 53 % des associations employeuses et 37 % des entreprises de plus de "
        "dix salariés en ont au moins un.",
        "Les modes d’action se répartissent ainsi : pratiques responsables 42 %, mécénat 30 %, coopération "
        "économique 25 %, innovation sociétale 16 %, un même partenariat pouvant en combiner plusieurs. "
        "69 % des Français voient les alliances comme une source d’innovation.",
        themes=("economique",),
        year=2024,
    ),
    Doc(
        "methode-animer-reseau",
        "methode",
        "Animer un réseau d’acteurs locaux",
        "Rencontres régulières, lettre d’information, facilitation : faire vivre un réseau dans la durée.",
        "Un réseau vit de ses rencontres. L’animateur du réseau fixe un rythme (une rencontre par trimestre), "
        "publie une lettre d’information mensuelle et veille à ce que chacun trouve sa place. Il anime aussi "
        "des temps informels. L’animation du territoire commence souvent par là : donner aux acteurs "
        "l’occasion de se connaître.",
        forms=("animation",),
        year=2023,
    ),
    Doc(
        "methode-codeveloppement",
        "methode",
        "Le codéveloppement professionnel entre pairs",
        "Une séance en six étapes où un client expose une situation et des consultants l’aident à agir.",
        "Exposé de la situation, clarification, contrat, consultation, plan d’action, apprentissages : la "
        "séance de codéveloppement dure environ deux heures. Les pairs s’entraident sans jugement ; le "
        "facilitateur garde le cadre et le temps. Douze territoires pilotes l’expérimentent pendant neuf mois.",
        forms=("accompagnement",),
        year=2024,
    ),
    Doc(
        "methode-evaluation-impact",
        "methode",
        "Évaluer l’impact d’une alliance territoriale",
        "Choisir des indicateurs utiles, associer les parties prenantes, mesurer ce qui change vraiment.",
        "L’évaluation de l’impact ne se limite pas à compter des actions. Elle part des changements attendus "
        "pour les habitants et les organisations, choisit quelques indicateurs, et associe les partenaires "
        "à la lecture des résultats. Une évaluation participative renforce l’alliance elle-même.",
        themes=("social",),
        year=2024,
    ),
    Doc(
        "methode-diagnostic",
        "methode",
        "Réaliser un diagnostic territorial partagé",
        "État des lieux des besoins et des ressources, construit avec les acteurs du territoire.",
        "Le diagnostic partagé croise données publiques et paroles d’acteurs. Il recense les besoins, les "
        "ressources existantes et les acteurs déjà mobilisés, puis fait émerger des priorités communes. "
        "On le restitue largement, pour qu’il devienne le point de départ d’une démarche collective.",
        year=2023,
    ),
    Doc(
        "methode-gouvernance",
        "methode",
        "Construire une gouvernance partagée",
        "Comité de pilotage, répartition des rôles, règles de décision : organiser le pouvoir dans une alliance.",
        "Une gouvernance partagée donne à chaque partenaire une place réelle dans les décisions. On y "
        "précise qui décide quoi, comment on tranche un désaccord et comment on accueille un nouveau membre. "
        "Une charte courte et un comité de pilotage qui se réunit à dates fixes suffisent souvent.",
        year=2022,
    ),
    Doc(
        "methode-mobiliser-entreprises",
        "methode",
        "Mobiliser les entreprises du territoire",
        "Convaincre des PME de coopérer avec les associations et les collectivités : arguments et démarche.",
        "Les entreprises s’engagent quand elles y voient un intérêt : attractivité, fidélisation des "
        "salariés, ancrage local. Un club d’entreprises, un mécénat de compétences ou une coopération sur un "
        "projet précis sont de bonnes portes d’entrée. Il faut parler leur langage et respecter leur temps.",
        themes=("economique",),
        year=2024,
    ),
    Doc(
        "methode-concertation",
        "methode",
        "Organiser une concertation avec les habitants",
        "Ateliers citoyens, balades urbaines, questionnaires : associer les habitants aux décisions.",
        "La mobilisation des habitants demande d’aller vers eux : marchés, sorties d’école, fêtes de quartier. "
        "Les ateliers citoyens doivent déboucher sur des décisions visibles, sinon la participation s’épuise. "
        "Annoncez dès le départ ce qui est ouvert à la discussion et ce qui ne l’est pas.",
        themes=("societal",),
        year=2023,
    ),
    Doc(
        "methode-changer-echelle",
        "methode",
        "Changer d’échelle : essaimer un projet réussi",
        "Dupliquer, essaimer, fédérer : trois stratégies pour qu’une réussite locale profite à d’autres territoires.",
        "Avant d’essaimer, il faut identifier ce qui fait la réussite du projet et ce qui tient au contexte "
        "local. La duplication à l’identique échoue souvent ; l’essaimage laisse chaque territoire adapter. "
        "Le modèle économique doit être solide avant tout changement d’échelle.",
        year=2024,
    ),
    Doc(
        "methode-financement",
        "methode",
        "Financer un projet de coopération : fonds publics et privés",
        "Subventions, fondations, financement participatif : combiner les sources pour durer.",
        "Un projet de coopération se finance rarement d’une seule source. Les subventions des collectivités "
        "et de l’État amorcent ; les fondations d’entreprise soutiennent l’innovation ; le financement "
        "participatif mobilise les habitants. Un plan de financement pluriannuel rassure chaque financeur.",
        themes=("economique",),
        year=2023,
    ),
    Doc(
        "methode-visite-apprenante",
        "methode",
        "Préparer une visite apprenante",
        "Aller voir chez des pairs ce qui marche : préparation, questions, retour d’expérience.",
        "Une visite apprenante se prépare : objectifs, questions à poser, personnes à rencontrer. Sur place, "
        "on observe et on échange avec les pairs qui ont mené le projet. Au retour, chacun note ce qu’il "
        "retient et ce qu’il pourrait transposer sur son propre territoire.",
        forms=("accompagnement",),
        year=2024,
    ),
    Doc(
        "outil-grille-evaluation",
        "outil",
        "Grille d’auto-évaluation de la coopération",
        "Vingt questions pour situer la maturité d’une alliance et repérer ses points de progrès.",
        "La grille couvre la vision commune, la gouvernance, la confiance, la communication et les résultats. "
        "Chaque partenaire la remplit seul puis le groupe compare les réponses. Les écarts sont le meilleur "
        "point de départ d’une discussion franche.",
        year=2022,
    ),
    Doc(
        "outil-charte-partenariat",
        "outil",
        "Modèle de charte de partenariat",
        "Une trame à adapter : objectifs, engagements réciproques, durée, sortie.",
        "La charte rappelle les objectifs partagés, les engagements de chaque signataire, la durée de "
        "l’accord et la manière d’en sortir. Courte et lisible, elle se relit chaque année en comité.",
        year=2021,
    ),
    Doc(
        "outil-cartographie-acteurs",
        "outil",
        "Cartographier les acteurs d’un territoire",
        "Une matrice pour repérer qui agit, sur quoi, avec qui, et qui manque.",
        "La cartographie des acteurs classe les structures par monde (collectivité, association, entreprise, "
        "recherche) et par enjeu. Elle montre les liens existants et les absents. Elle complète utilement un "
        "diagnostic partagé.",
        year=2023,
    ),
    Doc(
        "outil-fiche-animation-atelier",
        "outil",
        "Fiches d’animation d’atelier collaboratif",
        "World café, photolangage, arpentage : des techniques pas à pas pour animer un atelier.",
        "Chaque fiche décrit le déroulé, la durée, le matériel et les pièges à éviter. Les techniques "
        "conviennent à des groupes de dix à soixante personnes et favorisent la parole de tous.",
        forms=("animation",),
        year=2022,
    ),
    Doc(
        "outil-tableau-bord",
        "outil",
        "Tableau de bord de suivi d’un projet partenarial",
        "Un tableur prêt à l’emploi : actions, échéances, indicateurs, budget.",
        "Le tableau de bord suit l’avancement des actions, les indicateurs retenus et le budget consommé. "
        "Partagé entre les partenaires, il sert de support aux comités de pilotage.",
        year=2023,
    ),
    Doc(
        "outil-convention-mecenat",
        "outil",
        "Convention de mécénat de compétences : modèle commenté",
        "Un modèle de convention entre une entreprise et une association, clause par clause.",
        "La convention précise la mission confiée aux salariés, sa durée, l’encadrement, l’assurance et la "
        "valorisation fiscale. Les commentaires expliquent chaque clause et les erreurs fréquentes.",
        themes=("economique",),
        year=2024,
    ),
    Doc(
        "outil-questionnaire-besoins",
        "outil",
        "Questionnaire d’identification des besoins des associations",
        "Trente questions pour connaître les besoins des associations locales en bénévoles, locaux et financements.",
        "Le questionnaire se diffuse en ligne ou sur papier. Il aborde les ressources humaines, les locaux, "
        "les finances et les partenariats souhaités. Un modèle de synthèse accompagne le questionnaire.",
        year=2023,
    ),
    Doc(
        "illustration-saint-etienne",
        "illustration",
        "Saint-Étienne : une alliance pour l’insertion professionnelle des jeunes",
        "Entreprises, mission locale et associations de quartier accompagnent ensemble des jeunes vers l’emploi.",
        "À Saint-Étienne, une vingtaine d’entreprises parrainent des jeunes suivis par la mission locale. "
        "Les associations de quartier repèrent les jeunes éloignés de l’emploi ; les entreprises ouvrent "
        "stages et visites. En trois ans, deux jeunes sur trois ont trouvé un emploi ou une formation.",
        themes=("social", "economique"),
        territories=("commune:42218", "epci:244200770", "departement:42", "region:84"),
        year=2023,
    ),
    Doc(
        "illustration-aix-tiers-lieu",
        "illustration",
        "Aix-en-Provence : un tiers-lieu coopératif au cœur de la ville",
        "Un ancien garage devenu lieu partagé : atelier de réparation, café associatif, bureaux.",
        "Porté par une société coopérative d’intérêt collectif, le tiers-lieu réunit artisans, associations "
        "et habitants. La ville a mis le bâtiment à disposition ; les entreprises voisines financent les "
        "travaux. D’autres tiers-lieux de la région s’en inspirent.",
        themes=("economique", "societal"),
        territories=("commune:13001", "departement:13", "region:93"),
        year=2024,
    ),
    Doc(
        "illustration-villeneuve-ascq",
        "illustration",
        "Villeneuve-d’Ascq : université et entreprises pour la transition énergétique",
        "Des chercheurs, des industriels et la ville expérimentent la rénovation énergétique des bâtiments.",
        "Sur le campus, un démonstrateur teste des matériaux isolants conçus avec des entreprises locales. "
        "La ville ouvre ses écoles aux expérimentations. Les étudiants suivent les consommations d’énergie.",
        themes=("environnemental",),
        territories=("commune:59009", "departement:59", "region:32"),
        year=2022,
    ),
    Doc(
        "illustration-lyon-alimentation",
        "illustration",
        "Lyon : des circuits courts pour la restauration collective",
        "Agriculteurs, cuisines centrales et métropole s’organisent pour servir des produits locaux à la cantine.",
        "Un groupement de producteurs livre chaque semaine les cuisines des collèges. La métropole a adapté "
        "ses marchés publics ; les agriculteurs ont planifié leurs cultures. Les élèves visitent les fermes. "
        "Les circuits courts représentent désormais un tiers des achats de la cantine.",
        themes=("environnemental", "economique"),
        territories=("commune:69123", "departement:69", "region:84"),
        year=2024,
    ),
    Doc(
        "illustration-bretagne-mobilite",
        "illustration",
        "Mobilité solidaire en milieu rural : l’exemple du Centre-Bretagne",
        "Garage solidaire, covoiturage et prêt de scooters pour que la mobilité ne freine plus l’emploi.",
        "Dans les communes rurales, sans voiture, pas d’emploi. Une plateforme de mobilité réunit une "
        "association d’insertion, des employeurs et la communauté de communes : prêt de véhicules, "
        "réparations à bas prix, covoiturage vers les zones d’activité.",
        themes=("social",),
        territories=("departement:22", "region:53"),
        year=2023,
    ),
    Doc(
        "illustration-nantes-numerique",
        "illustration",
        "Inclusion numérique à Nantes : associations et opérateurs ensemble",
        "Des médiateurs numériques formés par des associations, des ordinateurs reconditionnés par une "
        "entreprise d’insertion.",
        "Les personnes éloignées du numérique trouvent de l’aide dans les maisons de quartier. Les opérateurs "
        "financent la formation des médiateurs ; une entreprise d’insertion reconditionne les ordinateurs "
        "donnés par les grandes entreprises du territoire.",
        themes=("social",),
        territories=("commune:44109", "departement:44", "region:52"),
        year=2024,
    ),
    Doc(
        "illustration-grenoble-energie",
        "illustration",
        "Grenoble : une coopérative citoyenne d’énergie renouvelable",
        "Des habitants investissent dans des panneaux solaires installés sur les toits des écoles.",
        "La coopérative compte huit cents sociétaires. La collectivité loue ses toitures, une banque "
        "coopérative prête le complément. L’électricité produite est vendue localement et les bénéfices "
        "financent des actions de sobriété énergétique.",
        themes=("environnemental",),
        territories=("commune:38185", "departement:38", "region:84"),
        year=2022,
    ),
    Doc(
        "illustration-marseille-emploi",
        "illustration",
        "Marseille : un groupement d’employeurs associatif",
        "Des associations sportives et culturelles partagent des salariés à temps plein.",
        "Aucune association ne pouvait offrir un emploi stable seule. Le groupement d’employeurs embauche et "
        "met les salariés à disposition de ses membres. Les salariés gagnent un contrat durable, les "
        "associations des compétences.",
        themes=("social", "economique"),
        territories=("commune:13055", "departement:13", "region:93"),
        year=2021,
    ),
    Doc(
        "illustration-lille-sante",
        "illustration",
        "Lille : la santé dans les quartiers prioritaires",
        "Un contrat local de santé signé par la ville, l’agence régionale de santé et les associations.",
        "Le contrat local de santé coordonne prévention, accès aux soins et santé mentale. Les associations "
        "de quartier organisent des permanences ; les centres de santé accueillent sans rendez-vous.",
        themes=("social",),
        territories=("commune:59350", "departement:59", "region:32"),
        year=2023,
    ),
    Doc(
        "illustration-occitanie-eau",
        "illustration",
        "Préserver la ressource en eau : agriculteurs et collectivités en Occitanie",
        "Un syndicat de rivière, des agriculteurs et une coopérative agricole changent leurs pratiques.",
        "Face aux sécheresses, les agriculteurs du bassin versant réduisent l’irrigation et plantent des "
        "haies. La collectivité finance le conseil technique ; la coopérative agricole valorise les récoltes "
        "produites avec moins d’eau.",
        themes=("environnemental",),
        territories=("departement:34", "region:76"),
        year=2024,
    ),
    Doc(
        "illustration-strasbourg-economie-circulaire",
        "illustration",
        "Strasbourg : économie circulaire dans le bâtiment",
        "Une plateforme de réemploi des matériaux de chantier, montée par des entreprises du BTP et la métropole.",
        "Portes, carrelage, bois de charpente : les matériaux récupérés sur les chantiers de démolition sont "
        "triés, stockés et revendus. Une entreprise d’insertion assure le tri. Le réemploi évite des "
        "centaines de tonnes de déchets chaque année.",
        themes=("environnemental", "economique"),
        territories=("commune:67482", "departement:67", "region:44"),
        year=2023,
    ),
    Doc(
        "illustration-mecenat-pme",
        "illustration",
        "Une PME normande engagée dans le mécénat de compétences",
        "Une entreprise de cinquante salariés met ses comptables et ses informaticiens au service des associations.",
        "Chaque salarié peut consacrer deux jours par an à une association du territoire. Les missions sont "
        "choisies avec les associations : comptabilité, site internet, gestion des bénévoles. Les salariés "
        "y trouvent du sens, l’entreprise un ancrage local.",
        themes=("economique", "social"),
        territories=("departement:14", "region:28"),
        year=2024,
    ),
    Doc(
        "cadre-innovation-societale",
        "cadre",
        "L’innovation sociétale, moteur des territoires",
        "Pourquoi les alliances entre acteurs différents produisent des solutions nouvelles.",
        "Personne n’a seul la réponse aux fragilités d’un territoire. En croisant les savoir-faire, les "
        "alliances inventent des solutions qu’aucun acteur n’aurait trouvées seul. Pour durer, ces "
        "innovations doivent pouvoir changer d’échelle.",
        themes=("societal",),
        year=2023,
    ),
    Doc(
        "methode-facilitation",
        "methode",
        "Faciliter une réunion de co-construction",
        "Posture, règles du jeu, gestion du temps : le rôle du facilitateur.",
        "Le facilitateur ne prend pas parti sur le fond. Il propose un déroulé, distribue la parole, "
        "reformule et fait converger le groupe vers des décisions. Il anime sans diriger.",
        forms=("animation",),
        year=2022,
    ),
    Doc(
        "illustration-bordeaux-jeunesse",
        "illustration",
        "Bordeaux : un parcours d’engagement pour la jeunesse",
        "Associations, ville et entreprises proposent aux jeunes des missions d’engagement rémunérées.",
        "Le parcours commence par une mission courte dans une association, se poursuit par un projet collectif "
        "et se termine par une rencontre avec des employeurs. L’engagement est reconnu par un certificat.",
        themes=("social", "societal"),
        territories=("commune:33063", "departement:33", "region:75"),
        year=2024,
    ),
    Doc(
        "cadre-role-collectivites",
        "cadre",
        "Le rôle des collectivités territoriales dans les alliances",
        "Ensemblière, facilitatrice, financeuse : ce qu’une collectivité peut apporter sans tout porter.",
        "La collectivité connaît le territoire et légitime la démarche. Son rôle n’est pas de tout décider : "
        "elle réunit, met à disposition des moyens et garantit l’intérêt général. Les communes et les "
        "intercommunalités jouent souvent ce rôle d’ensemblier.",
        year=2022,
    ),
    Doc(
        "cadre-associations-entreprises",
        "cadre",
        "Associations et entreprises : construire des partenariats équilibrés",
        "Sortir de la relation de donateur à bénéficiaire pour construire un partenariat d’égal à égal.",
        "Un partenariat équilibré reconnaît ce que chacun apporte : l’association son expertise du terrain, "
        "l’entreprise ses compétences et ses moyens. Les objectifs se fixent ensemble et les résultats se "
        "partagent. La confiance se construit par des petits projets réussis.",
        themes=("economique", "social"),
        year=2023,
    ),
    Doc(
        "outil-kit-communication",
        "outil",
        "Kit de communication pour valoriser une alliance",
        "Modèles de communiqué, de fiche projet et de publications pour faire connaître une alliance.",
        "Valoriser une alliance, c’est donner envie à d’autres acteurs de la rejoindre. Le kit propose des "
        "modèles de communiqué de presse, une fiche projet et des conseils pour les réseaux sociaux.",
        year=2024,
    ),
    Doc(
        "methode-capitalisation",
        "methode",
        "Capitaliser une expérience de coopération",
        "Garder la trace de ce qui a été appris pour le transmettre : méthode de capitalisation.",
        "La capitalisation transforme une expérience en connaissance partageable. On recueille les récits des "
        "acteurs, on repère les moments clés et on formule des enseignements. Le carnet de bord mensuel en "
        "est une première forme.",
        year=2024,
    ),
    Doc(
        "illustration-services-ruraux",
        "illustration",
        "Un pôle de services au public en zone rurale",
        "Une maison de services partagée par la communauté de communes, La Poste et des associations.",
        "Le pôle accueille les démarches administratives, une permanence emploi et un point d’information "
        "sur la mobilité et les transports à la demande. Les associations y tiennent des ateliers.",
        themes=("social",),
        territories=("departement:23", "region:75"),
        year=2022,
    ),
]

QUERIES = [
    Judged(
        "cooperation",
        {
            "methode-financement": 2,
            "outil-grille-evaluation": 2,
            "methode-capitalisation": 2,
            "illustration-grenoble-energie": 1,
            "illustration-aix-tiers-lieu": 1,
            "methode-mobiliser-entreprises": 1,
        },
        "accents manquants",
    ),
    Judged(
        "évaluation d'impact",
        {"methode-evaluation-impact": 2, "outil-grille-evaluation": 1},
        "élision droite",
    ),
    Judged("EVALUER L’IMPACT", {"methode-evaluation-impact": 2, "outil-grille-evaluation": 1}, "majuscules, verbe"),
    Judged("gouvernance partagée", {"methode-gouvernance": 2, "outil-grille-evaluation": 1}, "plusieurs mots"),
    Judged("GOUVERNANCE PARTAGEE", {"methode-gouvernance": 2, "outil-grille-evaluation": 1}, "majuscules sans accent"),
    Judged(
        "animer un réseau",
        {"methode-animer-reseau": 2, "methode-facilitation": 1, "outil-fiche-animation-atelier": 1},
        "verbe → nom",
    ),
    Judged(
        "animation du territoire",
        {"methode-animer-reseau": 2, "cadre-trois-actions": 2},
        "plusieurs mots",
    ),
    Judged(
        "l'animation d'atelier",
        {"outil-fiche-animation-atelier": 2, "methode-facilitation": 1},
        "élisions droites",
    ),
    Judged("chartes de partenariats", {"outil-charte-partenariat": 2}, "pluriels"),
    Judged("tiers-lieux", {"illustration-aix-tiers-lieu": 2}, "pluriel en -x, trait d’union"),
    Judged(
        "coopérer avec les entreprises",
        {"methode-mobiliser-entreprises": 2, "cadre-associations-entreprises": 1, "illustration-mecenat-pme": 1},
        "verbe",
    ),
    Judged("acompagnement des organisations", {"cadre-trois-actions": 2}, "faute : lettre manquante"),
    Judged("mobilisaiton des habitants", {"methode-concertation": 2}, "faute : inversion"),
    Judged(
        "diagnostik territorial",
        {"methode-diagnostic": 2, "outil-cartographie-acteurs": 1},
        "faute : lettre remplacée",
    ),
    Judged(
        "gouvernnance", {"methode-gouvernance": 2, "outil-grille-evaluation": 1, "cadre-co-construction": 1}, "faute"
    ),
    Judged("Saint-Étienne", {"illustration-saint-etienne": 2}, "nom composé"),
    Judged("saint etienne insertion", {"illustration-saint-etienne": 2}, "nom composé sans trait d’union"),
    Judged("aix en provence", {"illustration-aix-tiers-lieu": 2}, "nom composé sans trait d’union"),
    Judged("Villeneuve d'Ascq", {"illustration-villeneuve-ascq": 2}, "nom composé et élision"),
    Judged(
        "mécénat de compétences",
        {
            "outil-convention-mecenat": 2,
            "illustration-mecenat-pme": 2,
            "methode-mobiliser-entreprises": 1,
        },
        "plusieurs mots",
    ),
    Judged("circuits courts cantine", {"illustration-lyon-alimentation": 2}, "plusieurs mots"),
    Judged(
        "mobilité",
        {"illustration-bretagne-mobilite": 2, "illustration-services-ruraux": 1},
        "titre plus fort que texte",
    ),
    Judged(
        "energie renouvelable citoyenne",
        {"illustration-grenoble-energie": 2, "illustration-villeneuve-ascq": 1},
        "accents manquants",
    ),
    Judged(
        "codeveloppement entre pairs",
        {"methode-codeveloppement": 2, "methode-visite-apprenante": 1},
        "accents manquants",
    ),
    Judged(
        "changer d’échelle",
        {"methode-changer-echelle": 2, "cadre-innovation-societale": 1},
        "élision typographique",
    ),
    Judged("financement participatif", {"methode-financement": 2}, "plusieurs mots"),
    Judged("inclusion numerique", {"illustration-nantes-numerique": 2}, "accents manquants"),
    Judged("groupement d'employeurs", {"illustration-marseille-emploi": 2}, "élision"),
    Judged("contrat local de santé", {"illustration-lille-sante": 2}, "plusieurs mots"),
    Judged("réemploi matériaux", {"illustration-strasbourg-economie-circulaire": 2}, "pluriel"),
    Judged(
        "ressource en eau agriculteurs",
        {"illustration-occitanie-eau": 2, "illustration-lyon-alimentation": 1},
        "plusieurs mots",
    ),
    Judged("visites apprenantes", {"methode-visite-apprenante": 2}, "pluriels"),
    Judged("éxpérimentations collectives", {"cadre-trois-actions": 2}, "accent en trop, pluriel"),
    Judged("questionnaire besoins associations", {"outil-questionnaire-besoins": 2}, "plusieurs mots"),
    Judged(
        "innovation societale",
        {"cadre-innovation-societale": 2, "cadre-eres-partenariats": 2, "cadre-chiffres": 1},
        "accents manquants",
    ),
    Judged(
        "cartographie des acteurs",
        {"outil-cartographie-acteurs": 2, "methode-diagnostic": 1},
        "plusieurs mots",
    ),
    Judged(
        "jeunes engagés",
        {"illustration-bordeaux-jeunesse": 2, "illustration-saint-etienne": 1},
        "formes d’un mot",
    ),
    Judged("capitaliser", {"methode-capitalisation": 2}, "verbe → nom"),
    Judged("valoriser une alliance", {"outil-kit-communication": 2}, "verbe"),
    Judged("rôle des collectivités", {"cadre-role-collectivites": 2}, "plusieurs mots"),
]


def index_documents() -> None:
    """Index the set through the services, as an app would."""
    from catalyse.search.services import search_index_upsert

    for doc in DOCUMENTS:
        search_index_upsert(
            source=SOURCE,
            key=doc.key,
            title=doc.title,
            summary=doc.summary,
            body=doc.body,
            url=f"/ressources/{doc.key}/",
            kind=doc.kind,
            facets={
                "themes": list(doc.themes),
                "forms": list(doc.forms),
                "territories": list(doc.territories),
                "year": doc.year,
            },
            published_at=datetime(doc.year, 3, 1, 9, 0, tzinfo=PARIS),
        )


def dcg(grades: Sequence[int]) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at(ranked: Sequence[str], relevant: dict[str, int], k: int = 10) -> float:
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    return dcg([relevant.get(key, 0) for key in ranked[:k]]) / ideal if ideal else 0.0


def reciprocal_rank(ranked: Sequence[str], relevant: dict[str, int]) -> float:
    """1 / the rank of the first document of the highest grade the query has."""
    best = max(relevant.values())
    for rank, key in enumerate(ranked, start=1):
        if relevant.get(key, 0) == best:
            return 1 / rank
    return 0.0


@dataclass(frozen=True)
class Scores:
    ndcg: float
    mrr: float
    per_query: list[tuple[str, float, float, list[str]]]


def evaluate(search: Callable[[str], list[str]], k: int = 10) -> Scores:
    """search(query) -> ranked keys; mean nDCG@k and MRR over the set."""
    per_query = []
    for judged in QUERIES:
        ranked = search(judged.query)
        per_query.append(
            (judged.query, ndcg_at(ranked, judged.relevant, k), reciprocal_rank(ranked, judged.relevant), ranked[:k])
        )
    count = len(per_query)
    return Scores(
        ndcg=sum(q[1] for q in per_query) / count, mrr=sum(q[2] for q in per_query) / count, per_query=per_query
    )


def search_keys(query: str) -> list[str]:
    from catalyse.search.query import search_documents

    return [document.key for document in search_documents(query, limit=10).documents]
