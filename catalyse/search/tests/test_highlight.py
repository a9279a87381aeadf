"""Excerpts: the matched words marked, every other character escaped."""

from catalyse.search.french import stem
from catalyse.search.highlight import document_excerpt, excerpt, highlight


def stems(*words):
    return {stem(w) for w in words}


def test_it_marks_every_form_of_the_words_searched():
    html = highlight("Coopérer, c’est la coopération : COOPÉRATIVES et coopératif.", stems("cooperation"))
    assert html == (
        "<mark>Coopérer</mark>, c’est la <mark>coopération</mark> : <mark>COOPÉRATIVES</mark> "
        "et <mark>coopératif</mark>."
    )


def test_it_marks_a_word_after_an_elision_but_not_the_elision():
    assert highlight("L’animation d’un réseau", stems("animation")) == "L’<mark>animation</mark> d’un réseau"


def test_it_marks_hyphenated_names_searched_glued_or_apart():
    assert highlight("À Saint-Étienne", stems("saintetienne")) == "À <mark>Saint</mark>-<mark>Étienne</mark>"
    assert highlight("À Saint-Étienne", stems("etienne")) == "À Saint-<mark>Étienne</mark>"


def test_it_escapes_everything_else():
    html = highlight('<script>alert("coopération")</script> & <b>coopérer</b>', stems("cooperation"))
    assert "<script>" not in html and "<b>" not in html
    assert html == (
        "&lt;script&gt;alert(&quot;<mark>coopération</mark>&quot;)&lt;/script&gt; &amp; "
        "&lt;b&gt;<mark>coopérer</mark>&lt;/b&gt;"
    )


def test_it_cuts_an_excerpt_around_the_best_passage():
    text = " ".join(["mot"] * 100) + " la gouvernance partagée du réseau " + " ".join(["fin"] * 100)
    html = excerpt(text, stems("gouvernance", "partagee"), size=12)
    assert html.startswith("… ")
    assert html.endswith(" …")
    assert "<mark>gouvernance</mark> <mark>partagée</mark>" in html
    assert len(html) < 200


def test_it_prefers_the_passage_with_the_most_distinct_words():
    text = "évaluation " * 3 + "filler " * 60 + "évaluation de l’impact " + "filler " * 60
    html = excerpt(text, stems("evaluation", "impact"), size=10)
    assert "<mark>impact</mark>" in html


def test_it_quotes_the_beginning_when_nothing_matches():
    assert excerpt("Un texte court.", stems("absent")) == "Un texte court."
    assert excerpt("", stems("absent")) == ""


def test_it_quotes_the_summary_unless_the_body_matches_better():
    stems_ = stems("mobilite", "rurale")
    assert "<mark>" in document_excerpt("La mobilité rurale.", "Rien ici.", stems_)
    assert document_excerpt("Un résumé.", "La mobilité en zone rurale.", stems_).count("<mark>") == 2
    assert document_excerpt("", "La mobilité.", stems_) == "La <mark>mobilité</mark>."
