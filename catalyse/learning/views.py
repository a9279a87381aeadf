"""Thin views of the courses: catalogue, course, session and its segments, quizzes, notebook, progress."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalyse.accounts.models import Profile
from catalyse.accounts.roles import Role, role_required, user_has_role
from catalyse.learning import services
from catalyse.learning.forms import CourseForm, SegmentForm, SessionForm
from catalyse.learning.models import (
    ActivityEntry,
    Course,
    CourseSession,
    CourseTheme,
    Provider,
    QuizAttempt,
    QuizChoice,
    QuizQuestion,
    Segment,
    SegmentCompletion,
    SegmentKind,
)
from catalyse.lib.htmx import render_page
from catalyse.resources.choices import Audience

# Fields a quiz form may send; anything else (a score above all) is refused.
QUIZ_FIELD_PREFIX = "question_"
QUIZ_ALLOWED_FIELDS = {"csrfmiddlewaretoken"}
# The status of a cohort open to all (cohorts.CohortStatus.PUBLISHED): learning reads cohorts through the reverse
# relation `cohorts` only, and never imports the cohorts app.
COHORT_PUBLISHED = "published"


def _catalogue_crumb() -> tuple[str, str]:
    return (_("Formations"), reverse("learning:catalogue"))


def user_can_edit_courses(user: Any) -> bool:
    return bool(user_has_role(user, Role.EDITOR))


def _has_cohorts() -> bool:
    """Whether the reverse relation `cohorts` exists (the cohorts app is installed and migrated)."""
    return any(rel.get_accessor_name() == "cohorts" for rel in Course._meta.related_objects)


def get_course_for_user(request: HttpRequest, slug: str) -> Course:
    """A published course, or an unpublished one for editors; a 404 otherwise."""
    course = get_object_or_404(Course, slug=slug)
    if not course.is_published and not user_can_edit_courses(request.user):
        raise Http404
    return course


def get_session_for_user(request: HttpRequest, slug: str, number: int) -> CourseSession:
    course = get_course_for_user(request, slug)
    session = get_object_or_404(CourseSession, course=course, number=number)
    session.course = course
    return session


def get_segment_for_user(request: HttpRequest, slug: str, number: int, pk: int) -> Segment:
    session = get_session_for_user(request, slug, number)
    segment = get_object_or_404(Segment, session=session, pk=pk)
    segment.session = session
    return segment


# ---------------------------------------------------------------- catalogue


def _catalogue_queryset(request: HttpRequest, selection: dict[str, Any]) -> list[Course]:
    courses: QuerySet[Course] = Course.objects.all() if selection["show_drafts"] else Course.objects.published()
    courses = courses.annotate(session_count=Count("sessions", distinct=True))
    if selection["provider"]:
        courses = courses.filter(provider=selection["provider"])
    if _has_cohorts():
        today = timezone.localdate()
        upcoming = Q(cohorts__starts_on__gt=today, cohorts__status=COHORT_PUBLISHED)
        courses = courses.annotate(next_cohort_on=Min("cohorts__starts_on", filter=upcoming))
        if selection["upcoming"]:
            courses = courses.filter(next_cohort_on__isnull=False)
    result: list[Course] = list(courses.order_by("title"))
    # Themes and audiences are short JSON lists: filtered here, the same way on SQLite and PostgreSQL.
    if selection["themes"]:
        result = [c for c in result if set(c.themes) & selection["themes"]]
    if selection["audiences"]:
        result = [c for c in result if set(c.audiences) & selection["audiences"]]
    return result


def catalogue(request: HttpRequest) -> HttpResponse:
    params = request.GET
    selection = {
        "themes": set(params.getlist("theme")) & set(CourseTheme.values),
        "audiences": set(params.getlist("public")) & set(Audience.values),
        "provider": params.get("plateforme") if params.get("plateforme") in Provider.values else "",
        "upcoming": params.get("cohorte") == "a-venir",
        "show_drafts": user_can_edit_courses(request.user),
    }
    courses = _catalogue_queryset(request, selection)
    percent_done = services.courses_percent_done(user=request.user, courses=courses)
    for course in courses:
        course.percent_done = percent_done.get(course.pk)  # type: ignore[attr-defined]
    context = {
        "courses": courses,
        "selection": selection,
        "themes": CourseTheme.choices,
        "audiences": Audience.choices,
        "providers": Provider.choices,
        "has_cohorts": _has_cohorts(),
        "is_filtered": bool(
            selection["themes"] or selection["audiences"] or selection["provider"] or selection["upcoming"]
        ),
        "can_edit": selection["show_drafts"],
        "breadcrumb": [(_("Formations"), "")],
    }
    return render_page(request, "learning/catalogue.html", context, partial="results")


# ---------------------------------------------------------------- course


def _speaker_urls(segments: list[Segment]) -> dict[int, str]:
    """Profile links of the people who testify, for those who appear in the directory."""
    ids = {s.speaker_id for s in segments if s.speaker_id}
    if not ids:
        return {}
    shown = Profile.objects.in_directory().filter(user_id__in=ids).values_list("user_id", flat=True)
    return {uid: reverse("accounts:member-detail", kwargs={"pk": uid}) for uid in shown}


def _witnesses(segments: list[Segment]) -> list[dict[str, Any]]:
    """The fil-rouge actors of a course: the people of its testimonies, once each, in order of appearance."""
    urls = _speaker_urls(segments)
    seen: dict[str, dict[str, Any]] = {}
    for segment in segments:
        if segment.kind != SegmentKind.TEMOIGNAGE or not segment.speaker_name:
            continue
        if segment.speaker_name not in seen:
            seen[segment.speaker_name] = {
                "name": segment.speaker_name,
                "title": segment.speaker_title,
                "url": urls.get(segment.speaker_id or 0, ""),
            }
    return list(seen.values())


def _course_cohorts(course: Course) -> list[Any]:
    """The published cohorts of a course that have not ended yet, soonest first (none without the cohorts app)."""
    if not _has_cohorts():
        return []
    cohorts = course.cohorts.filter(status=COHORT_PUBLISHED)
    return list(cohorts.order_by("starts_on")[:6])


def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_course_for_user(request, slug)
    sessions = list(course.sessions.order_by("number"))
    segments = list(Segment.objects.filter(session__course=course).order_by("session__number", "order", "pk"))
    experts: dict[str, str] = {}
    for segment in segments:
        if segment.kind == SegmentKind.REGARD_EXPERT and segment.speaker_name:
            experts.setdefault(segment.speaker_name, segment.speaker_title)
    progress = services.learner_progress(user=request.user, course=course) if request.user.is_authenticated else None
    if progress is not None:
        by_session = {row.session.pk: row for row in progress.sessions}
        for session in sessions:
            session.progress = by_session.get(session.pk)  # type: ignore[attr-defined]
    context = {
        "course": course,
        "sessions": sessions,
        "witnesses": _witnesses(segments),
        "experts": [{"name": name, "title": title} for name, title in experts.items()],
        "progress": progress,
        "completed": services.progress_is_completed(progress) if progress else False,
        "cohorts": _course_cohorts(course),
        "today": timezone.localdate(),
        "can_edit": user_can_edit_courses(request.user),
        "breadcrumb": [_catalogue_crumb(), (course.title, "")],
    }
    return render_page(request, "learning/course_detail.html", context)


# ---------------------------------------------------------------- session and its segments


def _attempt_review(segment: Segment, attempt: QuizAttempt) -> list[dict[str, Any]]:
    """Each question of an attempt: what was chosen, whether it was right, the right answers, the explanation."""
    rows = []
    answers = attempt.answers or {}
    for question in segment.questions.all():
        kept = answers.get(str(question.pk)) or {}
        chosen = set(kept.get("choices", []))
        rows.append(
            {
                "question": question,
                "correct": bool(kept.get("correct")),
                "choices": [
                    {"choice": c, "chosen": c.pk in chosen, "is_correct": c.is_correct} for c in question.choices.all()
                ],
            }
        )
    return rows


def _segment_states(user: Any, segments: list[Segment]) -> dict[int, dict[str, Any]]:
    ids = [s.pk for s in segments]
    states: dict[int, dict[str, Any]] = {
        s.pk: {"done": False, "attempts": [], "entry": None, "best": None} for s in segments
    }
    if not getattr(user, "is_authenticated", False) or not ids:
        return states
    for segment_id in SegmentCompletion.objects.filter(user=user, segment_id__in=ids).values_list(
        "segment_id", flat=True
    ):
        states[segment_id]["done"] = True
    attempts: dict[int, list[QuizAttempt]] = defaultdict(list)
    for attempt in QuizAttempt.objects.filter(user=user, segment_id__in=ids).order_by("-created_at", "-pk"):
        attempts[attempt.segment_id].append(attempt)
    for entry in ActivityEntry.objects.filter(user=user, segment_id__in=ids):
        states[entry.segment_id]["entry"] = entry
    for segment_id, items in attempts.items():
        states[segment_id]["attempts"] = items
        states[segment_id]["best"] = max(a.score_percent for a in items)
    return states


def _segment_item(
    segment: Segment,
    state: dict[str, Any],
    *,
    course: Course,
    speaker_urls: dict[int, str],
    retry: bool = False,
    errors: list[str] | None = None,
    chosen: dict[int, list[int]] | None = None,
    activity_text: str | None = None,
    saved: bool = False,
) -> dict[str, Any]:
    attempts = state["attempts"]
    last = attempts[0] if attempts else None
    return {
        "segment": segment,
        "counts": services.segment_counts(segment, course),
        "done": state["done"],
        "best": state["best"],
        "attempt_count": len(attempts),
        "last_attempt": last,
        "review": _attempt_review(segment, last) if last and segment.kind == SegmentKind.QUIZ else [],
        "show_quiz_form": segment.kind == SegmentKind.QUIZ and (retry or last is None or bool(errors)),
        "errors": errors or [],
        "chosen_ids": {choice for ids in (chosen or {}).values() for choice in ids},
        "entry": state["entry"],
        "activity_text": activity_text
        if activity_text is not None
        else (state["entry"].text if state["entry"] else ""),
        "saved": saved,
        "speaker_url": speaker_urls.get(segment.speaker_id or 0, ""),
        "pass_percent": course.quiz_pass_percent,
    }


def _session_segments(session: CourseSession) -> list[Segment]:
    return list(
        session.segments.select_related("resource")
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=QuizQuestion.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("choices", queryset=QuizChoice.objects.order_by("pk"))
                ),
            )
        )
        .order_by("order", "pk")
    )


def _session_context(
    request: HttpRequest, session: CourseSession, overrides: dict[int, dict[str, Any]] | None = None
) -> dict[str, Any]:
    course = session.course
    segments = _session_segments(session)
    for segment in segments:
        segment.session = session
    states = _segment_states(request.user, segments)
    speaker_urls = _speaker_urls(segments)
    retry = request.GET.get("recommencer", "")
    items = []
    for segment in segments:
        extra = (overrides or {}).get(segment.pk, {})
        items.append(
            _segment_item(
                segment,
                states[segment.pk],
                course=course,
                speaker_urls=speaker_urls,
                retry=retry == str(segment.pk),
                **extra,
            )
        )
    siblings = list(course.sessions.order_by("number").values_list("number", "title"))
    numbers = [n for n, _title in siblings]
    index = numbers.index(session.number)
    shown = [i for i in items if i["counts"]]
    elsewhere = [i for i in items if not i["counts"]]
    return {
        "course": course,
        "session": session,
        "items": shown,
        "elsewhere": elsewhere,
        "done_count": sum(1 for i in shown if i["done"]),
        "total_count": len(shown),
        "previous": siblings[index - 1] if index > 0 else None,
        "next": siblings[index + 1] if index + 1 < len(siblings) else None,
        "siblings": siblings,
        "can_edit": user_can_edit_courses(request.user),
        "breadcrumb": [
            _catalogue_crumb(),
            (course.title, course.get_absolute_url()),
            (_("Session %(n)s") % {"n": session.number}, ""),
        ],
    }


def session_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    session = get_session_for_user(request, slug, number)
    context = _session_context(request, session)
    retry = request.GET.get("recommencer", "")
    if retry and request.htmx:  # type: ignore[attr-defined]
        item = next((i for i in context["items"] if str(i["segment"].pk) == retry), None)
        if item is None:
            raise Http404
        return render_page(request, "learning/session_detail.html", {**context, "item": item}, partial="quiz")
    return render_page(request, "learning/session_detail.html", context)


def _render_item(
    request: HttpRequest, segment: Segment, partial: str, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """After a write: the HTMX fragment of this segment, or the whole session page."""
    session = segment.session
    context = _session_context(request, session, {segment.pk: extra})
    item = next(i for i in context["items"] if i["segment"].pk == segment.pk)
    context["item"] = item
    if getattr(request, "htmx", False):
        context["oob_progress"] = True
        return render_page(request, "learning/session_detail.html", context, partial=partial, status=status)
    return render_page(request, "learning/session_detail.html", context, status=status)


def _login_or_none(request: HttpRequest, url: str) -> HttpResponse | None:
    if request.user.is_authenticated:
        return None
    return redirect_to_login(url)


@require_POST
def segment_complete(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    segment = get_segment_for_user(request, slug, number, pk)
    url = segment.session.get_absolute_url() + f"#{segment.anchor}"
    if (response := _login_or_none(request, url)) is not None:
        return response
    undo = request.POST.get("action") == "revoir"
    try:
        if undo:
            services.segment_uncomplete(user=request.user, segment=segment)
        else:
            services.segment_complete(user=request.user, segment=segment)
    except ValidationError as exc:
        if getattr(request, "htmx", False):
            return _render_item(request, segment, "segment-status", status=400, errors=list(exc.messages))
        for message in exc.messages:
            messages.error(request, message)
        return redirect(url)
    if getattr(request, "htmx", False):
        return _render_item(request, segment, "segment-status")
    return redirect(url)


def _quiz_answers(data: QueryDict) -> tuple[dict[int, list[int]], list[str]]:
    """Read question_<id> fields (choice ids) from the form; refuse anything else, a score above all."""
    errors: list[str] = []
    answers: dict[int, list[int]] = {}
    for key in data:
        if key in QUIZ_ALLOWED_FIELDS:
            continue
        if "score" in key.lower():
            errors.append(_("Le score est calculé par Catalyse à partir de vos réponses : il ne peut pas être envoyé."))
            continue
        if not key.startswith(QUIZ_FIELD_PREFIX):
            errors.append(_("Le formulaire contient un champ inconnu : rechargez la page et recommencez."))
            continue
        try:
            question_id = int(key.removeprefix(QUIZ_FIELD_PREFIX))
            answers[question_id] = [int(value) for value in data.getlist(key) if value != ""]
        except ValueError:
            errors.append(_("Une réponse envoyée n’est pas lisible : rechargez la page et recommencez."))
    return answers, errors


@require_POST
def quiz_submit(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    segment = get_segment_for_user(request, slug, number, pk)
    url = segment.session.get_absolute_url() + f"#{segment.anchor}"
    if (response := _login_or_none(request, url)) is not None:
        return response
    answers, errors = _quiz_answers(request.POST)
    if not errors:
        try:
            services.quiz_submit(user=request.user, segment=segment, answers=answers)
        except ValidationError as exc:
            errors = list(exc.messages)
    if errors:
        return _render_item(request, segment, "quiz", status=400, errors=errors, chosen=answers)
    if getattr(request, "htmx", False):
        return _render_item(request, segment, "quiz")
    messages.success(request, _("Vos réponses sont enregistrées : voici la correction."))
    return redirect(url)


@require_POST
def activity_save(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    segment = get_segment_for_user(request, slug, number, pk)
    url = segment.session.get_absolute_url() + f"#{segment.anchor}"
    if (response := _login_or_none(request, url)) is not None:
        return response
    text = request.POST.get("text", "")
    try:
        services.activity_save(user=request.user, segment=segment, text=text)
    except ValidationError as exc:
        return _render_item(request, segment, "activity", status=400, errors=list(exc.messages), activity_text=text)
    if getattr(request, "htmx", False):
        return _render_item(request, segment, "activity", saved=True)
    messages.success(request, _("Votre réponse est enregistrée dans votre carnet."))
    return redirect(url)


# ---------------------------------------------------------------- the learner's own pages


@login_required
def notebook(request: HttpRequest) -> HttpResponse:
    """The learner's notebook: their answers to the activities, theirs alone."""
    entries = (
        ActivityEntry.objects.filter(user=request.user.pk)
        .select_related("segment__session__course")
        .order_by("segment__session__course__title", "segment__session__number", "segment__order", "segment__pk")
    )
    courses: dict[int, dict[str, Any]] = {}
    for entry in entries:
        course = entry.segment.session.course
        group = courses.setdefault(course.pk, {"course": course, "entries": []})
        group["entries"].append(entry)
    return render_page(
        request,
        "learning/notebook.html",
        {"groups": list(courses.values()), "breadcrumb": [_catalogue_crumb(), (_("Mon carnet"), "")]},
    )


@login_required
def course_progress(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_course_for_user(request, slug)
    progress = services.learner_progress(user=request.user, course=course)
    return render_page(
        request,
        "learning/course_progress.html",
        {
            "course": course,
            "progress": progress,
            "completed": services.progress_is_completed(progress),
            "breadcrumb": [
                _catalogue_crumb(),
                (course.title, course.get_absolute_url()),
                (_("Ma progression"), ""),
            ],
        },
    )


# ---------------------------------------------------------------- editors


def _edit_crumbs(course: Course | None, last: str) -> list[tuple[str, str]]:
    crumbs = [_catalogue_crumb()]
    if course is not None and course.pk:
        crumbs.append((course.title, course.get_absolute_url()))
    crumbs.append((last, ""))
    return crumbs


@role_required(Role.EDITOR)
def course_edit(request: HttpRequest, slug: str = "") -> HttpResponse:
    """Create a course (no slug) or edit it, with the list of its sessions."""
    course = get_course_for_user(request, slug) if slug else Course()
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_save(course=form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("La formation est enregistrée."))
            return redirect("learning:course-edit", slug=course.slug)
    return render_page(
        request,
        "learning/course_form.html",
        {
            "form": form,
            "course": course,
            "sessions": list(course.sessions.order_by("number")) if course.pk else [],
            "breadcrumb": _edit_crumbs(course, _("Modifier") if course.pk else _("Nouvelle formation")),
        },
        status=400 if form.errors else 200,
    )


@role_required(Role.EDITOR)
def session_edit(request: HttpRequest, slug: str, number: int | None = None) -> HttpResponse:
    """Create a session (no number) or edit it, with the list of its segments."""
    course = get_course_for_user(request, slug)
    session = get_session_for_user(request, slug, number) if number else CourseSession(course=course)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_save(session=form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("La session est enregistrée."))
            return redirect("learning:session-edit", slug=course.slug, number=session.number)
    return render_page(
        request,
        "learning/session_form.html",
        {
            "form": form,
            "course": course,
            "session": session,
            "segments": list(session.segments.order_by("order", "pk")) if session.pk else [],
            "breadcrumb": _edit_crumbs(
                course, _("Session %(n)s") % {"n": session.number} if session.pk else _("Nouvelle session")
            ),
        },
        status=400 if form.errors else 200,
    )


@role_required(Role.EDITOR)
def segment_edit(request: HttpRequest, slug: str, number: int, pk: int | None = None) -> HttpResponse:
    """Create a segment (no pk) or edit it; a quiz's questions are written in a plain syntax."""
    session = get_session_for_user(request, slug, number)
    segment = get_segment_for_user(request, slug, number, pk) if pk else Segment(session=session)
    if not pk:
        segment.order = (session.segments.aggregate(Max("order"))["order__max"] or 0) + 1
    initial = {"quiz": services.quiz_text_format(segment)} if segment.pk else {}
    form = SegmentForm(request.POST or None, instance=segment, initial=initial)
    if request.method == "POST" and request.POST.get("action") == "supprimer" and segment.pk:
        services.segment_delete(segment=segment)
        messages.success(request, _("La séquence est supprimée."))
        return redirect("learning:session-edit", slug=slug, number=number)
    if request.method == "POST" and form.is_valid():
        try:
            services.segment_save(segment=form.save(commit=False), questions=form.questions)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("La séquence est enregistrée."))
            return redirect("learning:session-edit", slug=slug, number=number)
    return render_page(
        request,
        "learning/segment_form.html",
        {
            "form": form,
            "course": session.course,
            "session": session,
            "segment": segment,
            "breadcrumb": _edit_crumbs(session.course, segment.title if segment.pk else _("Nouvelle séquence")),
        },
        status=400 if form.errors else 200,
    )
