"""Forms of the co-development sessions: they parse; the rules are in services."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalyse.codevelopment.models import MAX_CONSULTANTS, MIN_CONSULTANTS, RATING_MAX, TEXT_MAX_LENGTH
from catalyse.journeys.models import Journey, Step, StepKind, TeamMember


class PersonChoiceField(forms.ModelChoiceField):
    def __init__(self, *args: Any, teams: dict[int, str], **kwargs: Any) -> None:
        self.teams = teams
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        team = self.teams.get(obj.pk, "")
        return f"{obj.display_name} — {team}" if team else str(obj.display_name)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, *args: Any, teams: dict[int, str], **kwargs: Any) -> None:
        self.teams = teams
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        team = self.teams.get(obj.pk, "")
        return f"{obj.display_name} — {team}" if team else str(obj.display_name)


class SessionForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Date et heure"),
        help_text=_("Heure de Paris."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": _("Indiquez la date et l’heure de la séance."),
            "invalid": _("Écrivez la date et l’heure ainsi : 12/03/2027 14:00."),
        },
    )
    title = forms.CharField(
        label=_("Titre"),
        required=False,
        max_length=200,
        help_text=_("Laissé vide, le titre sera « Séance de codéveloppement du » et la date."),
        error_messages={"max_length": _("Le titre tient en 200 caractères au plus.")},
    )

    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from catalyse.accounts.models import User

        memberships = list(
            TeamMember.objects.filter(team__journey=journey, user__is_active=True)
            .select_related("team")
            .order_by("team__name", "team_id", "joined_at", "id")
        )
        teams = {m.user_id: m.team.name for m in memberships}
        order = [m.user_id for m in memberships]
        people = User.objects.filter(pk__in=order)
        self.fields["client"] = PersonChoiceField(
            queryset=people,
            teams=teams,
            label=_("Client"),
            help_text=_(
                "La personne qui apporte sa situation. La plateforme propose quelqu’un qui ne l’a pas encore été."
            ),
            empty_label=_("Choisissez le client"),
            error_messages={
                "required": _("Choisissez le client de la séance."),
                "invalid_choice": _("Choisissez le client parmi les membres des équipes du parcours."),
            },
        )
        self.fields["consultants"] = PeopleChoiceField(
            queryset=people,
            teams=teams,
            label=_("Consultants"),
            help_text=_("De %(min)d à %(max)d pairs, membres des équipes du parcours, autres que le client.")
            % {"min": MIN_CONSULTANTS, "max": MAX_CONSULTANTS},
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": _("Choisissez de %(min)d à %(max)d consultants.")
                % {"min": MIN_CONSULTANTS, "max": MAX_CONSULTANTS},
                "invalid_choice": _("Choisissez les consultants parmi les membres des équipes du parcours."),
                "invalid_pk_value": _("Choisissez les consultants parmi les membres des équipes du parcours."),
            },
        )
        # Members in the cycle's order (team, then arrival), not by primary key.
        rank = {pk: index for index, pk in enumerate(order)}
        for name in ("client", "consultants"):
            field = self.fields[name]
            field.choices = sorted(  # type: ignore[attr-defined]
                field.choices,  # type: ignore[attr-defined]
                key=lambda choice: rank.get(int(str(choice[0])), -1) if str(choice[0]) else -1,
            )
        self.fields["facilitator"] = forms.ModelChoiceField(
            queryset=journey.facilitators.all(),
            label=_("Animateur de la séance"),
            empty_label=None,
            error_messages={"invalid_choice": _("Choisissez l’animateur parmi les animateurs du parcours.")},
        )
        self.fields["facilitator"].label_from_instance = lambda obj: obj.display_name  # type: ignore[attr-defined]
        steps = Step.objects.filter(journey=journey, kind=StepKind.CODEVELOPPEMENT).order_by("starts_at", "id")
        self.fields["calendar_step"] = forms.ModelChoiceField(
            queryset=steps,
            required=False,
            label=_("Étape du calendrier"),
            empty_label=_("Aucune"),
            help_text=_("La séance de codéveloppement prévue au calendrier du parcours à laquelle elle correspond."),
            error_messages={"invalid_choice": _("Choisissez une étape de codéveloppement de ce parcours.")},
        )
        self.order_fields(["scheduled_at", "client", "consultants", "facilitator", "calendar_step", "title"])

    def clean_scheduled_at(self) -> datetime.datetime:
        value: datetime.datetime = self.cleaned_data["scheduled_at"]
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value


class ContributionForm(forms.Form):
    text = forms.CharField(
        label=_("Texte"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Écrivez un texte avant d’envoyer."),
            "max_length": _("Le texte tient en %(limit_value)d caractères au plus : raccourcissez-le."),
        },
    )


class ActionForm(forms.Form):
    what = forms.CharField(
        label=_("Action"),
        max_length=300,
        help_text=_("Ce que l’équipe s’engage à faire, par exemple « Réunir trois entreprises du quartier »."),
        error_messages={
            "required": _("Dites quelle action l’équipe s’engage à mener."),
            "max_length": _("L’action tient en 300 caractères au plus."),
        },
    )
    who = forms.CharField(
        label=_("Qui"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("« Qui » tient en 200 caractères au plus.")},
    )
    due_on = forms.DateField(
        label=_("Pour quand"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": _("Écrivez la date ainsi : 30/04/2027.")},
    )


RATING_CHOICES = [
    ("1", _("1 — Peu utile")),
    ("2", _("2")),
    ("3", _("3")),
    ("4", _("4")),
    ("5", _("5 — Très utile")),
]


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Cette séance vous a-t-elle été utile ?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez une note de 1 à %(max)d.") % {"max": RATING_MAX},
            "invalid_choice": _("Choisissez une note de 1 à %(max)d.") % {"max": RATING_MAX},
        },
    )


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "J’accepte que la question travaillée et les apprentissages soient partagés au-delà de la séance, "
            "sans le nom de personne : carnet de bord du parcours et illustration proposée au centre de ressources."
        ),
        required=False,
    )
