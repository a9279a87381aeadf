"""A realistic French kit for `load_demo`, drawn from the programme's text (shared seed). Idempotent."""

from __future__ import annotations

import json
from typing import Any

from django.core.files.base import ContentFile

from catalyse.resources.demo_pdf import simple_pdf

# (slug, kind, title, summary, body, themes, forms, objective, audiences, territory, published)
D = dict[str, Any]

RESOURCES: list[D] = [
    {
        "slug": "referentiel-co-construction-territoriale",
        "kind": "cadre",
        "title": "Référentiel « Co-construction territoriale »",
        "summary": "Le document de référence : les besoins de co-construction dans les territoires, trois formes de "
        "co-construction territoriale et les modalités de mise en place d’une telle dynamique.",
        "body": "## Pourquoi un référentiel\n\nFace aux enjeux économiques, sociaux, environnementaux et sociétaux, "
        "de nouvelles alliances entre acteurs « de mondes différents » se mettent en place. C’est au sein des "
        "territoires que s’incarne cette dynamique.\n\n## Ce qu’il contient\n\n- les besoins de co-construction "
        "exprimés par les territoires ;\n- trois formes complémentaires d’action : l’animation du territoire, les "
        "expérimentations collectives, l’accompagnement des organisations ;\n- les modalités de mise en place d’une "
        "dynamique de co-construction.\n\nPublié en novembre 2016 en partenariat avec la Caisse des Dépôts, le CGET, "
        "le ministère en charge de la vie associative et la Fédération nationale des Caisses d’Épargne.",
        "themes": ["economique", "social", "environnemental", "societal"],
        "forms": ["animation", "experimentation", "accompagnement"],
        "objective": "comprendre",
        "audiences": ["collectivite", "association", "entreprise", "academique", "acteur_public"],
        "territory": None,
        "published": "2016-11-15",
    },
    {
        "slug": "trois-eres-des-relations-associations-entreprises",
        "kind": "cadre",
        "title": "Les trois ères des relations associations – entreprises",
        "summary": "Du mécénat des années 1990 aux pratiques responsables des années 2000, puis aux partenariats "
        "d’innovation sociétale : comprendre l’évolution des alliances.",
        "body": "## Trois ères successives\n\n1. **Le mécénat** (début des années 1990) ;\n2. **les pratiques "
        "responsables** (milieu des années 2000) ;\n3. **les partenariats d’innovation sociétale**, qui émergent "
        "aujourd’hui.\n\nCes modèles hybrides se fondent sur les capacités respectives des acteurs économiques, des "
        "structures d’intérêt général et des acteurs publics. Ils reposent sur des relations équilibrées, durables, "
        "à forte utilité sociétale, et offrent un modèle économique pérenne.",
        "themes": ["economique", "societal"],
        "forms": ["accompagnement"],
        "objective": "comprendre",
        "audiences": ["association", "entreprise"],
        "territory": None,
        "published": "2018-03-01",
    },
    {
        "slug": "chiffres-cles-des-partenariats-en-france",
        "kind": "cadre",
        "title": "Chiffres clés des partenariats en France",
        "summary": "1,2 million de partenariats ; 53 % des associations employeuses et 37 % des entreprises d’au moins "
        "dix salariés en développent. Les modes d’action et leur poids.",
        "body": "## L’essentiel\n\n- **1,2 million** de partenariats en France ;\n- **53 %** des associations "
        "employeuses et **37 %** des entreprises d’au moins 10 salariés développent des partenariats (respectivement "
        "7 et 9 points de plus en 5 ans) ;\n- **69 %** des Français considèrent que les alliances sont source "
        "d’innovation.\n\n## Les modes d’action\n\n| Mode | Part |\n| --- | --- |\n| Pratiques responsables | 42 % |\n"
        "| Mécénat | 30 % |\n| Coopération économique | 25 % |\n| Innovation sociétale | 16 % |\n\n"
        "Un même partenariat peut relever de plusieurs modes.",
        "themes": ["economique", "social"],
        "forms": ["animation"],
        "objective": "comprendre",
        "audiences": ["collectivite", "association", "entreprise", "acteur_public"],
        "territory": None,
        "published": "2018-03-01",
    },
    {
        "slug": "ecosysteme-territorial-favorable-aux-alliances",
        "kind": "cadre",
        "title": "Un écosystème territorial favorable aux alliances",
        "summary": "Pourquoi la co-construction a besoin d’un écosystème, et les trois formes complémentaires "
        "d’actions qui le créent.",
        "body": "La création d’un écosystème favorable nécessite trois formes complémentaires d’actions :\n\n"
        "- **l’animation du territoire**, pour sensibiliser et créer les rencontres entre acteurs ;\n"
        "- **les expérimentations collectives**, pour répondre ensemble à un enjeu territorial partagé ;\n"
        "- **l’accompagnement des organisations**, pour faciliter les alliances qu’elles initient.\n\n"
        "Chacune appelle ses méthodes et ses outils : vous les trouverez dans le kit.",
        "themes": ["societal"],
        "forms": ["animation", "experimentation", "accompagnement"],
        "objective": "comprendre",
        "audiences": ["collectivite", "acteur_public"],
        "territory": None,
        "published": "2018-04-10",
    },
    {
        "slug": "role-des-collectivites-dans-la-co-construction",
        "kind": "cadre",
        "title": "Le rôle des collectivités territoriales dans la co-construction",
        "summary": "Ce que peut faire une collectivité pour faire émerger les alliances : fédérer, outiller, "
        "reconnaître. Synthèse du webinaire de la e-communauté développement local du CNFPT.",
        "body": "## Trois postures possibles\n\n- **Fédérer** les acteurs autour d’un diagnostic partagé ;\n- "
        "**outiller** les porteurs de projets ;\n- **reconnaître** et valoriser les alliances existantes.\n\n"
        "## À retenir\n\nLa collectivité n’a pas à tout porter : son rôle est souvent celui d’un tiers de confiance.",
        "themes": ["societal", "social"],
        "forms": ["animation"],
        "objective": "s_approprier",
        "audiences": ["collectivite"],
        "territory": None,
        "published": "2018-04-03",
    },
    {
        "slug": "modeles-socio-economiques-hybrides",
        "kind": "cadre",
        "title": "Les modèles socio-économiques hybrides",
        "summary": "Comment les structures d’intérêt général combinent ressources publiques, privées et "
        "marchandes ; premier axe de la rencontre « Ensemble innovons ! ».",
        "body": "## De quoi parle-t-on ?\n\nUn modèle socio-économique décrit la manière dont une organisation "
        "mobilise ses richesses humaines, financières et ses alliances. L’hybridation combine plusieurs sources.\n\n"
        "## Questions pour votre territoire\n\n- Quelles ressources sont mobilisables localement ?\n"
        "- Quels partenaires pourraient co-investir ?",
        "themes": ["economique", "social"],
        "forms": ["accompagnement"],
        "objective": "innover",
        "audiences": ["association", "entreprise", "collectivite"],
        "territory": None,
        "published": "2019-06-12",
    },
    {
        "slug": "roubaix-alliance-emploi-quartiers",
        "kind": "illustration",
        "title": "Roubaix : une alliance pour l’emploi dans les quartiers",
        "summary": "Entreprises, associations d’insertion et ville de Roubaix montent ensemble un parcours vers "
        "l’emploi pour les jeunes des quartiers prioritaires.",
        "body": "## Le contexte\n\nDans les quartiers prioritaires de Roubaix, le chômage des jeunes dépasse 40 %. "
        "Plusieurs entreprises du territoire peinent pourtant à recruter.\n\n## L’alliance\n\n- Trois entreprises "
        "de la logistique et du commerce ;\n- deux associations d’insertion ;\n- la mission locale et la ville.\n\n"
        "## Ce qui a marché\n\nDes immersions courtes en entreprise, un parrainage par des salariés volontaires, "
        "un comité de pilotage trimestriel ouvert.\n\n## Les chiffres\n\n120 jeunes accompagnés en deux ans, dont "
        "68 en emploi durable.",
        "themes": ["social", "economique"],
        "forms": ["experimentation"],
        "objective": "s_approprier",
        "audiences": ["entreprise", "association", "collectivite"],
        "territory": "commune:59512",
        "published": "2019-02-18",
    },
    {
        "slug": "saint-etienne-tiers-lieu-cooperation",
        "kind": "illustration",
        "title": "Saint-Étienne : un tiers-lieu de la coopération",
        "summary": "Dans une ancienne manufacture, associations, artisans et entreprises partagent un lieu et "
        "co-construisent des projets pour le quartier.",
        "body": "## Le projet\n\nUn collectif d’acteurs réhabilite un bâtiment industriel pour y installer ateliers, "
        "bureaux partagés et une cantine solidaire.\n\n## La gouvernance\n\nUne société coopérative d’intérêt "
        "collectif (SCIC) associe la métropole, des entreprises, des associations et des habitants.\n\n"
        "## Les enseignements\n\n- Prendre le temps de la confiance ;\n- formaliser une charte de partenariat dès "
        "le départ.",
        "themes": ["economique", "societal"],
        "forms": ["experimentation", "animation"],
        "objective": "innover",
        "audiences": ["association", "entreprise", "citoyen"],
        "territory": "commune:42218",
        "published": "2020-09-24",
    },
    {
        "slug": "drome-alimentation-durable-circuits-courts",
        "kind": "illustration",
        "title": "Drôme : une alimentation durable par les circuits courts",
        "summary": "Agriculteurs, restauration collective, département et associations structurent des "
        "circuits courts pour les cantines du territoire.",
        "body": "## Le défi\n\nApprovisionner les collèges en produits locaux sans fragiliser les exploitations.\n\n"
        "## Qui agit\n\nUne plateforme logistique portée par des agriculteurs, le conseil départemental, une "
        "association d’éducation à l’alimentation.\n\n## Résultats\n\n45 % de produits locaux dans les collèges "
        "après trois ans.",
        "themes": ["environnemental", "economique"],
        "forms": ["experimentation"],
        "objective": "s_approprier",
        "audiences": ["collectivite", "entreprise", "association"],
        "territory": "departement:26",
        "published": "2021-03-15",
    },
    {
        "slug": "rennes-numerique-inclusif",
        "kind": "illustration",
        "title": "Rennes : une alliance pour un numérique inclusif",
        "summary": "Entreprises du numérique, médiathèques et associations s’allient pour accompagner les "
        "habitants éloignés du numérique.",
        "body": "## Le constat\n\nUn habitant sur cinq se dit en difficulté avec les démarches en ligne.\n\n"
        "## L’alliance\n\nDes entreprises prêtent des salariés bénévoles, la ville ouvre ses médiathèques, des "
        "associations animent des permanences.\n\n## L’impact de la digitalisation\n\nCe cas illustre le "
        "deuxième axe de la rencontre du réseau : l’impact de la digitalisation sur les organisations.",
        "themes": ["social", "societal"],
        "forms": ["animation", "experimentation"],
        "objective": "s_approprier",
        "audiences": ["collectivite", "entreprise", "association", "citoyen"],
        "territory": "commune:35238",
        "published": "2021-11-05",
    },
    {
        "slug": "la-reunion-economie-circulaire-btp",
        "kind": "illustration",
        "title": "La Réunion : l’économie circulaire dans le bâtiment",
        "summary": "À La Réunion, entreprises du BTP, chantiers d’insertion et collectivités réemploient les "
        "matériaux de déconstruction.",
        "body": "## Le contexte insulaire\n\nL’île importe l’essentiel de ses matériaux ; les déchets du BTP "
        "saturent les installations.\n\n## La coopération\n\nUne plateforme de réemploi gérée par un chantier "
        "d’insertion, alimentée par les entreprises, soutenue par la région.\n\n## Résultats\n\n3 000 tonnes de "
        "matériaux réemployés par an, 25 emplois en insertion.",
        "themes": ["environnemental", "economique", "social"],
        "forms": ["experimentation"],
        "objective": "innover",
        "audiences": ["entreprise", "association", "collectivite"],
        "territory": "departement:974",
        "published": "2022-05-20",
    },
    {
        "slug": "lozere-mobilite-solidaire-rurale",
        "kind": "illustration",
        "title": "Lozère : une mobilité solidaire en milieu rural",
        "summary": "Transport à la demande bénévole, garages solidaires et covoiturage : une réponse co-construite "
        "à l’isolement en zone rurale.",
        "body": "## Le besoin\n\nSans voiture, impossible d’accéder à l’emploi ou aux soins dans de nombreux "
        "villages.\n\n## Les partenaires\n\nAssociations de bénévoles, communauté de communes, une mutuelle, un "
        "constructeur automobile pour les véhicules.\n\n## À retenir\n\nUn coordinateur dédié est indispensable.",
        "themes": ["social", "environnemental"],
        "forms": ["experimentation", "animation"],
        "objective": "s_approprier",
        "audiences": ["association", "collectivite", "citoyen"],
        "territory": "commune:48095",
        "published": "2022-10-03",
    },
    {
        "slug": "metropole-de-lyon-achats-responsables",
        "kind": "illustration",
        "title": "Métropole de Lyon : des achats responsables co-construits",
        "summary": "Grandes entreprises et structures de l’économie sociale et solidaire construisent ensemble "
        "des offres pour les marchés publics et privés.",
        "body": "## L’idée\n\nRapprocher la demande des acheteurs et l’offre des structures de l’ESS.\n\n"
        "## Comment\n\nDes rencontres acheteurs-fournisseurs, un accompagnement des structures pour répondre en "
        "groupement, des clauses sociales dans les marchés.\n\n## Résultats\n\n12 millions d’euros d’achats "
        "orientés vers l’ESS en quatre ans.",
        "themes": ["economique", "social"],
        "forms": ["accompagnement"],
        "objective": "innover",
        "audiences": ["entreprise", "association", "collectivite"],
        "territory": "epci:200046977",
        "published": "2023-02-14",
    },
    {
        "slug": "brest-transition-energetique-quartier",
        "kind": "illustration",
        "title": "Brest : la transition énergétique d’un quartier",
        "summary": "Bailleur social, fournisseur d’énergie, université et habitants réduisent ensemble la "
        "consommation d’un quartier.",
        "body": "## Le projet\n\nRénover 400 logements et accompagner les habitants vers la sobriété.\n\n"
        "## La recherche-action\n\nL’université mesure l’impact et partage ses données avec les habitants.\n\n"
        "## Les enseignements\n\nLa diversité des modes d’évaluation, quatrième axe de la rencontre du réseau, "
        "y est centrale.",
        "themes": ["environnemental", "social"],
        "forms": ["experimentation"],
        "objective": "innover",
        "audiences": ["collectivite", "entreprise", "academique", "citoyen"],
        "territory": "commune:29019",
        "published": "2023-06-01",
    },
    {
        "slug": "hauts-de-france-reseau-catalyseurs",
        "kind": "illustration",
        "title": "Hauts-de-France : un réseau régional de catalyseurs",
        "summary": "Comment une région a fait émerger une trentaine de catalyseurs territoriaux issus de mondes "
        "différents.",
        "body": "## Le point de départ\n\nUne rencontre régionale en 2019 réunit élus, associations, entreprises "
        "et universités.\n\n## La suite\n\nDes rencontres trimestrielles, une formation commune, un annuaire "
        "partagé.\n\n## Et maintenant\n\nLe réseau accompagne les démarches de plusieurs départements.",
        "themes": ["societal"],
        "forms": ["animation"],
        "objective": "innover",
        "audiences": ["collectivite", "association", "entreprise", "academique"],
        "territory": "region:32",
        "published": "2024-01-22",
    },
    {
        "slug": "grenoble-sante-environnement",
        "kind": "illustration",
        "title": "Grenoble : santé et environnement, une alliance de la recherche et des associations",
        "summary": "Chercheurs, associations de patients et métropole mesurent la qualité de l’air avec les habitants.",
        "body": "## Une science participative\n\nDes capteurs confiés aux habitants, des données ouvertes, des "
        "ateliers de restitution.\n\n## Les partenaires\n\nUn laboratoire universitaire, deux associations, la "
        "métropole, une entreprise de capteurs.",
        "themes": ["environnemental", "societal"],
        "forms": ["experimentation"],
        "objective": "innover",
        "audiences": ["academique", "association", "citoyen", "collectivite"],
        "territory": "epci:200040715",
        "published": "2024-04-09",
    },
    {
        "slug": "demarche-de-co-construction-en-cinq-etapes",
        "kind": "methode",
        "title": "Une démarche de co-construction en cinq étapes",
        "summary": "De l’intuition au projet partagé : diagnostiquer, mobiliser, co-construire, expérimenter, "
        "évaluer. La méthode issue des expérimentations.",
        "body": "## 1. Diagnostiquer\n\nPartir des fragilités et des ressources du territoire.\n\n## 2. Mobiliser\n\n"
        "Identifier les acteurs de mondes différents et leurs motivations.\n\n## 3. Co-construire\n\nDéfinir un "
        "objectif commun et des règles du jeu.\n\n## 4. Expérimenter\n\nTester à petite échelle, apprendre.\n\n"
        "## 5. Évaluer\n\nMesurer l’impact et décider du changement d’échelle.",
        "themes": ["societal"],
        "forms": ["animation", "experimentation", "accompagnement"],
        "objective": "comprendre",
        "audiences": ["collectivite", "association", "entreprise", "acteur_public"],
        "territory": None,
        "published": "2018-03-20",
    },
    {
        "slug": "animer-un-atelier-de-co-developpement",
        "kind": "methode",
        "title": "Animer un atelier de co-développement entre pairs",
        "summary": "Le déroulé d’une séance : exposé, clarification, contrat, consultation, plan d’action, "
        "apprentissages. Les rôles du client, des consultants et de l’animateur.",
        "body": "## Les rôles\n\n- **Le client** expose une situation réelle ;\n- **les consultants** "
        "questionnent et proposent ;\n- **l’animateur** garantit le cadre.\n\n## Le déroulé (1 h 30)\n\n"
        "1. Exposé (10 min)\n2. Clarification (15 min)\n3. Contrat (5 min)\n4. Consultation (30 min)\n"
        "5. Plan d’action (15 min)\n6. Apprentissages (15 min)",
        "themes": ["social"],
        "forms": ["accompagnement"],
        "objective": "s_approprier",
        "audiences": ["collectivite", "association", "entreprise", "academique"],
        "territory": None,
        "published": "2018-09-10",
    },
    {
        "slug": "organiser-une-visite-apprenante",
        "kind": "methode",
        "title": "Organiser une visite apprenante",
        "summary": "Préparer, vivre et capitaliser une visite chez des pionniers de la co-construction : "
        "objectifs, questions, restitution.",
        "body": "## Avant\n\nChoisir le lieu avec le groupe, préparer trois questions par participant.\n\n"
        "## Pendant\n\nÉcouter les témoignages des acteurs de mondes différents, observer.\n\n## Après\n\n"
        "Une restitution collective dans les quinze jours, un écrit partagé.",
        "themes": ["societal"],
        "forms": ["animation"],
        "objective": "s_approprier",
        "audiences": ["collectivite", "association", "acteur_public"],
        "territory": None,
        "published": "2019-01-15",
    },
    {
        "slug": "mobiliser-les-entreprises-du-territoire",
        "kind": "methode",
        "title": "Mobiliser les entreprises du territoire",
        "summary": "Comprendre les motivations des entreprises, choisir le bon interlocuteur et proposer une "
        "coopération qui a du sens pour elles.",
        "body": "## Les motivations\n\nAncrage territorial, attractivité, engagement des salariés, innovation.\n\n"
        "## Les portes d’entrée\n\nClubs d’entreprises, chambres consulaires, fondations.\n\n"
        "## Le premier rendez-vous\n\nParler de l’enjeu du territoire avant de parler d’argent.",
        "themes": ["economique"],
        "forms": ["animation", "accompagnement"],
        "objective": "comprendre",
        "audiences": ["collectivite", "association"],
        "territory": None,
        "published": "2019-05-06",
    },
    {
        "slug": "evaluer-impact-partenariat",
        "kind": "methode",
        "title": "Évaluer l’impact d’un partenariat",
        "summary": "Pourquoi évaluer, quoi mesurer, avec qui : une méthode progressive, de l’auto-évaluation à "
        "l’évaluation partagée.",
        "body": "## Pourquoi évaluer\n\nPour piloter, pour rendre compte, pour apprendre.\n\n## Trois niveaux\n\n"
        "1. La relation entre partenaires ;\n2. les résultats pour les bénéficiaires ;\n3. l’impact sur le "
        "territoire.\n\n## Les facteurs clés de succès\n\nDes objectifs partagés, des indicateurs simples, un "
        "temps de bilan annuel.",
        "themes": ["societal", "economique"],
        "forms": ["accompagnement"],
        "objective": "innover",
        "audiences": ["association", "entreprise", "collectivite"],
        "territory": None,
        "published": "2020-02-11",
    },
    {
        "slug": "changer-d-echelle-un-projet-co-construit",
        "kind": "methode",
        "title": "Changer d’échelle un projet co-construit",
        "summary": "Essaimer, dupliquer, coopérer : choisir la stratégie de changement d’échelle adaptée à "
        "votre projet et à votre territoire.",
        "body": "## Quatre stratégies\n\n- **Diversifier** les activités ;\n- **essaimer** la méthode ;\n"
        "- **dupliquer** le modèle ailleurs ;\n- **coopérer** avec d’autres projets.\n\n## Avant de se lancer\n\n"
        "Vérifiez la solidité du modèle socio-économique et l’adhésion des partenaires.",
        "themes": ["economique", "societal"],
        "forms": ["accompagnement", "experimentation"],
        "objective": "innover",
        "audiences": ["association", "entreprise", "collectivite"],
        "territory": None,
        "published": "2021-06-28",
    },
    {
        "slug": "tenir-un-carnet-de-bord",
        "kind": "methode",
        "title": "Tenir le carnet de bord d’une démarche",
        "summary": "Enjeux, pratiques et illustrations : écrire chaque mois ce que la démarche apprend, pour "
        "capitaliser et partager.",
        "body": "## Une page par mois\n\n- Les enjeux rencontrés ;\n- les pratiques testées ;\n- une illustration "
        "concrète.\n\n## Pour qui\n\nLes partenaires, les élus, le réseau des catalyseurs territoriaux.",
        "themes": ["societal"],
        "forms": ["animation"],
        "objective": "s_approprier",
        "audiences": ["collectivite", "association", "acteur_public"],
        "territory": None,
        "published": "2022-01-17",
    },
    {
        "slug": "grille-d-autodiagnostic",
        "kind": "outil",
        "title": "Grille d’autodiagnostic territorial",
        "summary": "Évaluez en une heure la maturité de votre territoire sur les trois actions : animation, "
        "expérimentations collectives, accompagnement des organisations.",
        "body": "## Comment l’utiliser\n\nRéunissez trois à six acteurs de mondes différents. Pour chaque "
        "question, notez de 0 (rien n’existe) à 3 (c’est une pratique installée).\n\n## Les trois volets\n\n"
        "1. **Animation du territoire** : des lieux et des temps de rencontre existent-ils ?\n"
        "2. **Expérimentations collectives** : un enjeu partagé a-t-il été identifié ?\n"
        "3. **Accompagnement des organisations** : les porteurs de partenariats sont-ils aidés ?\n\n"
        "## Et après\n\nComparez vos résultats et choisissez une priorité pour l’année.",
        "themes": ["economique", "social", "environnemental", "societal"],
        "forms": ["animation", "experimentation", "accompagnement"],
        "objective": "comprendre",
        "audiences": ["collectivite", "association", "entreprise", "acteur_public"],
        "territory": None,
        "published": "2018-03-20",
        "file": (
            "Grille d’autodiagnostic (PDF)",
            [
                "Volet 1 — Animation du territoire : des lieux et des temps de rencontre entre acteurs de mondes "
                "différents existent-ils ? Note de 0 à 3.",
                "Volet 2 — Expérimentations collectives : un enjeu territorial partagé a-t-il été identifié ? "
                "Note de 0 à 3.",
                "Volet 3 — Accompagnement des organisations : les porteurs de partenariats sont-ils aidés ? "
                "Note de 0 à 3.",
            ],
        ),
    },
    {
        "slug": "charte-de-partenariat",
        "kind": "outil",
        "title": "Charte de partenariat",
        "summary": "Un modèle de charte pour poser les règles du jeu d’une alliance : objectifs partagés, "
        "engagements de chacun, gouvernance, sortie.",
        "body": "## Les articles du modèle\n\n1. Objet et objectifs partagés ;\n2. engagements de chaque "
        "partenaire ;\n3. gouvernance et décision ;\n4. communication ;\n5. évaluation ;\n6. durée et sortie.\n\n"
        "## Conseil\n\nRédigez-la ensemble : la discussion compte autant que le texte.",
        "themes": ["societal"],
        "forms": ["accompagnement"],
        "objective": "comprendre",
        "audiences": ["association", "entreprise", "collectivite"],
        "territory": None,
        "published": "2018-03-20",
        "file": (
            "Modèle de charte (PDF)",
            [
                "Article 1 — Objet et objectifs partagés.",
                "Article 2 — Engagements de chaque partenaire.",
                "Article 3 — Gouvernance : comité de pilotage, fréquence, décision.",
                "Article 4 — Évaluation et durée ; conditions de sortie.",
            ],
        ),
    },
    {
        "slug": "cartographie-des-acteurs",
        "kind": "outil",
        "title": "Cartographie des acteurs du territoire",
        "summary": "Un canevas pour repérer qui fait quoi sur votre territoire, par monde (collectivités, "
        "associations, entreprises, académiques) et par enjeu.",
        "body": "## Le canevas\n\nQuatre colonnes, une par monde ; quatre lignes, une par enjeu (économique, "
        "social, environnemental, sociétal).\n\n## En atelier\n\nChacun ajoute les acteurs qu’il connaît ; "
        "repérez les vides et les liens à créer.",
        "themes": ["economique", "social", "environnemental", "societal"],
        "forms": ["animation"],
        "objective": "comprendre",
        "audiences": ["collectivite", "acteur_public"],
        "territory": None,
        "published": "2018-06-04",
    },
    {
        "slug": "trame-de-convention-de-partenariat",
        "kind": "outil",
        "title": "Trame de convention de partenariat",
        "summary": "La trame juridique d’une convention entre une entreprise et une structure d’intérêt général : "
        "clauses essentielles et points d’attention.",
        "body": "## Clauses essentielles\n\n- Objet ;\n- apports de chaque partie (financiers, en nature, en "
        "compétences) ;\n- propriété intellectuelle ;\n- communication ;\n- durée, résiliation.\n\n"
        "## Points d’attention\n\nMécénat ou prestation ? La qualification change la fiscalité.",
        "themes": ["economique"],
        "forms": ["accompagnement"],
        "objective": "s_approprier",
        "audiences": ["association", "entreprise"],
        "territory": None,
        "published": "2019-03-12",
    },
    {
        "slug": "kit-d-animation-d-une-premiere-rencontre",
        "kind": "outil",
        "title": "Kit d’animation d’une première rencontre",
        "summary": "Déroulé minuté, invitation type, brise-glace et fiche de restitution pour réunir pour la "
        "première fois des acteurs de mondes différents.",
        "body": "## Le déroulé (2 h 30)\n\n1. Accueil et brise-glace (20 min)\n2. Les fragilités du territoire, "
        "vues par chacun (40 min)\n3. Les ressources disponibles (40 min)\n4. Une envie commune (30 min)\n"
        "5. Prochaines étapes (20 min)",
        "themes": ["societal"],
        "forms": ["animation"],
        "objective": "comprendre",
        "audiences": ["collectivite", "association", "acteur_public"],
        "territory": None,
        "published": "2020-10-19",
    },
    {
        "slug": "tableau-de-bord-d-evaluation",
        "kind": "outil",
        "title": "Tableau de bord d’évaluation d’une alliance",
        "summary": "Un tableau de bord simple, prêt à remplir, pour suivre la relation entre partenaires, les "
        "résultats et l’impact territorial.",
        "body": "## Trois onglets\n\n- **Relation** : confiance, fréquence des échanges, équilibre ;\n"
        "- **résultats** : bénéficiaires, actions menées ;\n- **impact** : évolutions observées sur le territoire.",
        "themes": ["societal", "economique"],
        "forms": ["accompagnement", "experimentation"],
        "objective": "innover",
        "audiences": ["association", "entreprise", "collectivite"],
        "territory": None,
        "published": "2021-09-08",
    },
    {
        "slug": "questionnaire-mutations-des-competences",
        "kind": "outil",
        "title": "Questionnaire « mutations des compétences »",
        "summary": "Un questionnaire pour repérer, dans votre organisation, les compétences que demandent les "
        "alliances : coopération, médiation, gestion de projet partagé.",
        "body": "## Les questions\n\n- Qui, chez vous, entretient les relations avec les partenaires ?\n"
        "- Quelles compétences manquent pour conduire un projet à plusieurs ?\n- Quelles formations envisager ?",
        "themes": ["social", "economique"],
        "forms": ["accompagnement"],
        "objective": "innover",
        "audiences": ["entreprise", "association", "collectivite", "academique"],
        "territory": None,
        "published": "2024-06-12",
    },
    {
        "slug": "bordeaux-alliance-logement-jeunes",
        "kind": "illustration",
        "title": "Bordeaux : une alliance pour le logement des jeunes actifs",
        "summary": "Employeurs, bailleurs et associations inventent une offre de logement temporaire pour les "
        "jeunes qui démarrent un emploi.",
        "body": "## Le besoin\n\nDes entreprises perdent des recrues faute de logement abordable.\n\n"
        "## La solution\n\nDes colocations solidaires gérées par une association, garanties par les employeurs, "
        "dans le parc d’un bailleur social.",
        "themes": ["social", "economique"],
        "forms": ["experimentation"],
        "objective": "s_approprier",
        "audiences": ["entreprise", "association", "collectivite"],
        "territory": "commune:33063",
        "published": "2024-09-30",
    },
    {
        "slug": "strasbourg-cooperation-transfrontaliere",
        "kind": "illustration",
        "title": "Strasbourg : une coopération transfrontalière pour l’emploi",
        "summary": "Acteurs français et allemands de l’emploi co-construisent un parcours vers l’apprentissage "
        "de part et d’autre du Rhin.",
        "body": "## L’enjeu\n\nDes offres d’apprentissage non pourvues d’un côté, des jeunes en recherche de "
        "l’autre.\n\n## La coopération\n\nChambres consulaires, services de l’emploi, associations de jeunesse et "
        "entreprises des deux pays.",
        "themes": ["economique", "social"],
        "forms": ["experimentation", "accompagnement"],
        "objective": "innover",
        "audiences": ["entreprise", "acteur_public", "association"],
        "territory": "commune:67482",
        "published": "2025-03-18",
    },
]

COLLECTIONS: list[D] = [
    {
        "slug": "initier-une-demarche-de-co-construction",
        "title": "Initier une démarche de co-construction",
        "intro": "Vous voulez lancer une dynamique de co-construction sur votre territoire ? Ce parcours vous "
        "mène du **cadre** aux **outils** de la première rencontre, en passant par un cas concret.",
        "items": [
            ("referentiel-co-construction-territoriale", "Le cadre : ce qu’est la co-construction territoriale."),
            ("ecosysteme-territorial-favorable-aux-alliances", "Les trois actions qui créent l’écosystème."),
            ("grille-d-autodiagnostic", "Où en est votre territoire ?"),
            ("cartographie-des-acteurs", "Qui réunir ?"),
            ("kit-d-animation-d-une-premiere-rencontre", "Réussir la première rencontre."),
            ("roubaix-alliance-emploi-quartiers", "Un exemple pour se projeter."),
        ],
    },
    {
        "slug": "faire-vivre-un-partenariat",
        "title": "Faire vivre un partenariat",
        "intro": "Une alliance est née : comment la structurer, l’animer et mesurer ce qu’elle change ?",
        "items": [
            ("charte-de-partenariat", "Poser les règles du jeu."),
            ("trame-de-convention-de-partenariat", "Formaliser les engagements."),
            ("animer-un-atelier-de-co-developpement", "Apprendre entre pairs."),
            ("evaluer-impact-partenariat", "Évaluer l’impact."),
            ("tableau-de-bord-d-evaluation", "Suivre dans la durée."),
        ],
    },
    {
        "slug": "innover-et-changer-d-echelle",
        "title": "Innover et changer d’échelle",
        "intro": "Pour celles et ceux dont le projet a fait ses preuves et qui veulent aller plus loin.",
        "items": [
            ("modeles-socio-economiques-hybrides", "Consolider le modèle."),
            ("changer-d-echelle-un-projet-co-construit", "Choisir sa stratégie."),
            ("metropole-de-lyon-achats-responsables", "Un changement d’échelle réussi."),
            ("questionnaire-mutations-des-competences", "Préparer les compétences."),
        ],
    },
]


# Who wrote what, when the accounts app's demo people are there (docs/demo.md).
AUTHORS = {
    "saint-etienne-tiers-lieu-cooperation": "amandine.moreau@catalyse.localhost",
    "grille-d-autodiagnostic": "amandine.moreau@catalyse.localhost",
    "drome-alimentation-durable-circuits-courts": "nadia.haddad@catalyse.localhost",
    "animer-un-atelier-de-co-developpement": "helene.garnier@catalyse.localhost",
}
# Proposals waiting in the editors' queue: (slug, author, status, fields, editor's message).
PROPOSALS: list[tuple[str, str, str, D, str]] = [
    (
        "lorient-cooperation-filiere-maritime",
        "youssef.benali@catalyse.localhost",
        "submitted",
        {
            "kind": "illustration",
            "title": "Lorient : une coopération autour de la filière maritime",
            "summary": "Pêcheurs, chantiers navals, lycée maritime et agglomération s’allient pour attirer des "
            "jeunes vers les métiers de la mer.",
            "body": "## Le constat\n\nLes métiers de la mer peinent à recruter.\n\n## L’alliance\n\nDes "
            "journées portes ouvertes communes, des stages croisés, un parrainage par des professionnels.",
            "themes": ["economique", "social"],
            "forms": ["experimentation"],
            "objective": "s_approprier",
            "audiences": ["entreprise", "academique", "collectivite"],
            "territory": "commune:56121",
        },
        "",
    ),
    (
        "besancon-fiche-methode-gouvernance-partagee",
        "thomas.lefebvre@catalyse.localhost",
        "changes_requested",
        {
            "kind": "methode",
            "title": "Mettre en place une gouvernance partagée",
            "summary": "Comité de pilotage, règles de décision, rôle du tiers de confiance : une fiche pour "
            "organiser la gouvernance d’une alliance.",
            "body": "## Le comité de pilotage\n\nQui y siège, à quel rythme.",
            "themes": ["societal"],
            "forms": ["accompagnement"],
            "objective": "s_approprier",
            "audiences": ["collectivite", "association", "entreprise"],
            "territory": "commune:25056",
        },
        "Merci pour cette fiche ! Pouvez-vous ajouter une partie sur les règles de décision et un exemple "
        "de comité de pilotage ?",
    ),
]


def demo_lines() -> list[str]:
    """The demo kit in the import format (contracts.md), with the territories that exist here."""
    from catalyse.territories.models import Territory

    lines = []
    for item in RESOURCES:
        data = {k: v for k, v in item.items() if k != "file"}
        data["license"] = "CC-BY-SA-4.0"
        ref = data.get("territory")
        if ref:
            level, _sep, code = ref.partition(":")
            if not Territory.objects.filter(level=level, code=code).exists():
                data["territory"] = None
        lines.append(json.dumps(data, ensure_ascii=False))
    return lines


def demo_load() -> dict[str, int]:
    from catalyse.resources.imports import resources_import
    from catalyse.resources.models import Resource, ResourceFile
    from catalyse.resources.services import collection_save

    report = resources_import(lines=demo_lines())
    files = 0
    for item in RESOURCES:
        if "file" not in item:
            continue
        resource = Resource.objects.get(slug=item["slug"])
        if resource.files.exists():
            continue
        title, paragraphs = item["file"]
        record = ResourceFile(
            resource=resource,
            title=title,
            original_name=f"{item['slug']}.pdf",
            content_type="application/pdf",
            extension="pdf",
            position=1,
        )
        content = simple_pdf(item["title"], [item["summary"], *paragraphs, "Licence CC BY-SA 4.0 — Catalyse."])
        record.size = len(content)
        record.file.save(f"{item['slug']}.pdf", ContentFile(content), save=True)
        files += 1
    for position, spec in enumerate(COLLECTIONS, start=1):
        by_slug = {r.slug: r for r in Resource.objects.filter(slug__in=[s for s, _n in spec["items"]])}
        pairs = [(by_slug[s], note) for s, note in spec["items"] if s in by_slug]
        collection = collection_save(
            slug=spec["slug"],
            title=spec["title"],
            intro=spec["intro"],
            resources=[r for r, _n in pairs],
            notes=[n for _r, n in pairs],
        )
        if collection.position != position:
            collection.position = position
            collection.save(update_fields=["position"])
    _demo_people()
    return {
        "ressources créées": report.created,
        "ressources mises à jour": report.updated - report.unchanged,
        "fichiers": files,
        "parcours de lecture": len(COLLECTIONS),
    }


def _demo_people() -> None:
    """Authors for some resources, and proposals in the review queue, when the demo people exist."""
    from catalyse.accounts.models import User
    from catalyse.resources.models import Resource
    from catalyse.resources.services import resource_create, resource_submit
    from catalyse.territories.models import Territory

    people = {u.email: u for u in User.objects.filter(email__in=[*AUTHORS.values(), *(p[1] for p in PROPOSALS)])}
    for slug, email in AUTHORS.items():
        if email in people:
            for resource in Resource.objects.filter(slug=slug):
                resource.authors.add(people[email])
    editor = User.objects.filter(email="pierre.dumas@catalyse.localhost").first()
    for slug, email, status, fields, message in PROPOSALS:
        author = people.get(email)
        if author is None or editor is None or Resource.objects.filter(slug=slug).exists():
            continue
        level, _sep, code = fields["territory"].partition(":")
        territory = Territory.objects.filter(level=level, code=code).first()
        resource = resource_create(author=author, **{**fields, "territory": territory})
        if resource.slug != slug:
            resource.slug = slug
            resource.save(update_fields=["slug"])
        resource_submit(resource=resource, user=author)
        if status == "changes_requested":
            # Set directly rather than through resource_request_changes: the demo sends no email.
            resource.status = "changes_requested"
            resource.review_message = message
            resource.save(update_fields=["status", "review_message"])
