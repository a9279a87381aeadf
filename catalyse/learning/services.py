"""What a learner does in a course: segments done, quizzes scored on the server, the notebook; progress read back.

A segment counts toward progress when it is shown on Catalyse: every segment of a hosted course; for an
external MOOC, only the synthesis, quizzes, activities and resources (its videos are on the external platform).
A quiz segment is done once answered (any score), an activity once written; the others when marked done.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalyse.learning.models import (
    ACTIVITY_MAX_LENGTH,
    EXTERNAL_KINDS,
    ActivityEntry,
    Course,
    CourseSession,
    QuizAttempt,
    QuizQuestion,
    Segment,
    SegmentCompletion,
    SegmentKind,
)

# Kinds that are done by their own action (answering, writing), not by "mark as done".
SELF_COMPLETING_KINDS = (SegmentKind.QUIZ, SegmentKind.ACTIVITE)


def segment_counts(segment: Segment, course: Course) -> bool:
    """Whether a segment is shown on Catalyse and so counts toward progress."""
    return not course.is_external or segment.kind in EXTERNAL_KINDS


@dataclass(frozen=True)
class SessionProgress:
    session: CourseSession
    segments_done: int
    segments_total: int
    quiz_best_percent: int | None  # the mean of the best score of each quiz of the session answered so far
    quizzes_total: int
    quizzes_answered: int
    activities_written: int

    @property
    def is_done(self) -> bool:
        return self.segments_total > 0 and self.segments_done >= self.segments_total

    @property
    def percent_done(self) -> int:
        return round(100 * self.segments_done / self.segments_total) if self.segments_total else 0


@dataclass(frozen=True)
class CourseProgress:
    course: Course
    sessions: list[SessionProgress]
    quiz_best: dict[int, int]  # segment id → best score of that quiz

    @property
    def segments_done(self) -> int:
        return sum(s.segments_done for s in self.sessions)

    @property
    def segments_total(self) -> int:
        return sum(s.segments_total for s in self.sessions)

    @property
    def percent_done(self) -> int:
        total = self.segments_total
        return round(100 * self.segments_done / total) if total else 0

    @property
    def quiz_average_percent(self) -> int | None:
        return round(sum(self.quiz_best.values()) / len(self.quiz_best)) if self.quiz_best else None

    @property
    def activities_written(self) -> int:
        return sum(s.activities_written for s in self.sessions)

    @property
    def sessions_done(self) -> int:
        return sum(1 for s in self.sessions if s.is_done)

    @property
    def is_started(self) -> bool:
        return self.segments_done > 0


def _course_structure(course: Course) -> list[tuple[CourseSession, list[Segment]]]:
    sessions = list(course.sessions.order_by("number").prefetch_related("segments"))
    return [(s, [seg for seg in s.segments.all() if segment_counts(seg, course)]) for s in sessions]


def _progress(
    course: Course,
    structure: list[tuple[CourseSession, list[Segment]]],
    done: set[int],
    best: dict[int, int],
    written: set[int],
) -> CourseProgress:
    sessions = []
    quiz_best: dict[int, int] = {}
    for session, segments in structure:
        quizzes = [seg.pk for seg in segments if seg.kind == SegmentKind.QUIZ]
        scores = [best[q] for q in quizzes if q in best]
        quiz_best.update({q: best[q] for q in quizzes if q in best})
        sessions.append(
            SessionProgress(
                session=session,
                segments_done=sum(1 for seg in segments if seg.pk in done),
                segments_total=len(segments),
                quiz_best_percent=round(sum(scores) / len(scores)) if scores else None,
                quizzes_total=len(quizzes),
                quizzes_answered=len(scores),
                activities_written=sum(1 for seg in segments if seg.pk in written),
            )
        )
    return CourseProgress(course=course, sessions=sessions, quiz_best=quiz_best)


def learners_progress(*, users: Iterable[Any], course: Course) -> dict[int, CourseProgress]:
    """The progress of many learners in a course, in five queries whatever their number (for dashboards)."""
    user_ids = [u.pk for u in users]
    structure = _course_structure(course)
    segment_ids = [seg.pk for _session, segments in structure for seg in segments]
    done: dict[int, set[int]] = defaultdict(set)
    for user_id, segment_id in SegmentCompletion.objects.filter(
        user_id__in=user_ids, segment_id__in=segment_ids
    ).values_list("user_id", "segment_id"):
        done[user_id].add(segment_id)
    best: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        QuizAttempt.objects.filter(user_id__in=user_ids, segment_id__in=segment_ids)
        .values("user_id", "segment_id")
        .annotate(best=Max("score_percent"))
        .order_by()
    ):
        best[row["user_id"]][row["segment_id"]] = row["best"]
    written: dict[int, set[int]] = defaultdict(set)
    for user_id, segment_id in ActivityEntry.objects.filter(
        user_id__in=user_ids, segment_id__in=segment_ids
    ).values_list("user_id", "segment_id"):
        written[user_id].add(segment_id)
    return {uid: _progress(course, structure, done[uid], best[uid], written[uid]) for uid in user_ids}


def learner_progress(*, user: Any, course: Course) -> CourseProgress:
    if not getattr(user, "is_authenticated", False):
        return _progress(course, _course_structure(course), set(), {}, set())
    return learners_progress(users=[user], course=course)[user.pk]


def courses_percent_done(*, user: Any, courses: Iterable[Course]) -> dict[int, int]:
    """The share of counted segments a person has done, per course they started (two queries, for lists)."""
    from django.db.models import Count, Q

    by_id = {c.pk: c for c in courses}
    if not getattr(user, "is_authenticated", False) or not by_id:
        return {}
    counted = Q(session__course__provider="hosted") | Q(kind__in=EXTERNAL_KINDS)
    done = dict(
        SegmentCompletion.objects.filter(user=user, segment__session__course__in=by_id)
        .filter(Q(segment__session__course__provider="hosted") | Q(segment__kind__in=EXTERNAL_KINDS))
        .values_list("segment__session__course")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if not done:
        return {}
    totals = dict(
        Segment.objects.filter(counted, session__course__in=list(done))
        .values_list("session__course")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {pk: round(100 * n / totals[pk]) for pk, n in done.items() if totals.get(pk)}


def progress_is_completed(progress: CourseProgress) -> bool:
    """The course's rule: every session done and the best score of every quiz at or above the threshold."""
    if not progress.sessions or not all(s.is_done for s in progress.sessions):
        return False
    quizzes_total = sum(s.quizzes_total for s in progress.sessions)
    if len(progress.quiz_best) < quizzes_total:
        return False
    return all(score >= progress.course.quiz_pass_percent for score in progress.quiz_best.values())


def course_is_completed(*, user: Any, course: Course) -> bool:
    return progress_is_completed(learner_progress(user=user, course=course))


# ---------------------------------------------------------------- writes


def _check_counts(segment: Segment) -> None:
    course = segment.session.course
    if not segment_counts(segment, course):
        raise ValidationError(
            _("Cette séquence se suit sur %(platform)s : elle ne se valide pas sur Catalyse.")
            % {"platform": course.provider_name or _("la plateforme externe")}
        )


@transaction.atomic
def segment_complete(*, user: Any, segment: Segment) -> SegmentCompletion:
    """Mark a segment done (idempotent). Quizzes are done by answering them, activities by writing them."""
    _check_counts(segment)
    if segment.kind == SegmentKind.QUIZ:
        raise ValidationError(_("Un quiz est terminé quand vous y avez répondu."))
    if segment.kind == SegmentKind.ACTIVITE:
        raise ValidationError(_("Une activité est terminée quand vous l’avez écrite dans votre carnet."))
    completion, _created = SegmentCompletion.objects.get_or_create(user=user, segment=segment)
    return completion


@transaction.atomic
def segment_uncomplete(*, user: Any, segment: Segment) -> None:
    if segment.kind in SELF_COMPLETING_KINDS:
        raise ValidationError(_("Seules les vidéos, synthèses et ressources se marquent « à revoir »."))
    SegmentCompletion.objects.filter(user=user, segment=segment).delete()


def _parse_answers(raw: Mapping[Any, Any]) -> dict[int, list[int]]:
    answers: dict[int, list[int]] = {}
    try:
        for key, values in raw.items():
            ids = [values] if isinstance(values, int | str) else list(values)
            answers[int(key)] = sorted({int(v) for v in ids})
    except (TypeError, ValueError):
        raise ValidationError(
            _("Les réponses envoyées ne sont pas lisibles : rechargez la page et recommencez.")
        ) from None
    return answers


def quiz_score(*, segment: Segment, answers: Mapping[int, Iterable[int]]) -> tuple[int, dict[str, Any]]:
    """Check the chosen choice ids against the quiz and score them. Raises ValidationError (in French) when an
    answer is missing, names a question of another segment or a choice of another question, or picks several
    choices for a single-choice question. Returns the score in percent and what to keep in the attempt."""
    if segment.kind != SegmentKind.QUIZ:
        raise ValidationError(_("Cette séquence n’est pas un quiz."))
    parsed = _parse_answers(answers)
    questions = list(segment.questions.prefetch_related("choices"))
    if not questions:
        raise ValidationError(_("Ce quiz n’a pas encore de questions."))
    by_id = {q.pk: q for q in questions}
    foreign = set(parsed) - set(by_id)
    if foreign:
        raise ValidationError(_("Une des questions envoyées n’appartient pas à ce quiz : rechargez la page."))
    errors = []
    kept: dict[str, Any] = {}
    correct = 0
    for number, question in enumerate(questions, start=1):
        chosen = parsed.get(question.pk, [])
        choice_ids = {c.pk for c in question.choices.all()}
        if not chosen:
            errors.append(_("Question %(n)s : choisissez une réponse.") % {"n": number})
            continue
        if not set(chosen) <= choice_ids:
            errors.append(
                _("Question %(n)s : une réponse envoyée n’appartient pas à cette question ; rechargez la page.")
                % {"n": number}
            )
            continue
        if not question.multiple and len(chosen) > 1:
            errors.append(_("Question %(n)s : une seule réponse est attendue.") % {"n": number})
            continue
        right = {c.pk for c in question.choices.all() if c.is_correct}
        is_right = set(chosen) == right
        correct += is_right
        kept[str(question.pk)] = {"choices": chosen, "correct": is_right}
    if errors:
        raise ValidationError(errors)
    return round(100 * correct / len(questions)), kept


@transaction.atomic
def quiz_submit(*, user: Any, segment: Segment, answers: Mapping[int, Iterable[int]]) -> QuizAttempt:
    """Score the answers on the server (never trust a score sent by the browser), keep the attempt, mark the
    quiz done. Retries are allowed: every attempt is kept and the best one counts."""
    _check_counts(segment)
    score, kept = quiz_score(segment=segment, answers=answers)
    attempt = QuizAttempt.objects.create(user=user, segment=segment, score_percent=score, answers=kept)
    SegmentCompletion.objects.get_or_create(user=user, segment=segment)
    return attempt


@transaction.atomic
def activity_save(*, user: Any, segment: Segment, text: str) -> ActivityEntry:
    """Write (or rewrite) the learner's answer to an activity in their private notebook."""
    _check_counts(segment)
    if segment.kind != SegmentKind.ACTIVITE:
        raise ValidationError(_("Cette séquence n’est pas une activité."))
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Écrivez votre réponse avant d’enregistrer."))
    if len(text) > ACTIVITY_MAX_LENGTH:
        maximum = f"{ACTIVITY_MAX_LENGTH:_}".replace("_", "\u202f")
        raise ValidationError(_("Votre réponse dépasse %(max)s caractères : raccourcissez-la.") % {"max": maximum})
    entry, created = ActivityEntry.objects.get_or_create(user=user, segment=segment, defaults={"text": text})
    if not created and entry.text != text:
        entry.text = text
        entry.save(update_fields=["text", "updated_at"])
    SegmentCompletion.objects.get_or_create(user=user, segment=segment)
    return entry


@transaction.atomic
def activity_delete(*, user: Any, segment: Segment) -> None:
    ActivityEntry.objects.filter(user=user, segment=segment).delete()
    SegmentCompletion.objects.filter(user=user, segment=segment).delete()


# ---------------------------------------------------------------- for facilitators


def question_failure_rates(*, course: Course, users: Iterable[Any]) -> list[tuple[QuizQuestion, int, int]]:
    """For each quiz question of the course: how many attempts of these learners answered it and how many got it
    wrong; the questions that fail most first. Two queries."""
    user_ids = [u.pk for u in users]
    questions = list(QuizQuestion.objects.filter(segment__session__course=course).select_related("segment__session"))
    counts: dict[int, list[int]] = {q.pk: [0, 0] for q in questions}
    for answers in QuizAttempt.objects.filter(user_id__in=user_ids, segment__session__course=course).values_list(
        "answers", flat=True
    ):
        for key, value in (answers or {}).items():
            pair = counts.get(int(key))
            if pair is None or not isinstance(value, dict):
                continue
            pair[0] += 1
            pair[1] += 0 if value.get("correct") else 1
    rows = [(q, counts[q.pk][0], counts[q.pk][1]) for q in questions]
    rows.sort(key=lambda r: (-(r[2] / r[1]) if r[1] else 0, -r[2], r[0].segment.session.number, r[0].order))
    return rows


# ---------------------------------------------------------------- editors (front-end editor; the admin does the same)

QUIZ_SYNTAX_HELP = gettext_lazy(
    "Une question par bloc : « ? » puis la question (« ?? » si plusieurs réponses sont possibles), une ligne "
    "« * » par bonne réponse, une ligne « - » par mauvaise réponse, et « > » pour l’explication."
)


@dataclass(frozen=True)
class QuestionSpec:
    text: str
    multiple: bool
    choices: list[tuple[str, bool]]
    explanation: str


def quiz_text_parse(text: str) -> list[QuestionSpec]:
    """Read quiz questions written in the editor's plain syntax; a French ValidationError says which line to fix."""
    questions: list[dict[str, Any]] = []
    errors: list[str] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("??") or line.startswith("?"):
            multiple = line.startswith("??")
            body = line[2:] if multiple else line[1:]
            questions.append({"text": body.strip(), "multiple": multiple, "choices": [], "explanation": []})
        elif line[0] in "*->" and not questions:
            errors.append(_("Ligne %(n)s : commencez par une question (« ? »).") % {"n": number})
        elif line[0] in "*-":
            questions[-1]["choices"].append((line[1:].strip(), line[0] == "*"))
        elif line[0] == ">":
            questions[-1]["explanation"].append(line[1:].strip())
        else:
            errors.append(
                _("Ligne %(n)s : commencez la ligne par « ? », « ?? », « * », « - » ou « > ».") % {"n": number}
            )
    for index, item in enumerate(questions, start=1):
        right = sum(1 for _label, is_right in item["choices"] if is_right)
        if not item["text"]:
            errors.append(_("Question %(n)s : écrivez la question après « ? ».") % {"n": index})
        if len(item["choices"]) < 2:
            errors.append(_("Question %(n)s : proposez au moins deux réponses.") % {"n": index})
        if right == 0:
            errors.append(_("Question %(n)s : marquez au moins une bonne réponse avec « * ».") % {"n": index})
        elif right > 1 and not item["multiple"]:
            errors.append(
                _("Question %(n)s : plusieurs bonnes réponses, écrivez « ?? » pour une question à choix multiples.")
                % {"n": index}
            )
    if not questions and not errors:
        errors.append(_("Écrivez au moins une question."))
    if errors:
        raise ValidationError(errors)
    return [
        QuestionSpec(
            text=item["text"],
            multiple=item["multiple"],
            choices=item["choices"],
            explanation="\n".join(item["explanation"]),
        )
        for item in questions
    ]


def quiz_text_format(segment: Segment) -> str:
    """The questions of a quiz in the editor's plain syntax (what `quiz_text_parse` reads)."""
    blocks = []
    for question in segment.questions.prefetch_related("choices"):
        lines = [("?? " if question.multiple else "? ") + question.text]
        lines += [("* " if c.is_correct else "- ") + c.text for c in question.choices.all()]
        lines += ["> " + line for line in question.explanation.splitlines() if line.strip()]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


@transaction.atomic
def quiz_questions_set(*, segment: Segment, questions: list[QuestionSpec]) -> None:
    """Replace the questions of a quiz. Attempts already made keep their scores."""
    from catalyse.learning.models import QuizChoice

    segment.questions.all().delete()
    for order, spec in enumerate(questions, start=1):
        question = QuizQuestion.objects.create(
            segment=segment, order=order, text=spec.text, multiple=spec.multiple, explanation=spec.explanation
        )
        QuizChoice.objects.bulk_create(
            [QuizChoice(question=question, text=label, is_correct=right) for label, right in spec.choices]
        )


def course_slug_unique(title: str, *, exclude_pk: int | None = None) -> str:
    from catalyse.learning.models import RESERVED_SLUGS
    from catalyse.lib.text import slugify_fr

    base = slugify_fr(title)[:100].strip("-") or "formation"
    if base in RESERVED_SLUGS:
        base = f"{base}-formation"
    slug, n = base, 1
    existing = Course.objects.exclude(pk=exclude_pk) if exclude_pk else Course.objects.all()
    while existing.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def course_save(*, course: Course) -> Course:
    """Create or update a course (validated by the model), with a unique address made from its title."""
    if not course.slug:
        course.slug = course_slug_unique(course.title, exclude_pk=course.pk)
    course.full_clean()
    course.save()
    transaction.on_commit(lambda: _index(course))
    return course


@transaction.atomic
def session_save(*, session: CourseSession) -> CourseSession:
    if session.number is None:
        last = session.course.sessions.aggregate(Max("number"))["number__max"] or 0
        session.number = last + 1
    session.full_clean()
    session.save()
    transaction.on_commit(lambda: _index(session.course))
    return session


@transaction.atomic
def segment_save(*, segment: Segment, questions: list[QuestionSpec] | None = None) -> Segment:
    """Create or update a segment; a quiz gets its questions replaced when they are given."""
    if segment.kind == SegmentKind.QUIZ and questions is None and not segment.pk:
        raise ValidationError(_("Écrivez au moins une question."))
    segment.full_clean()
    segment.save()
    if segment.kind == SegmentKind.QUIZ and questions is not None:
        quiz_questions_set(segment=segment, questions=questions)
    transaction.on_commit(lambda: _index(segment.session.course))
    return segment


@transaction.atomic
def segment_delete(*, segment: Segment) -> None:
    course = segment.session.course
    segment.delete()
    transaction.on_commit(lambda: _index(course))


def _index(course: Course) -> None:
    from catalyse.learning.search_sync import course_index

    course_index(course)
