"""Forms of the registry: declare or change a partnership."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.models import Organisation
from catalyse.lib.text import fold
from catalyse.partnerships.choices import Mode, PartnerRole, Theme
from catalyse.partnerships.filters import TERRITORY_RE
from catalyse.partnerships.models import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH
from catalyse.partnerships.services import IndicatorData

PARTNER_ROWS = 3
INDICATOR_ROWS = 2


def resolve_territory(value: str) -> Any:
    """`commune:42218`, or a name: the territory, or a French error listing the candidates."""
    from catalyse.territories.models import Territory

    text = value.strip()
    if not text:
        return None
    match = TERRITORY_RE.match(text)
    if match:
        territory = Territory.objects.filter(level=match.group(1), code=match.group(2).upper()).first()
        if territory is None:
            raise forms.ValidationError(_("Aucun territoire ne porte ce code : vérifiez-le, ou tapez son nom."))
        return territory
    candidates = list(
        Territory.objects.filter(search_name=fold(text))
        .select_related("departement")
        .order_by("-population", "level", "code")[:6]
    )
    if not candidates:
        raise forms.ValidationError(
            _("Aucun territoire ne s’appelle ainsi : vérifiez l’orthographe, ou donnez son code (commune:42218).")
        )
    if len(candidates) > 1:
        options = "; ".join(
            f"{c.ref} ({c.name}, {c.get_level_display()}{', ' + c.departement.name if c.departement else ''})"
            for c in candidates
        )
        raise forms.ValidationError(
            _("Plusieurs territoires portent ce nom : indiquez son code parmi %(options)s.") % {"options": options}
        )
    return candidates[0]


def resolve_organisation(value: str) -> Organisation:
    text = value.strip()
    found = list(Organisation.objects.filter(Q(slug=text) | Q(name__iexact=text)).select_related("territory")[:4])
    if not found:
        raise forms.ValidationError(
            _("Aucune organisation inscrite ne porte ce nom : vérifiez-le, ou demandez-lui de s’inscrire.")
        )
    if len(found) > 1:
        options = "; ".join(f"{o.slug} ({o.name})" for o in found)
        raise forms.ValidationError(
            _("Plusieurs organisations portent ce nom : indiquez son adresse parmi %(options)s.") % {"options": options}
        )
    return found[0]


class PartnershipForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Organisation qui déclare"),
        help_text=_("Une organisation dont vous êtes membre ; elle figure parmi les partenaires."),
        empty_label=None,
    )
    organisation_role = forms.ChoiceField(
        label=_("Son rôle dans le partenariat"), choices=PartnerRole.choices, initial=PartnerRole.PORTEUR
    )
    title = forms.CharField(label=_("Intitulé"), max_length=TITLE_MAX_LENGTH)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ce que le partenariat fait, pour qui, avec quels moyens."),
    )
    modes = forms.MultipleChoiceField(
        label=_("Modes d’action"),
        choices=Mode.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Un ou plusieurs."),
        error_messages={"required": _("Cochez au moins un mode d’action.")},
    )
    themes = forms.MultipleChoiceField(
        label=_("Enjeux"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    territory = forms.CharField(
        label=_("Territoire"),
        required=False,
        max_length=200,
        help_text=_(
            "Le nom d’une commune, d’une intercommunalité, d’un département ou d’une région, ou son code "
            "(commune:42218). Laissez vide pour un partenariat de portée nationale."
        ),
    )
    start_year = forms.IntegerField(label=_("Année de début"), min_value=1900, max_value=2100)
    end_year = forms.IntegerField(
        label=_("Année de fin"), min_value=1900, max_value=2100, required=False, help_text=_("Vide s’il se poursuit.")
    )
    is_public = forms.BooleanField(
        label=_("Partenariat public"),
        required=False,
        initial=True,
        help_text=_("Décoché, il n’est montré qu’aux membres des organisations partenaires (et compté anonymement)."),
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation], partner_rows: int = PARTNER_ROWS, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.partner_count = max(PARTNER_ROWS, partner_rows)
        for i in range(1, self.partner_count + 1):
            self.fields[f"partner_{i}"] = forms.CharField(
                label=_("Organisation partenaire %(n)s") % {"n": i},
                required=i == 1,
                max_length=200,
                help_text=_("Son nom ou son adresse sur Catalyse (par exemple loire-solidarites-emploi).")
                if i == 1
                else "",
                error_messages={"required": _("Indiquez au moins une organisation partenaire.")},
            )
            self.fields[f"partner_{i}_role"] = forms.ChoiceField(
                label=_("Rôle de l’organisation partenaire %(n)s") % {"n": i},
                choices=PartnerRole.choices,
                initial=PartnerRole.PARTENAIRE,
            )
        for i in range(1, INDICATOR_ROWS + 1):
            self.fields[f"indicator_{i}_name"] = forms.CharField(
                label=_("Indicateur %(n)s") % {"n": i}, required=False, max_length=200
            )
            self.fields[f"indicator_{i}_value"] = forms.DecimalField(
                label=_("Valeur de l’indicateur %(n)s") % {"n": i}, required=False, max_digits=14, decimal_places=2
            )
            self.fields[f"indicator_{i}_unit"] = forms.CharField(
                label=_("Unité de l’indicateur %(n)s") % {"n": i}, required=False, max_length=40
            )
            self.fields[f"indicator_{i}_date"] = forms.DateField(
                label=_("Date de la mesure %(n)s") % {"n": i},
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )

    def partner_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"partner_{i}"], self[f"partner_{i}_role"]) for i in range(1, self.partner_count + 1)]

    def indicator_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"indicator_{i}_{part}"] for part in ("name", "value", "unit", "date")]
            for i in range(1, INDICATOR_ROWS + 1)
        ]

    def clean_territory(self) -> Any:
        return resolve_territory(self.cleaned_data.get("territory") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        partners: list[tuple[Organisation, str]] = []
        declaring = data.get("organisation")
        if declaring is not None:
            partners.append((declaring, data.get("organisation_role") or PartnerRole.PORTEUR))
        for i in range(1, self.partner_count + 1):
            value = (data.get(f"partner_{i}") or "").strip()
            if not value:
                continue
            try:
                organisation = resolve_organisation(value)
            except forms.ValidationError as exc:
                self.add_error(f"partner_{i}", exc)
                continue
            if any(o.pk == organisation.pk for o, _r in partners):
                self.add_error(f"partner_{i}", _("Cette organisation figure déjà parmi les partenaires."))
                continue
            partners.append((organisation, data.get(f"partner_{i}_role") or PartnerRole.PARTENAIRE))
        data["partners"] = partners
        start, end = data.get("start_year"), data.get("end_year")
        if start and start > timezone.now().year + 1:
            self.add_error("start_year", _("L’année de début ne peut pas être si loin dans l’avenir."))
        if start and end and end < start:
            self.add_error("end_year", _("L’année de fin ne peut pas précéder l’année de début."))
        indicators = []
        for i in range(1, INDICATOR_ROWS + 1):
            name = (data.get(f"indicator_{i}_name") or "").strip()
            measure: Decimal | None = data.get(f"indicator_{i}_value")
            date: datetime.date | None = data.get(f"indicator_{i}_date")
            if not name and measure is None:
                continue
            if not name:
                self.add_error(f"indicator_{i}_name", _("Nommez l’indicateur dont vous donnez la valeur."))
            elif measure is None:
                self.add_error(f"indicator_{i}_value", _("Donnez la valeur de cet indicateur."))
            elif date is None:
                self.add_error(f"indicator_{i}_date", _("Donnez la date de la mesure."))
            else:
                unit = (data.get(f"indicator_{i}_unit") or "").strip()
                indicators.append(IndicatorData(name, measure, unit, date))
        data["indicators"] = indicators
        return data
