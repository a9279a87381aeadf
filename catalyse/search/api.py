"""GET /api/v1/search: the site-wide search, best first (contract in contracts.md)."""

import re
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import WithJsonSchema

from catalyse.search.query import MAX_QUERY_LENGTH, search_documents
from catalyse.search.sources import is_known_kind, known_kinds

router = Router(tags=["recherche"])

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


# The constraints are published in the OpenAPI document and checked in the view, to answer in French.
# "Something else than spaces", spelt out: JSON Schema's \s (ECMAScript) and Python's differ.
_NOT_ONLY_SPACES = r"[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_Q_SCHEMA = WithJsonSchema(
    {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_LENGTH, "pattern": _NOT_ONLY_SPACES}
)
_LIMIT_SCHEMA = WithJsonSchema({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT})


def _kind_schema() -> WithJsonSchema:
    kinds = sorted(known_kinds())
    if kinds:
        return WithJsonSchema({"type": "string", "enum": kinds})
    return WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 40})


_KIND_SCHEMA = _kind_schema()


class SearchHitOut(Schema):
    type: str = Field(..., description="La rubrique du document : « resource » pour le kit")
    slug: str = Field(..., description="L’identifiant du document dans sa rubrique")
    title: str
    kind: str = Field(..., description="Le type : cadre, illustration, methode, outil pour le kit")
    url: str = Field(..., description="L’adresse de la page du document, à partir de la racine du site")


class SearchOut(Schema):
    count: int = Field(
        ..., description="Le nombre de documents trouvés, compté exactement jusqu’à 10 000 (voir count_exact)"
    )
    results: list[SearchHitOut]
    count_exact: bool = Field(True, description="Faux quand plus de documents que `count` correspondent")


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut] = []


def _error(field: str, message: str) -> Status[ErrorOut]:
    return Status(422, ErrorOut(detail=message, errors=[FieldErrorOut(field=field, message=message)]))


@router.get(
    "",
    response={200: SearchOut, 422: ErrorOut},
    summary="Chercher dans tout le site",
    description=(
        "Les documents (le kit d’abord) qui correspondent à `q`, les plus pertinents d’abord. "
        "Insensible aux majuscules et aux accents ; comprend les élisions (l’, d’, qu’), les pluriels et les "
        "formes d’un même mot (coopérer, coopération), corrige une faute de frappe par mot et complète le "
        "dernier mot tapé. Tous les mots comptent ; si aucun document ne les contient tous, ceux qui en "
        "contiennent une partie sont rendus. Réponse 422 si un paramètre est invalide, avec un message qui "
        "dit quoi corriger."
    ),
    operation_id="search",
)
def search(
    request: HttpRequest,
    q: Annotated[str, _Q_SCHEMA] = Query(..., description=f"Les mots cherchés (1 à {MAX_QUERY_LENGTH} caractères)"),
    kind: Annotated[str, _KIND_SCHEMA] | None = Query(
        None, description="Ne garder qu’un type de document, par exemple methode"
    ),
    limit: Annotated[int, _LIMIT_SCHEMA] = Query(DEFAULT_LIMIT, description=f"Nombre de résultats, de 1 à {MAX_LIMIT}"),
) -> Status[SearchOut] | Status[ErrorOut]:
    # Checked here rather than by the schema validator, to answer in French what to fix.
    text = q.replace("\x00", " ").strip()
    if not re.search(_NOT_ONLY_SPACES, q):
        return _error("q", "Le paramètre «\u00a0q\u00a0» est vide\u00a0: indiquez au moins un mot à chercher.")
    if len(q) > MAX_QUERY_LENGTH:
        return _error(
            "q",
            f"Le paramètre «\u00a0q\u00a0» est trop long\u00a0: {MAX_QUERY_LENGTH} caractères au plus "
            f"(il en a {len(q)}).",
        )
    if not 1 <= limit <= MAX_LIMIT:
        return _error(
            "limit", f"Le paramètre «\u00a0limit\u00a0» doit être compris entre 1 et {MAX_LIMIT} (reçu\u00a0: {limit})."
        )
    if kind is not None and not is_known_kind(kind):
        choices = ", ".join(sorted(known_kinds())) or "aucun type n’est encore indexé"
        return _error(
            "kind",
            f"Le paramètre «\u00a0kind\u00a0» a une valeur inconnue\u00a0: «\u00a0{kind[:50]}\u00a0». "
            f"Valeurs possibles\u00a0: {choices}.",
        )
    results = search_documents(text, filters={"kind": [kind]} if kind is not None else None, limit=limit)
    hits = [SearchHitOut(type=d.source, slug=d.key, title=d.title, kind=d.kind, url=d.url) for d in results.documents]
    return Status(200, SearchOut(count=results.count, results=hits, count_exact=results.count_exact))
