from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.fields import TerritoryField
from catalyse.diagnostics.models import SCALE_LABELS, SCALE_MAX, Dimension, Question, Questionnaire


def question_field_name(question: Question) -> str:
    return f"question_{question.pk}"


class DiagnosticForm(forms.Form):
    """The territory answered for, then one level (0 to 4) per question."""

    territory = TerritoryField(
        label=_("Territoire pour lequel vous répondez"),
        help_text=_("Une commune, une intercommunalité, un département ou une région, par exemple « Saint-Étienne »."),
    )

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questionnaire.questions.all())
        choices = [(str(level), SCALE_LABELS[level]) for level in range(SCALE_MAX + 1)]
        for question in self.questions:
            self.fields[question_field_name(question)] = forms.TypedChoiceField(
                label=question.text,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choisissez un niveau de 0 à 4 pour cette question."),
                    "invalid_choice": _("Choisissez un niveau de 0 à 4 parmi ceux proposés."),
                },
            )

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (label, [self[question_field_name(q)] for q in self.questions if q.dimension == value])
            for value, label in Dimension.choices
        ]

    def values(self) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(question_field_name(q)) for q in self.questions}


class QuestionsForm(forms.Form):
    """Facilitators edit the texts of the questions in use."""

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questionnaire.questions.all())
        for index, question in enumerate(self.questions, start=1):
            self.fields[question_field_name(question)] = forms.CharField(
                label=_("Question %(number)d (%(dimension)s)")
                % {"number": index, "dimension": Dimension(question.dimension).label},
                initial=question.text,
                max_length=400,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "required": _("Le texte d’une question ne peut pas être vide."),
                    "max_length": _("Une question tient en 400 caractères au plus."),
                },
            )
