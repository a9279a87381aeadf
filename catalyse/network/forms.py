"""Forms of the network: they parse and say in French what to fix; the rules live in services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.fields import TerritoryField
from catalyse.accounts.models import Theme, World
from catalyse.network.directory import Selection
from catalyse.network.models import (
    MESSAGE_MAX_LENGTH,
    POST_MAX_LENGTH,
    REASON_MAX_LENGTH,
    THREAD_TITLE_MAX_LENGTH,
    EmailFrequency,
    ReportReason,
    Topic,
)
from catalyse.network.text import one_line

MARKDOWN_HELP = _(
    "Mise en forme Markdown : **gras**, *italique*, listes avec « - », liens [texte](https://…). "
    "Pour mentionner quelqu’un, écrivez @ suivi de son identifiant, par exemple @amandine-moreau."
)


class DirectoryForm(forms.Form):
    q = forms.CharField(label=_("Nom, présentation ou compétence"), required=False, max_length=200)
    territoire = TerritoryField(
        label=_("Territoire"),
        required=False,
        help_text=_("Une région montre tous les membres de ses départements, intercommunalités et communes."),
    )
    monde = forms.MultipleChoiceField(label=_("Monde"), required=False, choices=World.choices)
    enjeu = forms.MultipleChoiceField(label=_("Enjeux"), required=False, choices=Theme.choices)
    competence = forms.MultipleChoiceField(label=_("Compétences"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Skills are free tags: any key is accepted here, unknown ones simply match nobody.
        wanted = self.data.getlist("competence") if hasattr(self.data, "getlist") else []
        skills = cast(forms.MultipleChoiceField, self.fields["competence"])
        skills.choices = [(key[:40], key[:40]) for key in wanted[:20]]

    def full_clean(self) -> None:
        super().full_clean()
        territory = getattr(self, "cleaned_data", {}).get("territoire")
        if territory is not None and hasattr(self.data, "copy"):
            # Show the territory found by its name, whatever was typed or linked ("departement:42").
            data = self.data.copy()
            data["territoire"] = territory.label()
            data["territoire_ref"] = territory.ref
            self.data = data

    def selection(self) -> Selection:
        """What to show: the valid part of the query (a wrong territory is reported, not applied)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return Selection(
            q=one_line(data.get("q")),
            worlds=list(data.get("monde") or []),
            themes=list(data.get("enjeu") or []),
            skills=list(data.get("competence") or []),
            territory=data.get("territoire"),
        )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Votre adresse électronique n’est pas transmise : la personne vous répond depuis Catalyse. "
            "%(max)d caractères au plus."
        )
        % {"max": MESSAGE_MAX_LENGTH},
        error_messages={"required": _("Écrivez votre message avant de l’envoyer.")},
    )


class ThreadForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("Thème"),
        queryset=Topic.objects.all(),
        empty_label=_("Choisissez un thème…"),
        error_messages={"required": _("Choisissez le thème de la discussion.")},
    )
    title = forms.CharField(
        label=_("Titre"),
        max_length=THREAD_TITLE_MAX_LENGTH,
        help_text=_("Une question ou un sujet, en une phrase."),
        error_messages={"required": _("Donnez un titre à la discussion.")},
    )
    body = forms.CharField(
        label=_("Premier message"),
        max_length=POST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
        error_messages={"required": _("Écrivez le premier message de la discussion.")},
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Votre réponse"),
        max_length=POST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
        error_messages={"required": _("Écrivez votre réponse avant de la publier.")},
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Raison"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez la raison du signalement.")},
    )
    comment = forms.CharField(
        label=_("Précisions pour l’équipe d’animation"), required=False, max_length=REASON_MAX_LENGTH
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("Consigné dans le journal de modération, visible de l’équipe d’animation."),
        error_messages={"required": _("Indiquez le motif : il est consigné dans le journal de modération.")},
    )


class PreferencesForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=_("Recevoir mes notifications par courriel"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez comment recevoir vos notifications.")},
    )
