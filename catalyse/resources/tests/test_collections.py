"""Reading paths: editors write them; everyone reads the published ones, in order."""

import pytest

from catalyse.resources.models import Collection

from .conftest import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(catalyst, editor):
    return [make_resource(author=catalyst, editor=editor, title=t) for t in ("Cadre", "Méthode", "Outil")]


def test_it_lets_an_editor_write_a_reading_path_from_addresses(client, editor, three):
    client.force_login(editor)
    steps = "\n".join(
        [
            f"http://testserver{three[2].get_absolute_url()} — Pour commencer",
            "",
            f"{three[0].slug}",
            f"/ressources/{three[1].slug}/ | Pour aller plus loin",
        ]
    )
    response = client.post(
        "/ressources/collections/nouveau/",
        {"title": "Initier une démarche", "intro": "Pas à pas.", "steps": steps, "is_published": "on"},
    )
    collection = Collection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == collection.get_absolute_url()
    items = list(collection.items.order_by("position").values_list("resource__title", "note"))
    assert items == [("Outil", "Pour commencer"), ("Cadre", ""), ("Méthode", "Pour aller plus loin")]
    page = client.get(collection.get_absolute_url()).content.decode()
    assert page.index("Outil") < page.index("Cadre") < page.index("Méthode")


def test_it_names_the_line_of_an_unknown_address(client, editor, three, catalyst):
    draft = make_resource(author=catalyst, status="draft", title="Brouillon")
    client.force_login(editor)
    response = client.post(
        "/ressources/collections/nouveau/",
        {"title": "Parcours", "steps": f"{three[0].slug}\nnexiste-pas\n{draft.slug}"},
    )
    assert response.status_code == 400
    page = response.content.decode().replace("\u00a0", " ")
    assert "Ligne 2 : aucune ressource publiée à l’adresse « nexiste-pas »." in page
    assert f"Ligne 3 : aucune ressource publiée à l’adresse « {draft.slug} »." in page
    assert not Collection.objects.exists()


def test_it_edits_a_reading_path_and_hides_an_unpublished_one(client, editor, three):
    client.force_login(editor)
    client.post("/ressources/collections/nouveau/", {"title": "Parcours", "steps": three[0].slug, "is_published": "on"})
    collection = Collection.objects.get()
    form = client.get(f"/ressources/collections/{collection.slug}/modifier/").content.decode()
    assert three[0].slug in form
    client.post(
        f"/ressources/collections/{collection.slug}/modifier/",
        {"title": "Parcours révisé", "steps": f"{three[1].slug}\n{three[0].slug}"},
    )
    collection.refresh_from_db()
    assert (collection.title, collection.is_published, collection.slug) == ("Parcours révisé", False, "parcours")
    assert [i.resource.title for i in collection.items.order_by("position")] == ["Méthode", "Cadre"]
    client.logout()
    assert client.get(collection.get_absolute_url()).status_code == 404
    assert "Parcours révisé" not in client.get("/ressources/collections/").content.decode()


@pytest.mark.parametrize(("who", "expected"), [("catalyst", 403), ("visitor", 302), ("editor", 200)])
def test_it_lets_only_editors_write_reading_paths(client, catalyst, editor, who, expected):
    if who != "visitor":
        client.force_login({"catalyst": catalyst, "editor": editor}[who])
    assert client.get("/ressources/collections/nouveau/").status_code == expected
