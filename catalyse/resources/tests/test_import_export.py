"""import_resources / export_resources: the contract of contracts.md."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from catalyse.resources.imports import ImportFailed, resources_import
from catalyse.resources.models import Resource, ResourceVersion

pytestmark = pytest.mark.django_db


def line(**fields):
    data = {
        "slug": "grille-d-autodiagnostic",
        "title": "Grille d’autodiagnostic",
        "kind": "outil",
        "summary": "Évaluer la maturité du territoire.",
        "body": "## Comment\n\nEn atelier.",
        "themes": ["social", "economique"],
        "forms": ["animation"],
        "territory": "departement:42",
        "published": "2024-03-01",
        "license": "CC-BY-SA-4.0",
    }
    data.update(fields)
    return json.dumps(data, ensure_ascii=False)


def write(tmp_path, *lines, name="kit.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path):
    out, err = StringIO(), StringIO()
    call_command("import_resources", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_published_resources_and_prints_the_counts(tmp_path, places):
    path = write(tmp_path, line(), line(slug="charte", title="Charte", kind="outil", territory=None))
    out, _err = run(path)
    assert "2 créée(s), 0 mise(s) à jour" in out
    assert "created=2 updated=0" in out
    resource = Resource.objects.get(slug="grille-d-autodiagnostic")
    assert resource.status == "published"
    assert resource.themes == ["economique", "social"]
    assert (resource.territory, resource.departement, resource.region) == (
        places["loire"],
        places["loire"],
        places["aura"],
    )
    assert str(resource.published) == "2024-03-01"
    assert ResourceVersion.objects.filter(resource=resource).count() == 1


def test_it_updates_an_existing_slug(tmp_path, places):
    run(write(tmp_path, line()))
    out, _err = run(write(tmp_path, line(title="Grille révisée", themes=["societal"]), name="b.jsonl"))
    assert "0 créée(s), 1 mise(s) à jour" in out
    resource = Resource.objects.get()
    assert (resource.title, resource.themes) == ("Grille révisée", ["societal"])
    assert resource.versions.count() == 2


def test_it_makes_imported_resources_searchable_at_once(tmp_path, places, client):
    run(write(tmp_path, line(title="Coopération territoriale exemplaire", slug="cooperation")))
    response = client.get("/api/v1/search", {"q": "coopérations"})
    assert response.status_code == 200
    assert [r["slug"] for r in response.json()["results"]] == ["cooperation"]


@pytest.mark.parametrize(
    ("bad", "field", "hint"),
    [
        ('{"slug": "x", ', "(ligne entière)", "JSON invalide"),
        (line(kind="brochure"), "kind", "cadre, illustration, methode, outil"),
        (line(themes=["culture"]), "themes", "culture"),
        (line(forms="animation"), "forms", "une liste est attendue"),
        (line(territory="departement:999"), "territory", "territoire inconnu"),
        (line(territory="59"), "territory", "NIVEAU:CODE"),
        (line(published="01/03/2024"), "published", "date ISO"),
        (line(license="Proprietary-1.0"), "license", "licence connue"),
        (line(slug="Pas Un Slug"), "slug", "minuscules"),
        (line(title=""), "title", "obligatoire"),
        (line(slug="premiere"), "slug", "figure déjà ligne 1"),
    ],
)
def test_it_names_the_line_and_the_field_and_changes_nothing(tmp_path, places, bad, field, hint):
    run(write(tmp_path, line(slug="deja-la", title="Déjà là")))
    before = list(Resource.objects.values_list("slug", "title", "updated_at"))
    versions = ResourceVersion.objects.count()
    path = write(tmp_path, line(slug="premiere"), bad, name="bad.jsonl")
    with pytest.raises(CommandError, match="aucune ressource n’a été modifiée"):
        out, err = StringIO(), StringIO()
        try:
            call_command("import_resources", str(path), stdout=out, stderr=err)
        finally:
            errors = err.getvalue().replace("\u00a0", " ")
            assert f"ligne 2, champ « {field} »" in errors
            assert hint in errors
    assert list(Resource.objects.values_list("slug", "title", "updated_at")) == before
    assert ResourceVersion.objects.count() == versions


def test_it_exits_non_zero_from_the_shell(tmp_path, places, settings):
    path = write(tmp_path, line(kind="brochure"))
    result = subprocess.run(
        [sys.executable, "manage.py", "import_resources", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:///" + str(tmp_path / "empty.sqlite3")},
    )
    assert result.returncode != 0
    assert "ligne 1, champ « kind »" in result.stderr.replace("\u00a0", " ")


def test_it_reports_a_missing_file_clearly(tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        run(tmp_path / "absent.jsonl")


def test_it_exports_what_imports_back_unchanged(tmp_path, places, resource_factory, editor):
    run(
        write(
            tmp_path,
            line(),
            line(slug="cas", title="Cas « réel »", kind="illustration", territory="commune:42218", themes=[], forms=[]),
            line(slug="cadre", title="Cadre", kind="cadre", territory=None, license="CC0-1.0", body="Ligne\nautre"),
        )
    )
    resource_factory(title="Proposée par un membre", objective="innover", audiences=["entreprise", "collectivite"])
    resource_factory(title="Encore brouillon", status="draft")
    first = tmp_path / "export.jsonl"
    call_command("export_resources", str(first), stdout=StringIO())
    exported = first.read_text(encoding="utf-8").splitlines()
    assert len(exported) == 4  # the draft is not exported
    assert all(set(json.loads(x)) >= {"slug", "title", "kind", "summary", "body", "themes", "forms", "territory",
                                       "published", "license"} for x in exported)  # fmt: skip
    state = list(Resource.objects.order_by("slug").values())
    versions = ResourceVersion.objects.count()
    out, _err = run(first)
    assert "0 créée(s), 4 mise(s) à jour (dont 4 sans changement)" in out
    assert list(Resource.objects.order_by("slug").values()) == state
    assert ResourceVersion.objects.count() == versions
    second = tmp_path / "export2.jsonl"
    call_command("export_resources", str(second), stdout=StringIO())
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_it_refuses_an_empty_file(tmp_path):
    with pytest.raises(ImportFailed):
        resources_import(lines=["", "  "])
