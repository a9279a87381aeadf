"""What the pages show beyond the fields: diffs between versions, citations, JSON-LD, related resources."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from catalyse.resources.choices import LICENSES, ActionForm, Audience, Kind, Objective, Theme, labels
from catalyse.resources.models import Resource, value_q

DIFF_CONTEXT = 2


@dataclass
class DiffLine:
    op: str  # "same", "added", "removed", "gap"
    text: str


@dataclass
class FieldDiff:
    label: str
    lines: list[DiffLine]


def _as_lines(name: str, value: Any) -> list[str]:
    if value in (None, "", []):
        return []
    if name == "kind":
        return [str(Kind(value).label)] if value in Kind.values else [str(value)]
    if name == "objective":
        return [str(Objective(value).label)] if value in Objective.values else [str(value)]
    if name == "themes":
        return labels(Theme, value)
    if name == "forms":
        return labels(ActionForm, value)
    if name == "audiences":
        return labels(Audience, value)
    if name == "license":
        return [LICENSES.get(value, (value, ""))[0]]
    return str(value).splitlines()


DIFF_FIELDS = [
    ("title", "Titre"),
    ("kind", "Nature"),
    ("summary", "Résumé"),
    ("body", "Contenu"),
    ("objective", "Objectif"),
    ("themes", "Enjeux"),
    ("forms", "Formes d’action"),
    ("audiences", "Publics"),
    ("territory", "Territoire"),
    ("published", "Date de publication"),
    ("license", "Licence"),
]


def versions_diff(old: dict[str, Any], new: dict[str, Any]) -> list[FieldDiff]:
    """Line by line, field by field: only the fields that changed, with a little context.
    The text stays text: the template escapes it."""
    diffs = []
    for name, label in DIFF_FIELDS:
        before, after = _as_lines(name, old.get(name)), _as_lines(name, new.get(name))
        if before == after:
            continue
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        lines: list[DiffLine] = []
        for group_index, group in enumerate(matcher.get_grouped_opcodes(DIFF_CONTEXT)):
            if group_index:
                lines.append(DiffLine("gap", "…"))
            for tag, i1, i2, j1, j2 in group:
                if tag == "equal":
                    lines.extend(DiffLine("same", text) for text in before[i1:i2])
                    continue
                if tag in ("delete", "replace"):
                    lines.extend(DiffLine("removed", text) for text in before[i1:i2])
                if tag in ("insert", "replace"):
                    lines.extend(DiffLine("added", text) for text in after[j1:j2])
        diffs.append(FieldDiff(_(label), lines))
    return diffs


def citation(resource: Resource) -> str:
    """'Dupont M., Martin A. (2024). Titre. Catalyse, centre de ressources… URL. Licence CC BY-SA 4.0.'"""
    names = [a.get_full_name() for a in resource.authors.all() if a.get_full_name() and not a.erased_at]
    names += [o.name for o in resource.organisations.all()]
    who = ", ".join(names) or "Catalyse"
    year = resource.published.year if resource.published else "s. d."
    url = settings.SITE_URL + resource.get_absolute_url()
    return _(
        "%(who)s (%(year)s). %(title)s. Catalyse, centre de ressources « Co-construction territoriale ». "
        "%(url)s. Licence %(license)s."
    ) % {"who": who, "year": year, "title": resource.title, "url": url, "license": resource.license_label}


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(resource: Resource, files: list[Any]) -> SafeString:
    """schema.org description, safe to place inside <script type="application/ld+json">:
    < > & are escaped so that no text can close the script element."""
    url = settings.SITE_URL + resource.get_absolute_url()
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": ["CreativeWork", "LearningResource"],
        "@id": url,
        "url": url,
        "name": resource.title,
        "description": resource.summary,
        "inLanguage": "fr",
        "learningResourceType": str(Kind(resource.kind).label) if resource.kind in Kind.values else resource.kind,
        "keywords": ", ".join([*resource.theme_labels(), *resource.form_labels()]),
        "audience": [{"@type": "Audience", "audienceType": label} for label in resource.audience_labels()],
        "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": "Catalyse"},
    }
    if resource.license_url:
        data["license"] = resource.license_url
    if resource.published:
        data["datePublished"] = resource.published.isoformat()
    if resource.objective in Objective.values:
        data["educationalUse"] = str(Objective(resource.objective).label)
    authors = [
        {"@type": "Person", "name": a.get_full_name()}
        for a in resource.authors.all()
        if a.get_full_name() and not a.erased_at
    ]
    authors += [{"@type": "Organization", "name": o.name} for o in resource.organisations.all()]
    if authors:
        data["author"] = authors
    if resource.territory_id and resource.territory:
        data["spatialCoverage"] = {"@type": "Place", "name": resource.territory.name}
    if files:
        data["encoding"] = [
            {
                "@type": "MediaObject",
                "name": f.display_name,
                "encodingFormat": f.content_type,
                "contentUrl": settings.SITE_URL + f.get_absolute_url(),
                "contentSize": str(f.size),
            }
            for f in files
        ]
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 (JSON with < > & escaped, inside a non-executed script element)


def related_resources(resource: Resource, *, limit: int = 4) -> list[Resource]:
    """Published resources close to this one: shared themes, same kind, same objective, same région."""
    condition = Q(kind=resource.kind)
    for theme in resource.themes:
        condition |= value_q("themes", theme)
    if resource.objective:
        condition |= Q(objective=resource.objective)
    candidates = list(
        Resource.objects.published().exclude(pk=resource.pk).filter(condition).select_related("territory")[:60]
    )

    def score(other: Resource) -> tuple[int, int]:
        points = 2 * len(set(other.themes) & set(resource.themes))
        points += 2 if other.kind == resource.kind else 0
        points += 1 if other.objective and other.objective == resource.objective else 0
        points += 2 if resource.region_id and other.region_id == resource.region_id else 0
        points += len(set(other.forms) & set(resource.forms))
        return (points, other.published.toordinal() if other.published else 0)

    candidates.sort(key=score, reverse=True)
    return candidates[:limit]
