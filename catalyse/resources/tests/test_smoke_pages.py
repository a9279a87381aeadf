"""Every page of the kit answers, in good French typography."""

import pytest

from catalyse.tests_support.typography import typography_errors

pytestmark = pytest.mark.django_db


def test_it_serves_every_public_page_in_good_french(client, resource_factory, places):
    resource = resource_factory(territory=places["saint_etienne"])
    from catalyse.resources.services import collection_save

    collection = collection_save(
        title="Initier une démarche de co-construction", intro="Pas à pas.", resources=[resource]
    )
    urls = [
        "/ressources/",
        "/ressources/catalogue/",
        "/ressources/catalogue/?nature=outil&enjeu=social",
        resource.get_absolute_url(),
        f"/ressources/{resource.slug}/historique/",
        f"/ressources/{resource.slug}/historique/1/",
        "/ressources/collections/",
        collection.get_absolute_url(),
        places["loire"].get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert typography_errors(response.content.decode()) == [], url


def test_it_serves_every_member_and_editor_page_in_good_french(client, resource_factory, catalyst, editor):
    draft = resource_factory(status="submitted")
    client.force_login(catalyst)
    for url in ["/ressources/proposer/", "/ressources/mes-ressources/", f"/ressources/{draft.slug}/modifier/"]:
        response = client.get(url)
        assert response.status_code in (200, 403), url
        assert typography_errors(response.content.decode()) == [], url
    client.force_login(editor)
    for url in [
        "/ressources/relecture/",
        f"/ressources/{draft.slug}/relire/",
        f"/ressources/{draft.slug}/modifier/",
        f"/ressources/{draft.slug}/supprimer/",
        "/ressources/collections/nouveau/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert typography_errors(response.content.decode()) == [], url
