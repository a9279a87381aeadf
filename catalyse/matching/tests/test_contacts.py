"""Contacting a suggested organisation: by private message when one of its members is reachable on the network,
else by email to its members; recorded once per need and organisation; rate-limited; per role; GDPR."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from catalyse.accounts.models import MemberRole
from catalyse.accounts.services import user_erase, user_export
from catalyse.matching.models import Contact
from catalyse.matching.services import CONTACT_RATE_LIMIT
from catalyse.matching.tests.conftest import join, make_org, publish
from catalyse.network.models import Message
from catalyse.test import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def menuiserie(rings: dict[str, Any]) -> Any:
    return make_org("Menuiserie coopérative", "entreprise", rings["saint_chamond"])


@pytest.fixture
def need(association: Any, member: Any) -> Any:
    return publish(association, title="Un atelier pour nos chantiers")


def contact_url(listing: Any) -> str:
    return reverse("matching:listing-contact", kwargs={"pk": listing.pk})


def test_it_writes_a_private_message_to_a_reachable_administrator(
    client, member, need, menuiserie, inbox, django_capture_on_commit_callbacks
):
    plain = make_person(
        email="membre.menuiserie@exemple.fr", first_name="Marc", last_name="Olivier", directory_consent=True
    )
    admin = make_person(
        email="admin.menuiserie@exemple.fr", first_name="Hélène", last_name="Garnier", directory_consent=True
    )
    join(plain, menuiserie)
    join(admin, menuiserie, role=MemberRole.ADMIN)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            contact_url(need), {"organisation": menuiserie.pk, "message": "Pourrions-nous visiter votre atelier ?"}
        )
    assert response.status_code == 302
    assert response["Location"] == f"{need.get_absolute_url()}#suggestion-{menuiserie.pk}"
    contact = Contact.objects.get()
    assert (contact.sender, contact.organisation, contact.channel, contact.recipients) == (
        member,
        menuiserie,
        "message",
        1,
    )
    message = Message.objects.get()
    assert message.sender == member
    assert set(message.conversation.participants.values_list("user_id", flat=True)) == {member.pk, admin.pk}
    assert "Pourrions-nous visiter votre atelier ?" in message.body
    assert "« Un atelier pour nos chantiers »" in message.body
    page = client.get(need.get_absolute_url())
    assert "Contactée le" in page.text
    assert "Contacter Menuiserie coopérative" not in page.text


def test_it_emails_the_members_when_none_is_reachable_on_the_network(
    client, member, need, menuiserie, inbox, django_capture_on_commit_callbacks
):
    for index in range(2):
        join(make_person(email=f"m{index}.menuiserie@exemple.fr"), menuiserie)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            contact_url(need), {"organisation": menuiserie.pk, "message": "Bonjour, parlons atelier."}
        )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert (contact.channel, contact.recipients) == ("email", 2)
    mails = inbox.wait_for(2)
    assert sorted(m["To"] for m in mails) == ["m0.menuiserie@exemple.fr", "m1.menuiserie@exemple.fr"]
    assert mails[0]["Reply-To"] == member.email
    assert "Loire Solidarités Emploi aimerait vous rencontrer" in mails[0]["Subject"]
    text = inbox.text(mails[0])
    assert "Bonjour, parlons atelier." in text and need.get_absolute_url() in text


def test_an_organisation_without_members_cannot_be_reached(client, member, need, menuiserie):
    client.force_login(member)
    response = client.post(contact_url(need), {"organisation": menuiserie.pk, "message": "Bonjour"})
    assert response.status_code == 422
    assert "n’a pas encore de membre inscrit sur Catalyse" in response.text
    assert Contact.objects.count() == 0


def test_it_contacts_an_organisation_once_per_need(client, member, need, menuiserie):
    join(make_person(email="m.menuiserie@exemple.fr"), menuiserie)
    client.force_login(member)
    client.post(contact_url(need), {"organisation": menuiserie.pk, "message": "Bonjour"})
    response = client.post(contact_url(need), {"organisation": menuiserie.pk, "message": "Bonjour encore"})
    assert response.status_code == 422
    assert "a déjà été contactée pour ce besoin" in response.text
    assert Contact.objects.count() == 1


def test_it_limits_contacts_per_hour(client, rings, member, need):
    orgs = []
    for index in range(CONTACT_RATE_LIMIT + 1):
        org = make_org(f"Entreprise {index}", "entreprise", rings["saint_chamond"])
        join(make_person(email=f"p{index}@exemple.fr"), org)
        orgs.append(org)
    client.force_login(member)
    for org in orgs[:CONTACT_RATE_LIMIT]:
        assert client.post(contact_url(need), {"organisation": org.pk, "message": "Bonjour"}).status_code == 302
    response = client.post(contact_url(need), {"organisation": orgs[-1].pk, "message": "Bonjour"})
    assert response.status_code == 422
    assert f"Vous avez contacté {CONTACT_RATE_LIMIT} organisations en moins d’une heure" in response.text
    assert Contact.objects.count() == CONTACT_RATE_LIMIT
    Contact.objects.update(created_at=timezone.now() - timedelta(hours=2))
    assert client.post(contact_url(need), {"organisation": orgs[-1].pk, "message": "Bonjour"}).status_code == 302


@pytest.mark.parametrize(
    ("message", "error"),
    [("", "Écrivez quelques mots avant d’envoyer"), ("x" * 2001, "2000")],
)
def test_bad_messages_say_what_to_fix(client, member, need, menuiserie, message, error):
    join(make_person(email="m.menuiserie@exemple.fr"), menuiserie)
    client.force_login(member)
    response = client.post(contact_url(need), {"organisation": menuiserie.pk, "message": message})
    assert response.status_code == 422
    assert error in response.text
    assert Contact.objects.count() == 0


def test_it_refuses_the_own_organisation_and_unknown_ones(client, member, need, association):
    client.force_login(member)
    response = client.post(contact_url(need), {"organisation": association.pk, "message": "Bonjour"})
    assert response.status_code == 422
    assert "C’est votre propre organisation" in response.text
    assert client.post(contact_url(need), {"organisation": 99999, "message": "Bonjour"}).status_code == 404
    assert client.post(contact_url(need), {"organisation": "abc", "message": "Bonjour"}).status_code == 422
    assert Contact.objects.count() == 0


@pytest.mark.parametrize("role", ["catalyst", "facilitator", "outsider", "administrator"])
def test_only_members_of_the_organisation_in_need_contact(client, request, role, need, menuiserie):
    join(make_person(email="m.menuiserie@exemple.fr"), menuiserie)
    client.force_login(request.getfixturevalue(role))
    response = client.post(contact_url(need), {"organisation": menuiserie.pk, "message": "Bonjour"})
    assert response.status_code == 403
    assert Contact.objects.count() == 0


def test_a_visitor_is_sent_to_log_in_to_contact(client, need, menuiserie):
    response = client.post(contact_url(need), {"organisation": menuiserie.pk, "message": "Bonjour"})
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]
    assert Contact.objects.count() == 0


def test_a_closed_need_or_an_offer_cannot_be_used_to_contact(client, member, need, association, menuiserie):
    join(make_person(email="m.menuiserie@exemple.fr"), menuiserie)
    offer = publish(association, direction="offer")
    client.force_login(member)
    assert client.post(contact_url(offer), {"organisation": menuiserie.pk, "message": "Bonjour"}).status_code == 403
    need.status = "closed"
    need.save()
    assert client.post(contact_url(need), {"organisation": menuiserie.pk, "message": "Bonjour"}).status_code == 403


def test_contacts_are_in_the_gdpr_export_and_go_on_erasure(client, member, need, menuiserie):
    join(make_person(email="m.menuiserie@exemple.fr"), menuiserie)
    client.force_login(member)
    client.post(contact_url(need), {"organisation": menuiserie.pk, "message": "Mon message personnel"})
    exported = user_export(user=member)["besoins_et_offres"]
    assert exported["mises_en_relation"][0]["organisation_contactée"] == "Menuiserie coopérative"
    assert exported["mises_en_relation"][0]["message"] == "Mon message personnel"
    assert exported["annonces_publiées"][0]["titre"] == "Un atelier pour nos chantiers"
    user_erase(user=member)
    contact = Contact.objects.get()
    assert (contact.sender, contact.message) == (None, "")
    need.refresh_from_db()
    assert need.created_by is None
