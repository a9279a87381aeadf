"""Forms of the cohorts: they parse and say what to fix, in French; the rules are in services.py."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from catalyse.cohorts.models import NOTE_MAX_LENGTH, EnrolmentMode
from catalyse.network.models import POST_MAX_LENGTH

PARIS = ZoneInfo("Europe/Paris")


class EnrolForm(forms.Form):
    motivation = forms.CharField(
        label=_("Quelques mots pour les animateurs"),
        help_text=_("Facultatif : votre territoire, votre projet, ce que vous attendez de la cohorte."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        error_messages={"max_length": _("Raccourcissez votre message à %(limit_value)d caractères au plus.")},
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        help_text=_("En Markdown : **gras**, *italique*, listes, liens. Mentionnez un membre avec @identifiant."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=POST_MAX_LENGTH,
        error_messages={
            "required": _("Écrivez votre message avant de le publier."),
            "max_length": _("Raccourcissez votre message à %(limit_value)d caractères au plus."),
        },
    )


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("Adresses électroniques"),
        help_text=_("Une par ligne, ou séparées par des virgules ; 100 au plus."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Indiquez au moins une adresse électronique.")},
    )
    message = forms.CharField(
        label=_("Message joint"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        error_messages={"max_length": _("Raccourcissez votre message à %(limit_value)d caractères au plus.")},
    )


class CohortForm(forms.Form):
    """A new cohort: its course, title, start and enrolment; the schedule is set on the next page."""

    course: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Formation suivie"),
        queryset=None,  # set in __init__: the published courses
        error_messages={
            "required": _("Choisissez la formation que la cohorte suivra."),
            "invalid_choice": _("Choisissez une formation de la liste."),
        },
    )
    title = forms.CharField(
        label=_("Titre de la cohorte"),
        max_length=200,
        help_text=_("Par exemple « Groupe d’étude des catalyseurs — automne »."),
        error_messages={"required": _("Donnez un titre à la cohorte.")},
    )
    starts_on = forms.DateField(
        label=_("Date de début"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("La première session s’ouvre ce jour-là, puis une par semaine (modifiable ensuite)."),
        error_messages={"required": _("Indiquez la date de début."), "invalid": _("Indiquez une date valide.")},
    )
    enrolment_mode = forms.ChoiceField(label=_("Inscription"), choices=EnrolmentMode.choices)
    capacity = forms.IntegerField(
        label=_("Nombre de places"),
        required=False,
        min_value=1,
        max_value=10000,
        help_text=_("Vide : sans limite."),
        error_messages={"min_value": _("Au moins une place, ou laissez vide pour ne pas limiter.")},
    )
    description = forms.CharField(
        label=_("Présentation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En Markdown : le rythme, les réunions, à qui s’adresse la cohorte."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from catalyse.learning.models import Course

        self.fields["course"].queryset = Course.objects.published()  # type: ignore[attr-defined]


class ScheduleRowForm(forms.Form):
    """One session of the schedule: its opening date and its live meeting (day, start, end, link)."""

    opens_on = forms.DateField(
        label=_("Ouverture"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Indiquez la date d’ouverture."), "invalid": _("Indiquez une date valide.")},
    )
    meeting_day = forms.DateField(
        label=_("Jour de la réunion"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Indiquez une date valide.")},
    )
    meeting_start = forms.TimeField(
        label=_("Début"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Indiquez une heure valide, par exemple 18:00.")},
    )
    meeting_end = forms.TimeField(
        label=_("Fin"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Indiquez une heure valide, par exemple 19:30.")},
    )
    meeting_url = forms.URLField(
        label=_("Lien de connexion"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Indiquez une adresse web complète, qui commence par https://.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts = [data.get("meeting_day"), data.get("meeting_start"), data.get("meeting_end")]
        if any(parts) and not all(parts):
            raise forms.ValidationError(_("Pour la réunion, indiquez le jour, l’heure de début et l’heure de fin."))
        return data

    def meeting(self) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """The meeting's start and end, in Paris time (None, None without a meeting)."""
        data = self.cleaned_data
        day = data.get("meeting_day")
        if not day:
            return None, None
        start = datetime.datetime.combine(day, data["meeting_start"], tzinfo=PARIS)
        end = datetime.datetime.combine(day, data["meeting_end"], tzinfo=PARIS)
        return start, end
