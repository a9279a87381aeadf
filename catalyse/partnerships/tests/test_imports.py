"""import_partnerships: the whole file or nothing, each error naming its line and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from catalyse.partnerships.models import Partnership
from catalyse.partnerships.observatory import ObservatoryQuery, observatory_count

HEADER = "title,description,modes,themes,territory,start_year,end_year,status,public,partners\n"


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "partenariats.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.django_db
def test_it_imports_a_good_file_and_counts_it(tmp_path: Path, world: dict[str, Any], capsys: Any) -> None:
    a, b = world["association"].slug, world["company"].slug
    path = write(
        tmp_path,
        HEADER
        + 'Jardin partagé,"Un jardin, des écoles",mecenat;innovation_societale,social,commune:42218,2019,,'
        + f"confirmed,oui,{a}:porteur;{b}:financeur\n"
        + f"Achats responsables,,pratiques_responsables,,departement:42,2008,2012,declared,non,{b}:porteur;{a}\n",
    )
    call_command("import_partnerships", path)
    assert "2 partenariat(s) importé(s)" in capsys.readouterr().out
    garden = Partnership.objects.get(title="Jardin partagé")
    assert garden.mode_list == ["mecenat", "innovation_societale"]
    assert garden.declared_by_organisation == world["association"]
    assert garden.commune_code == "42218" and garden.epci_code == "244200770"
    assert observatory_count(ObservatoryQuery(group_by="mode")).total == 1  # the declared one waits


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Titre,,philanthropie,,,2019,,,,{a};{b}", "ligne 2, colonne « modes » : mode inconnu « philanthropie »"),
        (",,mecenat,,,2019,,,,{a};{b}", "ligne 2, colonne « title »"),
        ("Titre,,mecenat,,,deux mille,,,,{a};{b}", "ligne 2, colonne « start_year »"),
        ("Titre,,mecenat,,,2019,2001,,,{a};{b}", "ligne 2, colonne « end_year »"),
        ("Titre,,mecenat,,canton:1,2019,,,,{a};{b}", "ligne 2, colonne « territory »"),
        ("Titre,,mecenat,,commune:99999,2019,,,,{a};{b}", "territoire inconnu « commune:99999 »"),
        ("Titre,,mecenat,,,2019,,,,{a}", "ligne 2, colonne « partners » : indiquez au moins deux"),
        ("Titre,,mecenat,,,2019,,,,{a};inconnue", "aucune organisation n’a l’adresse « inconnue »"),
        ("Titre,,mecenat,,,2019,,,,{a}:chef;{b}", "rôle inconnu « chef »"),
        ("Titre,,mecenat,,,2019,,valide,,{a};{b}", "colonne « status »"),
        ("Titre,,mecenat,,,2019,,,peut-être,{a};{b}", "colonne « public »"),
        ("Titre,,mecenat,cultures,,2019,,,,{a};{b}", "colonne « themes »"),
        ("Titre,,mecenat,,,2019,,,,{a};{b},en trop", "ligne 2"),
    ],
)
def test_it_imports_nothing_when_a_line_is_wrong(
    tmp_path: Path, world: dict[str, Any], capsys: Any, line: str, expected: str
) -> None:
    a, b = world["association"].slug, world["company"].slug
    good = f"Bonne ligne,,mecenat,,,2019,,,,{a};{b}\n"
    path = write(tmp_path, HEADER + line.format(a=a, b=b) + "\n" + good)
    with pytest.raises(CommandError, match="aucun partenariat n’a été créé"):
        call_command("import_partnerships", path)
    assert expected in capsys.readouterr().err
    assert not Partnership.objects.exists()


@pytest.mark.django_db
def test_it_names_missing_and_unknown_columns(tmp_path: Path, world: dict[str, Any], capsys: Any) -> None:
    path = write(tmp_path, "titre,modes,start_year\nX,mecenat,2019\n")
    with pytest.raises(CommandError):
        call_command("import_partnerships", path)
    err = capsys.readouterr().err
    assert "ligne 1, colonne « title, partners » : colonne obligatoire absente" in err
    assert "colonne « titre » : colonne inconnue" in err


@pytest.mark.django_db
def test_it_reports_a_missing_file_and_a_wrong_encoding(tmp_path: Path, db: Any) -> None:
    with pytest.raises(CommandError, match="introuvable"):
        call_command("import_partnerships", str(tmp_path / "absent.csv"))
    path = tmp_path / "latin1.csv"
    path.write_bytes(HEADER.encode() + "Été,,mecenat,,,2019,,,,a;b\n".encode("latin-1"))
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_partnerships", str(path))
