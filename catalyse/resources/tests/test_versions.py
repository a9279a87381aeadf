"""History and diffs: readable, escaped; editors restore."""

import pytest

from catalyse.resources import services
from catalyse.resources.presentation import versions_diff

from .conftest import make_resource

pytestmark = pytest.mark.django_db


def test_it_diffs_only_the_fields_that_changed_line_by_line():
    old = {"title": "Charte", "body": "Un\nDeux\nTrois", "themes": ["social"]}
    new = {"title": "Charte", "body": "Un\nDeux bis\nTrois", "themes": ["social", "societal"]}
    diffs = {d.label: [(line.op, line.text) for line in d.lines] for d in versions_diff(old, new)}
    assert set(diffs) == {"Contenu", "Enjeux"}
    assert diffs["Contenu"] == [("same", "Un"), ("removed", "Deux"), ("added", "Deux bis"), ("same", "Trois")]
    assert ("added", "Sociétal") in diffs["Enjeux"]


def test_it_shows_the_diff_page_with_the_text_escaped(client, catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor, body="Avant")
    services.resource_update(resource=resource, user=editor, body="<script>alert('x')</script>", message="Essai")
    response = client.get(f"/ressources/{resource.slug}/historique/2/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert '<li class="diff-removed"><del>' in page
    assert "Avant" in page


def test_it_lists_the_versions_and_offers_restore_to_editors_only(client, catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor)
    services.resource_update(resource=resource, user=editor, title="Nouveau titre")
    page = client.get(f"/ressources/{resource.slug}/historique/").content.decode()
    assert "Voir les changements" in page
    assert "Rétablir la version 1" not in page
    client.force_login(editor)
    page = client.get(f"/ressources/{resource.slug}/historique/").content.decode()
    assert "Rétablir la version 1" in page


def test_it_restores_a_version_from_the_history_page(client, catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor, title="Premier titre")
    services.resource_update(resource=resource, user=editor, title="Second titre")
    client.force_login(catalyst)
    assert client.post(f"/ressources/{resource.slug}/historique/1/retablir/").status_code == 403
    client.force_login(editor)
    response = client.post(f"/ressources/{resource.slug}/historique/1/retablir/", follow=True)
    assert "La version 1 est rétablie : elle devient la version 3." in response.content.decode().replace("\u00a0", " ")
    resource.refresh_from_db()
    assert resource.title == "Premier titre"
    assert resource.versions.count() == 3
