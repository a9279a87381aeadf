"""generate_partnerships and export_partnerships, as the contract says."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from catalyse.accounts.models import Organisation
from catalyse.partnerships.exports import EXPORT_HEADER
from catalyse.partnerships.models import Partnership
from catalyse.territories.services import territories_load


def export(tmp_path: Path, name: str) -> list[list[str]]:
    path = tmp_path / name
    call_command("export_partnerships", str(path))
    with path.open(encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.mark.django_db
def test_it_refuses_to_generate_without_territories() -> None:
    with pytest.raises(CommandError, match="load_territories"):
        call_command("generate_partnerships", "--count", "10")


@pytest.mark.django_db
def test_it_generates_the_same_data_from_the_same_seed(tmp_path: Path, capsys: Any) -> None:
    territories_load(departements=["42", "69"])
    call_command("generate_partnerships", "--count", "800", "--seed", "7")
    out = capsys.readouterr().out
    assert "partnerships=800" in out
    first = export(tmp_path, "a.csv")
    call_command("generate_partnerships", "--count", "800", "--seed", "7")
    assert export(tmp_path, "b.csv") == first
    assert Partnership.objects.count() == 800  # a new run replaces the previous one
    call_command("generate_partnerships", "--count", "800", "--seed", "8")
    assert export(tmp_path, "c.csv")[1:] != first[1:]


@pytest.mark.django_db
def test_it_generates_realistic_partnerships(tmp_path: Path) -> None:
    territories_load(departements=["42", "69"])
    call_command("generate_partnerships", "--count", "4000", "--seed", "3")
    rows = export(tmp_path, "p.csv")
    assert rows[0] == EXPORT_HEADER
    body = [dict(zip(EXPORT_HEADER, row, strict=True)) for row in rows[1:]]
    assert len(body) == 4000
    share = {
        m: sum(m in r["modes"].split(";") for r in body) / 4000
        for m in ("pratiques_responsables", "mecenat", "cooperation_economique", "innovation_societale")
    }
    for mode, expected in {
        "pratiques_responsables": 0.42,
        "mecenat": 0.30,
        "cooperation_economique": 0.25,
        "innovation_societale": 0.16,
    }.items():
        assert abs(share[mode] - expected) < 0.03, (mode, share[mode])
    years = [int(r["start_year"]) for r in body]
    assert min(years) >= 1990 and max(years) <= 2026
    # The eras: mécénat leads in the early 1990s, societal innovation now.
    early = [r for r in body if int(r["start_year"]) <= 1995]
    recent = [r for r in body if int(r["start_year"]) >= 2018]
    assert sum("mecenat" in r["modes"] for r in early) > sum("pratiques_responsables" in r["modes"] for r in early)
    assert sum("innovation_societale" in r["modes"] for r in recent) > sum("mecenat" in r["modes"] for r in recent)
    # Lyon (69123) is far more populated than Saint-Étienne (42218): more partnerships there.
    communes = [r["commune"] for r in body]
    assert communes.count("69123") > communes.count("42218") > 0
    for row in body:
        assert row["departement"] in {"42", "69"} and row["region"] == "84"
        assert len(set(row["partner_types"].split(";"))) == len(row["partner_types"].split(";"))
    assert Organisation.objects.filter(slug__startswith="fictive-").count() == 800


@pytest.mark.django_db
def test_it_keeps_organisations_that_people_linked_to(tmp_path: Path) -> None:
    from catalyse.partnerships.services import partnership_create

    territories_load(departements=["42"])
    call_command("generate_partnerships", "--count", "50", "--seed", "1")
    kept = Organisation.objects.filter(slug__startswith="fictive-").first()
    own = Organisation.objects.create(name="Vraie association", slug="vraie-association", org_type="association")
    partnership_create(
        user=None, organisation=own, title="Réel", modes=["mecenat"], start_year=2020,
        partners=[(own, "porteur"), (kept, "partenaire")], status="confirmed",
    )  # fmt: skip
    call_command("generate_partnerships", "--count", "0", "--seed", "2")
    assert Partnership.objects.filter(title="Réel").exists()
    assert Organisation.objects.filter(pk=kept.pk).exists()
