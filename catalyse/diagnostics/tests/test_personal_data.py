from catalyse.accounts.services import user_erase, user_export
from catalyse.diagnostics.models import Response
from catalyse.diagnostics.tests.conftest import answer_all
from catalyse.test import make_person

LEVELS = {"animation": 3, "experimentation": 1, "accompagnement": 2}


def test_it_exports_a_persons_answers(loire, questionnaire):
    person = make_person()
    answer_all(user=person, territory=loire["roanne"], questionnaire=questionnaire, by_dimension=LEVELS)
    [exported] = user_export(user=person)["autodiagnostic"]
    assert exported["territoire"] == "commune:42187"
    assert len(exported["réponses"]) == questionnaire.questions.count()
    assert {a["niveau"] for a in exported["réponses"]} == {1, 2, 3}


def test_it_keeps_answers_anonymised_when_the_person_leaves(loire, questionnaire):
    person = make_person(email="partant@exemple.fr")
    answer_all(user=person, territory=loire["roanne"], questionnaire=questionnaire, by_dimension=LEVELS)
    user_erase(user=person)
    response = Response.objects.get(territory=loire["roanne"])
    assert response.respondent.email != "partant@exemple.fr"
    assert response.answers.count() == questionnaire.questions.count()
