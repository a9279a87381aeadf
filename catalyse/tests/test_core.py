import json

import pytest
from django.db import DatabaseError

from catalyse.lib.markdown import render_markdown
from catalyse.lib.text import fold, of_place, slugify_fr


def test_it_folds_french_text():
    assert fold("Saint-Étienne") == "saint etienne"
    assert fold("L’Haÿ-les-Roses") == "l hay les roses"
    assert fold("Œuvre d'Art") == "oeuvre d art"
    assert slugify_fr("Saint-Étienne") == "saint-etienne"


def test_it_sanitizes_markdown():
    html = render_markdown("# Titre\n\n<script>alert(1)</script> [lien](javascript:alert(1)) **gras**")
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert "<a" not in render_markdown("[x](javascript:alert(1))").replace("<a ", "")  # no live link
    assert 'rel="noopener noreferrer nofollow"' in render_markdown("[site](https://example.org)")
    assert "<h2>Titre</h2>" in html
    assert "<strong>gras</strong>" in html


@pytest.mark.django_db
def test_it_answers_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_it_answers_503_when_the_database_is_down(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


@pytest.mark.django_db
def test_it_serves_the_french_home_page(client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="fr">' in body
    for label in ["Agir", "Se former", "Partager", "Expérimenter", "Observer"]:
        assert label in body
    assert "Content-Security-Policy" in response.headers


@pytest.mark.django_db
def test_every_section_of_the_header_leads_to_a_built_page(client):
    from django.urls import reverse

    from catalyse.context_processors import SECTIONS

    for _key, _label, _description, url_name, _pitch in SECTIONS:
        response = client.get(reverse(url_name))
        assert response.status_code == 200, url_name
        assert "en cours de construction" not in response.content.decode()


@pytest.mark.django_db
def test_it_publishes_the_openapi_document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")


@pytest.mark.django_db
def test_it_answers_404_as_json_under_the_api(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404


@pytest.mark.django_db
def test_it_answers_unknown_api_addresses_in_json(client):
    response = client.get("/api/v1/nowhere")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "/api/v1/docs" in response.json()["detail"]


@pytest.mark.django_db
def test_it_answers_unknown_pages_with_a_french_404(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]


def test_it_renders_the_500_page_without_a_database(rf):
    from catalyse.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()


def test_it_renders_markdown_and_icons_in_templates():
    from django.template import Context, Template

    html = Template("{% load catalyse %}{{ text|markdown }}{% icon 'search' %}{% icon 'info' 'Information' %}").render(
        Context({"text": "**gras** <img src=x onerror=alert(1)>"})
    )
    assert "<strong>gras</strong>" in html
    assert "<img" not in html  # raw HTML is shown as text, never run
    assert 'aria-hidden="true"' in html
    assert 'aria-label="Information"' in html


@pytest.mark.django_db
def test_it_has_a_migration_for_every_model_change() -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # --check exits 1 when a migration is missing
        raise AssertionError(f"Missing migration:\n{out.getvalue()}") from exc


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Le Chambon-Feugerolles", "du Chambon-Feugerolles"),
        ("Les Sables-d’Olonne", "des Sables-d’Olonne"),
        ("La Ricamarie", "de La Ricamarie"),
        ("L’Étrat", "de L’Étrat"),
        ("Annecy", "d’Annecy"),
        ("Évry-Courcouronnes", "d’Évry-Courcouronnes"),
        ("Lyon", "de Lyon"),
    ],
)
def test_it_writes_de_before_a_place_name_the_french_way(name: str, expected: str) -> None:
    assert of_place(name) == expected
