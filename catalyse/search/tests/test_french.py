"""The French analyser: what both engines index and query."""

import pytest

from catalyse.search.french import analyse, fold_text, fold_word, index_words, stem, words


def stems_of(text: str) -> set[str]:
    return {stem(w) for w in words(text)}


def test_it_folds_case_accents_and_ligatures():
    assert fold_text("ÉVALUATION Œuvre cœur Ærø") == "evaluation oeuvre coeur aer"
    assert fold_word("Étienne") == "etienne"
    assert words("COOPÉRATION") == words("cooperation") == words("coopèration") == ["cooperation"]


@pytest.mark.parametrize(
    "text",
    ["l'animation", "l’animation", "L’ANIMATION", "d'animation", "qu’animation", "jusqu’animation", "l`animation"],
)
def test_it_drops_elisions_with_either_apostrophe(text):
    assert words(text) == ["animation"]


def test_it_keeps_apostrophes_inside_words_as_separators():
    assert words("aujourd’hui") == ["aujourd", "hui"]


def test_it_drops_stop_words_and_single_letters_but_keeps_numbers():
    assert words("Le rôle des collectivités dans la co-construction, 2 fois en 2024") == [
        "role",
        "collectivites",
        "co",
        "construction",
        "2",
        "fois",
        "2024",
    ]


def test_it_indexes_hyphenated_names_also_glued():
    assert index_words("Saint-Étienne et Aix-en-Provence") == [
        "saint",
        "etienne",
        "aix",
        "provence",
        "saintetienne",
        "aixenprovence",
    ]
    # A dash between words is not a hyphen.
    assert "lyonparis" not in index_words("Lyon – Paris")


@pytest.mark.parametrize(
    "family",
    [
        "coopérer coopération coopérations coopératif coopérative coopératives coopère coopérez coopéré coopérant",
        "animer animation animations animateur animatrice animatrices animé animée animées",
        "évaluer évaluation évaluations évaluateur évalué évaluée",
        "partenariat partenariats partenaire partenaires",
        "territoire territoires territorial territoriale territoriaux territoriales",
        "accompagner accompagnement accompagnements accompagné accompagnée",
        "expérimenter expérimentation expérimentations expérimental expérimentale",
        "mobiliser mobilisation mobilité mobilités",
        "collectif collective collectifs collectivité collectivités",
        "économie économique économiques économiquement",
        "gouvernance gouverner gouvernement",
        "développer développement développements",
        "public publique publics publiques",
        "réseau réseaux",
        "enjeu enjeux",
        "financer financement financeur financeurs financier financière",
        "participer participation participatif participative participants",
        "innover innovation innovations innovant innovante",
        "environnement environnemental environnementale environnementaux",
        "solidaire solidaires solidarité",
        "construire construction constructions",
        "responsable responsables responsabilité",
        "sociétal sociétale société sociétaux",
        "jeunesse jeunes jeune",
        "piloter pilotage pilote",
        "capitaliser capitalisation",
        "travail travaux",
    ],
)
def test_it_gives_a_family_of_words_one_stem(family):
    found = {word: stem(fold_word(word)) for word in family.split()}
    assert len(set(found.values())) == 1, found


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("coopération", "compétence"),
        ("animation", "évaluation"),
        ("territoire", "terre"),
        ("social", "sociétal"),
        ("mécénat", "méthode"),
        ("santé", "sans"),
        ("emploi", "employeur"),
    ],
)
def test_it_keeps_different_words_apart(one, other):
    assert stem(fold_word(one)) != stem(fold_word(other))


def test_it_analyses_a_text_into_stems_in_order():
    assert analyse("Les coopérations territoriales s’évaluent à Saint-Étienne") == (
        "coop territor evalu saint etien saintetien"
    )


def test_it_yields_only_safe_tokens_whatever_the_input():
    nasty = "a\"b*c NEAR(x) AND-y ^z (w) \x00 <script> '; DROP TABLE -- 😀 ﷽ Ⅻ ½ ①"
    for token in analyse(nasty).split():
        assert token.isascii() and token.isalnum()
