from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.fields import TerritoryField
from catalyse.accounts.models import Organisation
from catalyse.resources.choices import (
    DEFAULT_LICENSE,
    LICENSE_CHOICES,
    ActionForm,
    Audience,
    Kind,
    Objective,
    Theme,
)
from catalyse.resources.filetypes import ACCEPTED_LABEL, max_file_size
from catalyse.resources.models import COMMENT_MAX_LENGTH, SUMMARY_MAX_LENGTH, TITLE_MAX_LENGTH, Resource


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=TITLE_MAX_LENGTH)
    kind = forms.ChoiceField(label=_("Nature du document"), choices=Kind.choices, widget=forms.RadioSelect)
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Deux ou trois phrases : à quoi sert la ressource, pour qui. 600 caractères au plus."),
    )
    body = forms.CharField(
        label=_("Contenu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("En Markdown : ## pour un intertitre, - pour une liste, **gras**, [lien](https://…)."),
    )
    objective = forms.ChoiceField(
        label=_("Objectif servi"), choices=Objective.choices, required=False, widget=forms.RadioSelect
    )
    themes = forms.MultipleChoiceField(
        label=_("Enjeux"), choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    audiences = forms.MultipleChoiceField(
        label=_("Publics"), choices=Audience.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    territory = TerritoryField(
        label=_("Territoire"),
        required=False,
        help_text=_("Le territoire dont parle la ressource, s’il y en a un : nom ou code INSEE, par exemple Roubaix."),
    )
    license = forms.ChoiceField(
        label=_("Licence"),
        choices=LICENSE_CHOICES,
        initial=DEFAULT_LICENSE,
        help_text=_("CC BY-SA 4.0 par défaut : chacun peut réutiliser et adapter, en citant et en partageant pareil."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations contributrices"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Parmi les organisations dont vous êtes membre."),
    )

    # Declared last: from here on, `forms` in this class body is the field, not the module.
    forms = forms.MultipleChoiceField(
        label=_("Formes d’action"), choices=ActionForm.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    field_order = [
        "title", "kind", "summary", "body", "objective", "themes", "forms", "audiences", "territory", "license",
        "organisations",
    ]  # fmt: skip

    def __init__(self, *args: Any, user: Any, resource: Resource | None = None, **kwargs: Any) -> None:
        if resource is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **resource.snapshot(),
                "territory": resource.territory,
                "organisations": list(resource.organisations.all()),
            }
        super().__init__(*args, **kwargs)

        queryset = Organisation.objects.filter(memberships__user=user, memberships__status="active")
        if resource is not None:
            queryset = Organisation.objects.filter(pk__in=queryset.values("pk")) | resource.organisations.all()
        organisations: Any = self.fields["organisations"]
        organisations.queryset = queryset.distinct().order_by("name")
        if not organisations.queryset.exists():
            del self.fields["organisations"]

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("organisations", None)
        return data


class VersionNoteForm(forms.Form):
    message = forms.CharField(
        label=_("Note de version"),
        max_length=300,
        required=False,
        help_text=_("Ce qui change, en une ligne ; elle apparaîtra dans l’historique."),
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("publish", _("Publier la ressource")), ("changes", _("Demander des modifications aux auteurs"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message aux auteurs"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Obligatoire pour demander des modifications : dites précisément quoi changer."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "changes" and not (cleaned.get("message") or "").strip():
            self.add_error("message", _("Dites aux auteurs ce qu’il faut modifier."))
        return cleaned


class ResourceFileForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier"),
        help_text=_("Formats acceptés : %(types)s. %(size)d Mo au plus.")
        % {"types": ACCEPTED_LABEL, "size": max_file_size() // (1024 * 1024)},
    )
    title = forms.CharField(
        label=_("Intitulé"),
        max_length=200,
        required=False,
        help_text=_("Ce que contient le fichier, par exemple « Grille à imprimer (PDF) »."),
    )


class FeedbackForm(forms.Form):
    useful = forms.TypedChoiceField(
        label=_("Cette ressource vous a-t-elle été utile ?"),
        choices=[("1", _("Oui")), ("0", _("Non"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Un commentaire"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        error_messages={
            "max_length": _("Votre commentaire est trop long : %(max)d caractères au plus.")
            % {"max": COMMENT_MAX_LENGTH}
        },
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce qui vous a servi, ce qui manque. Lu par l’équipe éditoriale, jamais publié."),
    )


STEP_SEPARATORS = (" — ", " – ", " | ")


class CollectionForm(forms.Form):
    title = forms.CharField(label=_("Titre du parcours"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("À qui s’adresse le parcours et ce qu’on y apprend, en Markdown."),
    )
    steps = forms.CharField(
        label=_("Étapes, dans l’ordre"),
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text=_(
            "Une ressource publiée par ligne : son adresse (copiée depuis sa page) ou la fin de son adresse, "
            "puis, si vous voulez, « — » et une phrase qui dit pourquoi la lire."
        ),
    )
    is_published = forms.BooleanField(label=_("Publier le parcours"), required=False, initial=True)

    def __init__(self, *args: Any, collection: Any = None, **kwargs: Any) -> None:
        if collection is not None and "initial" not in kwargs:
            lines = []
            for item in collection.items.select_related("resource").order_by("position", "id"):
                lines.append(f"{item.resource.slug} — {item.note}" if item.note else item.resource.slug)
            kwargs["initial"] = {
                "title": collection.title,
                "intro": collection.intro,
                "steps": "\n".join(lines),
                "is_published": collection.is_published,
            }
        super().__init__(*args, **kwargs)

    def clean_steps(self) -> list[tuple[Resource, str]]:
        """[(resource, note)] in order; an unknown line is an error that names it."""
        raw = self.cleaned_data["steps"]
        wanted: list[tuple[int, str, str]] = []
        for number, line in enumerate(raw.splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            address, note = line, ""
            for separator in STEP_SEPARATORS:
                if separator in line:
                    address, note = (part.strip() for part in line.split(separator, 1))
                    break
            path = address.split("://", 1)[-1]
            parts = [p for p in path.split("?")[0].split("/") if p]
            slug = parts[parts.index("ressources") + 1] if "ressources" in parts[:-1] else (parts[-1] if parts else "")
            wanted.append((number, slug, note))
        found = {r.slug: r for r in Resource.objects.public().filter(slug__in=[slug for _n, slug, _note in wanted])}
        errors = [
            _("Ligne %(number)d : aucune ressource publiée à l’adresse « %(slug)s ».") % {"number": n, "slug": slug}
            for n, slug, _note in wanted
            if slug not in found
        ]
        if errors:
            raise forms.ValidationError(errors)
        if not wanted:
            raise forms.ValidationError(_("Ajoutez au moins une ressource au parcours."))
        return [(found[slug], note) for _n, slug, note in wanted]
