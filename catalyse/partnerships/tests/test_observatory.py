"""The summary tables: counts equal those computed from the export, and stay right after every write."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from typing import Any

import pytest

from catalyse.partnerships import services
from catalyse.partnerships.choices import MODE_KEYS, THEME_KEYS
from catalyse.partnerships.exports import EXPORT_HEADER, partnerships_export
from catalyse.partnerships.generation import partnerships_generate
from catalyse.partnerships.models import ObservatoryCell, ObservatoryFacetCell, Partnership
from catalyse.partnerships.observatory import GROUP_KEYS, ObservatoryQuery, observatory_count, observatory_rebuild
from catalyse.territories.services import territories_load

from .conftest import make_organisation

DEPARTEMENTS = ["42", "43", "974"]  # Loire, Haute-Loire (EPCIs across both), La Réunion


def exported() -> list[dict[str, str]]:
    out = io.StringIO()
    partnerships_export(out=out)
    out.seek(0)
    reader = csv.DictReader(out)
    assert reader.fieldnames == EXPORT_HEADER
    return list(reader)


def reference(rows: list[dict[str, str]], query: ObservatoryQuery) -> tuple[int, dict[str, int]]:
    """The contract's semantics, computed from the exported CSV."""
    total, groups = 0, Counter()
    for row in rows:
        if query.territory and row[query.territory[0]] != query.territory[1]:
            continue
        year = int(row["start_year"])
        if (query.year_from and year < query.year_from) or (query.year_to and year > query.year_to):
            continue
        modes = row["modes"].split(";")
        if query.mode and query.mode not in modes:
            continue
        total += 1
        key = query.group_by
        if key == "mode":
            values = modes
        elif key == "org_type":
            values = row["partner_types"].split(";")
        elif key == "theme":
            values = [t for t in row["themes"].split(";") if t]
        elif key == "year":
            values = [row["start_year"]]
        else:
            values = [row[key]] if row[key] else []
        groups.update(values)
    return total, dict(groups)


def measured(query: ObservatoryQuery) -> tuple[int, dict[str, int]]:
    result = observatory_count(query)
    return result.total, {g.key: g.count for g in result.groups}


def random_queries(rows: list[dict[str, str]], rng: random.Random, count: int) -> list[ObservatoryQuery]:
    queries = []
    for _i in range(count):
        row = rng.choice(rows)
        level = rng.choice([None, "region", "departement", "epci", "commune"])
        territory = (level, row[level]) if level and row[level] else None
        year_from = rng.choice([None, 1990, 2001, 2015])
        year_to = rng.choice([None, 2005, 2020, 2026])
        if year_from and year_to and year_from > year_to:
            year_from, year_to = year_to, year_from
        queries.append(
            ObservatoryQuery(
                group_by=rng.choice(GROUP_KEYS),
                territory=territory,
                year_from=year_from,
                year_to=year_to,
                mode=rng.choice([None, *MODE_KEYS]),
            )
        )
    return queries


def add_wider_partnerships(rng: random.Random) -> None:
    """Partnerships placed on an EPCI, a département, a région, or nowhere (national), through the services."""
    from catalyse.territories.models import Territory

    organisations = [make_organisation(f"Organisation {t}", t) for t in ("collectivite", "academique", "autre")]
    wider = [None, *Territory.objects.exclude(level="commune").order_by("level", "code")[:40]]
    for i in range(25):
        services.partnership_create(
            user=None,
            organisation=organisations[0],
            title=f"Partenariat élargi {i}",
            modes=rng.sample(MODE_KEYS, rng.randint(1, 2)),
            themes=rng.sample(THEME_KEYS, rng.randint(0, 2)),
            territory=rng.choice(wider),
            start_year=rng.randint(1990, 2026),
            is_public=rng.random() < 0.7,
            partners=[(o, "partenaire") for o in organisations[: rng.randint(2, 3)]],
            status="confirmed",
        )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_counts_as_the_export_does_on_random_data(seed: int) -> None:
    territories_load(departements=DEPARTEMENTS)
    partnerships_generate(count=1500, seed=seed)
    rng = random.Random(seed)  # noqa: S311 (test data)
    add_wider_partnerships(rng)
    rows = exported()
    assert len(rows) == 1525
    for query in random_queries(rows, rng, 150):
        assert measured(query) == reference(rows, query), query


@pytest.mark.django_db
def test_it_counts_public_partnerships_apart_for_the_registry(world: dict[str, Any]) -> None:
    from .conftest import declare

    declare(world, status="confirmed", is_public=True)
    declare(world, status="confirmed", is_public=False)
    declare(world, status="declared", is_public=True)
    everything = observatory_count(ObservatoryQuery(group_by="mode"))
    public = observatory_count(ObservatoryQuery(group_by="mode", public_only=True))
    assert (everything.total, public.total) == (2, 1)


def snapshot() -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """Both tables, without the rows that went back to zero (deletions leave them)."""
    cells = {
        tuple(row)
        for row in ObservatoryCell.objects.exclude(count=0).values_list(
            "grain", "code", "region", "departement", "epci", "year", "modes", "count", "public_count"
        )
    }
    facets = set(
        ObservatoryFacetCell.objects.exclude(count=0).values_list(
            "grain", "code", "region", "departement", "epci", "dimension", "year", "modes", "value", "count",
            "public_count",
        )
    )  # fmt: skip
    return cells, facets


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [4, 5, 6])
def test_it_keeps_the_counters_in_step_through_creates_updates_and_deletes(seed: int) -> None:
    from catalyse.territories.models import Territory

    territories_load(departements=DEPARTEMENTS)
    partnerships_generate(count=300, seed=seed)
    rng = random.Random(seed)  # noqa: S311 (test data)
    organisations = [make_organisation(f"Acteur {t}", t) for t in ("entreprise", "association", "fondation", "autre")]
    places = [None, *rng.sample(list(Territory.objects.order_by("level", "code")), 30)]
    for _step in range(60):
        action = rng.random()
        ids = list(Partnership.objects.order_by("pk").values_list("pk", flat=True)[:500])
        partnership = Partnership.objects.get(pk=rng.choice(ids))
        if action < 0.3:
            services.partnership_create(
                user=None,
                organisation=organisations[0],
                title="Nouveau",
                modes=rng.sample(MODE_KEYS, rng.randint(1, 3)),
                themes=rng.sample(THEME_KEYS, rng.randint(0, 3)),
                territory=rng.choice(places),
                start_year=rng.randint(1990, 2026),
                is_public=rng.random() < 0.5,
                partners=[
                    (o, "partenaire") for o in [organisations[0], *rng.sample(organisations[1:], rng.randint(1, 3))]
                ],
                status=rng.choice(["declared", "confirmed"]),
            )
        elif action < 0.65:
            services.partnership_update(
                partnership=partnership,
                user=None,
                modes=rng.sample(MODE_KEYS, rng.randint(1, 2)),
                themes=rng.sample(THEME_KEYS, rng.randint(0, 2)),
                territory=rng.choice(places),
                start_year=rng.randint(1990, 2020),
                end_year=None,
                is_public=rng.random() < 0.5,
                partners=[(o, "partenaire") for o in rng.sample(organisations, 2)],
            )
        elif action < 0.75:
            services.partnership_archive(partnership=partnership, user=None)
        elif action < 0.85:
            organisation = rng.choice(organisations)
            organisation.org_type = rng.choice(["collectivite", "academique", "entreprise"])
            organisation.save()
        else:
            services.partnership_delete(partnership=partnership, user=None)
    incremental = snapshot()
    observatory_rebuild()
    assert snapshot() == incremental
    rows = exported()
    for query in random_queries(rows, rng, 40):
        assert measured(query) == reference(rows, query), query


@pytest.mark.django_db
def test_it_counts_a_partnership_once_per_mode_and_partner_type(world: dict[str, Any]) -> None:
    from .conftest import declare

    declare(
        world,
        modes=["mecenat", "innovation_societale"],
        partners=[
            (world["association"], "porteur"),
            (world["company"], "financeur"),
            (world["foundation"], "partenaire"),
        ],
        status="confirmed",
    )
    second = make_organisation("Autre association", "association")
    declare(world, partners=[(world["association"], "porteur"), (second, "partenaire")], status="confirmed")
    modes = observatory_count(ObservatoryQuery(group_by="mode"))
    types = observatory_count(ObservatoryQuery(group_by="org_type"))
    assert modes.total == 2
    assert {g.key: g.count for g in modes.groups} == {
        "pratiques_responsables": 1, "mecenat": 1, "innovation_societale": 1,
    }  # fmt: skip
    assert {g.key: g.count for g in types.groups} == {"association": 2, "entreprise": 1, "fondation": 1}
    filtered = observatory_count(ObservatoryQuery(group_by="org_type", mode="mecenat"))
    assert filtered.total == 1


@pytest.mark.django_db
def test_it_follows_an_organisation_that_changes_type_or_goes_away(world: dict[str, Any]) -> None:
    from .conftest import declare

    partnership = declare(
        world,
        partners=[
            (world["association"], "porteur"),
            (world["company"], "partenaire"),
            (world["foundation"], "partenaire"),
        ],
        status="confirmed",
    )
    world["company"].org_type = "collectivite"
    world["company"].save()
    types = observatory_count(ObservatoryQuery(group_by="org_type"))
    assert {g.key for g in types.groups} == {"association", "collectivite", "fondation"}
    world["foundation"].delete()
    partnership.refresh_from_db()
    assert partnership.org_type_list == ["association", "collectivite"]
    types = observatory_count(ObservatoryQuery(group_by="org_type"))
    assert {g.key: g.count for g in types.groups} == {"association": 1, "collectivite": 1}
    world["company"].delete()
    partnership.refresh_from_db()
    assert partnership.status == "archived"
    assert observatory_count(ObservatoryQuery(group_by="mode")).total == 0


@pytest.mark.django_db
def test_it_rebuilds_after_a_new_geography(world: dict[str, Any], capsys: Any) -> None:
    from django.core.management import call_command

    from .conftest import declare

    partnership = declare(world, status="confirmed", territory=world["saint_denis_93"])
    # The commune joins an EPCI in the new geography (as load_territories would record it).
    world["saint_denis_93"].epci = world["metropole"]
    world["saint_denis_93"].save()
    call_command("rebuild_observatory")
    assert "1 partenariat(s) ont changé de territoire" in capsys.readouterr().out
    partnership.refresh_from_db()
    assert partnership.epci_code == "244200770"
    result = observatory_count(ObservatoryQuery(group_by="mode", territory=("epci", "244200770")))
    assert result.total == 1
