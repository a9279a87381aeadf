"""The JSON Lines format of the kit (contracts.md): import all or nothing, export the same format."""

from __future__ import annotations

import datetime
import gc
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from catalyse.resources import search_sync
from catalyse.resources.choices import DEFAULT_LICENSE, LICENSES, ActionForm, Audience, Kind, Objective, Status, Theme
from catalyse.resources.models import (
    BODY_MAX_LENGTH,
    RESERVED_SLUGS,
    SLUG_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Resource,
    ResourceVersion,
)
from catalyse.resources.services import ordered

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TERRITORY_RE = re.compile(r"^(commune|epci|departement|region):([0-9A-Za-z]{2,9})$")
LICENSE_BY_LOWER = {key.lower(): key for key in LICENSES}
CHUNK = 900  # under SQLite's limit of variables per query
BATCH = 1000
MAX_ERRORS = 20
SQLITE_IMPORT_CACHE_KIB = -512_000  # negative: in KiB (here 500 MiB at most, used only as needed)
UPDATE_FIELDS = [
    "title", "kind", "summary", "body", "themes", "forms", "objective", "audiences", "territory",
    "region", "departement", "published", "license", "status", "archived_at", "updated_at",
]  # fmt: skip
EXPORT_FIELDS = (
    "slug", "title", "kind", "summary", "body", "themes", "forms", "territory", "published", "license",
    "objective", "audiences",
)  # fmt: skip


@dataclass
class LineError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"ligne {self.line}, champ « {self.field} » : {self.message}"


class ImportFailed(Exception):
    def __init__(self, errors: list[LineError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    slugs: list[str] = field(default_factory=list)
    changed: list[Resource] = field(default_factory=list)  # created or changed: what the search index must learn


@dataclass
class Row:
    line: int
    slug: str
    values: dict[str, Any]
    territory_ref: str | None


def _text(data: dict[str, Any], name: str, line: int, errors: list[LineError], *, max_length: int) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.append(LineError(line, name, "une chaîne de caractères est attendue."))
        return ""
    if len(value) > max_length:
        errors.append(LineError(line, name, f"trop long ({len(value)} caractères, {max_length} au plus)."))
    return value


def _keys(data: dict[str, Any], name: str, line: int, errors: list[LineError], allowed: list[str]) -> list[str]:
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.append(LineError(line, name, f"une liste est attendue, parmi : {', '.join(allowed)}."))
        return []
    unknown = [v for v in value if v not in allowed]
    if unknown:
        errors.append(
            LineError(line, name, f"valeur inconnue « {unknown[0]} » ; valeurs possibles : {', '.join(allowed)}.")
        )
    return ordered(value, allowed)


def parse_line(raw: str, line: int, errors: list[LineError]) -> Row | None:
    """One line of the file, checked field by field; errors are appended, in French."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        errors.append(LineError(line, "(ligne entière)", f"JSON invalide ({exc.msg}, colonne {exc.colno})."))
        return None
    if not isinstance(data, dict):
        errors.append(LineError(line, "(ligne entière)", "un objet JSON {…} est attendu."))
        return None
    count = len(errors)
    slug = data.get("slug")
    if not isinstance(slug, str) or not slug:
        errors.append(LineError(line, "slug", "obligatoire (par exemple « grille-d-autodiagnostic »)."))
        slug = ""
    elif len(slug) > SLUG_MAX_LENGTH or not SLUG_RE.match(slug):
        errors.append(LineError(line, "slug", f"« {slug[:60]} » invalide : minuscules, chiffres et tirets seulement."))
    elif slug in RESERVED_SLUGS:
        errors.append(LineError(line, "slug", f"« {slug} » est réservé par le site ; choisissez-en un autre."))
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        errors.append(LineError(line, "title", "obligatoire (le titre de la ressource)."))
        title = ""
    elif len(title) > TITLE_MAX_LENGTH:
        errors.append(LineError(line, "title", f"trop long ({len(title)} caractères, {TITLE_MAX_LENGTH} au plus)."))
    kind = data.get("kind")
    if kind not in Kind.values:
        errors.append(LineError(line, "kind", f"« {kind} » inconnu ; valeurs possibles : {', '.join(Kind.values)}."))
    summary = _text(data, "summary", line, errors, max_length=SUMMARY_MAX_LENGTH)
    body = _text(data, "body", line, errors, max_length=BODY_MAX_LENGTH)
    themes = _keys(data, "themes", line, errors, Theme.values)
    forms = _keys(data, "forms", line, errors, ActionForm.values)
    audiences = _keys(data, "audiences", line, errors, Audience.values)
    objective = data.get("objective") or ""
    if objective not in ("", *Objective.values):
        errors.append(
            LineError(
                line, "objective", f"« {objective} » inconnu ; valeurs possibles : {', '.join(Objective.values)}."
            )
        )
    territory = data.get("territory")
    if territory is not None and (not isinstance(territory, str) or not TERRITORY_RE.match(territory)):
        errors.append(
            LineError(line, "territory", f"« {territory} » invalide : attendu NIVEAU:CODE (departement:59) ou null.")
        )
        territory = None
    published = data.get("published")
    published_date = None
    if published is not None:
        try:
            if not isinstance(published, str):
                raise ValueError
            published_date = datetime.date.fromisoformat(published[:10])
        except ValueError:
            errors.append(LineError(line, "published", f"« {published} » n’est pas une date ISO (AAAA-MM-JJ)."))
    license = data.get("license")
    if license is None:
        license = DEFAULT_LICENSE
    elif not isinstance(license, str) or license.lower() not in LICENSE_BY_LOWER:
        errors.append(
            LineError(line, "license", f"« {license} » n’est pas une licence connue ; par exemple {DEFAULT_LICENSE}.")
        )
    else:
        license = LICENSE_BY_LOWER[license.lower()]
    if len(errors) > count:
        return None
    values = {
        "title": title.strip(),
        "kind": kind,
        "summary": summary,
        "body": body,
        "themes": themes,
        "forms": forms,
        "objective": objective,
        "audiences": audiences,
        "published": published_date,
        "license": license,
    }
    # Fields absent from the line are left as they are on an update.
    values = {k: v for k, v in values.items() if k in data or k in ("title", "kind")}
    return Row(line=line, slug=slug, values=values, territory_ref=territory if "territory" in data else "__keep__")


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _territories(refs: set[str]) -> dict[str, Any]:
    from catalyse.territories.models import Territory

    by_level: dict[str, list[str]] = {}
    for ref in refs:
        level, _sep, code = ref.partition(":")
        by_level.setdefault(level, []).append(code.upper() if level in ("commune", "departement") else code)
    found: dict[str, Any] = {}
    for level, codes in by_level.items():
        for chunk in _chunks(codes):
            places = Territory.objects.filter(level=level, code__in=chunk).select_related(
                "region", "departement", "epci"
            )
            for territory in places.only(
                *("id", "level", "code", "name", "region", "departement", "epci"),
                *(
                    f"{parent}__{name}"
                    for parent in ("region", "departement", "epci")
                    for name in ("id", "level", "code")
                ),
            ):
                found[f"{level}:{territory.code}"] = territory
                found[f"{level}:{territory.code.lower()}"] = territory
    return found


def _parent(territory: Any, level: str) -> Any:
    if territory is None:
        return None
    return territory if territory.level == level else getattr(territory, level)


def resources_import(*, lines: Iterable[str]) -> ImportReport:
    """Import the whole file or nothing; raises ImportFailed naming the lines and fields at fault."""
    # Hundreds of thousands of live objects make each full garbage collection slower than the last:
    # nothing here makes reference cycles worth hunting, so collect once at the end instead.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with _large_sqlite_cache():
            return _import(lines)
    finally:
        if collecting:
            gc.enable()


@contextmanager
def _large_sqlite_cache() -> Iterator[None]:
    """One big transaction: on SQLite, a page cache large enough that it is not spilled to disk midway."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {SQLITE_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _import(lines: Iterable[str]) -> ImportReport:
    errors: list[LineError] = []
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        row = parse_line(raw, number, errors)
        if row is not None:
            if row.slug in seen:
                errors.append(LineError(number, "slug", f"« {row.slug} » figure déjà ligne {seen[row.slug]}."))
            else:
                seen[row.slug] = number
                rows.append(row)
        if len(errors) >= MAX_ERRORS:
            break
    refs = {r.territory_ref for r in rows if r.territory_ref and r.territory_ref != "__keep__"}
    territories = _territories(refs)
    for row in rows:
        ref = row.territory_ref
        if ref and ref != "__keep__" and ref not in territories:
            errors.append(LineError(row.line, "territory", f"territoire inconnu « {ref} »."))
    if errors:
        raise ImportFailed(errors[:MAX_ERRORS])
    if not rows:
        raise ImportFailed([LineError(0, "(fichier)", "le fichier ne contient aucune ligne à importer.")])
    report = ImportReport()
    with transaction.atomic():
        _write(rows, territories, report)
        # Indexed in the same transaction: searchable as soon as the command returns, or not imported at all.
        search_sync.resources_index_many(report.changed)
    return report


def _write(rows: list[Row], territories: dict[str, Any], report: ImportReport) -> None:
    now = timezone.now()
    today = timezone.localdate()
    existing: dict[str, Resource] = {}
    for chunk in _chunks([r.slug for r in rows]):
        for resource in Resource.objects.filter(slug__in=chunk).select_related("territory"):
            existing[resource.slug] = resource
    to_create: list[Resource] = []
    to_update: list[Resource] = []
    for row in rows:
        found = existing.get(row.slug)
        is_new = found is None
        resource = found or Resource(slug=row.slug, created_at=now, updated_at=now)
        before = None if is_new else (resource.snapshot(), resource.status)
        for name, value in row.values.items():
            setattr(resource, name, value)
        if row.values.get("published") is None and resource.published is None:
            resource.published = today
        if row.territory_ref != "__keep__":
            territory = territories[row.territory_ref] if row.territory_ref else None
            resource.territory = territory
            # The objects, not only their ids: the search index reads their references without a query.
            resource.region = _parent(territory, "region")
            resource.departement = _parent(territory, "departement")
        resource.status = Status.PUBLISHED
        resource.archived_at = None
        report.slugs.append(row.slug)
        if is_new:
            to_create.append(resource)
            report.created += 1
            report.changed.append(resource)
        else:
            report.updated += 1
            if before == (resource.snapshot(), resource.status):
                report.unchanged += 1
            else:
                resource.updated_at = now
                to_update.append(resource)
                report.changed.append(resource)
    Resource.objects.bulk_create(to_create, batch_size=BATCH)
    if to_create and to_create[0].pk is None:  # a database that does not return ids
        ids = {}
        for chunk in _chunks([r.slug for r in to_create]):
            ids.update(dict(Resource.objects.filter(slug__in=chunk).values_list("slug", "id")))
        for resource in to_create:
            resource.pk = ids[resource.slug]
    Resource.objects.bulk_update(to_update, UPDATE_FIELDS, batch_size=BATCH)
    last_numbers: dict[int, int] = {}
    for chunk in _chunks([r.pk for r in to_update]):
        for resource_id, number in (
            ResourceVersion.objects.filter(resource_id__in=chunk)
            .order_by()
            .values("resource_id")
            .annotate(last=Max("number"))
            .values_list("resource_id", "last")
        ):
            last_numbers[resource_id] = number
    versions = [
        ResourceVersion(
            resource_id=resource.pk,
            number=last_numbers.get(resource.pk, 0) + 1,
            data=resource.snapshot(),
            message="Import",
            created_at=now,
        )
        for resource in [*to_create, *to_update]
    ]
    ResourceVersion.objects.bulk_create(versions, batch_size=BATCH)


def resource_to_line(resource: Resource) -> dict[str, Any]:
    data = resource.snapshot()
    return {
        "slug": resource.slug,
        "title": data["title"],
        "kind": data["kind"],
        "summary": data["summary"],
        "body": data["body"],
        "themes": data["themes"],
        "forms": data["forms"],
        "territory": data["territory"],
        "published": data["published"],
        "license": data["license"],
        "objective": data["objective"] or None,
        "audiences": data["audiences"],
    }


def resources_export(*, out: IO[str]) -> int:
    """Write every published resource, one JSON object per line; returns how many."""
    count = 0
    queryset = Resource.objects.published().select_related("territory").order_by("slug")
    for resource in queryset.iterator(chunk_size=2000):
        out.write(json.dumps(resource_to_line(resource), ensure_ascii=False) + "\n")
        count += 1
    return count
