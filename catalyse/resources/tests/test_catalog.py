"""The catalogue: facets combine and count; few queries whatever the number of resources."""

import pytest

from catalyse.resources.catalog import Selection, base_queryset, facet_counts
from catalyse.resources.services import resource_update

from .conftest import day

pytestmark = pytest.mark.django_db


@pytest.fixture
def kit(resource_factory, places):
    return {
        "grille": resource_factory(
            title="Grille", kind="outil", themes=["social", "economique"], forms=["animation"],
            objective="comprendre", audiences=["collectivite"], territory=places["saint_etienne"],
            published=day("2024-03-01"),
        ),
        "charte": resource_factory(
            title="Charte", kind="outil", themes=["economique"], forms=["accompagnement"], objective="s_approprier",
            audiences=["entreprise"], territory=places["vaucluse"], published=day("2023-05-01"),
        ),
        "cas": resource_factory(
            title="Cas de Saint-Denis", kind="illustration", themes=["social"], forms=["experimentation"],
            objective="innover", audiences=["association", "collectivite"], territory=places["saint_denis_974"],
            published=day("2024-09-01"),
        ),
        "cadre": resource_factory(
            title="Cadre", kind="cadre", themes=["societal"], forms=[], objective="comprendre", audiences=[],
            published=day("2022-01-10"),
        ),
    }  # fmt: skip


def _counts(facets):
    return {f.param: {v.value: v.count for v in f.values} for f in facets}


def _facets(query):
    from django.http import QueryDict

    selection = Selection.from_query(QueryDict(query))
    base, _ranked = base_queryset(selection)
    return _counts(facet_counts(base, selection))


def test_it_counts_every_facet_without_filters(kit):
    counts = _facets("")
    assert counts["nature"] == {"cadre": 1, "illustration": 1, "methode": 0, "outil": 2}
    assert counts["enjeu"] == {"economique": 2, "social": 2, "environnemental": 0, "societal": 1}
    assert counts["public"]["collectivite"] == 2
    assert counts["region"] == {"84": 1, "04": 1}
    assert counts["departement"] == {"42": 1, "84": 1, "974": 1}
    assert counts["annee"] == {"2024": 2, "2023": 1, "2022": 1}


def test_it_combines_facets_and_counts_each_against_the_others(kit):
    counts = _facets("nature=outil&enjeu=social")
    # Within the kind facet, counts ignore the kind filter but honour the theme filter.
    assert counts["nature"] == {"cadre": 0, "illustration": 1, "methode": 0, "outil": 1}
    # Within the theme facet, counts ignore the theme filter but honour the kind filter.
    assert counts["enjeu"] == {"economique": 2, "social": 1, "environnemental": 0, "societal": 0}
    assert counts["annee"] == {"2024": 1}


def test_it_filters_the_list_by_combined_facets(client, kit):
    page = client.get("/ressources/catalogue/?nature=outil&enjeu=social").content.decode()
    assert "Grille" in page
    assert "Charte" not in page
    assert "Cas de Saint-Denis" not in page
    page = client.get("/ressources/catalogue/?nature=outil&nature=illustration&annee=2024").content.decode()
    assert "Grille" in page and "Cas de Saint-Denis" in page and "Charte" not in page
    page = client.get("/ressources/catalogue/?region=84").content.decode()
    assert "Grille" in page and "Charte" not in page  # Vaucluse has no région in the fixtures
    page = client.get("/ressources/catalogue/?departement=974&public=association").content.decode()
    assert "Cas de Saint-Denis" in page and "Grille" not in page


def test_it_shows_the_counts_in_the_page_and_ticks_the_chosen_values(client, kit):
    page = client.get("/ressources/catalogue/?nature=outil").content.decode()
    assert 'id="f-nature-outil" name="nature" value="outil" checked' in page
    assert "2 ressources trouvées" in page.replace("\u00a0", " ")


def test_it_ignores_unknown_filter_values_instead_of_failing(client, kit):
    response = client.get("/ressources/catalogue/?nature=exe&annee=20x4&region=%3Cscript%3E&territoire=x:1&page=zz")
    assert response.status_code == 200
    assert "4 ressources trouvées" in response.content.decode().replace("\u00a0", " ")


def test_it_lists_the_resources_of_a_territory_and_the_places_inside(client, kit, places):
    page = client.get("/ressources/catalogue/?territoire=region:84").content.decode()
    assert "Grille" in page and "Charte" not in page
    page = client.get("/ressources/catalogue/?territoire=epci:244200770").content.decode()
    assert "Grille" in page


def test_it_answers_htmx_with_the_catalogue_fragment_only(client, kit):
    response = client.get("/ressources/catalogue/?enjeu=social", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<form id="catalogue"')
    assert '<div id="catalogue-announce" hx-swap-oob="innerHTML">2 ressources trouvées</div>' in page
    assert "<html" not in page
    assert "Grille" in page


def test_it_finds_resources_by_text(client, kit):
    page = client.get("/ressources/catalogue/?q=grille").content.decode()
    assert "Grille" in page and "Charte" not in page


def test_it_lists_with_a_constant_number_of_queries(client, resource_factory, places, django_assert_max_num_queries):
    for n in range(25):
        resource_factory(title=f"Ressource {n}", territory=places["saint_etienne"] if n % 2 else places["vaucluse"])
    with django_assert_max_num_queries(8):
        response = client.get("/ressources/catalogue/?enjeu=social&nature=outil")
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        client.get("/ressources/")


def test_it_keeps_the_catalogue_in_step_with_edits(client, kit, editor):
    resource_update(resource=kit["cadre"], user=editor, themes=["environnemental"])
    assert _facets("")["enjeu"]["environnemental"] == 1
