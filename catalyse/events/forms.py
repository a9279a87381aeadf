from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from catalyse.accounts.fields import TerritoryField
from catalyse.accounts.models import Organisation
from catalyse.events.models import (
    ANSWER_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Event,
    Format,
    Kind,
    QuestionKind,
    Registration,
    RegistrationMode,
    Status,
    Track,
)
from catalyse.events.services import INVITATIONS_MAX, places_left
from catalyse.lib.text import fold

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


DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


def _datetime_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_FORMATS,
        help_text=help_text or _("Heure de Paris."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Indiquez une date et une heure, par exemple 12/06/2027 09:30.")},
    )


class EventForm(forms.Form):
    """Create or change an event, its tracks and its registration questions (one per line)."""

    title = forms.CharField(label=_("Titre"), max_length=TITLE_MAX_LENGTH)
    kind = forms.ChoiceField(label=_("Type d’événement"), choices=Kind.choices, widget=forms.RadioSelect)
    theme = forms.CharField(
        label=_("Thème"), max_length=200, required=False, help_text=_("Par exemple « Ensemble innovons ! ».")
    )
    edition = forms.IntegerField(
        label=_("Édition"), min_value=1, max_value=999, required=False, help_text=_("4 pour la 4ᵉ rencontre du réseau.")
    )
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Deux ou trois phrases, reprises dans l’agenda et les invitations."),
    )
    description = forms.CharField(
        label=_("Programme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("En Markdown : ## pour un intertitre, - pour une liste, **gras**."),
    )
    starts_at = _datetime_field(_("Début"))
    ends_at = _datetime_field(_("Fin"))
    format = forms.ChoiceField(label=_("Lieu"), choices=Format.choices, widget=forms.RadioSelect)
    venue = forms.CharField(label=_("Nom du lieu"), max_length=200, required=False)
    address = forms.CharField(label=_("Adresse postale"), max_length=300, required=False)
    territory = TerritoryField(
        label=_("Commune"),
        required=False,
        help_text=_("La commune du lieu (obligatoire sur place) ; en ligne, le territoire concerné s’il y en a un."),
    )
    online_url = forms.URLField(
        label=_("Lien de connexion"),
        required=False,
        assume_scheme="https",
        help_text=_("Montré aux seules personnes inscrites, et dans leur rappel."),
    )
    registration_mode = forms.ChoiceField(
        label=_("Inscription"), choices=RegistrationMode.choices, widget=forms.RadioSelect
    )
    external_registration_url = forms.URLField(
        label=_("Lien d’inscription externe"),
        required=False,
        assume_scheme="https",
        help_text=_("Quand l’inscription se fait sur un autre site."),
    )
    capacity = forms.IntegerField(
        label=_("Nombre de places"), min_value=1, max_value=100_000, required=False, help_text=_("Vide : sans limite.")
    )
    registration_closes_at = _datetime_field(
        _("Clôture des inscriptions"), required=False, help_text=_("Vide : jusqu’au début de l’événement.")
    )
    organiser_name = forms.CharField(
        label=_("Organisé par"),
        max_length=200,
        required=False,
        help_text=_("Si l’organisateur n’est pas une organisation de Catalyse, par exemple « CNFPT »."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation organisatrice"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Parmi les organisations dont vous êtes membre."),
    )
    tracks = forms.CharField(
        label=_("Axes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Pour une rencontre à plusieurs axes, un axe par ligne, avec ses places après une barre : "
            "« Les modèles socio-économiques hybrides | 40 ». Chaque personne s’inscrit à un axe."
        ),
    )
    questions = forms.CharField(
        label=_("Questions à l’inscription"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Une question par ligne. Pour un choix, les réponses après une barre, séparées par des points-virgules ; "
            "ajoutez « | obligatoire » pour une réponse requise : « Déjeuner ? | Oui ; Non | obligatoire »."
        ),
    )
    status = forms.ChoiceField(
        label=_("Statut"),
        choices=Status.choices,
        widget=forms.RadioSelect,
        help_text=_("Un brouillon n’est visible que des organisateurs ; annuler prévient les personnes inscrites."),
    )

    def __init__(self, *args: Any, user: Any, event: Event | None = None, **kwargs: Any) -> None:
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(event, name) for name in EVENT_FIELDS},
                "territory": event.territory,
                "organisation": event.organisation,
                "tracks": "\n".join(f"{t.title} | {t.capacity}" if t.capacity else t.title for t in event.tracks.all()),
                "questions": "\n".join(_question_line(q) for q in event.questions.all()),
            }
        kwargs.setdefault("initial", {"status": Status.PUBLISHED, "registration_mode": RegistrationMode.PLATFORM})
        super().__init__(*args, **kwargs)
        queryset = Organisation.objects.filter(memberships__user=user, memberships__status="active")
        if event is not None and event.organisation_id:
            queryset = queryset | Organisation.objects.filter(pk=event.organisation_id)
        field: Any = self.fields["organisation"]
        field.queryset = queryset.distinct().order_by("name")

    def clean_tracks(self) -> list[dict[str, Any]]:
        tracks = []
        for number, line in enumerate(self.cleaned_data["tracks"].splitlines(), start=1):
            if not line.strip():
                continue
            title, _sep, places = (part.strip() for part in line.partition("|"))
            if not title or len(title) > 200:
                raise ValidationError(_("Ligne %(n)d : donnez un intitulé de 1 à 200 caractères.") % {"n": number})
            capacity = None
            if places:
                if not places.isdigit() or int(places) < 1:
                    raise ValidationError(
                        _("Ligne %(n)d : après la barre, un nombre de places (par exemple 40).") % {"n": number}
                    )
                capacity = int(places)
            tracks.append({"title": title, "capacity": capacity})
        return tracks

    def clean_questions(self) -> list[dict[str, Any]]:
        questions = []
        for number, line in enumerate(self.cleaned_data["questions"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            required = len(parts) > 1 and fold(parts[-1]) == "obligatoire"
            if required:
                parts = parts[:-1]
            if len(parts) > 2 or not parts[0] or len(parts[0]) > 300:
                raise ValidationError(
                    _("Ligne %(n)d : écrivez « Question | choix 1 ; choix 2 | obligatoire ».") % {"n": number}
                )
            choices = [c.strip() for c in parts[1].split(";") if c.strip()] if len(parts) == 2 else []
            if len(parts) == 2 and len(choices) < 2:
                raise ValidationError(
                    _("Ligne %(n)d : proposez au moins deux réponses, séparées par des points-virgules.")
                    % {"n": number}
                )
            questions.append(
                {"label": parts[0], "kind": "choice" if choices else "text", "choices": choices, "required": required}
            )
        return questions

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("La fin doit venir après le début : corrigez l’heure de fin."))
        territory = cleaned.get("territory")
        if cleaned.get("format") in (Format.IN_PERSON, Format.HYBRID):
            if territory is None:
                self.add_error("territory", _("Indiquez la commune où a lieu l’événement."))
            elif territory.level != "commune":
                self.add_error("territory", _("Indiquez une commune (pas une région ni un département)."))
        mode = cleaned.get("registration_mode")
        if mode == RegistrationMode.EXTERNAL and not cleaned.get("external_registration_url"):
            self.add_error("external_registration_url", _("Donnez l’adresse où s’inscrire."))
        closes = cleaned.get("registration_closes_at")
        if closes and starts and closes > starts:
            self.add_error("registration_closes_at", _("La clôture des inscriptions doit précéder le début."))
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["edition"] = data.get("edition") or None
        return data


EVENT_FIELDS = [
    "title", "kind", "theme", "edition", "summary", "description", "starts_at", "ends_at", "format", "venue",
    "address", "online_url", "registration_mode", "external_registration_url", "capacity",
    "registration_closes_at", "organiser_name", "status",
]  # fmt: skip


def _question_line(question: Any) -> str:
    parts = [question.label]
    if question.kind == QuestionKind.CHOICE:
        parts.append(" ; ".join(question.choices))
    if question.required:
        parts.append("obligatoire")
    return " | ".join(parts)
