"""« Pairs à rencontrer »: the right peers, each with its reason in French, only people of the directory."""

import pytest

from catalyse.network.suggestions import join_fr, suggestions_for

from .conftest import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(places):
    return member(
        first_name="Amandine",
        last_name="Moreau",
        world="association",
        territory=places["saint_etienne"],
        themes=("social", "environnemental"),
        skills=("ESS", "Insertion"),
    )


@pytest.fixture
def peers(places):
    return {
        "marc": member(first_name="Marc", last_name="Olivier", world="entreprise", territory=places["metropole"]),
        "claire": member(
            first_name="Claire", last_name="Voisine", world="association", territory=places["saint_etienne"]
        ),
        "nadia": member(
            first_name="Nadia",
            last_name="Haddad",
            world="collectivite",
            territory=places["saint_denis_93"],
            themes=("environnemental", "social"),
        ),
        "sarah": member(
            first_name="Sarah",
            last_name="Lemoine",
            world="academique",
            territory=places["saint_denis_974"],
            skills=("ess",),
        ),
        "hidden": member(
            first_name="Léa",
            last_name="Secrète",
            world="collectivite",
            territory=places["saint_etienne"],
            themes=("social", "environnemental"),
            skills=("ESS",),
            consent=False,
        ),
        "stranger": member(first_name="Paul", last_name="Ailleurs", world="entreprise", themes=("economique",)),
    }


def reasons_by_name(suggestions):
    return {s.person.get_full_name(): s.reasons for s in suggestions}


def test_it_suggests_peers_with_the_reason(me, peers):
    found = reasons_by_name(suggestions_for(me))
    assert found == {
        "Marc Olivier": ["Même département, monde de l’entreprise"],
        "Nadia Haddad": ["Vous partagez les enjeux social et environnemental"],
        "Sarah Lemoine": ["Vous avez en commun la compétence «\u00a0ESS\u00a0»"],
    }


def test_it_never_suggests_people_outside_the_directory_nor_oneself(me, peers):
    people = {s.person for s in suggestions_for(me)}
    assert peers["hidden"] not in people and me not in people
    # Someone outside the directory still gets suggestions (of people inside it).
    theirs = reasons_by_name(suggestions_for(peers["hidden"]))
    assert theirs["Amandine Moreau"][0] == "Même département, monde associatif"


def test_complementary_worlds_nearby_come_first(me, peers, places):
    member(
        first_name="Hugo",
        last_name="Perrin",
        world="collectivite",
        territory=places["loire"],
        themes=("social",),
        skills=("ESS",),
    )
    found = suggestions_for(me)
    assert found[0].person.get_full_name() == "Hugo Perrin"
    assert found[0].reasons == [
        "Même département, monde des collectivités",
        "Vous partagez l’enjeu social",
        "Vous avez en commun la compétence «\u00a0ESS\u00a0»",
    ]


def test_a_region_only_profile_gets_peers_of_the_region(places, peers):
    elodie = member(first_name="Élodie", last_name="Fabre", world="association", territory=places["aura"])
    found = reasons_by_name(suggestions_for(elodie))
    assert found == {"Marc Olivier": ["Même région, monde de l’entreprise"]}


def test_an_empty_profile_gets_no_suggestion_but_is_told_what_to_do(client, peers):
    blank = member(first_name="Jean", last_name="Vide", world="citoyen")
    assert suggestions_for(blank) == []
    client.force_login(blank)
    body = client.get("/reseau/pairs/").content.decode()
    assert "Compléter mon profil" in body


def test_the_page_shows_the_reasons_in_bounded_queries(client, me, peers, places, django_assert_max_num_queries):
    for index in range(40):
        member(
            first_name=f"Pair{index}",
            last_name="Test",
            world="collectivite" if index % 2 else "association",
            territory=places["saint_denis_93"] if index % 3 else places["loire"],
            themes=("social",),
            skills=("ESS", f"Savoir {index}"),
        )
    client.force_login(me)
    with django_assert_max_num_queries(14):
        response = client.get("/reseau/pairs/")
    body = response.content.decode()
    assert "Vous partagez" in body or "Même département" in body
    assert body.count('class="card member-card"') == 24
    assert "Secrète" not in body


def test_a_visitor_must_sign_in(client):
    response = client.get("/reseau/pairs/")
    assert response.status_code == 302 and "/comptes/login/" in response.url


def test_it_joins_words_the_french_way():
    assert join_fr(["social"]) == "social"
    assert join_fr(["social", "environnemental"]) == "social et environnemental"
    assert join_fr(["a", "b", "c"]) == "a, b et c"


def test_the_home_says_why_there_is_no_suggestion(client, places):
    lonely = member(first_name="Jeanne", last_name="Seule", world="citoyen", themes=("societal",))
    client.force_login(lonely)
    body = client.get("/reseau/").content.decode()
    assert "Pas encore de pair à vous suggérer" in body and "Compléter mon profil" not in body
    blank = member(first_name="Jean", last_name="Vide", world="citoyen")
    client.force_login(blank)
    assert "Compléter mon profil" in client.get("/reseau/").content.decode()


def test_the_home_shows_a_few_suggestions(client, me, peers):
    client.force_login(me)
    body = client.get("/reseau/").content.decode()
    assert "Marc Olivier" in body and "Même département, monde de l’entreprise" in body
    assert "Secrète" not in body
