"""Organisations: identifiers, creation, joining, decisions by their administrators only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalyse.accounts import services
from catalyse.accounts.models import MemberRole, Membership, MemberStatus, Organisation
from catalyse.accounts.validators import luhn_valid, validate_rna, validate_siren
from catalyse.test import make_person, make_territories

pytestmark = pytest.mark.django_db


def organisation_data(**overrides):
    data = {
        "name": "Menuiserie coopérative du Pilat",
        "org_type": "entreprise",
        "size": "small",
        "siren": "812 345 676",
        "rna": "",
        "territory": "",
        "website": "https://menuiserie.exemple.fr",
        "description": "SCOP de menuiserie.",
        "creator_title": "Cogérant",
    }
    data.update(overrides)
    return data


@pytest.fixture
def organisation(catalyst):
    return services.organisation_create(
        creator=catalyst, name="Loire Solidarités Emploi", org_type="association", rna="W423004512"
    )


# ------------------------------------------------------------- identifiers


@pytest.mark.parametrize("siren", ["552100554", "812345676", "200068781", "552 100 554", "356000000"])
def test_it_accepts_valid_sirens_including_la_poste(siren):
    validate_siren(siren)


def test_it_computes_the_luhn_key():
    assert luhn_valid("552100554")
    assert not luhn_valid("552100555")


@pytest.mark.parametrize(
    ("siren", "message"),
    [
        ("55210055", "9 chiffres"),
        ("5521005541", "9 chiffres"),
        ("55210055A", "9 chiffres"),
        ("552100555", "clé de contrôle"),
        ("123456789", "clé de contrôle"),
    ],
)
def test_it_refuses_bad_sirens_with_a_french_reason(siren, message):
    with pytest.raises(ValidationError) as error:
        validate_siren(siren)
    assert message in error.value.messages[0]


@pytest.mark.parametrize("rna", ["W423004512", "w423004512", "W 423 004 512"])
def test_it_accepts_rna_numbers(rna):
    validate_rna(rna)


@pytest.mark.parametrize("rna", ["423004512", "W42300451", "X423004512", "W4230045123"])
def test_it_refuses_bad_rna_numbers(rna):
    with pytest.raises(ValidationError) as error:
        validate_rna(rna)
    assert "W suivie de 9 chiffres" in error.value.messages[0]


# ---------------------------------------------------------------- creation


def test_it_creates_an_organisation_whose_creator_is_admin(client, catalyst):
    territories = make_territories()
    client.force_login(catalyst)
    response = client.post("/organisations/nouvelle/", organisation_data(territory="42218"))
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response.url == f"/organisations/{organisation.slug}/"
    assert organisation.slug == "menuiserie-cooperative-du-pilat"
    assert organisation.siren == "812345676"  # spaces removed
    assert organisation.territory == territories["saint_etienne"]
    assert organisation.created_by == catalyst
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role, membership.status, membership.title) == (
        catalyst,
        MemberRole.ADMIN,
        MemberStatus.ACTIVE,
        "Cogérant",
    )
    page = client.get(response.url).content.decode()
    assert "Menuiserie coopérative du Pilat" in page
    assert "Demandes en attente" in page  # the admin's tools


def test_it_gives_unique_slugs_and_never_the_reserved_one(catalyst):
    first = services.organisation_create(creator=catalyst, name="Nouvelle", org_type="autre")
    second = services.organisation_create(creator=catalyst, name="Nouvelle", org_type="autre")
    assert first.slug == "nouvelle-2"
    assert second.slug == "nouvelle-3"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"siren": "812345677"}, "siren", "clé de contrôle"),
        ({"siren": "81234"}, "siren", "9 chiffres"),
        ({"siren": ""}, "siren", "obligatoire pour une entreprise ou une collectivité"),
        ({"org_type": "collectivite", "siren": ""}, "siren", "obligatoire pour une entreprise"),
        ({"rna": "W423004512"}, "rna", "ne concerne que les associations"),
        ({"org_type": "association", "siren": "", "rna": "423004512"}, "rna", "W suivie de 9 chiffres"),
        ({"name": ""}, "name", "Ce champ est obligatoire"),
        ({"org_type": "ovni"}, "org_type", "Sélectionnez un choix valide"),
        ({"website": "pas une adresse"}, "website", "Saisissez une URL valide"),
        ({"territory": "Atlantide"}, "territory", "aucun territoire"),
    ],
)
def test_it_explains_what_to_fix_and_creates_nothing(client, catalyst, overrides, field, message):
    client.force_login(catalyst)
    response = client.post("/organisations/nouvelle/", organisation_data(**overrides))
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert f'id="id_{field}-erreur"' in body
    assert not Organisation.objects.exists()
    if field == "siren" and overrides["siren"]:
        assert "Indiquez le SIREN" not in body  # a wrong SIREN is not also reported missing


def test_it_accepts_an_association_without_siren(client, catalyst):
    client.force_login(catalyst)
    response = client.post(
        "/organisations/nouvelle/",
        organisation_data(name="Les Jardins du Scorff", org_type="association", siren="", rna="w563002781"),
    )
    assert response.status_code == 302
    assert Organisation.objects.get().rna == "W563002781"


def test_it_points_to_the_organisation_that_already_has_the_siren(client, catalyst, outsider):
    services.organisation_create(creator=outsider, name="Déjà là", org_type="entreprise", siren="812345676")
    client.force_login(catalyst)
    body = client.post("/organisations/nouvelle/", organisation_data()).content.decode()
    assert "«\u00a0Déjà là\u00a0» a déjà ce SIREN" in body
    assert Organisation.objects.count() == 1


def test_it_asks_a_visitor_to_log_in_before_creating(client):
    response = client.get("/organisations/nouvelle/")
    assert response.status_code == 302
    assert response.url.startswith("/comptes/login/")


# -------------------------------------------------------------- membership


def test_it_lets_a_person_ask_to_join_then_an_admin_accept(
    client, organisation, catalyst, outsider, inbox, django_capture_on_commit_callbacks
):
    client.force_login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/organisations/{organisation.slug}/rejoindre/", {"title": "Bénévole"}, follow=True)
    assert "Votre demande est envoyée" in response.content.decode()
    membership = Membership.objects.get(user=outsider)
    assert (membership.status, membership.role, membership.title) == (
        MemberStatus.PENDING,
        MemberRole.MEMBER,
        "Bénévole",
    )
    [request_mail] = inbox.wait_for(1)
    assert request_mail["To"] == catalyst.email
    assert "Léa Rousseau" in inbox.text(request_mail)
    assert f"/organisations/{organisation.slug}/" in inbox.text(request_mail)

    # Asking twice changes nothing.
    client.post(f"/organisations/{organisation.slug}/rejoindre/")
    assert Membership.objects.filter(user=outsider).count() == 1

    client.force_login(catalyst)
    page = client.get(f"/organisations/{organisation.slug}/").content.decode()
    assert "Léa Rousseau" in page and outsider.email in page
    inbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/organisations/{organisation.slug}/membres/{membership.pk}/accepter/")
    membership.refresh_from_db()
    assert membership.status == MemberStatus.ACTIVE
    assert membership.decided_at is not None
    [accepted_mail] = inbox.wait_for(1)
    assert accepted_mail["To"] == outsider.email
    assert "Bienvenue dans Loire Solidarités Emploi" in accepted_mail["Subject"]


@pytest.mark.parametrize("action", ["accepter", "refuser", "retirer", "nommer-admin"])
def test_it_forbids_a_non_admin_to_decide(client, organisation, outsider, pilot_member, facilitator, action):
    membership = services.organisation_request_join(user=outsider, organisation=organisation)
    for person in (pilot_member, facilitator) if action == "retirer" else (outsider, pilot_member, facilitator):
        client.force_login(person)
        response = client.post(f"/organisations/{organisation.slug}/membres/{membership.pk}/{action}/")
        assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.status == MemberStatus.PENDING
    assert membership.role == MemberRole.MEMBER


def test_it_lets_a_person_withdraw_their_own_request(client, organisation, outsider):
    membership = services.organisation_request_join(user=outsider, organisation=organisation)
    client.force_login(outsider)
    client.post(f"/organisations/{organisation.slug}/membres/{membership.pk}/retirer/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_it_forbids_a_plain_member_to_accept_in_the_service(organisation, outsider, pilot_member):
    services.membership_accept(
        membership=services.organisation_request_join(user=pilot_member, organisation=organisation),
        by=organisation.memberships.admins().get().user,
    )
    pending = services.organisation_request_join(user=outsider, organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.membership_accept(membership=pending, by=pilot_member)


def test_it_lets_a_platform_administrator_manage_any_organisation(client, organisation, outsider, administrator):
    membership = services.organisation_request_join(user=outsider, organisation=organisation)
    client.force_login(administrator)
    client.post(f"/organisations/{organisation.slug}/membres/{membership.pk}/accepter/")
    membership.refresh_from_db()
    assert membership.status == MemberStatus.ACTIVE


def test_it_refuses_a_request_and_tells_the_person(
    client, organisation, catalyst, outsider, inbox, django_capture_on_commit_callbacks
):
    membership = services.organisation_request_join(user=outsider, organisation=organisation)
    client.force_login(catalyst)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/organisations/{organisation.slug}/membres/{membership.pk}/refuser/")
    assert not Membership.objects.filter(user=outsider).exists()
    [mail] = [m for m in inbox.wait_for(1) if m["To"] == outsider.email]
    assert "n’ont pas accepté" in inbox.text(mail)


def test_it_removes_a_member_and_lets_a_member_leave(client, organisation, catalyst, outsider, pilot_member):
    admin = catalyst
    for person in (outsider, pilot_member):
        services.membership_accept(
            membership=services.organisation_request_join(user=person, organisation=organisation), by=admin
        )
    client.force_login(admin)
    removed = Membership.objects.get(user=outsider)
    client.post(f"/organisations/{organisation.slug}/membres/{removed.pk}/retirer/")
    assert not Membership.objects.filter(user=outsider).exists()

    client.force_login(pilot_member)
    own = Membership.objects.get(user=pilot_member)
    response = client.post(f"/organisations/{organisation.slug}/membres/{own.pk}/retirer/", follow=True)
    assert "Vous avez quitté l’organisation" in response.content.decode()
    assert not Membership.objects.filter(user=pilot_member).exists()


def test_it_keeps_at_least_one_admin(client, organisation, catalyst, outsider):
    services.membership_accept(
        membership=services.organisation_request_join(user=outsider, organisation=organisation), by=catalyst
    )
    own = Membership.objects.get(user=catalyst)
    client.force_login(catalyst)
    response = client.post(f"/organisations/{organisation.slug}/membres/{own.pk}/retirer/", follow=True)
    assert "dernier administrateur" in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()
    # Once another admin is named, the first one may leave.
    other = Membership.objects.get(user=outsider)
    client.post(f"/organisations/{organisation.slug}/membres/{other.pk}/nommer-admin/")
    client.post(f"/organisations/{organisation.slug}/membres/{own.pk}/retirer/")
    assert not Membership.objects.filter(pk=own.pk).exists()
    assert organisation.is_admin(outsider)


def test_it_lets_only_admins_edit_the_organisation(client, organisation, catalyst, outsider):
    url = f"/organisations/{organisation.slug}/modifier/"
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Piratée"}).status_code == 403
    client.force_login(catalyst)
    data = organisation_data(name="Loire Solidarités", org_type="association", siren="", rna="W423004512")
    response = client.post(url, data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Loire Solidarités"
    assert organisation.slug == "loire-solidarites-emploi"  # addresses stay stable


def test_it_lists_organisations_in_few_queries(client, catalyst, django_assert_max_num_queries):
    for index in range(12):
        services.organisation_create(creator=catalyst, name=f"Association {index}", org_type="association")
    with django_assert_max_num_queries(4):
        response = client.get("/organisations/")
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == 12


def test_it_filters_the_list_by_type_and_name(client, catalyst):
    services.organisation_create(creator=catalyst, name="Les Jardins", org_type="association")
    services.organisation_create(creator=catalyst, name="Menuiserie", org_type="entreprise", siren="812345676")
    body = client.get("/organisations/?type=entreprise").content.decode()
    assert "Menuiserie" in body and "Les Jardins" not in body
    body = client.get("/organisations/?q=jardin&type=nimporte").content.decode()
    assert "Les Jardins" in body and "Menuiserie" not in body


def test_it_answers_404_for_a_membership_of_another_organisation(client, organisation, catalyst, outsider):
    other = services.organisation_create(creator=outsider, name="Autre", org_type="autre")
    foreign = Membership.objects.get(organisation=other)
    client.force_login(catalyst)
    response = client.post(f"/organisations/{organisation.slug}/membres/{foreign.pk}/retirer/")
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_it_renders_organisation_pages_with_french_typography(client, organisation, catalyst):
    from catalyse.tests_support.typography import typography_errors

    client.force_login(catalyst)
    for url in ["/organisations/", f"/organisations/{organisation.slug}/", "/organisations/nouvelle/"]:
        assert typography_errors(client.get(url).content.decode()) == [], url
    client.logout()
    assert "Connectez-vous" in client.get(f"/organisations/{organisation.slug}/").content.decode()


def test_make_person_gives_a_verified_person_with_a_role():
    person = make_person(role=["catalyst", "editor"], territory=None)
    assert person.emailaddress_set.get().verified
    assert set(person.groups.values_list("name", flat=True)) == {"Catalyseurs territoriaux", "Éditeurs", "Membres"}


# ------------------------------------------------------------- blocks of other apps


def test_it_renders_the_blocks_other_apps_register_for_organisation_pages(client, organisation, tmp_path, settings):
    from catalyse.lib.registry import OrganisationBlock, registry

    (tmp_path / "block.html").write_text("<p>{{ greeting }} {{ organisation.name }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    shown = OrganisationBlock(
        key="essai", title="Bloc d’essai", template="block.html", context=lambda org, request: {"greeting": "Bonjour"}
    )
    hidden = OrganisationBlock(key="vide", title="Bloc vide", template="block.html", context=lambda org, request: None)
    registry.add_organisation_block(shown)
    registry.add_organisation_block(hidden)
    try:
        page = client.get(organisation.get_absolute_url()).content.decode()
    finally:
        registry.organisation_blocks.remove(shown)
        registry.organisation_blocks.remove(hidden)
    assert '<h2 id="bloc-essai">Bloc d’essai</h2><p>Bonjour Loire Solidarités Emploi</p>' in page
    assert "Bloc vide" not in page


def test_it_writes_the_error_summary_with_french_typography() -> None:
    from django.template.loader import render_to_string

    from catalyse.tests_support.typography import typography_errors

    html = render_to_string(
        "accounts/includes/form_errors.html",
        {"items": [{"anchor": "id_name", "label": "Nom", "message": "Ce champ est obligatoire."}]},
    )
    assert "Nom\u00a0: Ce champ" in html
    assert typography_errors(html) == []
