"""The workflow's services: states, versions, mail to authors, feedback."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalyse.resources import services
from catalyse.resources.models import Feedback, Resource, ResourceVersion

from .conftest import make_resource

pytestmark = pytest.mark.django_db


def test_it_drafts_a_resource_with_its_author_and_a_unique_slug(catalyst):
    first = services.resource_create(author=catalyst, title="Charte de partenariat", kind="outil", summary="Un modèle.")
    second = services.resource_create(author=catalyst, title="Charte de partenariat", kind="outil", summary="Bis.")
    assert (first.slug, second.slug) == ("charte-de-partenariat", "charte-de-partenariat-2")
    assert first.status == "draft"
    assert list(first.authors.all()) == [catalyst]
    assert first.versions.count() == 0


def test_it_keeps_multi_valued_fields_in_the_vocabulary_order(catalyst):
    resource = services.resource_create(
        author=catalyst, title="Cas", kind="illustration", themes=["societal", "economique", "societal"]
    )
    assert resource.themes == ["economique", "societal"]


def test_it_never_gives_a_resource_the_slug_of_a_page(catalyst):
    resource = services.resource_create(author=catalyst, title="Catalogue", kind="outil")
    assert resource.slug == "catalogue-ressource"


def test_it_refuses_to_submit_without_a_summary(catalyst):
    resource = services.resource_create(author=catalyst, title="Sans résumé", kind="methode")
    with pytest.raises(ValidationError, match="résumé"):
        services.resource_submit(resource=resource, user=catalyst)
    assert Resource.objects.get(pk=resource.pk).status == "draft"


def test_it_lets_only_authors_submit(catalyst, outsider):
    resource = services.resource_create(author=catalyst, title="Méthode", kind="methode", summary="Résumé.")
    with pytest.raises(PermissionDenied):
        services.resource_submit(resource=resource, user=outsider)


def test_it_publishes_with_a_first_version_and_tells_the_authors(
    catalyst, editor, inbox, django_capture_on_commit_callbacks
):
    resource = make_resource(author=catalyst, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_publish(resource=resource, editor=editor)
    resource.refresh_from_db()
    assert resource.status == "published"
    assert resource.published is not None
    assert list(resource.versions.values_list("number", flat=True)) == [1]
    messages = inbox.wait_for(1)
    assert [m["To"] for m in messages] == [catalyst.email]
    assert "est publiée" in messages[0]["Subject"]
    assert resource.get_absolute_url() in inbox.text(messages[0])


def test_it_sends_the_requested_changes_to_the_authors_by_email(
    catalyst, editor, inbox, django_capture_on_commit_callbacks
):
    resource = make_resource(author=catalyst, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_request_changes(
            resource=resource, editor=editor, message="Précisez le territoire & ajoutez une illustration."
        )
    resource.refresh_from_db()
    assert resource.status == "changes_requested"
    message = inbox.wait_for(1)[0]
    assert message["To"] == catalyst.email
    assert "modifications" in message["Subject"]
    # Plain text mail: the message arrives as written, not HTML-escaped.
    assert "Précisez le territoire & ajoutez une illustration." in inbox.text(message)


def test_it_requires_a_message_to_request_changes(catalyst, editor):
    resource = make_resource(author=catalyst, status="submitted")
    with pytest.raises(ValidationError):
        services.resource_request_changes(resource=resource, editor=editor, message="  ")
    assert Resource.objects.get(pk=resource.pk).status == "submitted"


def test_it_lets_only_editors_publish_or_archive(catalyst, outsider, editor):
    resource = make_resource(author=catalyst, status="submitted")
    for person in (catalyst, outsider):
        with pytest.raises(PermissionDenied):
            services.resource_publish(resource=resource, editor=person)
    published = make_resource(author=catalyst, editor=editor, title="Autre")
    with pytest.raises(PermissionDenied):
        services.resource_archive(resource=published, editor=catalyst)
    assert Resource.objects.get(pk=resource.pk).status == "submitted"
    assert Resource.objects.get(pk=published.pk).status == "published"


def test_it_keeps_a_version_for_every_published_change_only(catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor)
    services.resource_update(resource=resource, user=editor, body="Nouveau contenu", message="Réécriture")
    services.resource_update(resource=resource, user=editor, body="Nouveau contenu")  # no change: no version
    versions = list(resource.versions.order_by("number").values_list("number", "message"))
    assert versions == [(1, "Publication"), (2, "Réécriture")]
    draft = make_resource(author=catalyst, status="draft", title="Brouillon")
    services.resource_update(resource=draft, user=catalyst, body="Autre texte")
    assert draft.versions.count() == 0


def test_it_restores_an_earlier_version_as_a_new_one(catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor, title="Titre d’origine")
    services.resource_update(resource=resource, user=editor, title="Titre changé", themes=["economique"])
    first = resource.versions.get(number=1)
    new = services.resource_restore_version(resource=resource, version=first, editor=editor)
    resource.refresh_from_db()
    assert resource.title == "Titre d’origine"
    assert resource.themes == ["social"]
    assert new.number == 3
    assert new.data == first.data
    assert "Rétablit la version 1" in new.message


def test_it_refuses_to_restore_for_a_non_editor(catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor)
    with pytest.raises(PermissionDenied):
        services.resource_restore_version(resource=resource, version=resource.versions.get(), editor=catalyst)


def test_it_archives_and_keeps_the_resource_reachable(catalyst, editor, client):
    resource = make_resource(author=catalyst, editor=editor, status="archived")
    assert resource.status == "archived"
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    assert "Ressource archivée" in response.content.decode()
    assert resource not in Resource.objects.published()


def test_it_keeps_one_feedback_per_person_and_per_session(catalyst, editor, outsider):
    resource = make_resource(author=catalyst, editor=editor)
    services.feedback_give(resource=resource, useful=True, user=outsider)
    services.feedback_give(resource=resource, useful=False, comment="Il manque un exemple", user=outsider)
    services.feedback_give(resource=resource, useful=True, session_key="abc")
    services.feedback_give(resource=resource, useful=True, session_key="abc")
    services.feedback_give(resource=resource, useful=True, session_key="def")
    assert Feedback.objects.filter(resource=resource).count() == 3
    mine = Feedback.objects.get(resource=resource, user=outsider)
    assert (mine.useful, mine.comment) == (False, "Il manque un exemple")
    # The session key itself is not stored.
    assert not Feedback.objects.filter(session_key="abc").exists()


def test_it_refuses_feedback_on_a_draft(catalyst):
    draft = make_resource(author=catalyst, status="draft")
    with pytest.raises(ValidationError):
        services.feedback_give(resource=draft, useful=True, session_key="abc")


def test_it_lets_authors_delete_their_draft_but_not_a_published_resource(catalyst, editor):
    draft = make_resource(author=catalyst, status="draft")
    services.resource_delete(resource=draft, user=catalyst)
    assert not Resource.objects.filter(pk=draft.pk).exists()
    published = make_resource(author=catalyst, editor=editor, title="Publiée")
    with pytest.raises(PermissionDenied):
        services.resource_delete(resource=published, user=catalyst)
    services.resource_delete(resource=published, user=editor)
    assert not ResourceVersion.objects.filter(resource_id=published.pk).exists()


def test_it_sets_the_region_and_departement_from_the_territory(catalyst, places):
    resource = services.resource_create(
        author=catalyst, title="Cas", kind="illustration", territory=places["saint_etienne"]
    )
    assert (resource.region, resource.departement) == (places["aura"], places["loire"])
    services.resource_update(resource=resource, user=catalyst, territory=places["aura"])
    assert (resource.region, resource.departement) == (places["aura"], None)


def test_it_exports_and_erases_what_the_kit_holds_about_a_person(catalyst, editor, outsider):
    from catalyse.lib.registry import registry

    published = make_resource(author=catalyst, editor=editor, title="Publiée")
    draft = make_resource(author=catalyst, status="draft", title="Brouillon")
    services.feedback_give(resource=published, useful=True, comment="Merci", user=catalyst)
    services.feedback_give(resource=published, useful=True, user=outsider)
    exporter = next(e for e in registry.personal_data_exporters if e.key == "ressources")
    data = exporter.export(catalyst)
    assert [r["slug"] for r in data["ressources"]] == [published.slug, draft.slug]
    assert data["avis"][0]["commentaire"] == "Merci"
    eraser = next(e for e in registry.personal_data_erasers if e.key == "ressources")
    eraser.erase(catalyst)
    assert Resource.objects.filter(pk=published.pk).exists()
    assert not Resource.objects.filter(pk=draft.pk).exists()
    assert list(Feedback.objects.values_list("user", flat=True)) == [outsider.pk]


def test_it_tells_the_editors_of_a_new_proposal(catalyst, editor, inbox, django_capture_on_commit_callbacks):
    from catalyse.test import make_person

    other_editor = make_person(role="editor", email="second.editeur@exemple.fr")
    resource = make_resource(author=catalyst, status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_submit(resource=resource, user=catalyst)
    [message] = inbox.wait_for(1)
    assert "Nouvelle proposition à relire" in message["Subject"]
    assert f"/ressources/{resource.slug}/relire/" in inbox.text(message)
    # Editors in blind copy: they do not learn each other's addresses.
    assert editor.email not in str(message.get("To", "")) + str(message.get("Cc", ""))
    assert other_editor.email not in str(message)
