"""Answering, updating, bad input, privacy per role, profiles, similar territories and recommendations."""

from __future__ import annotations

import pytest
from django.urls import reverse

from catalyse.diagnostics import services
from catalyse.diagnostics.models import Answer, Question, Response
from catalyse.diagnostics.tests.conftest import answer_all, form_data
from catalyse.resources.models import Resource
from catalyse.test import make_person
from catalyse.tests_support.typography import typography_errors

pytestmark = pytest.mark.django_db

ANSWER_URL = "/observatoire/autodiagnostic/"
LEVELS = {"animation": 3, "experimentation": 1, "accompagnement": 2}


def results_url(territory):
    return reverse("diagnostics:results", kwargs={"level": territory.level, "code": territory.code})


def test_it_seeds_fifteen_questions_five_per_action(questionnaire):
    counts = {d: questionnaire.questions.filter(dimension=d).count() for d in LEVELS}
    assert counts == {"animation": 5, "experimentation": 5, "accompagnement": 5}


def test_it_mounts_before_the_observatory():
    assert reverse("diagnostics:answer") == ANSWER_URL


def test_it_records_an_answer_and_updates_it_when_answering_again(client, loire, questionnaire):
    person = make_person(email="alice@exemple.fr")
    client.force_login(person)
    assert typography_errors(client.get(ANSWER_URL).content.decode()) == []
    response = client.post(ANSWER_URL, form_data(questionnaire, "commune:42187", LEVELS))
    assert response.status_code == 302
    assert response["Location"] == results_url(loire["roanne"])
    assert Answer.objects.filter(response__respondent=person).count() == 15

    client.post(ANSWER_URL, form_data(questionnaire, "Roanne", {**LEVELS, "animation": 0}))
    assert Response.objects.filter(respondent=person).count() == 1
    profile = services.territory_profile(territory=loire["roanne"], questionnaire=questionnaire)
    assert profile == {"animation": 0.0, "experimentation": 1.0, "accompagnement": 2.0}


def test_it_averages_the_answers_of_several_people_of_a_territory(loire, questionnaire):
    answer_all(user=make_person(), territory=loire["roanne"], questionnaire=questionnaire, by_dimension=LEVELS)
    answer_all(
        user=make_person(),
        territory=loire["roanne"],
        questionnaire=questionnaire,
        by_dimension={"animation": 4, "experimentation": 2, "accompagnement": 1},
    )
    profile = services.territory_profile(territory=loire["roanne"], questionnaire=questionnaire)
    assert profile == {"animation": 3.5, "experimentation": 1.5, "accompagnement": 1.5}


@pytest.mark.parametrize(
    ("territory", "levels", "message"),
    [
        ("commune:42187", {"animation": 3, "experimentation": 1}, "Choisissez un niveau de 0 à 4 pour cette question."),
        ("commune:42187", {**LEVELS, "accompagnement": 7}, "Choisissez un niveau de 0 à 4 parmi ceux proposés."),
        (
            "commune:42187",
            {**LEVELS, "accompagnement": "beaucoup"},
            "Choisissez un niveau de 0 à 4 parmi ceux proposés.",
        ),
        ("Trifouillis-les-Oies", LEVELS, "Nous ne trouvons aucun territoire « Trifouillis-les-Oies »"),
        ("commune:99999", LEVELS, "Aucun territoire ne porte la référence"),
        ("", LEVELS, "Indiquez un territoire."),
    ],
)
def test_it_refuses_bad_input_in_french_and_saves_nothing(client, loire, questionnaire, territory, levels, message):
    client.force_login(make_person())
    response = client.post(ANSWER_URL, form_data(questionnaire, territory, levels))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Response.objects.exists()
    assert not Answer.objects.exists()


def test_the_service_refuses_a_value_out_of_range_and_saves_nothing(loire, questionnaire):
    values = {q.pk: 2 for q in questionnaire.questions.all()}
    values[questionnaire.questions.first().pk] = 5
    with pytest.raises(services.ValidationError, match="entre 0 et 4"):
        services.response_submit(
            user=make_person(), territory=loire["roanne"], questionnaire=questionnaire, values=values
        )
    assert not Response.objects.exists()


def test_signed_out_visitors_are_sent_to_log_in_to_answer(client, db):
    response = client.get(ANSWER_URL)
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]


def test_results_are_private_to_the_territory_respondents_and_facilitators(client, loire, questionnaire, facilitator):
    respondent = make_person(email="alice@exemple.fr")
    colleague = make_person(email="bruno@exemple.fr")
    elsewhere = make_person(email="chloe@exemple.fr")
    answer_all(user=respondent, territory=loire["roanne"], questionnaire=questionnaire, by_dimension=LEVELS)
    answer_all(user=colleague, territory=loire["roanne"], questionnaire=questionnaire, by_dimension=LEVELS)
    answer_all(user=elsewhere, territory=loire["firminy"], questionnaire=questionnaire, by_dimension=LEVELS)
    url = results_url(loire["roanne"])

    for person, expected in [(respondent, 200), (colleague, 200), (facilitator, 200), (elsewhere, 404)]:
        client.force_login(person)
        assert client.get(url).status_code == expected, person.email
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get("/observatoire/autodiagnostic/commune/00000/").status_code == 404


def test_it_shows_the_profile_beside_similar_territories(client, loire, questionnaire):
    alice = make_person(email="alice@exemple.fr")
    answer_all(user=alice, territory=loire["roanne"], questionnaire=questionnaire, by_dimension=LEVELS)
    # Two similar communes (10 000 to 50 000 inhabitants) count once each, whatever their number of respondents.
    answer_all(
        user=make_person(),
        territory=loire["saint_chamond"],
        questionnaire=questionnaire,
        by_dimension={"animation": 4, "experimentation": 4, "accompagnement": 4},
    )
    answer_all(
        user=make_person(),
        territory=loire["firminy"],
        questionnaire=questionnaire,
        by_dimension={"animation": 2, "experimentation": 2, "accompagnement": 2},
    )
    answer_all(
        user=make_person(),
        territory=loire["firminy"],
        questionnaire=questionnaire,
        by_dimension={"animation": 0, "experimentation": 0, "accompagnement": 0},
    )
    # Saint-Étienne (173 136 inhabitants) is in another band: left out.
    answer_all(
        user=make_person(),
        territory=loire["saint_etienne"],
        questionnaire=questionnaire,
        by_dimension={"animation": 0, "experimentation": 0, "accompagnement": 0},
    )
    similar = services.similar_profile(territory=loire["roanne"], questionnaire=questionnaire)
    assert similar.territory_count == 2
    assert similar.means == {"animation": 2.5, "experimentation": 2.5, "accompagnement": 2.5}

    client.force_login(alice)
    page = client.get(results_url(loire["roanne"])).content.decode()
    assert typography_errors(page) == []
    assert '<svg class="radar" role="img"' in page
    assert "style=" not in page.split("<main", 1)[-1]
    assert "<caption>" in page
    assert "<td>3,0</td>" in page and "<td>2,5</td>" in page
    assert "population de 10000 à 50000 habitants" in page.replace("\u202f", "").replace("\xa0", "")


def test_it_recommends_kit_resources_and_peers_ahead_on_the_weakest_action(client, loire, questionnaire):
    alice = make_person(email="alice@exemple.fr")
    answer_all(user=alice, territory=loire["roanne"], questionnaire=questionnaire, by_dimension=LEVELS)
    listed = make_person(email="denis@exemple.fr", first_name="Denis", last_name="Annuaire", directory_consent=True)
    hidden = make_person(email="eve@exemple.fr", first_name="Ève", last_name="Discrète")
    behind = make_person(email="fanny@exemple.fr", first_name="Fanny", last_name="Derrière", directory_consent=True)
    ahead = {"animation": 1, "experimentation": 4, "accompagnement": 1}
    answer_all(user=listed, territory=loire["firminy"], questionnaire=questionnaire, by_dimension=ahead)
    answer_all(user=hidden, territory=loire["firminy"], questionnaire=questionnaire, by_dimension=ahead)
    answer_all(
        user=behind,
        territory=loire["saint_chamond"],
        questionnaire=questionnaire,
        by_dimension={**ahead, "experimentation": 0},
    )
    Resource.objects.create(
        kind="methode",
        title="Mener une expérimentation collective",
        slug="mener",
        status="published",
        forms=["experimentation"],
    )
    Resource.objects.create(
        kind="methode", title="Animer un territoire", slug="animer", status="published", forms=["animation"]
    )
    Resource.objects.create(
        kind="methode", title="Brouillon d’expérimentation", slug="brouillon", status="draft", forms=["experimentation"]
    )

    client.force_login(alice)
    page = client.get(results_url(loire["roanne"])).content.decode()
    assert "« Expérimentations collectives »" in page
    assert "Mener une expérimentation collective" in page
    assert "Animer un territoire" not in page
    assert "Brouillon" not in page
    assert "Denis Annuaire" in page
    assert "Discrète" not in page
    assert "Derrière" not in page


def test_only_facilitators_edit_the_questions(client, questionnaire, facilitator, catalyst):
    question = questionnaire.questions.first()
    data = {f"question_{q.pk}": q.text for q in questionnaire.questions.all()}
    data[f"question_{question.pk}"] = "Un  espace de dialogue réunit les acteurs\u00a0?"

    client.force_login(catalyst)
    assert client.post("/observatoire/autodiagnostic/questions/", data).status_code == 403
    assert Question.objects.get(pk=question.pk).text != data[f"question_{question.pk}"]

    client.force_login(facilitator)
    edit_page = client.get("/observatoire/autodiagnostic/questions/")
    assert typography_errors(edit_page.content.decode()) == []
    assert client.post("/observatoire/autodiagnostic/questions/", data).status_code == 302
    assert Question.objects.get(pk=question.pk).text == "Un espace de dialogue réunit les acteurs\u00a0?"

    data[f"question_{question.pk}"] = "   "
    response = client.post("/observatoire/autodiagnostic/questions/", data)
    assert "Le texte d’une question ne peut pas être vide." in response.content.decode()
    assert Question.objects.get(pk=question.pk).text == "Un espace de dialogue réunit les acteurs\u00a0?"


def test_the_results_page_runs_a_bounded_number_of_queries(client, loire, questionnaire, django_assert_max_num_queries):
    alice = make_person()
    answer_all(user=alice, territory=loire["roanne"], questionnaire=questionnaire, by_dimension=LEVELS)
    for index in range(6):
        person = make_person(directory_consent=True)
        answer_all(
            user=person,
            territory=loire["firminy" if index % 2 else "saint_chamond"],
            questionnaire=questionnaire,
            by_dimension={"animation": 4, "experimentation": 4, "accompagnement": 4},
        )
    client.force_login(alice)
    with django_assert_max_num_queries(20):
        assert client.get(results_url(loire["roanne"])).status_code == 200


def test_it_recommends_upcoming_events_nearby_first_then_online(client, loire, questionnaire):
    import datetime

    from django.utils import timezone

    from catalyse.events.services import event_create

    def event(title, days, **fields):
        start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
        fields.setdefault("format", "presentiel")
        return event_create(title=title, kind="atelier", starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                            **fields)  # fmt: skip

    event("Atelier à Roanne", 20, territory=loire["roanne"])
    event("Forum de la Loire à Saint-Étienne", 5, territory=loire["saint_etienne"])
    event("Webinaire national", 3, format="en_ligne")
    event("Atelier passé à Roanne", -3, territory=loire["roanne"])
    event("Brouillon à Roanne", 4, territory=loire["roanne"], status="draft")
    event("Annulé à Roanne", 4, territory=loire["roanne"], status="cancelled")
    event("Rencontre sans lieu", 2)  # in person, no territory: neither near nor online

    found = services.upcoming_events_for(territory=loire["roanne"])
    assert [(a.event.title, a.where) for a in found] == [
        ("Atelier à Roanne", "Roanne"),
        ("Forum de la Loire à Saint-Étienne", "Loire"),
        ("Webinaire national", "en ligne"),
    ]
    assert [a.event.title for a in services.upcoming_events_for(territory=loire["roanne"], limit=2)] == [
        "Atelier à Roanne",
        "Forum de la Loire à Saint-Étienne",
    ]

    alice = make_person(email="alice@exemple.fr")
    answer_all(user=alice, territory=loire["roanne"], questionnaire=questionnaire, by_dimension=LEVELS)
    client.force_login(alice)
    page = client.get(results_url(loire["roanne"])).content.decode()
    assert page.index("Atelier à Roanne") < page.index("Forum de la Loire") < page.index("Webinaire national")
    assert "Atelier passé" not in page and "Brouillon à Roanne" not in page and "Annulé à Roanne" not in page
    assert typography_errors(page) == []


def test_it_says_when_no_event_is_coming(client, loire, questionnaire):
    alice = make_person(email="alice@exemple.fr")
    answer_all(user=alice, territory=loire["roanne"], questionnaire=questionnaire, by_dimension=LEVELS)
    client.force_login(alice)
    page = client.get(results_url(loire["roanne"])).content.decode()
    assert "Aucun événement à venir près de ce territoire ni en ligne pour le moment." in page
    assert 'href="/evenements/"' in page


def test_it_writes_french_counters_for_zero_and_one(client, loire, questionnaire, facilitator):
    client.force_login(facilitator)
    page = client.get(results_url(loire["roanne"])).content.decode()
    assert "Pas encore de réponse pour ce territoire\u00a0: le profil se dessinera avec la première." in page
    assert "aucun n’a encore répondu" in page and "0 territoires" not in page
    answer_all(user=make_person(), territory=loire["roanne"], questionnaire=questionnaire, by_dimension=LEVELS)
    answer_all(user=make_person(), territory=loire["firminy"], questionnaire=questionnaire, by_dimension=LEVELS)
    page = client.get(results_url(loire["roanne"])).content.decode()
    assert "à partir de la réponse d’1\u00a0personne" in page or "à partir de la réponse d’1 personne" in page
    assert "1 territoire a répondu." in page


@pytest.mark.parametrize(
    ("persona", "results", "questions"),
    [
        (None, 404, 302),
        ("catalyst", 404, 403),
        ("editor", 404, 403),
        ("pilot_member", 404, 403),
        ("outsider", 404, 403),
        ("facilitator", 200, 200),
        ("respondent", 200, 403),
    ],
)
def test_it_guards_results_and_questions_per_role(client, loire, questionnaire, request, persona, results, questions):
    respondent = make_person(email="repondante@exemple.fr")
    answer_all(user=respondent, territory=loire["roanne"], questionnaire=questionnaire, by_dimension=LEVELS)
    if persona == "respondent":
        client.force_login(respondent)
    elif persona:
        client.force_login(request.getfixturevalue(persona))
    assert client.get(results_url(loire["roanne"])).status_code == results
    assert client.get("/observatoire/autodiagnostic/questions/").status_code == questions
