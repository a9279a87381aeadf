"""GDPR: a person downloads all their data and erases their account."""

import json

import pytest
from allauth.account.models import EmailAddress

from catalyse.accounts import services
from catalyse.accounts.models import ConsentRecord, Membership, Organisation, Profile, User
from catalyse.lib.registry import PersonalDataEraser, PersonalDataExporter, registry
from catalyse.test import DEFAULT_PASSWORD, make_territories

pytestmark = pytest.mark.django_db


@pytest.fixture
def active_person(catalyst, outsider):
    territories = make_territories()
    services.profile_update(
        user=catalyst,
        first_name="Amandine",
        last_name="Moreau",
        world="association",
        territory=territories["saint_etienne"],
        bio="Catalyseuse à Saint-Étienne.",
        themes=["social"],
        skills="ESS, Insertion",
        directory_consent=True,
    )
    services.directory_consent_set(user=catalyst, granted=False)
    services.directory_consent_set(user=catalyst, granted=True)
    services.organisation_create(creator=catalyst, name="Loire Solidarités", org_type="association")
    other = services.organisation_create(creator=outsider, name="Autre association", org_type="association")
    services.organisation_request_join(user=catalyst, organisation=other, title="Bénévole")
    return catalyst


@pytest.fixture
def hooks():
    """A later app's exporter and eraser, plugged through the registry."""
    seen: list[str] = []
    exporter = PersonalDataExporter(key="test_contributions", export=lambda user: [{"title": "Ma ressource"}])
    eraser = PersonalDataEraser(key="test_contributions", erase=lambda user: seen.append(user.email))
    registry.add_personal_data_exporter(exporter)
    registry.add_personal_data_eraser(eraser)
    yield seen
    registry.personal_data_exporters.remove(exporter)
    registry.personal_data_erasers.remove(eraser)


def test_it_downloads_all_the_data_of_a_person_as_json(client, active_person, hooks):
    client.force_login(active_person)
    response = client.get("/profil/donnees/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="catalyse-mes-donnees-')
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["user"]["email"] == "amandine.catalyseuse@exemple.fr"
    assert data["user"]["first_name"] == "Amandine"
    assert sorted(data["user"]["roles"]) == ["catalyst", "member"]
    assert data["profile"]["territory"] == "commune:42218"
    assert data["profile"]["skills"] == ["ESS", "Insertion"]
    assert data["profile"]["directory_consent"] is True
    assert [(c["granted"], c["text_version"]) for c in data["consents"]] == [
        (True, "annuaire-2026-01"),
        (False, "annuaire-2026-01"),
        (True, "annuaire-2026-01"),
    ]
    assert all(c["text"] for c in data["consents"])
    assert sorted((m["organisation"], m["role"], m["status"]) for m in data["memberships"]) == [
        ("Autre association", "member", "pending"),
        ("Loire Solidarités", "admin", "active"),
    ]
    assert data["emails"] == [{"email": "amandine.catalyseuse@exemple.fr", "verified": True, "primary": True}]
    assert data["test_contributions"] == [{"title": "Ma ressource"}]


def test_it_asks_a_visitor_to_log_in_before_downloading(client):
    response = client.get("/profil/donnees/export.json")
    assert response.status_code == 302


def test_it_erases_the_account_after_checking_the_password(client, active_person, outsider, hooks):
    client.force_login(active_person)
    refused = client.post("/profil/donnees/supprimer/", {"password": "pas-le-bon", "confirm": "on"})
    assert refused.status_code == 400
    assert "Ce mot de passe n’est pas le bon" in refused.content.decode()
    unconfirmed = client.post("/profil/donnees/supprimer/", {"password": DEFAULT_PASSWORD})
    assert "Cochez cette case" in unconfirmed.content.decode()
    assert User.objects.get(pk=active_person.pk).is_active

    response = client.post("/profil/donnees/supprimer/", {"password": DEFAULT_PASSWORD, "confirm": "on"}, follow=True)
    assert "Votre compte et vos données personnelles ont été supprimés" in response.content.decode()
    assert "_auth_user_id" not in client.session

    erased = User.objects.get(pk=active_person.pk)  # the row stays, for contributions
    assert erased.erased_at is not None
    assert not erased.is_active
    assert erased.email == f"compte-supprime-{erased.pk}@anonyme.invalid"
    assert (erased.first_name, erased.last_name) == ("", "")
    assert not erased.has_usable_password()
    assert str(erased) == "Compte supprimé"
    assert not erased.groups.exists()
    assert not Profile.objects.filter(user=erased).exists()
    assert not ConsentRecord.objects.filter(user=erased).exists()
    assert not Membership.objects.filter(user=erased).exists()
    assert not EmailAddress.objects.filter(user=erased).exists()
    assert hooks == ["amandine.catalyseuse@exemple.fr"]  # apps erased their part first
    # The organisations stay; the one it administered alone has no member left.
    assert Organisation.objects.filter(name="Loire Solidarités").exists()


def test_it_refuses_to_log_in_an_erased_person(client, catalyst):
    email = catalyst.email
    services.user_erase(user=catalyst)
    response = client.post("/comptes/login/", {"login": email, "password": DEFAULT_PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "L’adresse électronique ou le mot de passe est incorrect" in response.content.decode()
    assert client.get(f"/membres/{catalyst.pk}/").status_code == 404


def test_it_ends_the_open_sessions_of_an_erased_person(client, catalyst):
    client.force_login(catalyst)
    services.user_erase(user=catalyst)
    assert client.get("/profil/").status_code == 302


def test_it_hands_an_organisation_over_when_its_last_admin_is_erased(catalyst, outsider, pilot_member):
    organisation = services.organisation_create(creator=catalyst, name="Relais", org_type="association")
    for person in (outsider, pilot_member):
        services.membership_accept(
            membership=services.organisation_request_join(user=person, organisation=organisation), by=catalyst
        )
    services.user_erase(user=catalyst)
    assert organisation.is_admin(outsider)
    assert not organisation.is_admin(pilot_member)


def test_it_lets_the_same_address_sign_up_again_after_erasure(client, catalyst, inbox):
    email = catalyst.email
    services.user_erase(user=catalyst)
    client.post("/comptes/signup/", {"email": email, "password1": DEFAULT_PASSWORD, "password2": DEFAULT_PASSWORD})
    assert User.objects.filter(email=email, is_active=True).exists()
