"""Forms of the carnets de bord: the edit form (the rules are checked again by the services)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from catalyse.logbooks.models import SECTION_MAX_LENGTH, TITLE_MAX_LENGTH

MARKDOWN_HELP = _("En Markdown : une ligne vide entre deux paragraphes, « - » pour une liste, ### pour un intertitre.")


class IssueForm(forms.Form):
    title = forms.CharField(
        label=_("Titre"),
        max_length=TITLE_MAX_LENGTH,
        error_messages={
            "required": _("Donnez un titre au carnet, par exemple « Carnet de bord de novembre 2026 »."),
            "max_length": _("Le titre tient en %(limit_value)d caractères au plus."),
        },
    )
    editorial = forms.CharField(
        label=_("Le mot des animateurs"),
        required=False,
        max_length=SECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=format_lazy(
            "{}{}",
            _("Quelques lignes pour ouvrir le carnet : le moment du parcours, un remerciement, un cap. "),
            MARKDOWN_HELP,
        ),
    )
    enjeux = forms.CharField(
        label=_("Enjeux"),
        required=False,
        max_length=SECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=format_lazy("{}{}", _("Les questions que les territoires ont mises au travail. "), MARKDOWN_HELP),
    )
    pratiques = forms.CharField(
        label=_("Pratiques"),
        required=False,
        max_length=SECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=format_lazy(
            "{}{}",
            _("Ce que le parcours a vécu : étapes, séances de codéveloppement, apprentissages partagés. "),
            MARKDOWN_HELP,
        ),
    )
    illustrations = forms.CharField(
        label=_("Illustrations"),
        required=False,
        max_length=SECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=format_lazy("{}{}", _("Des cas concrets et les nouvelles ressources du kit. "), MARKDOWN_HELP),
    )
    agenda = forms.CharField(
        label=_("À venir"),
        required=False,
        max_length=SECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=format_lazy(
            "{}{}", _("Les prochaines étapes du parcours et les événements à ne pas manquer. "), MARKDOWN_HELP
        ),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, field in self.fields.items():
            if name != "title":
                field.error_messages["max_length"] = _(
                    "Cette partie tient en %(limit_value)d caractères au plus (elle en a %(show_value)d)."
                )


class DraftForm(forms.Form):
    """Which month to draft (the current one by default)."""

    month = forms.CharField(
        label=_("Mois"),
        help_text=_("Au format AAAA-MM, par exemple 2026-11."),
        error_messages={"required": _("Choisissez le mois du carnet, au format AAAA-MM (par exemple 2026-11).")},
    )

    def clean_month(self) -> datetime.date:
        value = self.cleaned_data["month"].strip()
        try:
            month = datetime.date.fromisoformat(f"{value}-01")
        except ValueError:
            raise forms.ValidationError(
                _("« %(value)s » n’est pas un mois : écrivez-le AAAA-MM, par exemple 2026-11."), params={"value": value}
            ) from None
        if month > timezone.localdate().replace(day=1):
            raise forms.ValidationError(_("On ne prépare pas le carnet d’un mois qui n’a pas commencé."))
        return month
