"""Pages of the needs and offers: list and filters (query count), detail with suggestions, publish/edit/close per
role, bad input, an organisation's listings, the territory block."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from catalyse.matching import services
from catalyse.matching.models import Listing, OrganisationCard, Status
from catalyse.matching.tests.conftest import join, make_org, publish
from catalyse.test import make_person

pytestmark = pytest.mark.django_db

LIST_URL = reverse("matching:listing-list")
CREATE_URL = reverse("matching:listing-create")


def form(**extra: Any) -> dict[str, Any]:
    return {
        "direction": "need",
        "kind": "locaux",
        "title": "Un atelier pour notre chantier d’insertion",
        "description": "Deux jours par semaine, pour huit personnes.",
        "themes": ["social"],
        "territory": "",
        "ends_on": "",
        **extra,
    }


# ---------------------------------------------------------------- list


def test_visitors_see_open_listings_not_closed_ones(client, association, member):
    shown = publish(association, title="Des locaux pour nos ateliers")
    hidden = publish(association, title="Une salle déjà trouvée")
    hidden.status = Status.CLOSED
    hidden.save()
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert shown.title in response.text
    assert hidden.title not in response.text
    assert "1 annonce ouverte" in response.text


def test_the_list_filters_by_direction_kind_enjeu_and_territory(client, rings, association, member):
    lyon = make_org("Entreprise lyonnaise", "entreprise", rings["lyon"])
    need = publish(association, kind="locaux", themes=["social"], title="Besoin de locaux stéphanois")
    offer = publish(lyon, direction="offer", kind="financement", themes=["environnemental"], title="Offre de mécénat")
    cases = [
        ({"sens": "offer"}, {offer}),
        ({"sens": "need"}, {need}),
        ({"nature": ["financement"]}, {offer}),
        ({"enjeu": ["social"]}, {need}),
        ({"enjeu": ["social", "environnemental"]}, set()),
        ({"territoire": "departement:42"}, {need}),
        ({"territoire": "region:84"}, {need, offer}),
        ({"territoire": "commune:69123"}, {offer}),
    ]
    for params, expected in cases:
        response = client.get(LIST_URL, params)
        assert response.status_code == 200
        shown = {item for item in (need, offer) if item.title in response.text}
        assert shown == expected, params


def test_the_list_answers_an_htmx_request_with_the_results_only(client, association, member):
    publish(association, title="Des locaux pour nos ateliers")
    response = client.get(LIST_URL, {"sens": "need"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Des locaux pour nos ateliers" in response.text
    assert "<html" not in response.text


def test_the_list_query_count_does_not_grow_with_the_listings(
    client, rings, association, member, django_assert_num_queries
):
    publish(association)
    client.get(LIST_URL)  # warm the caches (content types, site)
    with django_assert_num_queries(2):  # the count, the page with organisations and territories
        client.get(LIST_URL)
    for index in range(12):
        org = make_org(f"Organisation {index}", "entreprise", rings["roanne"])
        publish(org, direction="offer", title=f"Offre numéro {index}")
    with django_assert_num_queries(2):
        response = client.get(LIST_URL)
    assert "13 annonces ouvertes" in response.text


def test_bad_filters_do_not_break_the_list(client, association, member):
    publish(association)
    response = client.get(LIST_URL, {"nature": "n-importe-quoi", "territoire": "zzz", "page": "abc"})
    assert response.status_code == 200


# ---------------------------------------------------------------- detail


def test_a_visitor_sees_a_need_and_its_suggestions_but_no_contact_form(client, rings, association, member):
    make_org("Menuiserie coopérative", "entreprise", rings["saint_chamond"])
    need = publish(association, title="Un atelier pour nos chantiers")
    response = client.get(need.get_absolute_url())
    assert response.status_code == 200
    assert "Menuiserie coopérative" in response.text
    assert "Entreprise du même EPCI (Saint-Étienne Métropole)" in response.text
    assert "Connectez-vous" in response.text
    assert "Envoyer le message" not in response.text


def test_a_member_of_another_organisation_sees_suggestions_without_contacting(client, rings, association, member):
    make_org("Menuiserie coopérative", "entreprise", rings["saint_chamond"])
    need = publish(association)
    other = make_person(email="autre@exemple.fr")
    join(other, make_org("Autre association", "association", rings["roanne"]))
    client.force_login(other)
    response = client.get(need.get_absolute_url())
    assert "Menuiserie coopérative" in response.text
    assert "Seuls les membres de Loire Solidarités Emploi" in response.text
    assert "Envoyer le message" not in response.text


def test_a_member_sees_a_contact_form_for_each_suggestion(client, rings, association, member):
    make_org("Menuiserie coopérative", "entreprise", rings["saint_chamond"])
    need = publish(association)
    client.force_login(member)
    response = client.get(need.get_absolute_url())
    assert "Contacter Menuiserie coopérative" in response.text


def test_an_offer_has_no_suggestions(client, rings, association, member):
    make_org("Menuiserie coopérative", "entreprise", rings["saint_chamond"])
    offer = publish(association, direction="offer")
    response = client.get(offer.get_absolute_url())
    assert response.status_code == 200
    assert "Menuiserie coopérative" not in response.text


def test_an_unknown_listing_is_a_404(client, db):
    assert client.get(reverse("matching:listing-detail", kwargs={"pk": 999})).status_code == 404


# ---------------------------------------------------------------- publish


def test_a_visitor_is_sent_to_log_in_to_publish(client, db):
    response = client.get(CREATE_URL)
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]
    response = client.post(CREATE_URL, form())
    assert response.status_code == 302
    assert Listing.objects.count() == 0


def test_someone_without_organisation_is_told_how_to_join_one(client, outsider):
    client.force_login(outsider)
    response = client.get(CREATE_URL)
    assert response.status_code == 200
    assert "Trouver ou inscrire mon organisation" in response.text
    response = client.post(CREATE_URL, form())
    assert Listing.objects.count() == 0


def test_a_member_publishes_a_need_and_lands_on_its_suggestions(client, rings, association, member):
    make_org("Menuiserie coopérative", "entreprise", rings["saint_chamond"])
    client.force_login(member)
    response = client.post(CREATE_URL, form(organisation=association.pk, themes=["social", "economique"]))
    listing = Listing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == listing.get_absolute_url()
    assert (listing.organisation, listing.created_by, listing.territory) == (
        association,
        member,
        rings["saint_etienne"],
    )
    assert listing.theme_list() == ["economique", "social"]
    assert (listing.epci, listing.departement, listing.region) == (rings["sem"], rings["loire"], rings["aura"])
    page = client.get(response["Location"])
    assert "Votre besoin est publié" in page.text
    assert "Menuiserie coopérative" in page.text
    card = OrganisationCard.objects.get(organisation=association)
    assert card.themes == listing.themes


def test_a_member_publishes_an_offer_in_another_territory(client, rings, association, member):
    client.force_login(member)
    response = client.post(
        CREATE_URL,
        form(organisation=association.pk, direction="offer", territory="Roanne", territory_ref="commune:42187"),
    )
    assert response.status_code == 302
    listing = Listing.objects.get()
    assert listing.territory == rings["roanne"]
    assert OrganisationCard.objects.get(organisation=association).offer_kinds == 1 << 3  # locaux


@pytest.mark.parametrize("role", ["catalyst", "facilitator", "administrator", "pending"])
def test_only_active_members_publish_for_an_organisation(client, request, role, association):
    if role == "pending":
        person = make_person(email="en-attente@exemple.fr")
        join(person, association, active=False)
    else:
        person = request.getfixturevalue(role)
    client.force_login(person)
    response = client.post(CREATE_URL, form(organisation=association.pk))
    assert Listing.objects.count() == 0
    assert response.status_code in (200, 422)


def test_a_member_cannot_publish_for_another_organisation(client, rings, association, member):
    other = make_org("Entreprise voisine", "entreprise", rings["saint_etienne"])
    client.force_login(member)
    response = client.post(CREATE_URL, form(organisation=other.pk))
    assert response.status_code == 422
    assert "Choisissez une organisation dont vous êtes membre." in response.text
    assert Listing.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "Donnez un titre à votre besoin ou à votre offre."),
        ("title", "Abc", "Donnez un titre d’au moins 5 caractères"),
        ("title", "x" * 141, "140"),
        ("description", "   ", "Décrivez en quelques lignes ce dont il s’agit"),
        ("kind", "yacht", "Sélectionnez un choix valide"),
        ("kind", "", "Choisissez la nature"),
        ("direction", "", "Choisissez s’il s’agit d’un besoin ou d’une offre."),
        ("themes", ["culture"], "Choisissez les enjeux dans la liste proposée."),
        ("ends_on", "2020-01-01", "La date de fin est passée"),
        ("ends_on", "31/02/2027", "Indiquez une date valide"),
        ("territory", "Atlantide", "territoire"),
    ],
)
def test_bad_input_says_what_to_fix_and_writes_nothing(client, association, member, field, value, message):
    client.force_login(member)
    response = client.post(CREATE_URL, form(organisation=association.pk, **{field: value}))
    assert response.status_code == 422
    assert message in response.text
    assert Listing.objects.count() == 0


# ---------------------------------------------------------------- edit and close


def edit_url(listing: Listing) -> str:
    return reverse("matching:listing-edit", kwargs={"pk": listing.pk})


def close_url(listing: Listing) -> str:
    return reverse("matching:listing-close", kwargs={"pk": listing.pk})


def test_a_member_edits_a_listing(client, association, member):
    listing = publish(association)
    client.force_login(member)
    assert client.get(edit_url(listing)).status_code == 200
    data = form(title="Un atelier plus grand", kind="materiel", themes=["environnemental"])
    response = client.post(edit_url(listing), data)
    assert response.status_code == 302
    listing.refresh_from_db()
    assert (listing.title, listing.kind, listing.theme_list()) == (
        "Un atelier plus grand",
        "materiel",
        ["environnemental"],
    )


def test_an_unchanged_past_end_date_does_not_block_an_edit(client, association, member):
    listing = publish(association)
    Listing.objects.filter(pk=listing.pk).update(ends_on=datetime.date(2020, 5, 1))
    client.force_login(member)
    response = client.post(edit_url(listing), form(title="Un nouveau titre", ends_on="2020-05-01"))
    assert response.status_code == 302


@pytest.mark.parametrize("role", ["catalyst", "facilitator", "outsider", "pilot_member"])
def test_people_outside_the_organisation_cannot_edit_nor_close(client, request, role, association, member):
    listing = publish(association)
    client.force_login(request.getfixturevalue(role))
    assert client.get(edit_url(listing)).status_code == 403
    assert client.post(edit_url(listing), form(title="Piraté !")).status_code == 403
    assert client.post(close_url(listing)).status_code == 403
    listing.refresh_from_db()
    assert (listing.title, listing.status) == ("Un atelier pour nos chantiers", Status.OPEN)


def test_a_visitor_is_sent_to_log_in_to_edit(client, association, member):
    listing = publish(association)
    assert client.get(edit_url(listing)).status_code == 302
    assert client.post(close_url(listing)).status_code == 302
    assert Listing.objects.get().status == Status.OPEN


def test_a_platform_administrator_may_close_a_listing(client, administrator, association, member):
    listing = publish(association)
    client.force_login(administrator)
    assert client.post(close_url(listing)).status_code == 302
    assert Listing.objects.get().status == Status.CLOSED


def test_a_member_closes_and_reopens(client, association, member):
    offer = publish(association, direction="offer")
    client.force_login(member)
    response = client.post(close_url(offer))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Status.CLOSED and offer.closed_at is not None
    assert OrganisationCard.objects.get(organisation=association).offer_kinds == 0
    assert offer.title not in client.get(LIST_URL).text
    client.post(close_url(offer), {"action": "rouvrir"})
    offer.refresh_from_db()
    assert offer.status == Status.OPEN
    assert OrganisationCard.objects.get(organisation=association).offer_kinds != 0


def test_close_needs_a_post(client, association, member):
    listing = publish(association)
    client.force_login(member)
    assert client.get(close_url(listing)).status_code == 405


def test_expired_listings_close(association, member):
    from catalyse.matching.services import listings_close_expired

    listing = publish(association, ends_on=timezone.localdate())
    assert listings_close_expired(today=timezone.localdate()) == 0
    assert listings_close_expired(today=timezone.localdate() + datetime.timedelta(days=1)) == 1
    listing.refresh_from_db()
    assert listing.status == Status.CLOSED


# ---------------------------------------------------------------- organisation and territory pages


def test_an_organisation_page_lists_its_open_and_closed_listings(client, association, member):
    publish(association, title="Une annonce ouverte")
    closed = publish(association, title="Une annonce close")
    closed.status = Status.CLOSED
    closed.save()
    url = reverse("matching:organisation-listings", kwargs={"slug": association.slug})
    response = client.get(url)
    assert response.status_code == 200
    assert "Une annonce ouverte" in response.text and "Une annonce close" in response.text
    assert "Publier un besoin ou une offre" not in response.text
    client.force_login(member)
    assert "Publier un besoin ou une offre" in client.get(url).text


def test_the_territory_page_shows_open_needs_and_offers_there(client, rings, association, member):
    publish(association, title="Un atelier à Saint-Étienne")
    lyon = make_org("Entreprise lyonnaise", "entreprise", rings["lyon"])
    publish(lyon, direction="offer", title="Du matériel à Lyon", kind="materiel")
    response = client.get(rings["loire"].get_absolute_url())
    assert response.status_code == 200
    assert "Besoins et offres des organisations" in response.text
    assert "Un atelier à Saint-Étienne" in response.text
    assert "Du matériel à Lyon" not in response.text


def test_the_commands_close_expired_listings_and_rebuild_the_cards(association, member):
    from io import StringIO

    from django.core.management import call_command

    listing = publish(association, direction="offer")
    Listing.objects.filter(pk=listing.pk).update(ends_on=datetime.date(2020, 1, 1))
    out = StringIO()
    call_command("close_expired_listings", stdout=out)
    assert "Annonces closes : 1." in out.getvalue()
    assert Listing.objects.get().status == Status.CLOSED
    OrganisationCard.objects.all().delete()
    call_command("rebuild_matching_cards", stdout=out)
    assert OrganisationCard.objects.get(organisation=association).offer_kinds == 0


def test_every_page_uses_french_typography(client, rings, association, member):
    from catalyse.tests_support.typography import typography_errors

    make_org("Menuiserie coopérative", "entreprise", rings["saint_chamond"])
    need = publish(association, themes=["social"])
    client.force_login(member)
    urls = [
        LIST_URL,
        f"{LIST_URL}?enjeu=culture",
        need.get_absolute_url(),
        CREATE_URL,
        edit_url(need),
        reverse("matching:organisation-listings", kwargs={"slug": association.slug}),
        rings["loire"].get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert typography_errors(response.content.decode()) == [], url
    client.logout()
    assert typography_errors(client.get(need.get_absolute_url()).content.decode()) == []


def test_it_shows_an_organisations_open_listings_on_its_page_and_offers_its_members_to_publish(
    client: Any, association: Any, member: Any
) -> None:
    page_url = reverse("accounts:organisation-detail", args=[association.slug])
    create_url = f"{reverse('matching:listing-create')}?organisation={association.slug}"
    # Nothing published: the block is for the members only, with the way to publish.
    assert "Besoins et offres" not in client.get(page_url).content.decode()
    client.force_login(member)
    assert create_url in client.get(page_url).content.decode()
    listing = publish(association, title="Un local pour l’atelier vélo")
    closed = publish(association, title="Du matériel de cuisine")
    services.listing_close(listing=closed, by=member)
    client.logout()
    page = client.get(page_url).content.decode()
    assert listing.get_absolute_url() in page
    assert closed.get_absolute_url() not in page
    assert reverse("matching:organisation-listings", args=[association.slug]) in page
    assert create_url not in page
