from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.fields import TerritoryField
from catalyse.accounts.models import Organisation, Theme
from catalyse.matching.models import (
    CONTACT_MESSAGE_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Direction,
    Kind,
    Listing,
)


class ListingFilterForm(forms.Form):
    sens = forms.ChoiceField(
        label=_("Besoins ou offres"),
        choices=[("", _("Les deux")), (Direction.NEED, _("Besoins")), (Direction.OFFER, _("Offres"))],
        required=False,
        widget=forms.RadioSelect,
    )
    nature = forms.MultipleChoiceField(
        label=_("Nature"), choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    enjeu = forms.MultipleChoiceField(
        label=_("Enjeux"), choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    territoire = TerritoryField(
        label=_("Territoire"),
        required=False,
        help_text=_(
            "Une commune, une intercommunalité, un département ou une région : les lieux qu’il contient comptent."
        ),
    )

    def selection(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "direction": data.get("sens") or "",
            "kinds": data.get("nature") or [],
            "themes": data.get("enjeu") or [],
            "territory": data.get("territoire"),
        }


class ListingForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Au nom de"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choisissez une organisation dont vous êtes membre.")},
    )
    direction = forms.ChoiceField(
        label=_("Vous publiez"),
        choices=[
            (Direction.NEED, _("Un besoin : ce que votre organisation cherche")),
            (Direction.OFFER, _("Une offre : ce qu’elle peut apporter")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez s’il s’agit d’un besoin ou d’une offre.")},
    )
    kind = forms.ChoiceField(
        label=_("Nature"),
        choices=[("", _("Choisissez…")), *Kind.choices],
        error_messages={"required": _("Choisissez la nature : compétences, bénévoles, financement…")},
    )
    title = forms.CharField(
        label=_("Titre"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_(
            "En une phrase : « Une salle pour des ateliers du samedi », « Mécénat de compétences en comptabilité »."
        ),
        error_messages={"required": _("Donnez un titre à votre besoin ou à votre offre.")},
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Quoi, quand, pour qui, et ce que vous apportez en retour. Mise en forme Markdown possible."),
        error_messages={"required": _("Décrivez en quelques lignes ce dont il s’agit : quoi, quand, pour qui.")},
    )
    themes = forms.MultipleChoiceField(
        label=_("Enjeux"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ils rapprochent votre besoin des organisations qui travaillent sur les mêmes enjeux."),
        error_messages={"invalid_choice": _("Choisissez les enjeux dans la liste proposée.")},
    )
    territory = TerritoryField(
        label=_("Territoire"),
        required=False,
        help_text=_(
            "Laissez vide pour le territoire de l’organisation. Les suggestions cherchent d’abord au plus près."
        ),
    )
    ends_on = forms.DateField(
        label=_("Jusqu’au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Facultatif : après cette date, l’annonce se ferme d’elle-même."),
        error_messages={"invalid": _("Indiquez une date valide, par exemple 31/12/2027.")},
    )

    def __init__(self, *args: Any, organisations: list[Organisation], listing: Listing | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations]).order_by("name")  # type: ignore[attr-defined]
        if listing is not None:
            # An existing listing keeps its organisation and direction.
            del self.fields["organisation"]
            del self.fields["direction"]


class ContactForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Votre message"),
        max_length=CONTACT_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Présentez-vous et dites ce que vous attendez : un rendez-vous, un appel, une visite."),
        error_messages={"required": _("Écrivez quelques mots avant d’envoyer : qui vous êtes, ce que vous cherchez.")},
    )
