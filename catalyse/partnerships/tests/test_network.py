"""The network view: measures on a small known graph, filters, permissions, bad input, query count."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from catalyse.partnerships.filters import Filters
from catalyse.partnerships.network import MAX_NODES, network_build, network_svg
from catalyse.partnerships.services import partnership_create
from catalyse.test import DEFAULT_PASSWORD, make_person

from .conftest import join, make_organisation

PR = ("pratiques_responsables",)


def link(*organisations: Any, territory: Any, modes: tuple[str, ...] = PR, **fields: Any) -> Any:
    values: dict[str, Any] = {
        "user": None,
        "organisation": organisations[0],
        "title": "Alliance " + " + ".join(o.name for o in organisations),
        "modes": list(modes),
        "territory": territory,
        "start_year": 2015,
        "status": "confirmed",
        "partners": [(o, "partenaire") for o in organisations],
    }
    values.update(fields)
    return partnership_create(**values)


@pytest.fixture
def graph(places: dict[str, Any]) -> dict[str, Any]:
    """A–B–C form a triangle (one partnership of three, and A–B once more in 2020), C–D hang on by mécénat,
    D–E share a confidential partnership, F has none here; G (elsewhere) is partner of A in the territory."""
    here = places["saint_etienne"]
    orgs = {
        "a": make_organisation("Alpha Insertion", "association", here),
        "b": make_organisation("Bâtiments Bernard", "entreprise", here),
        "c": make_organisation("Commune de test", "collectivite", here),
        "d": make_organisation("Dauphins du Forez", "association", here),
        "e": make_organisation("Entreprise Écho", "entreprise", here),
        "f": make_organisation("Fondation Fantôme", "fondation", here),
        "g": make_organisation("Groupe Gardois", "entreprise", places["vaucluse"]),
    }
    link(orgs["a"], orgs["b"], orgs["c"], territory=here)
    link(orgs["a"], orgs["b"], territory=here, start_year=2020)
    link(orgs["c"], orgs["d"], territory=here, modes=("mecenat",))
    link(orgs["d"], orgs["e"], territory=here, is_public=False)
    link(orgs["a"], orgs["g"], territory=here, start_year=2010, status="declared")  # not confirmed: not drawn
    return {**places, **orgs}


def build(graph: dict[str, Any], user: Any = None, **filters: Any) -> Any:
    from django.contrib.auth.models import AnonymousUser

    return network_build(user=user or AnonymousUser(), territory=graph["saint_etienne"], filters=Filters(**filters))


def by_name(network: Any) -> dict[str, Any]:
    return {node.name: node for node in network.nodes}


@pytest.mark.django_db
def test_it_measures_a_small_known_network(graph: dict[str, Any]) -> None:
    network = build(graph)
    nodes = by_name(network)
    assert set(nodes) == {"Alpha Insertion", "Bâtiments Bernard", "Commune de test", "Dauphins du Forez"}
    assert network.partnership_count == 3
    assert (network.node_count, network.edge_count) == (4, 4)
    assert network.density == pytest.approx(4 / 6)
    assert (network.component_count, network.largest_component) == (1, 4)
    assert [n.degree for n in network.nodes] == [3, 2, 2, 1]
    assert network.nodes[0].name == "Commune de test"
    # C is on the only paths from A and B to D: 2 of the 3 pairs that do not involve it.
    assert nodes["Commune de test"].betweenness == pytest.approx(2 / 3)
    assert nodes["Alpha Insertion"].betweenness == 0
    assert [n.name for n in network.top_betweenness] == ["Commune de test"]
    assert nodes["Alpha Insertion"].partnership_count == 2
    weights = {(e.source.name, e.target.name): e.weight for e in network.edges}
    assert weights[("Alpha Insertion", "Bâtiments Bernard")] == 2
    assert weights[("Commune de test", "Dauphins du Forez")] == 1
    # E only shares a confidential partnership, F has none, G is not in the territory.
    assert network.isolated_count == 2
    assert [o.name for o in network.isolated] == ["Entreprise Écho", "Fondation Fantôme"]


@pytest.mark.django_db
def test_it_filters_the_network_by_mode_and_years(graph: dict[str, Any]) -> None:
    mecenat = build(graph, mode="mecenat")
    assert set(by_name(mecenat)) == {"Commune de test", "Dauphins du Forez"}
    assert mecenat.isolated_count == 4  # A, B, E, F
    recent = build(graph, year_from=2018)
    assert set(by_name(recent)) == {"Alpha Insertion", "Bâtiments Bernard"}
    assert recent.edges[0].weight == 1
    old = build(graph, year_to=2014)
    assert old.nodes == [] and old.node_count == 0 and old.density == 0
    assert network_svg(old, title="vide") == ""


@pytest.mark.django_db
def test_it_draws_a_deterministic_accessible_svg(graph: dict[str, Any]) -> None:
    first = network_svg(build(graph), title="Réseau de test")
    second = network_svg(build(graph), title="Réseau de test")
    assert first == second
    assert 'role="img"' in first and 'aria-labelledby="network-title network-desc"' in first
    assert '<title id="network-title">Réseau de test</title>' in first
    assert first.count("<circle") == 4 and first.count("<line") == 4
    assert "Commune de test (3 partenaires)" in first
    assert "net-type-collectivite" in first


@pytest.mark.django_db
def test_it_shows_confidential_partnerships_only_to_their_partners(graph: dict[str, Any], outsider: Any) -> None:
    assert "Entreprise Écho" not in by_name(build(graph, outsider))
    member = make_person(email="eva@exemple.fr")
    join(member, graph["e"])
    network = build(graph, member)
    assert by_name(network)["Entreprise Écho"].degree == 1
    assert by_name(network)["Dauphins du Forez"].degree == 2


def login(client: Any, user: Any) -> None:
    assert client.login(email=user.email, password=DEFAULT_PASSWORD)


def url(**params: str) -> str:
    base = reverse("observatory:network", kwargs={"level": "commune", "code": "42218"})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


@pytest.mark.django_db
def test_it_shows_the_network_page_with_its_list(
    client: Any, graph: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(8):
        response = client.get(url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Réseau des alliances\u00a0: Saint-Étienne" in html
    assert 'href="#liste-reseau"' in html and 'id="liste-reseau"' in html
    assert html.count("<circle") == 4
    assert "Fondation Fantôme" in html  # isolated
    assert "Entreprise Écho" in html  # isolated for a visitor: its only partnership is confidential
    assert "Confidentiel" not in html
    assert "groupe d’acteurs reliés (le plus grand\u00a0: 4 organisations)" in html  # singular for one group


@pytest.mark.django_db
def test_it_does_not_leak_confidential_links_to_outsiders(client: Any, graph: dict[str, Any], outsider: Any) -> None:
    login(client, outsider)
    html = client.get(url()).content.decode()
    assert "<td>Dauphins du Forez</td><td>Entreprise Écho</td>" not in html
    member = make_person(email="eva@exemple.fr")
    join(member, graph["e"])
    login(client, member)
    html = client.get(url()).content.decode()
    assert "<td>Dauphins du Forez</td><td>Entreprise Écho</td>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"de": "deux-mille"}, "Paramètre de invalide"),
        ({"de": "2020", "a": "2010"}, "incohérents"),
        ({"mode": "troc"}, "Paramètre mode invalide"),
        ({"a": "3000"}, "comprise entre 1900 et 2100"),
    ],
)
def test_it_says_what_is_wrong_with_a_filter(
    client: Any, graph: dict[str, Any], params: dict[str, str], message: str
) -> None:
    response = client.get(url(**params))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "<circle" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/observatoire/reseau/commune/99999/", "/observatoire/reseau/pays/FR/",
                                  "/observatoire/reseau/commune/%3Cscript%3E/"])  # fmt: skip
def test_it_answers_404_for_an_unknown_territory(client: Any, graph: dict[str, Any], path: str) -> None:
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_it_caps_a_large_network_and_says_so(
    client: Any, places: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    from catalyse.accounts.models import Organisation
    from catalyse.partnerships.models import Partnership, PartnershipPartner

    here = places["saint_etienne"]
    hub = make_organisation("Pivot", "collectivite", here)
    others = Organisation.objects.bulk_create(
        [Organisation(name=f"Acteur {i:03d}", slug=f"acteur-{i}", org_type="association", territory=here)
         for i in range(MAX_NODES + 20)]
    )  # fmt: skip
    partnerships = Partnership.objects.bulk_create(
        [Partnership(title=f"P{i}", modes=1, start_year=2015, status="confirmed", territory=here,
                     region_code="84", departement_code="42", epci_code="244200770", commune_code="42218")
         for i in range(len(others))]
    )  # fmt: skip
    PartnershipPartner.objects.bulk_create(
        [PartnershipPartner(partnership=p, organisation=o) for p, o in zip(partnerships, others, strict=True)]
        + [PartnershipPartner(partnership=p, organisation=hub) for p in partnerships]
    )
    with django_assert_max_num_queries(8):
        response = client.get(url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<circle") == MAX_NODES
    assert f"les {MAX_NODES} organisations les plus connectées sur 171" in html
    assert "Pivot" in html


@pytest.mark.django_db
def test_it_links_the_network_from_the_territory_block_and_the_observatory(client: Any, graph: dict[str, Any]) -> None:
    from catalyse.partnerships.blocks import territory_partnerships_context

    context = territory_partnerships_context(graph["saint_etienne"], None)
    assert context is not None and context["network_url"] == "/observatoire/reseau/commune/42218/"
    html = client.get("/observatoire/?territoire=commune:42218&mode=mecenat").content.decode()
    assert 'href="/observatoire/reseau/commune/42218/?mode=mecenat"' in html


def test_it_lays_out_a_small_group_apart_beside_the_main_one_not_squeezing_it() -> None:
    import random

    from catalyse.partnerships.network import HEIGHT, MARGIN, WIDTH, _layout

    main = list(range(1, 53))
    rng = random.Random(1)  # noqa: S311 (test data)
    edges = tuple(sorted({(a, b) for a in main for b in rng.sample(main, 6) if a < b}))
    key = ((*main, 100, 101), (*edges, (100, 101)))  # 52 organisations, and a pair apart
    points = _layout(key)
    assert _layout.__wrapped__(*[key]) == points  # deterministic, not only cached
    assert all(MARGIN - 1 <= x <= WIDTH - MARGIN + 1 and MARGIN - 1 <= y <= HEIGHT - MARGIN + 1 for x, y in points)
    main_xs = [x for x, _ in points[:52]]
    main_ys = [y for _, y in points[:52]]
    # The main group fills most of the drawing's height (a layout with one gravity for all gave it 45 %);
    # the pair sits outside its box.
    assert max(main_ys) - min(main_ys) > 0.8 * (HEIGHT - 2 * MARGIN)
    assert all(x > max(main_xs) or y > max(main_ys) for x, y in points[52:])
