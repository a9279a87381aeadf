"""Forms of the journeys: they parse; the rules are in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.fields import TerritoryField
from catalyse.accounts.models import World
from catalyse.journeys.models import (
    ACTION_MAX_LENGTH,
    CHALLENGE_MAX_LENGTH,
    MESSAGE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    WHO_MAX_LENGTH,
    StepKind,
)
from catalyse.journeys.services import StepFields
from catalyse.resources.choices import ActionForm, Theme
from catalyse.resources.filetypes import ACCEPTED_LABEL, max_file_size

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


def _date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _("Indiquez une date, par exemple 15/01/2027."),
            "required": _("Indiquez cette date."),
        },
    )


def _datetime_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_FORMATS,
        help_text=help_text or _("Heure de Paris."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Indiquez une date et une heure, par exemple 12/03/2027 09:30.")},
    )


class JourneyForm(forms.Form):
    title = forms.CharField(
        label=_("Titre"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("Par exemple « Parcours d’expérience Co-construction territoriale 2027 »."),
        error_messages={"required": _("Donnez un titre au parcours.")},
    )
    summary = forms.CharField(
        label=_("Présentation"),
        max_length=SUMMARY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ce que vivront les territoires pilotes. En Markdown : ## pour un intertitre, - pour une liste."),
    )
    starts_on = _date_field(_("Début"), help_text=_("Un parcours dure environ neuf mois."))
    ends_on = _date_field(_("Fin"))


class TeamForm(forms.Form):
    """A pilot territory and its team's challenge (the territory is chosen once, when it joins)."""

    territory = TerritoryField(
        label=_("Territoire pilote"),
        help_text=_("Une commune, une intercommunalité, un département ou une région : tapez son nom ou son code."),
    )
    name = forms.CharField(
        label=_("Nom de l’équipe"),
        max_length=TITLE_MAX_LENGTH,
        required=False,
        help_text=_("Vide : le nom du territoire."),
    )
    challenge = forms.CharField(
        label=_("Défi commun"),
        max_length=CHALLENGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("L’enjeu territorial partagé sur lequel l’équipe travaille pendant le parcours."),
    )
    themes = forms.MultipleChoiceField(
        label=_("Enjeux"), choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    forms_of_action = forms.MultipleChoiceField(
        label=_("Formes d’action"), choices=ActionForm.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["territory"]
            self.fields["name"].required = True
            self.fields["name"].help_text = ""
            self.fields["name"].error_messages["required"] = _("Donnez un nom à l’équipe.")


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        help_text=_("La personne doit avoir un compte sur Catalyse."),
        error_messages={
            "required": _("Indiquez l’adresse électronique de la personne."),
            "invalid": _("Indiquez une adresse électronique valide, par exemple prenom.nom@exemple.fr."),
        },
    )
    world = forms.ChoiceField(
        label=_("Monde"),
        choices=[("", _("Celui de son profil")), *World.choices],
        required=False,
        help_text=_("Les binômes réunissent des personnes de mondes différents."),
    )
    role_label = forms.CharField(
        label=_("Fonction"), max_length=120, required=False, help_text=_("Par exemple « Élue à la vie associative ».")
    )


class StepForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type d’étape"),
        choices=StepKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez le type d’étape.")},
    )
    title = forms.CharField(
        label=_("Titre"), max_length=TITLE_MAX_LENGTH, error_messages={"required": _("Donnez un titre à l’étape.")}
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=SUMMARY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("En Markdown. Pour un travail individuel : ce qui est attendu de chaque territoire."),
    )
    starts_at = _datetime_field(_("Début"), required=False, help_text=_("Heure de Paris. Sauf travail individuel."))
    ends_at = _datetime_field(_("Fin"), required=False)
    due_on = _date_field(_("À rendre le"), required=False, help_text=_("Pour un travail individuel."))
    location = forms.CharField(label=_("Lieu"), max_length=TITLE_MAX_LENGTH, required=False)
    online_url = forms.URLField(
        label=_("Lien de connexion"),
        required=False,
        assume_scheme="https",
        help_text=_("Montré aux seuls participants du parcours."),
        error_messages={"invalid": _("Indiquez une adresse web complète, par exemple https://visio.exemple.fr/salle.")},
    )
    requires_deliverable = forms.BooleanField(
        label=_("Chaque territoire remet un livrable"),
        required=False,
        help_text=_("Toujours le cas pour un travail individuel."),
    )

    def step_fields(self) -> StepFields:
        data = self.cleaned_data
        return StepFields(
            kind=data["kind"],
            title=data["title"],
            description=data.get("description") or "",
            starts_at=data.get("starts_at"),
            ends_at=data.get("ends_at"),
            due_on=data.get("due_on"),
            location=data.get("location") or "",
            online_url=data.get("online_url") or "",
            requires_deliverable=bool(data.get("requires_deliverable")),
        )


class DeliverableForm(forms.Form):
    text = forms.CharField(
        label=_("Votre livrable"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("En Markdown. Vous pouvez aussi, ou seulement, joindre un fichier."),
    )
    file = forms.FileField(
        label=_("Fichier"),
        required=False,
        help_text=_("Formats acceptés : %(types)s. %(size)d Mo au plus.")
        % {"types": ACCEPTED_LABEL, "size": max_file_size() // (1024 * 1024)},
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Nouvelle note"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Visible des membres de l’équipe et des animateurs du parcours."),
        error_messages={"required": _("Écrivez votre note avant de l’enregistrer.")},
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Lu par tous les participants du parcours. En Markdown."),
        error_messages={"required": _("Écrivez votre message avant de l’envoyer.")},
    )


class ActionItemForm(forms.Form):
    what = forms.CharField(
        label=_("Action"),
        max_length=ACTION_MAX_LENGTH,
        error_messages={"required": _("Dites quelle action l’équipe s’engage à mener.")},
    )
    who = forms.CharField(label=_("Qui"), max_length=WHO_MAX_LENGTH, required=False)
    due_on = _date_field(_("Pour le"), required=False)


class FacilitatorForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        help_text=_("Une animatrice ou un animateur du programme, qui a un compte sur Catalyse."),
        error_messages={
            "required": _("Indiquez l’adresse électronique de la personne."),
            "invalid": _("Indiquez une adresse électronique valide, par exemple prenom.nom@exemple.fr."),
        },
    )
