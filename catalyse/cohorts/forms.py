"""Forms of the cohorts: they parse and say what to fix, in French; the rules are in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from catalyse.cohorts.models import NOTE_MAX_LENGTH
from catalyse.network.models import POST_MAX_LENGTH


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
