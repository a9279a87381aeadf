from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.fields import TerritoryField
from catalyse.accounts.models import (
    BIO_MAX_LENGTH,
    CONSENT_TEXTS,
    CURRENT_CONSENT_VERSIONS,
    ORGANISATION_DESCRIPTION_MAX_LENGTH,
    ConsentPurpose,
    Organisation,
    OrganisationType,
    SizeBand,
    Theme,
    User,
    World,
)
from catalyse.accounts.services import skills_normalise
from catalyse.accounts.validators import normalise_identifier, validate_rna, validate_siren

TERRITORY_HELP = _(
    "Votre commune, intercommunalité, département ou région\u00a0: tapez son nom ou son code INSEE, "
    "par exemple «\u00a0Saint-Étienne\u00a0» ou «\u00a042218\u00a0»."
)


class ProfileForm(forms.Form):
    first_name = forms.CharField(
        label=_("Prénom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Nom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    world = forms.ChoiceField(
        label=_("Le monde d’où vous agissez"),
        choices=[("", _("Choisissez…")), *World.choices],
        help_text=_("Celui de votre activité principale dans la co-construction territoriale."),
    )
    territory = TerritoryField(label=_("Votre territoire"), required=False, help_text=TERRITORY_HELP)
    bio = forms.CharField(
        label=_("Présentation"),
        required=False,
        max_length=BIO_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Quelques lignes en texte simple, %(max)d caractères au plus.") % {"max": BIO_MAX_LENGTH},
    )
    themes = forms.MultipleChoiceField(
        label=_("Les enjeux qui vous intéressent"),
        required=False,
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    skills = forms.CharField(
        label=_("Compétences"),
        required=False,
        max_length=600,
        help_text=_(
            "Séparez-les par des virgules, par exemple\u00a0: animation de réseau, ESS, évaluation d’impact "
            "(12 au plus, 40 caractères chacune)."
        ),
    )
    directory_consent = forms.BooleanField(
        label=_("Apparaître dans l’annuaire du réseau"),
        required=False,
        help_text=CONSENT_TEXTS[ConsentPurpose.DIRECTORY][CURRENT_CONSENT_VERSIONS[ConsentPurpose.DIRECTORY]],
    )

    def clean_skills(self) -> list[str]:
        return skills_normalise(self.cleaned_data.get("skills") or "")

    @classmethod
    def initial_for(cls, user: User) -> dict[str, Any]:
        profile = user.profile
        return {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "world": profile.world,
            "territory": profile.territory,
            "bio": profile.bio,
            "themes": profile.themes,
            "skills": ", ".join(skill.name for skill in profile.skills.all()),
            "directory_consent": profile.directory_consent,
        }


class OrganisationForm(forms.ModelForm):
    territory = TerritoryField(label=_("Territoire"), required=False, help_text=TERRITORY_HELP)
    website = forms.URLField(
        label=_("Site web"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Par exemple https://www.exemple.fr"),
    )

    class Meta:
        model = Organisation
        fields = ["name", "org_type", "size", "siren", "rna", "territory", "website", "description"]
        labels = {
            "name": _("Nom de l’organisation"),
            "org_type": _("Type d’organisation"),
            "size": _("Taille"),
            "siren": _("SIREN"),
            "rna": _("Numéro RNA"),
            "website": _("Site web"),
            "description": _("Présentation"),
        }
        help_texts = {
            "siren": _(
                "9 chiffres, obligatoire pour une entreprise ou une collectivité\u00a0; "
                "vous le trouverez sur l’Annuaire des entreprises."
            ),
            "rna": _("Pour une association\u00a0: W suivi de 9 chiffres, par exemple W423001234."),
            "website": _("Adresse complète, par exemple https://www.exemple.fr"),
            "description": _("Texte simple, %(max)d caractères au plus.")
            % {"max": ORGANISATION_DESCRIPTION_MAX_LENGTH},
        }
        widgets = {
            "siren": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "rna": forms.TextInput(attrs={"autocomplete": "off"}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org_type = cast(forms.ChoiceField, self.fields["org_type"])
        org_type.choices = [("", _("Choisissez…")), *OrganisationType.choices]
        size = cast(forms.ChoiceField, self.fields["size"])
        size.choices = [("", _("Non précisée")), *SizeBand.choices]
        # The identifiers may be typed with spaces: clean_siren/clean_rna validate what remains.
        for name in ("siren", "rna"):
            field = self.fields[name]
            field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
            field.widget.attrs["maxlength"] = "16"

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        # A SIREN that failed its own checks is not also reported missing.
        errors = self.errors.get("siren")
        if errors and len(errors) > 1:
            kept = [e for e in errors.as_data() if e.code != "siren_required"]
            self.errors["siren"] = self.error_class(kept, renderer=self.renderer)

    def clean_siren(self) -> str:
        siren = normalise_identifier(self.cleaned_data.get("siren"))
        if siren:
            validate_siren(siren)
            duplicate = Organisation.objects.filter(siren=siren).exclude(pk=self.instance.pk).first()
            if duplicate:
                raise ValidationError(
                    _("« %(name)s » a déjà ce SIREN sur Catalyse\u00a0: demandez plutôt à la rejoindre.")
                    % {"name": duplicate.name}
                )
        return siren

    def clean_rna(self) -> str:
        rna = normalise_identifier(self.cleaned_data.get("rna"))
        if rna:
            validate_rna(rna)
            duplicate = Organisation.objects.filter(rna=rna).exclude(pk=self.instance.pk).first()
            if duplicate:
                raise ValidationError(
                    _("« %(name)s » a déjà ce numéro RNA sur Catalyse\u00a0: demandez plutôt à la rejoindre.")
                    % {"name": duplicate.name}
                )
        return rna


class OrganisationCreateForm(OrganisationForm):
    creator_title = forms.CharField(
        label=_("Votre fonction dans l’organisation"),
        required=False,
        max_length=120,
        help_text=_("Par exemple\u00a0: chargée de mission développement territorial."),
    )


class JoinForm(forms.Form):
    title = forms.CharField(
        label=_("Votre fonction dans l’organisation"),
        required=False,
        max_length=120,
        help_text=_("Facultatif\u00a0: aide les administrateurs à reconnaître votre demande."),
    )


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Pour confirmer qu’il s’agit bien de vous."),
    )
    confirm = forms.BooleanField(
        label=_("Je comprends que la suppression est définitive."),
        error_messages={"required": _("Cochez cette case pour confirmer la suppression.")},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Ce mot de passe n’est pas le bon\u00a0: votre compte n’a pas été supprimé."))
        return password
