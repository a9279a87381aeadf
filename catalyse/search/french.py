"""A small deterministic French analyser for search.

Both engines (SQLite FTS5 and PostgreSQL full text with the 'simple' configuration) index and
query the tokens produced here, so they agree on what matches: case and accents folded, elisions
(l’, d’, qu’…) dropped, stop words removed, and a light Snowball-like stemmer so that
coopérer / coopération / coopératif, or animer / animation / animatrice share one stem.
"""

import re
import unicodedata
from functools import lru_cache

# l’, d’, qu’, jusqu’… at the start of a word (matched once apostrophes are ASCII and case folded).
_ELISION = re.compile(r"\b(?:jusqu|lorsqu|puisqu|quoiqu|presqu|qu|[ldjnsctm])['`]")
_APOSTROPHES = re.compile("[\u2019\u02bc\u00b4\u2018]")
_HYPHENS = re.compile("[\u2010\u2011]")  # typographic hyphens; dashes (– —) separate words
_SEPARATORS = re.compile("[\u2012-\u2015\u2026\u2022\u00b7\u00ab\u00bb\u201c\u201d]")
_LIGATURES = (("œ", "oe"), ("Œ", "OE"), ("æ", "ae"), ("Æ", "AE"), ("ß", "ss"))
# Words joined by hyphens (Saint-Étienne, Aix-en-Provence, co-construction): also indexed glued.
_HYPHENATED = re.compile(r"[a-z0-9-]+")
_WORD = re.compile(r"[a-z0-9]+")

STOP_WORDS = frozenset(
    """
    a au aux avec c ce ces cet cette d dans de des du elle elles en et eu il ils j je l la le les leur leurs
    lui m ma mais me meme mes moi mon n ne ni nos notre nous on ont ou par pas pour qu que qui s sa se ses si
    son sont sur ta te tes toi ton tu un une vos votre vous y est etre ete etait sera sont avoir ai as avons
    avez cela ceci ca dont lors entre chez sans sous vers
    """.split()  # noqa: SIM905 (a list of words reads better as words)
)

# Suffixes, longest first, with the shortest stem each may leave: one table for every engine.
_SUFFIXES: tuple[tuple[str, str, int], ...] = (
    ("issements", "", 4),
    ("issement", "", 4),
    ("iquement", "", 3),
    ("ativement", "", 3),
    ("abilite", "", 3),
    ("isateur", "", 3),
    ("isation", "", 3),
    ("atrice", "", 3),
    ("ateur", "", 3),
    ("ation", "", 3),
    ("ition", "", 3),
    ("ution", "u", 3),
    ("ivite", "", 3),
    ("arite", "", 3),
    ("uction", "u", 3),
    ("esse", "", 4),
    ("ement", "", 3),
    ("ariat", "", 4),
    ("iere", "", 3),
    ("ance", "", 3),
    ("ence", "", 3),
    ("ique", "", 3),
    ("isme", "", 3),
    ("iste", "", 3),
    ("iser", "", 3),
    ("oire", "or", 3),
    ("aire", "", 4),
    ("able", "", 3),
    ("ible", "", 3),
    ("atif", "", 3),
    ("ative", "", 3),
    ("euse", "", 3),
    ("rice", "", 3),
    ("age", "", 5),
    ("ant", "", 3),
    ("ent", "", 4),
    ("eur", "", 3),
    ("ier", "", 3),
    ("ial", "", 3),
    ("ive", "", 3),
    ("ite", "", 3),
    ("al", "", 3),
    ("el", "", 3),
    ("if", "", 3),
    ("er", "", 3),
    ("ez", "", 3),
    ("ir", "", 3),
    ("ee", "", 3),
    ("ie", "", 3),
    ("e", "", 3),
)
# Irregular plurals and the odd word the rules would split from its family.
_SUFFIXES = tuple(sorted(_SUFFIXES, key=lambda rule: -len(rule[0])))
_EXCEPTIONS = {
    "travaux": "travail",
    "publique": "public",
    "publiques": "public",
    "oeil": "oeil",
    "yeux": "oeil",
}
_DOUBLED = ("nn", "ll", "tt", "mm", "pp")


def _strip_plural(word: str) -> str:
    if word.endswith("eaux"):
        return word[:-1]
    if word.endswith("aux") and len(word) >= 5:
        return word[:-3] + "al"
    if word[-1] in "sx" and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _strip_suffix(word: str) -> str:
    for suffix, replacement, min_stem in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            word = word[: -len(suffix)] + replacement
            if word.endswith(_DOUBLED):
                word = word[:-1]
            return word
    return word


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one folded word (lower case ASCII): coopératives → cooper."""
    if word in _EXCEPTIONS:
        return _EXCEPTIONS[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    word = _strip_plural(word)
    if word in _EXCEPTIONS:
        return _EXCEPTIONS[word]
    # Until nothing more comes off, so that every form of a family ends on the same stem:
    # expérimentale → expérimental → expériment → expérim, like expérimentation → expériment → expérim.
    for _pass in range(4):
        shorter = _strip_suffix(word)
        if shorter == word:
            break
        word = shorter
    return word


def fold_text(text: str) -> str:
    """Lower-case ASCII with elisions dropped and hyphens kept: "L’Haÿ-les-Roses" → "hay-les-roses".

    Whole-text operations only (it runs over every document indexed): typographic apostrophes and
    hyphens become ASCII ones, NFKD and an ASCII encoding drop the accents, elisions go last."""
    if not text.isascii():
        text = _HYPHENS.sub("-", _APOSTROPHES.sub("'", _SEPARATORS.sub(" ", text)))
        for ligature, spelled in _LIGATURES:
            if ligature in text:
                text = text.replace(ligature, spelled)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower()
    if "'" in text or "`" in text:
        text = _ELISION.sub("", text).replace("'", " ").replace("`", " ")
    return text


def fold_word(word: str) -> str:
    """One word of a text, folded as the analyser folds it (for highlighting and display forms)."""
    return "".join(_WORD.findall(fold_text(word)))


def _kept(word: str) -> bool:
    return (word not in STOP_WORDS and len(word) > 1) or word.isdigit()


def words(text: str) -> list[str]:
    """Folded words of a text, elisions and stop words dropped, in order."""
    return [w for w in _WORD.findall(fold_text(text)) if _kept(w)]


def index_words(text: str) -> list[str]:
    """The folded words a document is indexed under: its words, then its hyphenated words glued
    (saint-étienne → saintetienne), so that both spellings match."""
    folded = fold_text(text)
    found = [w for w in _WORD.findall(folded) if _kept(w)]
    if "-" in folded:
        found += [t.replace("-", "") for t in _HYPHENATED.findall(folded) if "-" in t.strip("-")]
    return found


def stems(folded_words: list[str]) -> list[str]:
    return [stem(w) for w in folded_words]


def analyse(text: str) -> str:
    """The text as the engines index it: stems separated by spaces."""
    return " ".join(stems(index_words(text)))
