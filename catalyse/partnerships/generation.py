"""Synthetic but realistic partnerships for demos and benchmarks (`generate_partnerships`, contracts.md).

Organisations and partnerships sit in real communes in proportion to their population; modes follow
the seed's shares (42/30/25/16 %, 13 % of partnerships having two); start years 1990–2026 follow the
three eras (mécénat in the early 1990s, responsible practices from the mid 2000s, societal innovation
now). Same seed, same data. Rows go in by batches (executemany on SQLite, COPY on PostgreSQL), then
the summary tables are rebuilt in bulk. A new run replaces the data of the previous one."""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from catalyse.accounts.models import Organisation, OrganisationType, SizeBand
from catalyse.lib.text import of_place
from catalyse.partnerships.choices import MODE_KEYS, ORG_TYPE_KEYS, THEME_KEYS, Mode, PartnerRole, Status, Theme
from catalyse.partnerships.models import Indicator, Partnership, PartnershipPartner
from catalyse.partnerships.observatory import observatory_rebuild
from catalyse.partnerships.services import PartnershipError

FIRST_YEAR, LAST_YEAR = 1990, 2026
YEARS = list(range(FIRST_YEAR, LAST_YEAR + 1))
BATCH = 20_000
GENERATED_SLUG_PREFIX = "fictive-"
GENERATED_MARKER = "Organisation fictive créée par generate_partnerships (données de démonstration)."
CREATED_AT = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

PR, MEC, COOP, INNO = (1 << MODE_KEYS.index(m) for m in Mode.values)
# Mode sets and their probabilities: the marginals are the seed's 42 %, 30 %, 25 %, 16 % (sum 113 %).
MODE_SETS = [
    (PR, 0.34), (MEC, 0.27), (COOP, 0.18), (INNO, 0.08),
    (PR | COOP, 0.05), (MEC | INNO, 0.03), (PR | INNO, 0.03), (COOP | INNO, 0.02),
]  # fmt: skip
ORG_TYPE_SHARES = {
    OrganisationType.ENTREPRISE: 38, OrganisationType.ASSOCIATION: 34, OrganisationType.COLLECTIVITE: 12,
    OrganisationType.ETABLISSEMENT_PUBLIC: 6, OrganisationType.ACADEMIQUE: 4, OrganisationType.FONDATION: 4,
    OrganisationType.AUTRE: 2,
}  # fmt: skip
PARTNER_COUNTS = [(2, 0.68), (3, 0.24), (4, 0.08)]
# Enjeux most often addressed by each mode.
MODE_THEMES = {
    PR: [Theme.ENVIRONNEMENTAL, Theme.SOCIAL, Theme.ECONOMIQUE],
    MEC: [Theme.SOCIAL, Theme.SOCIETAL, Theme.ENVIRONNEMENTAL],
    COOP: [Theme.ECONOMIQUE, Theme.SOCIAL, Theme.ENVIRONNEMENTAL],
    INNO: [Theme.SOCIETAL, Theme.SOCIAL, Theme.ECONOMIQUE],
}
TITLES = {
    PR: ["Achats responsables", "Insertion par l’emploi", "Réduction des déchets", "Mobilité durable"],
    MEC: ["Mécénat de compétences", "Soutien à l’aide alimentaire", "Mécénat culturel", "Fonds de dotation local"],
    COOP: ["Circuit court alimentaire", "Groupement d’employeurs", "Tiers-lieu productif", "Achat groupé"],
    INNO: ["Laboratoire d’innovation sociale", "Habitat inclusif", "Lutte contre l’isolement", "Numérique solidaire"],
}
ORG_NAMES = {
    OrganisationType.ENTREPRISE: ["Atelier", "Transports", "Boulangerie", "Imprimerie", "Bâtiment", "Conseil"],
    OrganisationType.ASSOCIATION: ["Solidarités", "Jardins partagés", "Maison des jeunes", "Entraide", "Culture"],
    OrganisationType.COLLECTIVITE: ["Mairie", "Centre communal d’action sociale", "Syndicat intercommunal"],
    OrganisationType.ETABLISSEMENT_PUBLIC: ["Office de l’habitat", "Centre hospitalier", "Mission locale"],
    OrganisationType.ACADEMIQUE: ["Lycée professionnel", "Institut universitaire", "École d’ingénieurs"],
    OrganisationType.FONDATION: ["Fondation", "Fonds de dotation"],
    OrganisationType.AUTRE: ["Coopérative d’habitants", "Collectif citoyen"],
}


def _era_weight(mode: int, year: int) -> float:
    growth = 0.6 + (year - FIRST_YEAR) / 18  # more recent partnerships are still running
    if mode == MEC:
        base = 3.2 if year <= 1999 else 1.3
    elif mode == PR:
        base = 0.2 if year <= 2000 else (0.2 + (year - 2000) * 0.65 if year < 2005 else (3.0 if year <= 2012 else 2.0))
    elif mode == COOP:
        base = 1.0
    else:
        base = 0.04 if year < 2008 else (0.04 + (year - 2007) * 0.42 if year < 2015 else 3.4)
    return base * growth


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


@dataclass
class Report:
    organisations: int = 0
    partnerships: int = 0
    partners: int = 0
    modes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MODE_KEYS, 0))
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class _Commune:
    id: int
    code: str
    name: str
    region: str
    departement: str
    epci: str


def _communes() -> tuple[list[_Commune], list[float]]:
    from catalyse.territories.models import Territory

    rows = (
        Territory.objects.filter(level="commune", commune__isnull=True, population__gt=0)
        .order_by("code")
        .values_list("id", "code", "name", "region__code", "departement__code", "epci__code", "population")
    )
    communes, weights = [], []
    for pk, code, name, region, departement, epci, population in rows:
        communes.append(_Commune(pk, code, name, region or "", departement or "", epci or ""))
        weights.append(float(population or 0))
    return communes, _cumulative(weights)


def _insert(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    q = connection.ops.quote_name
    if connection.vendor == "postgresql":
        raw = connection.connection
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {q(table)} ({', '.join(q(c) for c in columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {q(table)} ({', '.join(q(c) for c in columns)}) VALUES ({placeholders})",  # noqa: S608
            rows,
        )


def _row_builder(model: Any, values: list[str]) -> tuple[list[str], Callable[[dict[str, Any]], tuple[Any, ...]]]:
    """Columns of a model's table, and a function turning given values into a row (defaults elsewhere),
    so that fields other apps add later still get their defaults."""
    fields = list(model._meta.concrete_fields)
    defaults: dict[str, Any] = {}
    for f in fields:
        if f.attname not in values:
            default = f.get_default()
            defaults[f.attname] = f.get_db_prep_save(default, connection) if default is not None else None
    columns = [f.column for f in fields]
    names = [f.attname for f in fields]

    def build(given: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(given[n] if n in given else defaults.get(n) for n in names)

    return columns, build


def generated_data_delete() -> None:
    """Remove what a previous generation made (its organisations too, unless someone linked them since)."""
    q = connection.ops.quote_name
    p, link, ind, org = (q(m._meta.db_table) for m in (Partnership, PartnershipPartner, Indicator, Organisation))
    sub = f"SELECT id FROM {p} WHERE generated = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ind} WHERE partnership_id IN ({sub})", [True])  # noqa: S608
        cursor.execute(f"DELETE FROM {link} WHERE partnership_id IN ({sub})", [True])  # noqa: S608
        cursor.execute(f"DELETE FROM {p} WHERE generated = %s", [True])  # noqa: S608
        cursor.execute(
            f"DELETE FROM {org} WHERE slug LIKE %s AND description = %s "  # noqa: S608
            f"AND id NOT IN (SELECT organisation_id FROM {link}) "
            f"AND id NOT IN (SELECT declared_by_organisation_id FROM {p} "
            "WHERE declared_by_organisation_id IS NOT NULL)",
            [GENERATED_SLUG_PREFIX + "%", GENERATED_MARKER],
        )


def partnerships_generate(*, count: int, seed: int = 1, progress: Callable[[str], None] | None = None) -> Report:
    if count < 0:
        raise PartnershipError(_("Le nombre de partenariats doit être positif."))
    communes, cum_population = _communes()
    if not communes:
        raise PartnershipError(
            _("Aucune commune n’est chargée : lancez d’abord « manage.py load_territories », puis recommencez.")
        )
    _bulk_pragmas()
    rng = random.Random(seed)  # noqa: S311 (synthetic data, reproducible by design)
    report = Report()
    say = progress or (lambda _message: None)
    started = last = time.perf_counter()

    def step(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        report.seconds[name] = now - last
        last = now

    with transaction.atomic():
        _skip_reference_checks()
        generated_data_delete()
        step("delete")

        # Organisations: about one for five partnerships, where people live.
        org_count = max(8, count // 5) if count else 0
        org_start = (Organisation.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        type_keys = list(ORG_TYPE_SHARES)
        type_cum = _cumulative([float(v) for v in ORG_TYPE_SHARES.values()])
        sizes = list(SizeBand.values)
        org_columns, org_row = _row_builder(
            Organisation,
            ["id", "name", "slug", "org_type", "size", "territory_id", "description", "created_at", "created_by_id"],
        )
        org_type_of: list[int] = []  # bit index of each organisation's type
        by_departement: dict[str, list[int]] = {}
        rows: list[tuple[Any, ...]] = []
        org_communes = rng.choices(range(len(communes)), cum_weights=cum_population, k=org_count)
        for i, commune_index in enumerate(org_communes):
            commune = communes[commune_index]
            org_type = rng.choices(type_keys, cum_weights=type_cum)[0]
            name = f"{rng.choice(ORG_NAMES[org_type])} {of_place(commune.name)} n° {i + 1}"
            rows.append(
                org_row(
                    {
                        "id": org_start + i,
                        "name": name,
                        "slug": f"{GENERATED_SLUG_PREFIX}{seed}-{i + 1}",
                        "org_type": org_type.value,
                        "size": rng.choice(sizes),
                        "territory_id": commune.id,
                        "description": GENERATED_MARKER,
                        "created_at": CREATED_AT,
                        "created_by_id": None,
                    }
                )
            )
            org_type_of.append(ORG_TYPE_KEYS.index(org_type.value))
            by_departement.setdefault(commune.departement, []).append(i)
            if len(rows) >= BATCH:
                _insert(Organisation._meta.db_table, org_columns, rows)
                rows = []
        _insert(Organisation._meta.db_table, org_columns, rows)
        report.organisations = org_count
        step("organisations")
        say(f"{org_count} organisations")

        p_start = (Partnership.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        p_columns, p_row = _row_builder(
            Partnership,
            [
                "id", "title", "description", "modes", "themes", "org_types", "territory_id", "region_code",
                "departement_code", "epci_code", "commune_code", "start_year", "end_year", "status", "is_public",
                "generated", "declared_by_id", "declared_by_organisation_id", "confirmed_by_id", "confirmed_at",
                "created_at", "updated_at",
            ],
        )  # fmt: skip
        link_columns = ["partnership_id", "organisation_id", "role"]
        mode_sets = [m for m, _w in MODE_SETS]
        mode_cum = _cumulative([w for _m, w in MODE_SETS])
        year_cum = {m: _cumulative([_era_weight(m, y) for y in YEARS]) for m in (PR, MEC, COOP, INNO)}
        partner_sizes = [n for n, _w in PARTNER_COUNTS]
        partner_cum = _cumulative([w for _n, w in PARTNER_COUNTS])
        other_roles = [PartnerRole.PARTENAIRE.value, PartnerRole.FINANCEUR.value, PartnerRole.BENEFICIAIRE.value]
        theme_bits = {t: 1 << THEME_KEYS.index(t) for t in THEME_KEYS}
        mode_bits = [1 << i for i in range(len(MODE_KEYS))]
        everyone = list(range(org_count))
        # Building an index once over the loaded rows beats updating it for each of a million rows.
        _drop_indexes(Partnership)
        done = 0
        while done < count:
            size = min(BATCH, count - done)
            p_rows: list[tuple[Any, ...]] = []
            links: list[tuple[Any, ...]] = []
            places = rng.choices(range(len(communes)), cum_weights=cum_population, k=size)
            sets = rng.choices(mode_sets, cum_weights=mode_cum, k=size)
            for j in range(size):
                pk = p_start + done + j
                commune = communes[places[j]]
                modes = sets[j]
                bits = [b for b in mode_bits if modes & b]
                era_mode = bits[-1] if len(bits) > 1 and rng.random() < 0.5 else bits[0]
                start_year = rng.choices(YEARS, cum_weights=year_cum[era_mode])[0]
                end_year = None
                if rng.random() < 0.45:
                    end = start_year + rng.randint(1, 8)
                    end_year = end if end <= LAST_YEAR else None
                themes_pool = MODE_THEMES[era_mode]
                themes = theme_bits[themes_pool[0] if rng.random() < 0.7 else rng.choice(themes_pool)]
                if rng.random() < 0.35:
                    themes |= theme_bits[rng.choice(THEME_KEYS)]
                n_partners = rng.choices(partner_sizes, cum_weights=partner_cum)[0]
                pool = by_departement.get(commune.departement) or everyone
                chosen: list[int] = []
                types = 0
                for _attempt in range(n_partners * 4):
                    candidate = pool[rng.randrange(len(pool))] if len(pool) > 1 else rng.randrange(org_count)
                    if candidate in chosen:
                        continue
                    bit = 1 << org_type_of[candidate]
                    # Alliances bring together different worlds: prefer a type not yet among the partners.
                    if types & bit and rng.random() < 0.75 and _attempt < n_partners * 3:
                        continue
                    chosen.append(candidate)
                    types |= bit
                    if len(chosen) == n_partners:
                        break
                while len(chosen) < 2:
                    candidate = rng.randrange(org_count)
                    if candidate not in chosen:
                        chosen.append(candidate)
                        types |= 1 << org_type_of[candidate]
                title_mode = bits[0]
                title = f"{rng.choice(TITLES[title_mode])} à {commune.name}"
                p_rows.append(
                    p_row(
                        {
                            "id": pk, "title": title, "description": "", "modes": modes, "themes": themes,
                            "org_types": types, "territory_id": commune.id, "region_code": commune.region,
                            "departement_code": commune.departement, "epci_code": commune.epci,
                            "commune_code": commune.code, "start_year": start_year, "end_year": end_year,
                            "status": Status.CONFIRMED.value, "is_public": rng.random() < 0.88, "generated": True,
                            "declared_by_id": None, "declared_by_organisation_id": org_start + chosen[0],
                            "confirmed_by_id": None, "confirmed_at": CREATED_AT, "created_at": CREATED_AT,
                            "updated_at": CREATED_AT,
                        }
                    )
                )  # fmt: skip
                for k, org_index in enumerate(chosen):
                    role = PartnerRole.PORTEUR.value if k == 0 else rng.choice(other_roles)
                    links.append((pk, org_start + org_index, role))
                for i, bit in enumerate(mode_bits):
                    if modes & bit:
                        report.modes[MODE_KEYS[i]] += 1
            _insert(Partnership._meta.db_table, p_columns, p_rows)
            _insert(PartnershipPartner._meta.db_table, link_columns, links)
            report.partners += len(links)
            done += size
            if done % 200_000 == 0 or done == count:
                say(f"{done} partenariats")
        report.partnerships = count
        step("partnerships")
        _create_indexes(Partnership)
        _reset_sequences()
        cells = observatory_rebuild()
        step("summary_tables")
        say(f"tables de synthèse : {cells['cells']} + {cells['facet_cells']} lignes")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Partnership._meta.db_table)}")
    report.seconds["total"] = time.perf_counter() - started
    return report


def _skip_reference_checks() -> None:
    """PostgreSQL: the rows we write reference only rows we wrote or communes we read, so the foreign
    key triggers (millions of deferred checks at commit) are skipped for this transaction when the
    role may do so; otherwise they run as usual."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # Checks still pending from earlier writes of this transaction run now: the indexes can be rebuilt.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        pass


def _bulk_pragmas() -> None:
    """SQLite: a page cache large enough for the indexes of 1.2 million rows, sorts in memory."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -512000")  # in KiB: 500 MiB
            if not connection.in_atomic_block:  # SQLite refuses it inside a transaction
                cursor.execute("PRAGMA temp_store = MEMORY")


def _drop_indexes(model: Any) -> None:
    with connection.cursor() as cursor:
        for index in model._meta.indexes:
            cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(index.name)}")


def _create_indexes(model: Any) -> None:
    editor = connection.SchemaEditorClass(connection)  # only to write the SQL: never entered
    editor.deferred_sql = []
    with connection.cursor() as cursor:
        for index in model._meta.indexes:
            cursor.execute(str(index.create_sql(model, editor)))


def _reset_sequences() -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Organisation, Partnership, PartnershipPartner):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE((SELECT MAX(id) FROM "  # noqa: S608
                f"{connection.ops.quote_name(table)}), 1))",
                [table],
            )
