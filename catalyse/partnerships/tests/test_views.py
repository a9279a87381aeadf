"""The registry's and the observatory's pages: content, permissions per role, bad input, query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from catalyse.partnerships.models import Partnership
from catalyse.test import DEFAULT_PASSWORD, make_person

from .conftest import declare, join


def login(client: Any, user: Any) -> None:
    assert client.login(email=user.email, password=DEFAULT_PASSWORD)


def form_data(world: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = {
        "organisation": world["association"].pk,
        "organisation_role": "porteur",
        "title": "Repair café du quartier",
        "description": "Un atelier de réparation chaque samedi.",
        "modes": ["innovation_societale", "mecenat"],
        "themes": ["environnemental"],
        "territory": "commune:42218",
        "start_year": "2022",
        "end_year": "",
        "is_public": "on",
        "partner_1": world["company"].slug,
        "partner_1_role": "financeur",
        "partner_2": "",
        "partner_2_role": "partenaire",
        "partner_3": "",
        "partner_3_role": "partenaire",
        "indicator_1_name": "Objets réparés",
        "indicator_1_value": "340",
        "indicator_1_unit": "objets",
        "indicator_1_date": "2024-12-31",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# ------------------------------------------------------------------ list


@pytest.mark.django_db
def test_it_lists_only_public_confirmed_partnerships_with_facets(
    client: Any, world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    declare(world, title="Public et confirmé", status="confirmed", modes=["mecenat"])
    declare(world, title="Confidentiel", status="confirmed", is_public=False)
    declare(world, title="En attente", status="declared")
    for i in range(25):
        declare(world, title=f"Série {i}", status="confirmed", start_year=2000 + i % 20)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("partnerships:partnership-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Public et confirmé" in html or "Page suivante" in html
    assert "Confidentiel" not in html and "En attente" not in html
    assert "26 partenariats publics" in html
    assert "Mécénat" in html
    second = client.get(reverse("partnerships:partnership-list"), {"page": "2"})
    assert "Public et confirmé" in (html + second.content.decode())


@pytest.mark.django_db
def test_it_filters_the_list_by_facets_and_territory(client: Any, world: dict[str, Any]) -> None:
    declare(world, title="À Saint-Étienne", status="confirmed", themes=["social"])
    declare(
        world, title="À La Réunion", status="confirmed", territory=world["saint_denis_974"], themes=["environnemental"]
    )
    html = client.get(reverse("partnerships:partnership-list"), {"territoire": "departement:974"}).content.decode()
    assert "À La Réunion" in html and "À Saint-Étienne" not in html
    html = client.get(
        reverse("partnerships:partnership-list"), {"enjeu": "social", "type": "entreprise"}
    ).content.decode()
    assert "À Saint-Étienne" in html and "À La Réunion" not in html
    response = client.get(reverse("partnerships:partnership-list"), {"de": "2030", "a": "2000"})
    assert response.status_code == 400
    assert "Inversez-les" in response.content.decode()
    assert client.get(reverse("partnerships:partnership-list"), {"enjeu": "inconnu", "page": "x"}).status_code == 400


# ------------------------------------------------------------------ detail and visibility


@pytest.mark.django_db
def test_it_hides_a_non_public_partnership_from_outsiders(client: Any, world: dict[str, Any], outsider: Any) -> None:
    hidden = declare(world, title="Confidentiel", status="confirmed", is_public=False)
    url = hidden.get_absolute_url()
    assert client.get(url).status_code == 404
    login(client, outsider)
    assert client.get(url).status_code == 404
    login(client, world["bruno"])
    response = client.get(url)
    assert response.status_code == 200
    assert "non public" in response.content.decode()


@pytest.mark.django_db
def test_it_shows_a_public_partnership_to_everyone(client: Any, world: dict[str, Any]) -> None:
    import datetime
    from decimal import Decimal

    from catalyse.partnerships.services import IndicatorData

    shown = declare(
        world,
        status="confirmed",
        indicators=[IndicatorData("Personnes accompagnées", Decimal("120"), "personnes", datetime.date(2024, 6, 30))],
    )
    html = client.get(shown.get_absolute_url()).content.decode()
    assert "Chantier d’insertion partagé" in html
    assert "Personnes accompagnées" in html and "Menuiserie du Pilat" in html
    assert "Modifier le partenariat" not in html


# ------------------------------------------------------------------ declare


@pytest.mark.django_db
def test_it_lets_a_member_declare_a_partnership(
    client: Any, world: dict[str, Any], inbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    login(client, world["alice"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partnerships:partnership-create"), form_data(world))
    partnership = Partnership.objects.get(title="Repair café du quartier")
    assert response.status_code == 302 and response["Location"] == partnership.get_absolute_url()
    assert partnership.status == "declared"
    assert partnership.declared_by == world["alice"]
    assert partnership.mode_list == ["mecenat", "innovation_societale"]
    assert {link.organisation for link in partnership.partners.all()} == {world["association"], world["company"]}
    assert partnership.indicators.get().value == 340
    # The other partner's members are asked to confirm, by mail.
    [message] = inbox.wait_for(1)
    assert message["To"] == world["bruno"].email
    assert f"/partenariats/{partnership.pk}/confirmer/" in inbox.text(message)


@pytest.mark.django_db
def test_it_says_how_to_fix_a_wrong_declaration(client: Any, world: dict[str, Any]) -> None:
    login(client, world["alice"])
    response = client.post(
        reverse("partnerships:partnership-create"),
        form_data(world, modes=None, partner_1="organisation-inconnue", start_year="1850", territory="Saint-Denis"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Cochez au moins un mode d’action." in html
    assert "Aucune organisation inscrite ne porte ce nom" in html
    assert "Plusieurs territoires portent ce nom" in html and "commune:93066" in html
    assert not Partnership.objects.exists()


@pytest.mark.django_db
def test_it_lets_no_one_declare_for_an_organisation_they_are_not_in(
    client: Any, world: dict[str, Any], outsider: Any
) -> None:
    assert client.get(reverse("partnerships:partnership-create")).status_code == 302  # signed out: log in first
    login(client, outsider)
    response = client.get(reverse("partnerships:partnership-create"))
    assert "soyez d’abord membre d’une organisation" in response.content.decode()
    login(client, world["alice"])
    response = client.post(
        reverse("partnerships:partnership-create"), form_data(world, organisation=world["company"].pk)
    )
    assert response.status_code == 400
    pending = make_person(email="pending@exemple.fr")
    join(pending, world["association"], status="pending")
    login(client, pending)
    response = client.post(reverse("partnerships:partnership-create"), form_data(world))
    assert not Partnership.objects.exists()


# ------------------------------------------------------------------ confirm, edit, archive, delete


@pytest.mark.django_db
def test_it_lets_only_a_member_of_another_partner_confirm(client: Any, world: dict[str, Any], outsider: Any) -> None:
    partnership = declare(world)
    url = reverse("partnerships:partnership-confirm", args=[partnership.pk])
    login(client, world["alice"])  # she declared it, for her organisation
    assert client.post(url).status_code == 403
    login(client, outsider)
    assert client.post(url).status_code == 404
    login(client, world["bruno"])
    assert "Confirmer le partenariat" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == "confirmed" and partnership.confirmed_by == world["bruno"]
    assert client.post(url).status_code == 403  # once


@pytest.mark.django_db
def test_it_lets_partner_members_edit_and_archive(client: Any, world: dict[str, Any], outsider: Any) -> None:
    partnership = declare(world, status="confirmed")
    edit = reverse("partnerships:partnership-edit", args=[partnership.pk])
    login(client, outsider)
    assert client.get(edit).status_code == 403
    login(client, world["bruno"])
    page = client.get(edit)
    assert page.status_code == 200
    response = client.post(
        edit,
        form_data(world, organisation=world["company"].pk, partner_1=world["association"].slug, title="Nouveau titre"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    partnership.refresh_from_db()
    assert partnership.title == "Nouveau titre" and partnership.status == "confirmed"
    client.post(reverse("partnerships:partnership-archive", args=[partnership.pk]))
    partnership.refresh_from_db()
    assert partnership.status == "archived"


@pytest.mark.django_db
def test_it_lets_only_the_declaring_organisation_delete(client: Any, world: dict[str, Any]) -> None:
    partnership = declare(world, status="confirmed")
    url = reverse("partnerships:partnership-delete", args=[partnership.pk])
    login(client, world["bruno"])
    assert client.post(url).status_code == 403
    login(client, world["alice"])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Partnership.objects.exists()


@pytest.mark.django_db
def test_it_shows_an_organisations_partnerships(
    client: Any, world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    declare(world, title="Public", status="confirmed")
    declare(world, title="À confirmer", status="declared")
    url = reverse("partnerships:organisation-partnerships", args=[world["company"].slug])
    with django_assert_max_num_queries(8):
        html = client.get(url).content.decode()
    assert "Public" in html and "À confirmer" not in html
    login(client, world["bruno"])
    html = client.get(url).content.decode()
    assert "Confirmer « À confirmer »" in html


# ------------------------------------------------------------------ observatory


@pytest.mark.django_db
def test_it_shows_the_dashboards(client: Any, world: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    declare(world, status="confirmed", modes=["mecenat"], start_year=1993)
    declare(world, status="confirmed", territory=world["saint_denis_974"], start_year=2022)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("observatory:home"))
    assert response.status_code == 200
    html = response.content.decode()
    expected = (
        "Partenariats par mode d’action", "Partenariats par année de début", "Le temps du mécénat",
        "Partenariats par type d’organisation", "Partenariats par enjeu", "Partenariats par région",
        "Carte des départements", "Victor Cazanave", "1\u00a0200\u00a0000", "42\u00a0%", "La Réunion",
    )  # fmt: skip
    for text in expected:
        assert text in html, text
    assert 'class="choropleth"' in html and "Loire (42) : 1 partenariat" in html
    assert "observatoire-" not in html or ".csv" in html


@pytest.mark.django_db
def test_it_drills_down_to_a_commune(client: Any, world: dict[str, Any]) -> None:
    declare(world, status="confirmed")
    for ref, child in (
        ("region:84", "Loire"),
        ("departement:42", "Saint-Étienne Métropole"),
        ("epci:244200770", "Saint-Étienne"),
    ):
        html = client.get(reverse("observatory:home"), {"territoire": ref}).content.decode()
        assert child in html, ref
    html = client.get(reverse("observatory:home"), {"territoire": "commune:42218"}).content.decode()
    assert "Observatoire des alliances : Saint-Étienne" in html


@pytest.mark.django_db
def test_it_says_what_is_wrong_with_a_filter(client: Any, world: dict[str, Any]) -> None:
    response = client.get(reverse("observatory:home"), {"de": "abc"})
    assert response.status_code == 400
    assert "Paramètre de invalide" in response.content.decode()
    assert client.get(reverse("observatory:home"), {"territoire": "commune:00000"}).status_code == 400


@pytest.mark.django_db
def test_it_downloads_each_chart_as_csv(client: Any, world: dict[str, Any]) -> None:
    declare(world, status="confirmed", modes=["mecenat", "innovation_societale"])
    response = client.get(reverse("observatory:chart-csv", args=["modes"]))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "cle,libelle,partenariats,part_du_total_pct,part_nationale_estimee_pct"
    assert "mecenat,Mécénat,1,100.0,30" in lines
    for key in ("annees", "types", "enjeux", "territoires", "departements"):
        assert client.get(reverse("observatory:chart-csv", args=[key])).status_code == 200
    assert client.get(reverse("observatory:chart-csv", args=["inconnu"])).status_code == 404
    assert client.get(reverse("observatory:chart-csv", args=["modes"]), {"a": "x"}).status_code == 400


@pytest.mark.django_db
def test_it_gives_territory_pages_a_block(world: dict[str, Any], rf: Any) -> None:
    from catalyse.lib.registry import registry

    declare(world, status="confirmed", title="Visible")
    declare(world, status="confirmed", title="Caché", is_public=False)
    block = next(b for b in registry.territory_blocks if b.key == "partnerships")
    context = block.context(world["loire"], rf.get("/"))
    assert context is not None
    assert context["total"] == 2 and context["public_total"] == 1
    assert [p.title for p in context["partnerships"]] == ["Visible"]
    assert context["observatory_url"] == "/observatoire/?territoire=departement:42"


@pytest.mark.django_db
def test_it_points_the_observer_section_to_the_observatory(client: Any, db: Any) -> None:
    html = client.get("/").content.decode()
    assert 'href="/observatoire/"' in html


@pytest.mark.django_db
def test_it_uses_french_typography_on_every_page(client: Any, world: dict[str, Any]) -> None:
    from catalyse.tests_support.typography import typography_errors

    partnership = declare(world, status="declared")
    declare(world, status="confirmed", modes=["mecenat"])
    login(client, world["bruno"])
    urls = [
        reverse("observatory:home"),
        reverse("observatory:home") + "?territoire=epci:244200770&de=2000",
        reverse("partnerships:partnership-list"),
        partnership.get_absolute_url(),
        reverse("partnerships:partnership-confirm", args=[partnership.pk]),
        reverse("partnerships:partnership-create"),
        reverse("partnerships:partnership-edit", args=[partnership.pk]),
        reverse("partnerships:organisation-partnerships", args=[world["company"].slug]),
        reverse("observatory:network", args=["commune", "42218"]),
        reverse("observatory:network", args=["departement", "42"]) + "?mode=mecenat",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert typography_errors(response.content.decode()) == [], url


# ------------------------------------------------------------------ organisation pages


@pytest.mark.django_db
def test_it_shows_an_organisations_partnerships_on_its_page(
    client: Any, world: dict[str, Any], outsider: Any, django_assert_max_num_queries: Any
) -> None:
    declare(world, title="Public et confirmé", status="confirmed")
    declare(world, title="Confidentiel", status="confirmed", is_public=False)
    declare(world, title="En attente", status="declared")
    company_page = world["company"].get_absolute_url()

    with django_assert_max_num_queries(10):
        html = client.get(company_page).content.decode()
    assert 'id="bloc-partnerships"' in html
    assert "Public et confirmé" in html
    assert "Confidentiel" not in html and "En attente" not in html
    assert f'href="/partenariats/organisations/{world["company"].slug}/"' in html
    # No partnership to show: no block for a visitor.
    assert 'id="bloc-partnerships"' not in client.get(world["foundation"].get_absolute_url()).content.decode()

    login(client, outsider)
    html = client.get(company_page).content.decode()
    assert "Confidentiel" not in html and "Déclarer un partenariat" not in html

    login(client, world["bruno"])  # a member of the company, which did not declare « En attente »
    html = client.get(company_page).content.decode()
    assert "Confidentiel" in html and "En attente" in html
    assert "Un partenariat attend la confirmation de votre organisation." in html
    assert "Déclarer un partenariat" in html


@pytest.mark.django_db
def test_it_links_to_all_of_an_organisations_partnerships_beyond_five(client: Any, world: dict[str, Any]) -> None:
    for i in range(7):
        declare(world, title=f"Alliance {i}", status="confirmed", start_year=2000 + i)
    html = client.get(world["association"].get_absolute_url()).content.decode()
    assert html.count('class="plain-list partnership-mini-list"') == 1
    assert "Alliance 6" in html and "Alliance 1" not in html
    assert "Voir ses 7 partenariats" in html


# ------------------------------------------------------------------ French counters


@pytest.mark.django_db
def test_it_writes_french_counters_for_zero_and_one(client: Any, world: dict[str, Any]) -> None:
    """French takes the singular for 0 and 1: zero gets its own sentence, one the singular."""
    from django.template.loader import render_to_string

    from catalyse.partnerships.blocks import territory_partnerships_context

    def block(territory: Any) -> str:
        return render_to_string("partnerships/territory_block.html", territory_partnerships_context(territory, None))

    assert "Aucun partenariat confirmé dans ce territoire." in block(world["saint_etienne"])
    assert "Aucun partenariat public" in client.get("/partenariats/?territoire=commune:42218").content.decode()
    assert "aucun partenariat confirmé" in client.get("/observatoire/?territoire=commune:42218").content.decode()
    network = client.get("/observatoire/reseau/commune:42218/".replace(":", "/")).content.decode()
    assert "Aucun partenariat confirmé que vous pouvez voir" in network
    assert "0 partenariats" not in network and "0 organisations" not in network

    declare(world, status="confirmed")
    assert "1 partenariat confirmé dans ce territoire." in block(world["saint_etienne"])
    assert "1 partenariat public" in client.get("/partenariats/?territoire=commune:42218").content.decode()
    observatory = client.get("/observatoire/?territoire=commune:42218").content.decode()
    assert "partenariat confirmé —" in observatory and "partenariats confirmés —" not in observatory
    network = client.get("/observatoire/reseau/commune/42218/").content.decode()
    assert "Aucune organisation de Saint-Étienne n’est isolée" in network
    declare(world, status="confirmed", title="Deuxième")
    assert "2 partenariats confirmés dans ce territoire." in block(world["saint_etienne"])


# ------------------------------------------------------------------ permissions per role


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "detail", "edit", "delete"),
    [
        (None, 404, 302, 302),  # a visitor is sent to log in first for the pages that need it
        ("catalyst", 404, 404, 404),
        ("facilitator", 404, 404, 404),
        ("editor", 404, 404, 404),
        ("pilot_member", 404, 404, 404),
        ("outsider", 404, 404, 404),
        ("administrator", 200, 403, 200),  # sees and deletes any partnership; edits only as a partner
        ("alice", 200, 200, 200),  # a member of the declaring organisation
        ("bruno", 200, 200, 403),  # a member of the other partner
    ],
)
def test_it_guards_a_confidential_partnership_per_role(
    client: Any, world: dict[str, Any], request: Any, persona: str | None, detail: int, edit: int, delete: int
) -> None:
    partnership = declare(world, title="Accord confidentiel", status="confirmed", is_public=False)
    if persona in ("alice", "bruno"):
        login(client, world[persona])
    elif persona:
        login(client, request.getfixturevalue(persona))
    assert client.get(partnership.get_absolute_url()).status_code == detail
    assert client.get(reverse("partnerships:partnership-edit", args=[partnership.pk])).status_code == edit
    assert client.get(reverse("partnerships:partnership-delete", args=[partnership.pk])).status_code == delete
    network = client.get("/observatoire/reseau/commune/42218/").content.decode()
    assert ("<td>Loire Solidarités</td><td>Menuiserie du Pilat</td>" in network) == (detail == 200)
    assert Partnership.objects.filter(pk=partnership.pk).exists()
