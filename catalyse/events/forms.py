from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.fields import TerritoryField
from catalyse.events.models import (
    ANSWER_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    Event,
    Kind,
    QuestionKind,
    Registration,
    Track,
)
from catalyse.events.services import INVITATIONS_MAX, places_left

WHEN_CHOICES = [("a-venir", _("À venir")), ("passes", _("Passés"))]


class AgendaFilterForm(forms.Form):
    quand = forms.ChoiceField(label=_("Quand"), choices=WHEN_CHOICES, required=False, widget=forms.RadioSelect)
    type = forms.MultipleChoiceField(
        label=_("Type d’événement"), choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    territoire = TerritoryField(
        label=_("Territoire"),
        required=False,
        help_text=_(
            "Une commune, une intercommunalité, un département ou une région : les lieux qu’il contient comptent."
        ),
    )
    en_ligne = forms.BooleanField(label=_("Seulement les événements en ligne"), required=False)

    def selection(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "past": data.get("quand") == "passes",
            "kinds": data.get("type") or [],
            "territory": data.get("territoire"),
            "online": bool(data.get("en_ligne")),
        }


class TrackChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        left = getattr(obj, "places_left", None)
        if left is None:
            return str(obj.title)
        if left == 0:
            return f"{obj.title} — " + str(_("complet : liste d’attente"))
        return f"{obj.title} — " + str(_("%(n)d place restante") if left == 1 else _("%(n)d places restantes")) % {
            "n": left
        }


class RegistrationForm(forms.Form):
    """The track (for a meeting with tracks) and the event's questions."""

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        tracks = list(event.tracks.all())
        if tracks:
            for track in tracks:
                track.places_left = places_left(event, track)  # type: ignore[attr-defined]
            field = TrackChoiceField(
                label=_("Axe choisi"),
                queryset=Track.objects.filter(event=event),
                widget=forms.RadioSelect,
                empty_label=None,
                help_text=_("Chaque axe a ses places ; quand il est complet, vous passez sur sa liste d’attente."),
                error_messages={"required": _("Choisissez l’axe auquel vous voulez participer.")},
            )
            field.choices = [(t.pk, field.label_from_instance(t)) for t in tracks]
            self.fields["track"] = field
        for question in event.questions.all():
            name = question.field_name
            if question.kind == QuestionKind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=question.label,
                    choices=[(c, c) for c in question.choices],
                    required=question.required,
                    widget=forms.RadioSelect,
                    help_text=question.help_text,
                    error_messages={"required": _("Choisissez une réponse.")},
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.label,
                    max_length=ANSWER_MAX_LENGTH,
                    required=question.required,
                    help_text=question.help_text,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    error_messages={"required": _("Répondez à cette question.")},
                )

    def clean_track(self) -> Any:
        track = self.cleaned_data.get("track")
        if isinstance(track, int | str):
            track = Track.objects.filter(event=self.event, pk=track).first()
        return track

    def answers(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if name.startswith("question_")}


_SEPARATORS = re.compile(r"[\s,;]+")


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("Adresses électroniques"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Une adresse par ligne (ou séparées par des virgules), %(max)d au plus.")
        % {"max": INVITATIONS_MAX},
    )
    message = forms.CharField(
        label=_("Un mot d’accompagnement"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ajouté à l’invitation, sous le nom de l’événement."),
    )

    def clean_emails(self) -> list[str]:
        values = [v for v in _SEPARATORS.split(self.cleaned_data["emails"]) if v]
        wrong = []
        for value in values:
            try:
                validate_email(value)
            except ValidationError:
                wrong.append(value)
        if wrong:
            raise ValidationError(
                _("Ces adresses ne sont pas valides : %(emails)s. Corrigez-les ou retirez-les.")
                % {"emails": ", ".join(wrong[:10])}
            )
        if len(values) > INVITATIONS_MAX:
            raise ValidationError(_("%(max)d adresses au plus à la fois.") % {"max": INVITATIONS_MAX})
        return [v.lower() for v in values]


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(label=_("Présentes"), coerce=int, required=False)

    def __init__(self, *args: Any, registrations: list[Registration], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["present"]
        field.choices = [(r.pk, r.user.display_name) for r in registrations]
        field.error_messages["invalid_choice"] = _(
            "Une personne cochée n’est plus inscrite à l’événement : rechargez la page."
        )


_RESOURCE_PATH = re.compile(r"/ressources/([a-z0-9-]+)/?$")


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Compte rendu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("En Markdown : ce qui s’est dit, ce qu’on retient, les suites. ## pour un intertitre."),
    )
    replay_url = forms.URLField(
        label=_("Lien du replay"),
        required=False,
        assume_scheme="https",
        help_text=_("L’adresse de la vidéo, par exemple https://…"),
    )
    resources = forms.CharField(
        label=_("Ressources du kit liées"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("L’adresse d’une ressource du kit par ligne, par exemple /ressources/grille-d-autodiagnostic/."),
    )
    publish = forms.BooleanField(label=_("Publier le compte rendu sur la page de l’événement"), required=False)

    def clean_resources(self) -> list[Any]:
        from catalyse.resources.models import Resource

        slugs, wrong = [], []
        for line in self.cleaned_data["resources"].splitlines():
            text = line.strip()
            if not text:
                continue
            match = _RESOURCE_PATH.search(text)
            slug = match.group(1) if match else text.strip("/")
            slugs.append(slug)
            if not Resource.objects.published().filter(slug=slug).exists():
                wrong.append(text)
        if wrong:
            raise ValidationError(
                _("Aucune ressource publiée du kit à ces adresses : %(items)s. Copiez l’adresse depuis sa page.")
                % {"items": ", ".join(wrong[:5])}
            )
        return list(Resource.objects.published().filter(slug__in=slugs))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("publish") and not (cleaned.get("report", "").strip() or cleaned.get("replay_url")):
            self.add_error("report", _("Écrivez le compte rendu, ou donnez le lien du replay, avant de le publier."))
        return cleaned


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Qu’en avez-vous pensé ?"),
        choices=[
            ("5", _("5 — Excellent")),
            ("4", _("4 — Très bien")),
            ("3", _("3 — Bien")),
            ("2", _("2 — Décevant")),
            ("1", _("1 — Pas utile")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une note de 1 à 5.")},
    )
    comment = forms.CharField(
        label=_("Ce que vous en retenez, ce qui manquait"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Lu par les organisateurs, jamais publié."),
    )
