"""The directory: search, facets, territory containment, consent, the map and its figures, query counts."""

import csv
import io
import re

import pytest

from catalyse.accounts.services import directory_consent_set
from catalyse.network.maps import shade_of, shades_for
from catalyse.tests_support.typography import typography_errors

from .conftest import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(places):
    return {
        "amandine": member(
            first_name="Amandine",
            last_name="Moreau",
            world="association",
            territory=places["saint_etienne"],
            themes=("social", "economique"),
            skills=("Insertion", "ESS"),
            bio="J’anime des chantiers d’insertion avec les entreprises du bassin stéphanois.",
        ),
        "elodie": member(
            first_name="Élodie",
            last_name="Fabre",
            world="collectivite",
            territory=places["aura"],
            themes=("societal",),
            skills=("Co-développement",),
        ),
        "marc": member(
            first_name="Marc",
            last_name="Olivier",
            world="entreprise",
            territory=places["metropole"],
            themes=("environnemental",),
            skills=("ESS", "Bois local"),
        ),
        "nadia": member(
            first_name="Nadia",
            last_name="Haddad",
            world="collectivite",
            territory=places["saint_denis_93"],
            themes=("social",),
            skills=("Politique de la ville",),
        ),
        "pauline": member(
            first_name="Pauline",
            last_name="Renard",
            world="association",
            territory=places["saint_denis_974"],
            themes=("environnemental",),
        ),
        "hidden": member(
            first_name="Léa",
            last_name="Secrète",
            world="association",
            territory=places["saint_etienne"],
            themes=("social",),
            skills=("Insertion", "ESS"),
            consent=False,
        ),
    }


def names(response):
    return set(re.findall(r'class="member-name"><a href="[^"]+">([^<]+)</a>', response.content.decode()))


def test_it_lists_only_people_who_agreed_to_appear(client, people):
    response = client.get("/reseau/annuaire/")
    assert response.status_code == 200
    assert names(response) == {"Amandine Moreau", "Élodie Fabre", "Marc Olivier", "Nadia Haddad", "Pauline Renard"}
    assert "Secrète" not in response.content.decode()
    # Nor through a search that matches them exactly.
    response = client.get("/reseau/annuaire/", {"q": "Secrète insertion"})
    assert names(response) == set()
    assert "Léa" not in response.content.decode()


def test_it_forgets_someone_who_withdraws_consent(client, people):
    directory_consent_set(user=people["marc"], granted=False)
    response = client.get("/reseau/annuaire/")
    assert "Marc Olivier" not in names(response)
    assert "Marc Olivier" not in response.content.decode()


def test_it_searches_names_bios_and_skills_whatever_the_accents(client, people):
    assert names(client.get("/reseau/annuaire/", {"q": "elodie"})) == {"Élodie Fabre"}
    assert names(client.get("/reseau/annuaire/", {"q": "STEPHANOIS"})) == {"Amandine Moreau"}
    assert names(client.get("/reseau/annuaire/", {"q": "bois"})) == {"Marc Olivier"}
    assert names(client.get("/reseau/annuaire/", {"q": "ess"})) == {"Amandine Moreau", "Marc Olivier"}
    # Every word must match.
    assert names(client.get("/reseau/annuaire/", {"q": "ess bois"})) == {"Marc Olivier"}


def test_it_keeps_the_search_in_step_with_profile_changes(client, people):
    from catalyse.accounts.services import profile_update

    profile_update(
        user=people["nadia"],
        first_name="Nadia",
        last_name="Haddad",
        world="collectivite",
        bio="Cheffe de projet alimentation durable.",
        skills=["Circuits courts"],
    )
    assert names(client.get("/reseau/annuaire/", {"q": "circuits"})) == {"Nadia Haddad"}
    assert names(client.get("/reseau/annuaire/", {"q": "alimentation"})) == {"Nadia Haddad"}
    assert names(client.get("/reseau/annuaire/", {"q": "politique"})) == set()


def test_a_region_shows_everyone_inside_it(client, people, places):
    response = client.get("/reseau/annuaire/", {"territoire": "region:84"})
    # The région itself (Élodie), a commune (Amandine) and an EPCI (Marc) of the Loire.
    assert names(response) == {"Amandine Moreau", "Élodie Fabre", "Marc Olivier"}
    assert "Auvergne-Rhône-Alpes" in response.content.decode()


def test_a_departement_an_epci_and_a_commune_narrow_it(client, people):
    assert names(client.get("/reseau/annuaire/", {"territoire": "departement:42"})) == {
        "Amandine Moreau",
        "Marc Olivier",
    }
    assert names(client.get("/reseau/annuaire/", {"territoire": "epci:244200770"})) == {
        "Amandine Moreau",
        "Marc Olivier",
    }
    assert names(client.get("/reseau/annuaire/", {"territoire": "commune:42218"})) == {"Amandine Moreau"}
    # The same name elsewhere is another place: Saint-Denis (93) is not Saint-Denis (974).
    assert names(client.get("/reseau/annuaire/", {"territoire": "commune:93066"})) == {"Nadia Haddad"}


def test_it_finds_a_territory_by_its_name(client, people):
    response = client.get("/reseau/annuaire/", {"territoire": "Loire"})
    assert names(response) == {"Amandine Moreau", "Marc Olivier"}
    # The field shows the territory found, with its reference for the autocomplete.
    assert 'value="departement:42"' in response.content.decode()


def test_it_says_in_french_when_a_territory_is_unknown(client, people):
    response = client.get("/reseau/annuaire/", {"territoire": "Atlantide"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nous ne trouvons aucun territoire" in body
    # The rest of the directory still shows.
    assert len(names(response)) == 5


def test_it_filters_by_world_theme_and_skill_with_counts(client, people):
    response = client.get("/reseau/annuaire/", {"monde": ["collectivite"]})
    assert names(response) == {"Élodie Fabre", "Nadia Haddad"}
    response = client.get("/reseau/annuaire/", {"monde": ["collectivite", "entreprise"], "enjeu": ["social"]})
    assert names(response) == {"Nadia Haddad"}
    response = client.get("/reseau/annuaire/", {"competence": ["ess"]})
    assert names(response) == {"Amandine Moreau", "Marc Olivier"}
    # A facet counts within the other filters, never its own: all worlds stay choosable.
    worlds = {item["value"]: item["count"] for item in response.context["worlds"]}
    assert worlds["association"] == 1 and worlds["entreprise"] == 1 and worlds["collectivite"] == 0
    skills = {item["value"]: item["count"] for item in response.context["skills"]}
    assert skills["ess"] == 2  # the hidden person's skills are not counted
    # An unknown skill matches nobody, without an error.
    response = client.get("/reseau/annuaire/", {"competence": ["jonglage"]})
    assert response.status_code == 200
    assert names(response) == set()


def test_it_never_shows_an_email_address(client, people):
    body = client.get("/reseau/annuaire/").content.decode()
    assert "@exemple.fr" not in body


def test_it_pages_with_a_constant_number_of_queries(client, places, django_assert_max_num_queries):
    for index in range(30):
        member(
            first_name=f"Personne{index}",
            last_name="Test",
            territory=places["saint_etienne"] if index % 2 else places["saint_denis_974"] if index % 3 else None,
            themes=("social",),
            skills=(f"Compétence {index}", "ESS"),
        )
    with django_assert_max_num_queries(12):
        response = client.get("/reseau/annuaire/", {"q": "test", "enjeu": "social"})
    assert len(names(response)) == 24
    for index in range(30, 60):
        member(first_name=f"Personne{index}", last_name="Test", territory=places["saint_etienne"], skills=("ESS",))
    with django_assert_max_num_queries(12):
        response = client.get("/reseau/annuaire/", {"q": "test", "page": "2"})
    assert len(names(response)) == 24
    assert "Page 2 sur 3" in response.content.decode()


def test_the_map_counts_members_per_departement(client, people):
    body = client.get("/reseau/annuaire/").content.decode()
    # Amandine (commune) and Marc (EPCI) in the Loire; Élodie gave only a région.
    assert 'aria-label="Loire\u00a0: 2 membres"' in body
    assert "<title>Loire\u00a0: 2 membres</title>" in body
    assert 'aria-label="Seine-Saint-Denis\u00a0: 1 membre"' in body
    assert 'aria-label="Ain\u00a0: aucun membre"' in body
    # 96 metropolitan départements, each a focusable link that filters the directory.
    assert body.count('class="map-area"') == 96
    assert 'href="/reseau/annuaire/?territoire=departement%3A42"' in body
    # The overseas territories are shown too.
    assert "La Réunion\u00a0: 1 membre</a>" in body
    # The table for screen readers, and the people without a département.
    table = body[body.index('id="carte-tableau"') :]
    assert 'Loire (42)</a></th><td class="num">2</td>' in table
    assert "Sans département précisé" in table
    assert "Carte\u00a0: Victor Cazanave, CC BY 4.0" in body


def test_the_map_follows_the_filters(client, people):
    body = client.get("/reseau/annuaire/", {"enjeu": "social"}).content.decode()
    assert 'aria-label="Loire\u00a0: 1 membre"' in body
    assert 'aria-label="Seine-Saint-Denis\u00a0: 1 membre"' in body


def test_the_map_shades_have_a_legend_in_words():
    shades = shades_for([1, 1, 2, 5, 12, 0])
    assert shades[0].label == "Aucun membre"
    assert shades[1].label == "1 membre"
    assert shades[-1].label == "De 6 à 12 membres"
    assert shade_of(0, shades) == 0
    assert shade_of(12, shades) == shades[-1].index
    assert shade_of(1, shades) == 1
    assert shades_for([]) == shades[:1]


def test_it_uses_classes_not_inline_styles_for_the_map(client, people):
    body = client.get("/reseau/annuaire/").content.decode()
    assert "style=" not in body
    assert 'class="map-shade-' in body


def test_it_gives_the_map_figures_as_csv(client, people):
    response = client.get("/reseau/annuaire/carte.csv", {"monde": "association"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["departement", "nom", "membres"]
    counts = {row[0]: int(row[2]) for row in rows[1:] if row[0]}
    assert counts["42"] == 1 and counts["974"] == 1 and counts["93"] == 0


def test_it_answers_an_htmx_filter_with_the_results_only(client, people):
    response = client.get("/reseau/annuaire/", {"monde": "entreprise"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="annuaire"')
    assert "<html" not in body
    assert names(response) == {"Marc Olivier"}


def test_it_writes_french_typography(client, people, catalyst):
    assert typography_errors(client.get("/reseau/annuaire/").content.decode()) == []
    assert typography_errors(client.get("/reseau/").content.decode()) == []
    client.force_login(catalyst)
    assert typography_errors(client.get("/reseau/annuaire/").content.decode()) == []


def test_the_home_of_the_network_shows_its_figures(client, people):
    response = client.get("/reseau/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "2014" in body
    assert response.context["member_count"] == 5
    assert "/evenements/" in body and "/reseau/annuaire/" in body and "/reseau/discussions/" in body


def test_a_territory_page_shows_its_members(client, people, places):
    body = client.get(places["loire"].get_absolute_url()).content.decode()
    assert "Membres du réseau" in body
    assert "Amandine Moreau" in body and "Marc Olivier" in body
    assert "Secrète" not in body
    assert "/reseau/annuaire/?territoire=departement:42" in body
