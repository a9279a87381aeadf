"""Who sees and does what, page by page: author, other member, editor, visitor signed out, administrator."""

import pytest

from catalyse.resources.models import Resource

from .conftest import make_resource

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["draft", "submitted", "changes_requested"]


def _login(client, person):
    if person is not None:
        client.force_login(person)
    return client


@pytest.fixture
def people(catalyst, outsider, editor, administrator):
    return {
        "author": catalyst,
        "other_member": outsider,
        "editor": editor,
        "visitor": None,
        "administrator": administrator,
    }


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [("author", 200), ("other_member", 404), ("editor", 200), ("visitor", 404), ("administrator", 200)],
)
def test_it_shows_an_unpublished_resource_only_to_its_authors_and_editors(client, people, editor, state, who, expected):
    resource = make_resource(author=people["author"], editor=editor, status=state)
    _login(client, people[who])
    assert client.get(resource.get_absolute_url()).status_code == expected
    assert client.get(f"/ressources/{resource.slug}/historique/").status_code == expected
    listed = client.get("/ressources/catalogue/").content.decode()
    assert resource.title not in listed  # the catalogue lists published resources only, for everyone


@pytest.mark.parametrize("who", ["author", "other_member", "editor", "visitor", "administrator"])
def test_it_shows_a_published_resource_to_everyone(client, people, editor, who):
    resource = make_resource(author=people["author"], editor=editor)
    _login(client, people[who])
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    assert resource.title in response.content.decode()


@pytest.mark.parametrize(
    ("who", "expected"),
    [("author", 200), ("other_member", 404), ("editor", 200), ("visitor", 302), ("administrator", 200)],
)
def test_it_lets_authors_and_editors_edit_a_draft(client, people, editor, who, expected):
    resource = make_resource(author=people["author"], status="draft")
    _login(client, people[who])
    assert client.get(f"/ressources/{resource.slug}/modifier/").status_code == expected


@pytest.mark.parametrize(("who", "expected"), [("author", 403), ("editor", 200), ("administrator", 200)])
def test_it_lets_only_editors_edit_a_published_resource(client, people, editor, who, expected):
    resource = make_resource(author=people["author"], editor=editor)
    _login(client, people[who])
    assert client.get(f"/ressources/{resource.slug}/modifier/").status_code == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [("author", 403), ("other_member", 403), ("editor", 200), ("visitor", 302), ("administrator", 200)],
)
def test_it_opens_the_review_queue_to_editors_only(client, people, editor, who, expected):
    submitted = make_resource(author=people["author"], status="submitted")
    _login(client, people[who])
    response = client.get("/ressources/relecture/")
    assert response.status_code == expected
    if expected == 200:
        assert submitted.title in response.content.decode()


def test_it_lets_a_member_propose_a_resource(client, catalyst):
    client.force_login(catalyst)
    response = client.post(
        "/ressources/proposer/",
        {
            "title": "Cartographie des acteurs",
            "kind": "outil",
            "summary": "Repérer qui fait quoi.",
            "body": "## Le canevas",
            "themes": ["social", "economique"],
            "forms": ["animation"],
            "objective": "comprendre",
            "audiences": ["collectivite"],
            "license": "CC-BY-SA-4.0",
            "submit": "1",
        },
    )
    resource = Resource.objects.get(title="Cartographie des acteurs")
    assert response.status_code == 302
    assert response["Location"] == resource.get_absolute_url()
    assert resource.status == "submitted"
    assert resource.themes == ["economique", "social"]
    assert list(resource.authors.all()) == [catalyst]


def test_it_says_in_french_what_to_fix_in_a_proposal(client, catalyst):
    client.force_login(catalyst)
    response = client.post("/ressources/proposer/", {"title": "", "kind": "inconnu", "license": "CC-BY-SA-4.0"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ce champ est obligatoire" in page
    assert 'aria-describedby="id_title-erreur"' in page
    assert not Resource.objects.exists()


def test_it_sends_a_signed_out_visitor_to_log_in_to_propose(client):
    response = client.get("/ressources/proposer/")
    assert response.status_code == 302
    assert "/comptes/" in response["Location"]


def test_it_lets_an_editor_publish_from_the_review_page(client, catalyst, editor):
    resource = make_resource(author=catalyst, status="submitted")
    client.force_login(editor)
    response = client.post(f"/ressources/{resource.slug}/relire/", {"decision": "publish"})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == "published"


def test_it_asks_for_a_message_when_the_editor_requests_changes(client, catalyst, editor):
    resource = make_resource(author=catalyst, status="submitted")
    client.force_login(editor)
    response = client.post(f"/ressources/{resource.slug}/relire/", {"decision": "changes", "message": ""})
    assert response.status_code == 400
    assert "Dites aux auteurs ce qu’il faut modifier" in response.content.decode()
    resource.refresh_from_db()
    assert resource.status == "submitted"


def test_it_refuses_the_review_to_the_author(client, catalyst):
    resource = make_resource(author=catalyst, status="submitted")
    client.force_login(catalyst)
    response = client.post(f"/ressources/{resource.slug}/relire/", {"decision": "publish"})
    assert response.status_code == 403
    resource.refresh_from_db()
    assert resource.status == "submitted"


def test_it_lets_the_author_resubmit_after_changes(client, catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor, status="changes_requested")
    client.force_login(catalyst)
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Ajoutez un exemple." in page
    response = client.post(f"/ressources/{resource.slug}/proposer/")
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == "submitted"


def test_it_lets_only_editors_archive(client, catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor)
    client.force_login(catalyst)
    assert client.post(f"/ressources/{resource.slug}/archiver/").status_code == 403
    client.force_login(editor)
    assert client.post(f"/ressources/{resource.slug}/archiver/").status_code == 302
    resource.refresh_from_db()
    assert resource.status == "archived"


def test_it_records_feedback_from_a_signed_out_visitor(client, catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor)
    response = client.post(f"/ressources/{resource.slug}/avis/", {"useful": "1", "comment": "Très clair"})
    assert response.status_code == 302
    client.post(f"/ressources/{resource.slug}/avis/", {"useful": "0", "comment": ""})
    feedback = resource.feedbacks.get()
    assert (feedback.useful, feedback.comment) == (False, "")


def test_it_refuses_feedback_without_an_answer(client, catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor)
    response = client.post(f"/ressources/{resource.slug}/avis/", {"comment": "?"}, follow=True)
    assert "Répondez par oui ou par non" in response.content.decode()
    assert not resource.feedbacks.exists()


def test_it_asks_before_deleting_and_deletes_on_confirmation(client, catalyst, outsider):
    resource = make_resource(author=catalyst, status="draft")
    client.force_login(outsider)
    assert client.get(f"/ressources/{resource.slug}/supprimer/").status_code == 404
    client.force_login(catalyst)
    page = client.get(f"/ressources/{resource.slug}/supprimer/").content.decode()
    assert "Supprimer définitivement" in page
    assert Resource.objects.filter(pk=resource.pk).exists()
    response = client.post(f"/ressources/{resource.slug}/supprimer/")
    assert response.status_code == 302
    assert not Resource.objects.filter(pk=resource.pk).exists()


def test_it_refuses_to_let_an_author_delete_a_published_resource(client, catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor)
    client.force_login(catalyst)
    assert client.get(f"/ressources/{resource.slug}/supprimer/").status_code == 403
    assert client.post(f"/ressources/{resource.slug}/supprimer/").status_code == 403
    assert Resource.objects.filter(pk=resource.pk).exists()


def test_it_says_when_a_feedback_comment_is_too_long(client, catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor)
    response = client.post(f"/ressources/{resource.slug}/avis/", {"useful": "1", "comment": "x" * 1001}, follow=True)
    assert "Votre commentaire est trop long" in response.content.decode()
    assert not resource.feedbacks.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/ressources/catalogue/?page=99999",
        "/ressources/catalogue/?annee=0000&departement=../../etc",
        "/ressources/inconnue/",
        "/ressources/inconnue/historique/99/",
        "/ressources/flux/brochure/",
    ],
)
def test_it_never_fails_on_odd_addresses(client, catalyst, editor, url):
    make_resource(author=catalyst, editor=editor)
    assert client.get(url).status_code in (200, 404)
