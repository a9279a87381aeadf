"""The demo people and organisations: idempotent, valid, able to sign in."""

import pytest
from allauth.account.models import EmailAddress

from catalyse.accounts.demo import ADMIN_EMAIL, DEMO_PASSWORD, ORGANISATIONS, PEOPLE, demo_load
from catalyse.accounts.models import ConsentRecord, Membership, Organisation, User
from catalyse.accounts.roles import Role, user_has_role
from catalyse.accounts.validators import validate_rna, validate_siren
from catalyse.lib.registry import registry
from catalyse.test import make_territories

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_twice_without_duplicates():
    make_territories()
    assert demo_load() == {"personnes": len(PEOPLE), "organisations": len(ORGANISATIONS)}
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
    consents = ConsentRecord.objects.count()
    demo_load()
    assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count()) == counts
    assert ConsentRecord.objects.count() == consents
    assert counts[0] == 12
    assert Membership.objects.filter(status="pending").count() == 1


def test_it_is_registered_for_load_demo():
    [loader] = [loader for loader in registry.demo_loaders if loader.key == "accounts"]
    assert loader.load is demo_load
    # People and organisations come before the apps whose demo content they author.
    assert loader.order == 10


def test_it_gives_demo_organisations_valid_identifiers():
    demo_load()
    for organisation in Organisation.objects.all():
        organisation.full_clean()
        if organisation.siren:
            validate_siren(organisation.siren)
        if organisation.rna:
            validate_rna(organisation.rna)
    assert Organisation.objects.filter(org_type="collectivite", siren="200068781").exists()
    assert Organisation.objects.filter(org_type="entreprise").exclude(siren="").count() == 2


def test_it_places_demo_content_in_territories_when_loaded():
    territories = make_territories()
    demo_load()
    assert Organisation.objects.get(slug="loire-solidarites-emploi").territory == territories["saint_etienne"]
    assert User.objects.get(email="amandine.moreau@catalyse.localhost").profile.territory is not None


def test_it_skips_territories_that_are_not_loaded():
    demo_load()
    assert Organisation.objects.get(slug="loire-solidarites-emploi").territory is None


def test_it_lets_the_demo_administrator_sign_in(client):
    demo_load()
    admin = User.objects.get(email=ADMIN_EMAIL)
    assert EmailAddress.objects.get(user=admin).verified
    assert user_has_role(admin, Role.ADMINISTRATOR)
    response = client.post("/comptes/login/", {"login": ADMIN_EMAIL, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    roles = {role for spec in PEOPLE for role in spec["roles"]}
    assert {Role.CATALYST, Role.FACILITATOR, Role.EDITOR, Role.ADMINISTRATOR} <= roles
