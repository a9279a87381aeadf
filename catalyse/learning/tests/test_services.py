"""Progress, the completion rule, quiz scoring on the server and what it refuses, the notebook."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from catalyse.learning import services
from catalyse.learning.models import ActivityEntry, Provider, QuizAttempt, SegmentCompletion
from catalyse.learning.tests.conftest import build_course
from catalyse.test import make_person

pytestmark = pytest.mark.django_db


def finish_everything(fx, user):
    for segment in (fx.testimony, fx.synthesis, fx.resource, fx.synthesis2):
        services.segment_complete(user=user, segment=segment)
    services.activity_save(user=user, segment=fx.activity, text="Mon territoire : la vallée du Gier.")
    services.quiz_submit(user=user, segment=fx.quiz, answers=fx.all_right())
    services.quiz_submit(user=user, segment=fx.quiz2, answers={fx.q2.pk: fx.right(fx.q2)})


def test_it_scores_a_quiz_from_the_chosen_choices(learning, catalyst):
    attempt = services.quiz_submit(user=catalyst, segment=learning.quiz, answers=learning.all_right())
    assert attempt.score_percent == 100
    half = {
        learning.q_single.pk: learning.right(learning.q_single),
        learning.q_multiple.pk: learning.wrong(learning.q_multiple),
    }
    assert services.quiz_submit(user=catalyst, segment=learning.quiz, answers=half).score_percent == 50
    assert QuizAttempt.objects.filter(user=catalyst, segment=learning.quiz).count() == 2
    assert SegmentCompletion.objects.filter(user=catalyst, segment=learning.quiz).count() == 1


def test_a_multiple_choice_question_needs_exactly_the_right_choices(learning, catalyst):
    right = learning.right(learning.q_multiple)
    partial = {learning.q_single.pk: learning.right(learning.q_single), learning.q_multiple.pk: right[:1]}
    assert services.quiz_submit(user=catalyst, segment=learning.quiz, answers=partial).score_percent == 50
    too_many = {
        learning.q_single.pk: learning.right(learning.q_single),
        learning.q_multiple.pk: right + learning.wrong(learning.q_multiple),
    }
    assert services.quiz_submit(user=catalyst, segment=learning.quiz, answers=too_many).score_percent == 50


def test_it_keeps_what_was_chosen_and_whether_it_was_right(learning, catalyst):
    attempt = services.quiz_submit(user=catalyst, segment=learning.quiz, answers=learning.all_right())
    assert attempt.answers[str(learning.q_single.pk)] == {"choices": learning.right(learning.q_single), "correct": True}


@pytest.mark.parametrize(
    "tamper, message",
    [
        ("foreign_choice", "n’appartient pas à cette question"),
        ("foreign_question", "n’appartient pas à ce quiz"),
        ("missing", "choisissez une réponse"),
        ("two_for_single", "une seule réponse est attendue"),
        ("unknown_choice", "n’appartient pas à cette question"),
        ("garbage", "pas lisibles"),
    ],
)
def test_it_refuses_tampered_answers_and_writes_nothing(learning, catalyst, tamper, message):
    answers = learning.all_right()
    if tamper == "foreign_choice":  # a choice of the other question
        answers[learning.q_single.pk] = learning.right(learning.q_multiple)[:1]
    elif tamper == "foreign_question":  # a question of another segment
        answers[learning.q2.pk] = learning.right(learning.q2)
    elif tamper == "missing":
        del answers[learning.q_multiple.pk]
    elif tamper == "two_for_single":
        answers[learning.q_single.pk] = [c.pk for c in learning.q_single.choices.all()][:2]
    elif tamper == "unknown_choice":
        answers[learning.q_single.pk] = [999_999]
    elif tamper == "garbage":
        answers = {"abc": ["x"]}  # type: ignore[dict-item]
    with pytest.raises(ValidationError) as error:
        services.quiz_submit(user=catalyst, segment=learning.quiz, answers=answers)
    assert message in " ".join(error.value.messages)
    assert not QuizAttempt.objects.exists()
    assert not SegmentCompletion.objects.exists()


def test_a_quiz_is_done_by_answering_and_an_activity_by_writing(learning, catalyst):
    with pytest.raises(ValidationError, match="quand vous y avez répondu"):
        services.segment_complete(user=catalyst, segment=learning.quiz)
    with pytest.raises(ValidationError, match="écrite dans votre carnet"):
        services.segment_complete(user=catalyst, segment=learning.activity)
    with pytest.raises(ValidationError, match="pas un quiz"):
        services.quiz_submit(user=catalyst, segment=learning.synthesis, answers={})
    with pytest.raises(ValidationError, match="pas une activité"):
        services.activity_save(user=catalyst, segment=learning.synthesis, text="Non")
    assert not SegmentCompletion.objects.exists()


def test_marking_done_is_idempotent_and_can_be_undone(learning, catalyst):
    services.segment_complete(user=catalyst, segment=learning.synthesis)
    services.segment_complete(user=catalyst, segment=learning.synthesis)
    assert SegmentCompletion.objects.filter(user=catalyst).count() == 1
    services.segment_uncomplete(user=catalyst, segment=learning.synthesis)
    assert not SegmentCompletion.objects.exists()


def test_the_notebook_keeps_one_entry_per_activity_and_refuses_empty_text(learning, catalyst):
    services.activity_save(user=catalyst, segment=learning.activity, text="Première version")
    services.activity_save(user=catalyst, segment=learning.activity, text="  Deuxième version  ")
    entry = ActivityEntry.objects.get(user=catalyst)
    assert entry.text == "Deuxième version"
    with pytest.raises(ValidationError, match="Écrivez votre réponse"):
        services.activity_save(user=catalyst, segment=learning.activity, text="   ")
    with pytest.raises(ValidationError, match="raccourcissez"):
        services.activity_save(user=catalyst, segment=learning.activity, text="x" * 10_001)
    assert ActivityEntry.objects.get(user=catalyst).text == "Deuxième version"


def test_progress_counts_segments_quizzes_and_activities(learning, catalyst):
    services.segment_complete(user=catalyst, segment=learning.testimony)
    services.quiz_submit(user=catalyst, segment=learning.quiz, answers=learning.all_right())
    services.activity_save(user=catalyst, segment=learning.activity, text="Ma vallée")
    progress = services.learner_progress(user=catalyst, course=learning.course)
    first, second = progress.sessions
    assert (first.segments_done, first.segments_total) == (3, 5)
    assert first.quiz_best_percent == 100
    assert first.activities_written == 1
    assert not first.is_done
    assert (second.segments_done, second.segments_total, second.quiz_best_percent) == (0, 2, None)
    assert progress.percent_done == round(100 * 3 / 7)
    assert progress.quiz_average_percent == 100


def test_the_best_attempt_counts(learning, catalyst):
    wrong = {
        learning.q_single.pk: learning.wrong(learning.q_single),
        learning.q_multiple.pk: learning.wrong(learning.q_multiple),
    }
    services.quiz_submit(user=catalyst, segment=learning.quiz, answers=learning.all_right())
    services.quiz_submit(user=catalyst, segment=learning.quiz, answers=wrong)
    assert services.learner_progress(user=catalyst, course=learning.course).sessions[0].quiz_best_percent == 100


def test_completion_needs_every_segment_and_every_quiz_at_the_threshold(learning, catalyst):
    assert not services.course_is_completed(user=catalyst, course=learning.course)
    finish_everything(learning, catalyst)
    assert services.course_is_completed(user=catalyst, course=learning.course)


def test_a_quiz_under_the_threshold_blocks_completion_until_retried(learning, catalyst):
    finish_everything(learning, catalyst)
    learning.course.quiz_pass_percent = 100
    learning.course.save()
    QuizAttempt.objects.filter(segment=learning.quiz).delete()
    half = {
        learning.q_single.pk: learning.right(learning.q_single),
        learning.q_multiple.pk: learning.wrong(learning.q_multiple),
    }
    services.quiz_submit(user=catalyst, segment=learning.quiz, answers=half)
    assert services.learner_progress(user=catalyst, course=learning.course).sessions[0].is_done
    assert not services.course_is_completed(user=catalyst, course=learning.course)
    services.quiz_submit(user=catalyst, segment=learning.quiz, answers=learning.all_right())
    assert services.course_is_completed(user=catalyst, course=learning.course)


def test_progress_is_per_person(learning, catalyst, outsider):
    finish_everything(learning, catalyst)
    assert services.learner_progress(user=outsider, course=learning.course).segments_done == 0
    many = services.learners_progress(users=[catalyst, outsider], course=learning.course)
    assert many[catalyst.pk].percent_done == 100
    assert many[outsider.pk].percent_done == 0


def test_progress_of_many_learners_takes_a_fixed_number_of_queries(learning, django_assert_max_num_queries):
    people = [make_person(email=f"apprenant{i}@exemple.fr") for i in range(6)]
    for person in people:
        finish_everything(learning, person)
    with django_assert_max_num_queries(6):
        result = services.learners_progress(users=people, course=learning.course)
    assert all(p.percent_done == 100 for p in result.values())


def test_an_external_course_counts_only_what_is_on_catalyse(db, catalyst):
    fx = build_course(slug="mooc-externe", provider=Provider.EXTERNAL)
    progress = services.learner_progress(user=catalyst, course=fx.course)
    assert progress.sessions[0].segments_total == 4  # synthesis, quiz, activity, resource; the testimony is elsewhere
    with pytest.raises(ValidationError, match="Coursera"):
        services.segment_complete(user=catalyst, segment=fx.testimony)
    finish = [fx.synthesis, fx.resource, fx.synthesis2]
    for segment in finish:
        services.segment_complete(user=catalyst, segment=segment)
    services.activity_save(user=catalyst, segment=fx.activity, text="Texte")
    services.quiz_submit(user=catalyst, segment=fx.quiz, answers=fx.all_right())
    services.quiz_submit(user=catalyst, segment=fx.quiz2, answers={fx.q2.pk: fx.right(fx.q2)})
    assert services.course_is_completed(user=catalyst, course=fx.course)


def test_question_failure_rates_put_the_questions_that_fail_most_first(learning, catalyst, outsider):
    wrong_multiple = {
        learning.q_single.pk: learning.right(learning.q_single),
        learning.q_multiple.pk: learning.wrong(learning.q_multiple),
    }
    services.quiz_submit(user=catalyst, segment=learning.quiz, answers=wrong_multiple)
    services.quiz_submit(user=outsider, segment=learning.quiz, answers=wrong_multiple)
    services.quiz_submit(user=outsider, segment=learning.quiz, answers=learning.all_right())
    rows = services.question_failure_rates(course=learning.course, users=[catalyst, outsider])
    assert rows[0] == (learning.q_multiple, 3, 2)
    by_question = {question.pk: (attempts, failed) for question, attempts, failed in rows}
    assert by_question[learning.q_single.pk] == (3, 0)
    assert by_question[learning.q2.pk] == (0, 0)
    assert services.question_failure_rates(course=learning.course, users=[catalyst])[0] == (learning.q_multiple, 1, 1)


def test_the_percent_of_a_list_of_courses_agrees_with_the_detailed_progress(learning, catalyst):
    external = build_course(slug="mooc-externe", provider=Provider.EXTERNAL)
    untouched = build_course(slug="pas-commencee")
    services.segment_complete(user=catalyst, segment=learning.synthesis)
    services.quiz_submit(user=catalyst, segment=learning.quiz, answers=learning.all_right())
    services.segment_complete(user=catalyst, segment=external.synthesis)
    courses = [learning.course, external.course, untouched.course]
    percents = services.courses_percent_done(user=catalyst, courses=courses)
    assert percents == {c.pk: services.learner_progress(user=catalyst, course=c).percent_done for c in courses[:2]}
    assert untouched.course.pk not in percents
