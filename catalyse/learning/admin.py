from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from catalyse.learning.models import (
    ActivityEntry,
    Course,
    CourseSession,
    QuizAttempt,
    QuizChoice,
    QuizQuestion,
    Segment,
    SegmentCompletion,
)
from catalyse.learning.search_sync import course_index


class CourseSessionInline(admin.TabularInline):
    model = CourseSession
    extra = 0
    fields = ("number", "title", "question", "duration_minutes")
    show_change_link = True


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "provider", "provider_name", "is_published", "quiz_pass_percent", "created_at")
    list_filter = ("is_published", "provider")
    search_fields = ("title", "slug", "summary", "audience")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("created_at", "updated_at")
    inlines = [CourseSessionInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        course = form.instance
        transaction.on_commit(lambda: course_index(course))

    def delete_model(self, request: HttpRequest, obj: Course) -> None:
        slug = obj.slug
        super().delete_model(request, obj)
        obj.slug = slug
        transaction.on_commit(lambda: course_index(obj))


class SegmentInline(admin.StackedInline):
    model = Segment
    extra = 0
    fields = (
        ("order", "kind"),
        "title",
        "body",
        ("video_url", "transcript"),
        ("speaker_name", "speaker_title", "speaker"),
        "resource",
    )
    raw_id_fields = ("speaker", "resource")
    show_change_link = True


@admin.register(CourseSession)
class CourseSessionAdmin(admin.ModelAdmin):
    list_display = ("course", "number", "title", "question")
    list_filter = ("course",)
    search_fields = ("title", "question", "course__title")
    inlines = [SegmentInline]


class QuizQuestionInline(admin.StackedInline):
    model = QuizQuestion
    extra = 0
    fields = (("order", "multiple"), "text", "explanation")
    show_change_link = True


@admin.register(Segment)
class SegmentAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "session", "order", "speaker_name")
    list_filter = ("kind", "session__course")
    search_fields = ("title", "body", "speaker_name")
    raw_id_fields = ("speaker", "resource", "session")
    inlines = [QuizQuestionInline]


class QuizChoiceInline(admin.TabularInline):
    model = QuizChoice
    extra = 0
    fields = ("text", "is_correct")


@admin.register(QuizQuestion)
class QuizQuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "segment", "order", "multiple")
    search_fields = ("text",)
    raw_id_fields = ("segment",)
    inlines = [QuizChoiceInline]


@admin.register(QuizAttempt)
class QuizAttemptAdmin(admin.ModelAdmin):
    list_display = ("user", "segment", "score_percent", "created_at")
    raw_id_fields = ("user", "segment")
    readonly_fields = ("score_percent", "answers", "created_at")


@admin.register(SegmentCompletion)
class SegmentCompletionAdmin(admin.ModelAdmin):
    list_display = ("user", "segment", "completed_at")
    raw_id_fields = ("user", "segment")


@admin.register(ActivityEntry)
class ActivityEntryAdmin(admin.ModelAdmin):
    """Only who wrote them reads notebooks: the admin lists them without their text."""

    list_display = ("user", "segment", "updated_at")
    raw_id_fields = ("user", "segment")
    exclude = ("text",)
