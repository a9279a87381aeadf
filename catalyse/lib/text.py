"""French-aware text helpers: folding for search, slugs for addresses."""

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_'’ʼ`´.,;:/()\"«»]+")


def fold(text: str) -> str:
    """Lower case, no accents, ligatures spelled out, apostrophes and hyphens as spaces."""
    text = text.translate(_LIGATURES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SEPARATORS.sub(" ", text.lower())
    return text.strip()


def slugify_fr(text: str) -> str:
    """A stable ASCII slug: 'Saint-Étienne' -> 'saint-etienne', 'L'Haÿ-les-Roses' -> 'l-hay-les-roses'."""
    folded = fold(text)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


_VOWELS = "AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸ"


def of_place(name: str) -> str:
    """« de » before a place name, as French writes it: du Chambon-Feugerolles, des Sables-d’Olonne,
    de La Ricamarie, d’Annecy, de Lyon."""
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    if name[:1].upper() in _VOWELS:
        return "d’" + name
    return "de " + name
