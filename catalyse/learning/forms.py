"""Forms of the front-end editor of courses (editors); the learner's forms are plain HTML read by the views."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from catalyse.learning.models import Course, CourseSession, CourseTheme, Segment
from catalyse.learning.services import QUIZ_SYNTAX_HELP, QuestionSpec, quiz_text_parse
from catalyse.resources.choices import Audience
from catalyse.resources.models import Resource


class CourseForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label=_("Thèmes"), choices=CourseTheme.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    audiences = forms.MultipleChoiceField(
        label=_("Publics"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    external_url = forms.URLField(
        label=_("Adresse sur la plateforme externe"),
        required=False,
        assume_scheme="https",
        help_text=_("Obligatoire pour une formation sur une plateforme externe."),
    )

    class Meta:
        model = Course
        fields = [
            "title",
            "summary",
            "audience",
            "audiences",
            "themes",
            "duration_label",
            "authors",
            "licence",
            "provider",
            "provider_name",
            "external_url",
            "quiz_pass_percent",
            "is_published",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 8})}


class SessionForm(forms.ModelForm):
    class Meta:
        model = CourseSession
        fields = ["title", "question", "summary", "duration_minutes"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}


class SegmentForm(forms.ModelForm):
    video_url = forms.URLField(
        label=_("Adresse de la vidéo"),
        required=False,
        assume_scheme="https",
        help_text=_("Un lien vers la vidéo (elle n’est pas hébergée ici), avec sa transcription ci-dessous."),
    )
    resource_slug = forms.CharField(
        label=_("Ressource du kit"),
        required=False,
        help_text=_("L’adresse de la ressource, par exemple « charte-de-partenariat » (séquences « Ressource »)."),
    )
    quiz = forms.CharField(
        label=_("Questions du quiz"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=QUIZ_SYNTAX_HELP,
    )

    class Meta:
        model = Segment
        fields = ["kind", "order", "title", "body", "video_url", "transcript", "speaker_name", "speaker_title"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6}), "transcript": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.resource_id:
            self.fields["resource_slug"].initial = self.instance.resource.slug
        self.questions: list[QuestionSpec] | None = None

    def clean_resource_slug(self) -> Resource | None:
        slug = self.cleaned_data["resource_slug"].strip().strip("/").split("/")[-1]
        if not slug:
            return None
        resource = Resource.objects.published().filter(slug=slug).first()
        if resource is None:
            raise forms.ValidationError(_("Aucune ressource publiée du kit n’a cette adresse."))
        return resource

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "quiz":
            try:
                self.questions = quiz_text_parse(data.get("quiz", ""))
            except forms.ValidationError as error:
                self.add_error("quiz", error)
        if data.get("kind") == "ressource" and not data.get("resource_slug") and "resource_slug" not in self.errors:
            self.add_error("resource_slug", _("Indiquez la ressource du kit vers laquelle renvoyer."))
        self.instance.resource = data.get("resource_slug")
        return data
