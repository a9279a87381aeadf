import re

import pytest

from catalyse.lib.registry import TerritoryBlock, registry
from catalyse.territories.models import Territory
from catalyse.tests_support.typography import typography_errors


@pytest.fixture
def no_blocks(monkeypatch):
    """Query counts of this app's own pages: the blocks other apps register are counted in their tests."""
    monkeypatch.setattr(registry, "territory_blocks", [])


def text(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_search_page_works_without_javascript(client, territories):
    response = client.get("/territoires/", {"q": "saint etienne"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/territoires/commune/42218-saint-etienne/"' in html
    assert "Saint-Étienne (42)" in html
    assert "173\u202f136\u00a0habitants" in html or "173\u202f136 habitants" in html
    assert typography_errors(html) == []
    # The form keeps what was typed, and the autocomplete can attach to it.
    assert 'value="saint etienne"' in html
    assert "data-territory-autocomplete" in html


def test_the_search_page_says_when_there_are_more_results(client, territories):
    page = text(client.get("/territoires/", {"q": "saint"}))
    assert "Les 30 premiers territoires trouvés" in page
    assert "Précisez votre recherche" in page
    assert "1 territoire trouvé" in text(client.get("/territoires/", {"q": "42000"}))


def test_the_search_page_filters_by_level(client, territories):
    html = client.get("/territoires/", {"q": "lyon", "level": "epci"}).content.decode()
    assert "Métropole de Lyon" in html
    assert "/territoires/commune/69123-lyon/" not in html


def test_the_search_page_says_when_nothing_matches(client, territories):
    response = client.get("/territoires/", {"q": "xqzwv"})
    assert "Aucun territoire ne correspond à «\u00a0xqzwv\u00a0»" in response.content.decode()
    assert typography_errors(response.content.decode()) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 101}, "au plus 100 caractères"),
        ({"q": "lyon", "level": "canton"}, "canton"),
        ({"q": "ly\x00on"}, "nul"),
    ],
)
def test_the_search_page_explains_bad_input(client, territories, params, message):
    response = client.get("/territoires/", params)
    assert response.status_code == 200
    assert message in text(response).replace("'", "’")
    assert 'aria-invalid="true"' in response.content.decode()


def test_the_search_page_lists_the_regions_to_browse(client, territories, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/territoires/")
    html = response.content.decode()
    assert 'href="/territoires/region/84-auvergne-rhone-alpes/"' in html
    assert typography_errors(html) == []


def test_a_commune_page_shows_its_facts_parents_and_aliases(
    client, territories, django_assert_max_num_queries, no_blocks
):
    with django_assert_max_num_queries(6):
        response = client.get("/territoires/commune/42218-saint-etienne/")
    assert response.status_code == 200
    html = response.content.decode()
    page = text(response)
    assert "<h1>Saint-Étienne</h1>" in html
    assert "173\u202f136" in html
    assert "42000, 42100, 42230" in page
    # Breadcrumb: région → département → EPCI → the commune.
    breadcrumb = html[html.index('class="breadcrumb"') : html.index("</nav>", html.index('class="breadcrumb"'))]
    positions = [
        breadcrumb.index(url)
        for url in [
            "/territoires/region/84-auvergne-rhone-alpes/",
            "/territoires/departement/42-loire/",
            "/territoires/epci/244200770-saint-etienne-metropole/",
        ]
    ]
    assert positions == sorted(positions)
    assert 'aria-current="page">Saint-Étienne<' in breadcrumb
    assert "Rochetaillée" in page
    assert "Catalyse ne recense encore rien à Saint-Étienne" in page
    assert typography_errors(html) == []


def test_a_region_lists_its_departements(client, territories, django_assert_max_num_queries, no_blocks):
    with django_assert_max_num_queries(6):
        response = client.get("/territoires/region/84-auvergne-rhone-alpes/")
    html = response.content.decode()
    assert "/territoires/departement/42-loire/" in html
    assert "/territoires/departement/69-rhone/" in html
    assert "2 départements" in text(response)


def test_a_departement_lists_its_epci_and_its_communes_page_by_page(
    client, territories, django_assert_max_num_queries, no_blocks
):
    with django_assert_max_num_queries(8):
        response = client.get("/territoires/departement/42-loire/")
    html = response.content.decode()
    page = text(response)
    assert "320 communes" in page
    assert "/territoires/epci/244200770-saint-etienne-metropole/" in html
    assert "Page 1 sur 7" in page
    assert "/territoires/commune/42001-aboen/" in html  # alphabetical: Aboën first
    assert "/territoires/commune/42218-saint-etienne/" not in html
    last = client.get("/territoires/departement/42-loire/", {"page": 7})
    assert "Page 7 sur 7" in text(last)
    assert "/territoires/commune/42339-" in last.content.decode() or "Ville" in text(last)
    # A page number that is not one gives the first or the last page, never an error.
    assert client.get("/territoires/departement/42-loire/", {"page": "x"}).status_code == 200
    assert "Page 7 sur 7" in text(client.get("/territoires/departement/42-loire/", {"page": 999}))


def test_an_epci_lists_its_member_communes(client, territories, django_assert_max_num_queries, no_blocks):
    with django_assert_max_num_queries(6):
        response = client.get("/territoires/epci/244200770-saint-etienne-metropole/")
    html = response.content.decode()
    assert "53 communes membres" in text(response)
    assert "/territoires/commune/42218-saint-etienne/" in html
    assert "Métropole" in text(response)


def test_a_city_lists_its_arrondissements(client, territories):
    response = client.get("/territoires/commune/69123-lyon/")
    html = response.content.decode()
    assert "9 arrondissements municipaux" in text(response)
    assert "/territoires/commune/69383-lyon-3e-arrondissement/" in html
    arrondissement = client.get("/territoires/commune/69383-lyon-3e-arrondissement/")
    assert 'href="/territoires/commune/69123-lyon/"' in arrondissement.content.decode()


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/territoires/commune/42218/", "/territoires/commune/42218-saint-etienne/"),
        ("/territoires/commune/42218-st-etienne/", "/territoires/commune/42218-saint-etienne/"),
        ("/territoires/departement/2a-corse/", "/territoires/departement/2A-corse-du-sud/"),
        ("/territoires/departement/42-x/?page=2", "/territoires/departement/42-loire/?page=2"),
    ],
)
def test_a_wrong_or_missing_slug_redirects_permanently(client, territories, url, target):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == target


@pytest.mark.parametrize(
    "url",
    ["/territoires/commune/99999-nulle-part/", "/territoires/canton/42-loire/", "/territoires/region/42218-x/"],
)
def test_an_unknown_territory_is_a_french_404(client, territories, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_blocks_of_other_apps_show_or_hide(client, territories, monkeypatch, tmp_path, settings):
    (tmp_path / "block.html").write_text("<p>{{ count }} ressources à {{ territory.name }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    blocks = [
        TerritoryBlock(key="shown", title="Ressources", template="block.html", context=lambda t, r: {"count": 3}),
        TerritoryBlock(key="hidden", title="Événements", template="block.html", context=lambda t, r: None),
    ]
    monkeypatch.setattr(registry, "territory_blocks", blocks)
    response = client.get("/territoires/commune/42218-saint-etienne/")
    page = text(response)
    assert "3 ressources à Saint-Étienne" in page
    assert "Ressources" in page
    assert "Événements" not in page
    assert "Catalyse ne recense encore rien" not in page


def test_by_ref_still_works(territories):
    assert Territory.objects.by_ref("commune:42218").name == "Saint-Étienne"
    with pytest.raises(Territory.DoesNotExist):
        Territory.objects.by_ref("commune")


@pytest.mark.parametrize(
    "url",
    [
        "/territoires/region/84-auvergne-rhone-alpes/",
        "/territoires/departement/2A-corse-du-sud/",
        "/territoires/epci/200046977-metropole-de-lyon/",
        "/territoires/commune/13055-marseille/",
        "/territoires/commune/75115-paris-15e-arrondissement/",
        "/territoires/commune/42039-chalmazel-jeansagniere/",
        "/territoires/?q=l%27etrat",
    ],
)
def test_every_page_uses_french_typography(client, territories, url):
    response = client.get(url)
    assert response.status_code == 200
    assert typography_errors(response.content.decode()) == []


def test_the_admin_shows_the_territories_read_only(admin_client, territories):
    response = admin_client.get("/admin/territories/territory/", {"q": "Saint-Étienne"})
    assert response.status_code == 200
    assert "Saint-Étienne" in response.content.decode()
    saint_etienne = Territory.objects.get(code="42218")
    detail = admin_client.get(f"/admin/territories/territory/{saint_etienne.pk}/change/")
    assert detail.status_code == 200
    assert "Rochetaillée" in detail.content.decode()
    assert admin_client.post(f"/admin/territories/territory/{saint_etienne.pk}/delete/").status_code == 403
