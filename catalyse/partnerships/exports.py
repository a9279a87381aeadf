"""`export_partnerships FILE.csv` (contracts.md): one row per counted partnership, the observatory's unit."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO

from django.db import connection

from catalyse.partnerships.choices import MODE_KEYS, ORG_TYPE_KEYS, THEME_KEYS, Status, from_mask
from catalyse.partnerships.models import Partnership

EXPORT_HEADER = [
    "id", "start_year", "end_year", "modes", "commune", "epci", "departement", "region", "themes", "partner_types",
]  # fmt: skip
CHUNK = 50_000


def _joined(mask: int, keys: list[str], cache: dict[int, str]) -> str:
    value = cache.get(mask)
    if value is None:
        value = cache[mask] = ";".join(from_mask(mask, keys))
    return value


def export_rows() -> Iterator[list[str | int]]:
    """Confirmed partnerships (public or not: the file holds no name), by id, read in keyset chunks."""
    table = connection.ops.quote_name(Partnership._meta.db_table)
    modes_cache: dict[int, str] = {}
    themes_cache: dict[int, str] = {}
    types_cache: dict[int, str] = {}
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, start_year, end_year, modes, commune_code, epci_code, departement_code, region_code, "  # noqa: S608
                f"themes, org_types FROM {table} WHERE status = %s AND id > %s ORDER BY id LIMIT {CHUNK}",
                [Status.CONFIRMED.value, last],
            )
            rows = cursor.fetchall()
        if not rows:
            return
        for pk, start, end, modes, commune, epci, dep, region, themes, types in rows:
            yield [
                pk, start, "" if end is None else end, _joined(modes, MODE_KEYS, modes_cache), commune, epci, dep,
                region, _joined(themes, THEME_KEYS, themes_cache), _joined(types, ORG_TYPE_KEYS, types_cache),
            ]  # fmt: skip
        last = rows[-1][0]


def partnerships_export(*, out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_HEADER)
    count = 0
    for row in export_rows():
        writer.writerow(row)
        count += 1
    return count
