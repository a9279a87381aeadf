"""The agenda, the event page (registration, private link), my events, the territory block."""

import pytest

from catalyse.events import services
from catalyse.events.models import Registration
from catalyse.tests_support.typography import typography_errors

from .conftest import ago, later, make_event, person

pytestmark = pytest.mark.django_db


def titles(response):
    return [event.title for event in response.context["page"].object_list]


def test_the_agenda_lists_upcoming_events_first_and_past_ones_apart(client):
    make_event(title="Plus tard", starts_at=later(days=20))
    make_event(title="Bientôt", starts_at=later(days=2))
    make_event(title="Hier", starts_at=ago(days=1), ends_at=ago(hours=22))
    make_event(title="Brouillon", status="draft")
    response = client.get("/evenements/")
    assert response.status_code == 200
    assert titles(response) == ["Bientôt", "Plus tard"]
    assert titles(client.get("/evenements/?quand=passes")) == ["Hier"]


def test_the_agenda_filters_by_kind_and_by_territory_including_the_places_inside(client, places):
    make_event(title="Atelier stéphanois", kind="atelier", format="presentiel", territory=places["saint_etienne"])
    make_event(title="Visite à Saint-Denis", kind="visite", format="presentiel", territory=places["saint_denis_93"])
    make_event(title="Webinaire national")
    assert titles(client.get("/evenements/?type=atelier")) == ["Atelier stéphanois"]
    assert titles(client.get("/evenements/?type=atelier&type=visite")) == ["Atelier stéphanois", "Visite à Saint-Denis"]
    for ref in ("commune:42218", "epci:244200770", "departement:42", "region:84"):
        assert titles(client.get(f"/evenements/?territoire={ref}")) == ["Atelier stéphanois"], ref
    # The name typed without JavaScript works too.
    assert titles(client.get("/evenements/?territoire=Loire")) == ["Atelier stéphanois"]
    assert titles(client.get("/evenements/?en_ligne=on")) == ["Webinaire national"]


def test_the_agenda_says_what_to_fix_for_an_unknown_or_ambiguous_territory(client, places):
    make_event()
    response = client.get("/evenements/?territoire=Atlantide")
    assert response.status_code == 200
    assert "Nous ne trouvons aucun territoire" in response.content.decode()
    response = client.get("/evenements/?territoire=Saint-Denis")
    assert "Plusieurs territoires" in response.content.decode()
    response = client.get("/evenements/?type=concert&page=abc")
    assert response.status_code == 200


def test_the_agenda_answers_htmx_with_the_results_only(client):
    make_event(title="Bientôt")
    response = client.get("/evenements/?type=webinaire", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'id="agenda"' in body
    assert "<html" not in body
    assert "Bientôt" in body


def test_the_agenda_keeps_a_constant_number_of_queries(client, places, django_assert_max_num_queries):
    alice = person("alice")
    client.force_login(alice)
    for index in range(3):
        make_event(title=f"Atelier {index}", territory=places["saint_etienne"], format="hybride")
    client.get("/evenements/")
    with django_assert_max_num_queries(12) as few:
        client.get("/evenements/?territoire=departement:42")
    for index in range(3, 20):
        event = make_event(title=f"Atelier {index}", territory=places["saint_etienne"], format="hybride", capacity=5)
        services.event_register(event=event, user=alice)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/evenements/?territoire=departement:42")
    assert len(response.context["page"].object_list) == 20


@pytest.mark.parametrize("url", ["/evenements/", "/evenements/?quand=passes"])
def test_the_agenda_follows_french_typography(client, url, places):
    make_event(title="Atelier", territory=places["saint_etienne"], format="presentiel")
    make_event(title="Passé", starts_at=ago(days=3), ends_at=ago(days=3) + (later(hours=2) - later()))
    assert typography_errors(client.get(url).content.decode()) == []


def test_the_private_link_shows_only_to_confirmed_people_and_organisers(client, facilitator, catalyst, outsider):
    organiser = person("orga")
    event = make_event(capacity=1, organisers=[organiser])
    services.event_register(event=event, user=catalyst)
    services.event_register(event=event, user=outsider)  # waiting list
    secret = "salle-secrete-42"
    url = event.get_absolute_url()
    assert secret not in client.get(url).content.decode()  # visitor
    client.force_login(outsider)
    assert secret not in client.get(url).content.decode()  # waiting list
    client.force_login(person("autre"))
    assert secret not in client.get(url).content.decode()  # another member
    for who in (catalyst, organiser, facilitator):
        client.force_login(who)
        assert secret in client.get(url).content.decode(), who


def test_an_open_event_without_registration_shows_its_link_to_everyone(client):
    event = make_event(registration_mode="aucune")
    assert "salle-secrete-42" in client.get(event.get_absolute_url()).content.decode()


def test_a_visitor_is_asked_to_sign_in_to_register(client):
    event = make_event()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Se connecter pour s’inscrire" in page
    response = client.post(f"/evenements/{event.slug}/inscription/")
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]
    assert not Registration.objects.exists()


def test_a_member_registers_with_a_track_and_answers_then_cancels(client, catalyst):
    event = make_event(
        kind="rencontre",
        tracks=[{"title": "Modèles hybrides", "capacity": 10}, {"title": "Évaluation", "capacity": 10}],
        questions=[{"label": "Déjeuner", "kind": "choice", "choices": ["Oui", "Non"], "required": True}],
    )
    track = event.tracks.get(title="Évaluation")
    question = event.questions.get()
    client.force_login(catalyst)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "10\u00a0places restantes" in page or "10 places restantes" in page
    response = client.post(
        f"/evenements/{event.slug}/inscription/", {"track": track.pk, question.field_name: "Oui"}, follow=True
    )
    assert response.status_code == 200
    registration = Registration.objects.get(user=catalyst)
    assert registration.is_confirmed and registration.track == track
    assert registration.answers == {str(question.pk): "Oui"}
    body = response.content.decode()
    assert "Votre inscription est confirmée" in body
    assert "Axe\u00a0: Évaluation" in body
    response = client.post(f"/evenements/{event.slug}/annulation/", follow=True)
    assert "Votre inscription est annulée" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_a_registration_with_mistakes_says_what_to_fix(client, catalyst):
    event = make_event(
        kind="rencontre",
        tracks=[{"title": "Modèles hybrides"}],
        questions=[{"label": "Votre structure", "kind": "text", "required": True}],
    )
    client.force_login(catalyst)
    response = client.post(f"/evenements/{event.slug}/inscription/", {"track": "999999"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Répondez à cette question." in body
    assert 'aria-invalid="true"' in body or "errorlist" in body
    assert not Registration.objects.exists()


def test_the_page_shows_the_waiting_list_position(client, catalyst, outsider):
    event = make_event(capacity=1)
    services.event_register(event=event, user=catalyst)
    client.force_login(outsider)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Complet." in page and "M’inscrire sur la liste d’attente" in page
    client.post(f"/evenements/{event.slug}/inscription/")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Vous êtes sur la liste d’attente" in page
    assert "(position 1)" in page
    assert "Quitter la liste d’attente" in page


def test_a_draft_is_hidden_from_everyone_but_those_who_manage_it(client, facilitator, catalyst):
    event = make_event(status="draft")
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(catalyst)
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(facilitator)
    assert client.get(event.get_absolute_url()).status_code == 200


def test_an_external_registration_links_to_the_other_site(client):
    event = make_event(registration_mode="externe", external_registration_url="https://inscription.exemple.fr/")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "https://inscription.exemple.fr/" in page
    assert "salle-secrete-42" not in page


def test_my_events_lists_upcoming_and_past_registrations(client, catalyst):
    coming = make_event(title="À venir")
    services.event_register(event=coming, user=catalyst)
    past = make_event(title="Passé", starts_at=later(days=1))
    registration = services.event_register(event=past, user=catalyst)
    past.starts_at, past.ends_at = ago(days=3), ago(days=3) + (later(hours=2) - later())
    past.save()
    Registration.objects.filter(pk=registration.pk).update(attended=True)
    assert client.get("/evenements/mes-evenements/").status_code == 302
    client.force_login(catalyst)
    response = client.get("/evenements/mes-evenements/")
    assert [r.event.title for r in response.context["upcoming"]] == ["À venir"]
    assert [r.event.title for r in response.context["past"]] == ["Passé"]
    body = response.content.decode()
    assert f"/evenements/{past.slug}/attestation.pdf" in body
    assert typography_errors(body) == []


def test_the_event_page_follows_french_typography(client, catalyst, places):
    event = make_event(
        kind="rencontre",
        format="hybride",
        territory=places["saint_etienne"],
        capacity=1,
        tracks=[{"title": "Évaluation"}],
        questions=[{"label": "Déjeuner", "kind": "choice", "choices": ["Oui", "Non"], "required": True}],
    )
    assert typography_errors(client.get(event.get_absolute_url()).content.decode()) == []
    client.force_login(catalyst)
    assert typography_errors(client.get(event.get_absolute_url()).content.decode()) == []


def test_each_territory_page_shows_its_events_and_those_of_the_places_inside(client, places):
    make_event(title="Atelier stéphanois", kind="atelier", format="presentiel", territory=places["saint_etienne"])
    make_event(title="Webinaire national")
    loire = places["loire"]
    page = client.get(loire.get_absolute_url()).content.decode()
    assert "Atelier stéphanois" in page
    assert "Webinaire national" not in page
    assert "?territoire=departement:42" in page
    vaucluse = client.get(places["vaucluse"].get_absolute_url()).content.decode()
    assert "Aucun événement du réseau ici pour l’instant" in vaucluse
