from django import forms
from django.utils.translation import gettext_lazy as _

from catalyse.territories.models import Level


class TerritorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Nom, code postal ou code INSEE"),
        max_length=100,
        required=False,
        help_text=_("Par exemple : Saint-Étienne, 42000, Métropole de Lyon, Loire ou 42218."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )
    level = forms.ChoiceField(
        label=_("Niveau"),
        choices=[("", _("Tous les niveaux"))] + [(level.value, level.label) for level in Level],
        required=False,
    )
