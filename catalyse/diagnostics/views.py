"""Thin views of the self-diagnosis: answer, see a territory's results, edit the questions (facilitators)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalyse.accounts.roles import Role, user_has_role
from catalyse.diagnostics import services
from catalyse.diagnostics.charts import radar_chart
from catalyse.diagnostics.forms import DiagnosticForm, QuestionsForm, question_field_name
from catalyse.diagnostics.models import SCALE_LABELS, Dimension, Questionnaire, Response
from catalyse.territories.models import Territory


def _questionnaire() -> Questionnaire:
    questionnaire = Questionnaire.objects.current()
    if questionnaire is None:
        raise Http404(_("Aucun questionnaire n’est en service."))
    return questionnaire


def _home_crumb() -> tuple[str, str]:
    return (_("Autodiagnostic territorial"), reverse("diagnostics:answer"))


@login_required
def answer(request: HttpRequest) -> HttpResponse:
    questionnaire = _questionnaire()
    if request.method == "POST":
        form = DiagnosticForm(request.POST, questionnaire=questionnaire)
        if form.is_valid():
            try:
                response = services.response_submit(
                    user=request.user,
                    territory=form.cleaned_data["territory"],
                    questionnaire=questionnaire,
                    values=form.values(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Vos réponses sont enregistrées. Voici le profil de votre territoire."))
                return redirect("diagnostics:results", level=response.territory.level, code=response.territory.code)
    else:
        initial: dict[str, Any] = {}
        territory_ref = request.GET.get("territoire", "")
        if territory_ref:
            territory = Territory.objects.filter(
                level=territory_ref.partition(":")[0], code=territory_ref.partition(":")[2]
            ).first()
            previous = (
                Response.objects.filter(respondent_id=request.user.pk, territory=territory, questionnaire=questionnaire)
                .prefetch_related("answers")
                .first()
                if territory
                else None
            )
            if territory is not None:
                initial["territory"] = territory
            if previous is not None:
                for item in previous.answers.all():
                    initial[f"question_{item.question_id}"] = str(item.value)
        elif request.user.profile.territory_id:  # type: ignore[union-attr]
            initial["territory"] = request.user.profile.territory  # type: ignore[union-attr]
        form = DiagnosticForm(initial=initial, questionnaire=questionnaire)
    mine = (
        Response.objects.filter(respondent_id=request.user.pk).select_related("territory").order_by("territory__name")
    )
    return render(
        request,
        "diagnostics/answer.html",
        {
            "form": form,
            "questionnaire": questionnaire,
            "scale_labels": SCALE_LABELS,
            "my_responses": mine,
            "is_facilitator": user_has_role(request.user, Role.FACILITATOR),
            "breadcrumb": [(_("Autodiagnostic territorial"), "")],
        },
    )


def results(request: HttpRequest, level: str, code: str) -> HttpResponse:
    territory = Territory.objects.filter(level=level, code=code).select_related("epci", "departement", "region").first()
    if territory is None or not services.diagnostic_can_view(user=request.user, territory=territory):
        raise Http404(_("Aucun autodiagnostic à afficher pour ce territoire."))
    questionnaire = _questionnaire()
    profile = services.territory_profile(territory=territory, questionnaire=questionnaire)
    similar = services.similar_profile(territory=territory, questionnaire=questionnaire)
    advice = services.recommendations_for(territory=territory, questionnaire=questionnaire, profile=profile)
    respondents = (
        Response.objects.for_territory(territory)
        .filter(questionnaire=questionnaire)
        .select_related("respondent")
        .order_by("submitted_at")
    )
    band = services.population_band(territory.population)
    rows = [
        {"key": value, "label": label, "mean": profile[value], "similar": similar.means[value]}
        for value, label in Dimension.choices
    ]
    return render(
        request,
        "diagnostics/results.html",
        {
            "territory": territory,
            "rows": rows,
            "chart": radar_chart(profile, similar.means),
            "similar": similar,
            "band": band,
            "advice": advice,
            "weakest_label": Dimension(advice.dimension).label if advice.dimension else "",
            "respondents": respondents,
            "breadcrumb": [_home_crumb(), (territory.name, "")],
        },
    )


@login_required
def questions_edit(request: HttpRequest) -> HttpResponse:
    if not user_has_role(request.user, Role.FACILITATOR):
        raise PermissionDenied(_("Seuls les animateurs du programme modifient les questions."))
    questionnaire = _questionnaire()
    form = QuestionsForm(request.POST or None, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                for question in form.questions:
                    services.question_update(question=question, text=form.cleaned_data[question_field_name(question)])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Les questions sont enregistrées."))
            return redirect("diagnostics:questions-edit")
    return render(
        request,
        "diagnostics/questions_form.html",
        {"form": form, "breadcrumb": [_home_crumb(), (_("Modifier les questions"), "")]},
    )
