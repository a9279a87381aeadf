"""The registry's pages: list with facets, detail, declare, change, confirm, archive, delete, and each
organisation's partnerships."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from catalyse.accounts.models import Organisation, OrganisationType
from catalyse.partnerships import services
from catalyse.partnerships.choices import MODE_KEYS, ORG_TYPE_KEYS, THEME_KEYS, Mode, Status, Theme
from catalyse.partnerships.filters import FilterError, parse_filters
from catalyse.partnerships.forms import PartnershipForm
from catalyse.partnerships.models import Partnership, PartnershipPartner
from catalyse.partnerships.observatory import ObservatoryQuery, observatory_count

PAGE_SIZE = 20
COUNT_CAP = 1000
MAX_PAGE = 500
FILTER_NAMES = {"territory": "territoire", "year_from": "de", "year_to": "a", "mode": "mode"}


def get_partnership_for_user(request: HttpRequest, pk: int) -> Partnership:
    """The partnership, if this person may see it (a non-public or unconfirmed one: its partners only)."""
    partnership = get_object_or_404(
        Partnership.objects.select_related("territory", "declared_by_organisation").prefetch_related(
            Prefetch("partners", queryset=PartnershipPartner.objects.select_related("organisation"))
        ),
        pk=pk,
    )
    if not services.user_can_view(request.user, partnership):
        raise Http404
    return partnership


# ------------------------------------------------------------------ list with facets


def _facet_counts(cube: ObservatoryQuery) -> tuple[int, dict[str, dict[str, int]]]:
    """Total and counts per facet value, from the summary tables (filters on territory, years, mode)."""
    counts: dict[str, dict[str, int]] = {}
    total = 0
    for facet, group_by in (("mode", "mode"), ("enjeu", "theme"), ("type", "org_type"), ("region", "region")):
        result = observatory_count(
            ObservatoryQuery(
                group_by=group_by,
                territory=cube.territory,
                year_from=cube.year_from,
                year_to=cube.year_to,
                mode=cube.mode,
                public_only=True,
            )
        )
        total = result.total
        counts[facet] = {g.key: g.count for g in result.groups}
    return total, counts


def partnership_list(request: HttpRequest) -> HttpResponse:
    from catalyse.territories.models import Territory

    error = ""
    try:
        filters = parse_filters(
            territory=request.GET.get("territoire"),
            year_from=request.GET.get("de"),
            year_to=request.GET.get("a"),
            mode=request.GET.get("mode"),
            names=FILTER_NAMES,
        )
    except FilterError as exc:
        error = str(exc)
        filters = parse_filters(territory=None, year_from=None, year_to=None, mode=None, names=FILTER_NAMES)
    theme = request.GET.get("enjeu") or ""
    org_type = request.GET.get("type") or ""
    region = request.GET.get("region") or ""
    if theme and theme not in THEME_KEYS:
        error, theme = _("Filtre enjeu inconnu : choisissez un enjeu de la liste."), ""
    if org_type and org_type not in ORG_TYPE_KEYS:
        error, org_type = _("Filtre type inconnu : choisissez un type d’organisation de la liste."), ""
    if region and not region.isalnum():
        region = ""

    queryset = Partnership.objects.listed()
    territory = filters.territory
    if region and territory is None:
        territory = Territory.objects.filter(level="region", code=region).first()
        if territory is None:
            region = ""
    if territory is not None:
        queryset = queryset.in_territory(territory.level, territory.code)
    if filters.year_from:
        queryset = queryset.filter(start_year__gte=filters.year_from)
    if filters.year_to:
        queryset = queryset.filter(start_year__lte=filters.year_to)
    if filters.mode:
        queryset = queryset.with_mode(filters.mode)
    if theme:
        queryset = queryset.with_theme(theme)
    if org_type:
        queryset = queryset.with_org_type(org_type)

    capped = False
    if not theme and not org_type:
        total, counts = _facet_counts(
            ObservatoryQuery(
                group_by="mode",
                territory=(territory.level, territory.code) if territory else None,
                year_from=filters.year_from,
                year_to=filters.year_to,
                mode=filters.mode,
            )
        )
    else:
        # Enjeu and partner type cross no other facet in the summary tables: count up to a cap, and
        # offer the values without counts rather than scan the whole registry.
        total = queryset[: COUNT_CAP + 1].count()
        capped = total > COUNT_CAP
        total = min(total, COUNT_CAP)
        counts = {}

    current = {
        "territoire": f"{territory.level}:{territory.code}" if territory and not region else "",
        "region": region,
        "de": str(filters.year_from or ""),
        "a": str(filters.year_to or ""),
        "mode": filters.mode or "",
        "enjeu": theme,
        "type": org_type,
    }

    def link(**changes: str) -> str:
        params = {**current, **changes}
        params = {k: v for k, v in params.items() if v}
        return "?" + urlencode(params) if params else "?"

    region_names = dict(Territory.objects.filter(level="region").values_list("code", "name"))
    facets = [
        ("mode", _("Mode d’action"), [(k, str(Mode(k).label)) for k in MODE_KEYS]),
        ("enjeu", _("Enjeu"), [(k, str(Theme(k).label)) for k in THEME_KEYS]),
        ("type", _("Type d’organisation"), [(k, str(OrganisationType(k).label)) for k in ORG_TYPE_KEYS]),
        ("region", _("Région"), sorted(region_names.items(), key=lambda item: item[1])),
    ]
    facet_view = []
    for name, label, options in facets:
        items = []
        for key, option_label in options:
            n = counts[name].get(key, 0) if counts else None
            selected = current.get(name) == key
            if n or selected or not counts:
                items.append(
                    {
                        "label": option_label,
                        "count": n,
                        "selected": selected,
                        "url": link(
                            **{
                                name: "" if selected else key,
                                "territoire": "" if name == "region" else current["territoire"],
                            }
                        ),
                    }
                )
        facet_view.append({"name": name, "label": label, "items": items})

    try:
        page = max(1, min(MAX_PAGE, int(request.GET.get("page", "1"))))
    except ValueError:
        page = 1
    offset = (page - 1) * PAGE_SIZE
    partnerships = list(
        queryset.select_related("territory").order_by("-start_year", "-id")[offset : offset + PAGE_SIZE]
    )
    pages = min(MAX_PAGE, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    context = {
        "partnerships": partnerships,
        "total": total,
        "capped": capped,
        "facets": facet_view,
        "filters": filters,
        "territory": territory,
        "current": current,
        "error": error,
        "page": page,
        "pages": pages,
        "previous_url": link(page=str(page - 1)) if page > 1 else "",
        "next_url": link(page=str(page + 1)) if page < pages else "",
        "clear_url": "?",
        "mode_choices": [(k, Mode(k).label) for k in MODE_KEYS],
        "crumbs": [(_("Registre des partenariats"), "")],
    }
    return render(request, "partnerships/partnership_list.html", context, status=400 if error else 200)


# ------------------------------------------------------------------ one partnership


def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk)
    user = request.user
    context = {
        "partnership": partnership,
        "partners": list(partnership.partners.all()),
        "indicators": list(partnership.indicators.all()),
        "can_edit": services.user_can_edit(user, partnership),
        "can_confirm": services.user_can_confirm(user, partnership),
        "can_delete": services.user_can_delete(user, partnership),
        "is_partner": services.user_is_partner_member(user, partnership),
        "crumbs": [
            (_("Registre des partenariats"), "/partenariats/"),
            (partnership.title, ""),
        ],
    }
    return render(request, "partnerships/partnership_detail.html", context)


def _form_initial(partnership: Partnership, user: Any) -> tuple[dict[str, Any], Any, int]:
    links = list(partnership.partners.all())
    mine = services.user_organisations(user).filter(pk__in=[link.organisation_id for link in links])
    own = next((link for link in links if link.organisation_id == partnership.declared_by_organisation_id), None)
    if own is None or not mine.filter(pk=own.organisation_id).exists():
        own = next(link for link in links if mine.filter(pk=link.organisation_id).exists())
    others = [link for link in links if link.pk != own.pk]
    initial: dict[str, Any] = {
        "organisation": own.organisation_id,
        "organisation_role": own.role,
        "title": partnership.title,
        "description": partnership.description,
        "modes": partnership.mode_list,
        "themes": partnership.theme_list,
        "territory": partnership.territory.ref if partnership.territory else "",
        "start_year": partnership.start_year,
        "end_year": partnership.end_year,
        "is_public": partnership.is_public,
    }
    for i, link in enumerate(others, start=1):
        initial[f"partner_{i}"] = link.organisation.slug
        initial[f"partner_{i}_role"] = link.role
    for i, indicator in enumerate(partnership.indicators.all()[:2], start=1):
        initial.update(
            {
                f"indicator_{i}_name": indicator.name,
                f"indicator_{i}_value": indicator.value,
                f"indicator_{i}_unit": indicator.unit,
                f"indicator_{i}_date": indicator.date,
            }
        )
    return initial, mine, len(others)


# What the declaration and the edit form both hand to the services.
PARTNERSHIP_FORM_FIELDS = (
    "title",
    "description",
    "modes",
    "themes",
    "territory",
    "start_year",
    "end_year",
    "is_public",
    "partners",
    "indicators",
)


def _partnership_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in PARTNERSHIP_FORM_FIELDS}


@login_required
def partnership_create(request: HttpRequest) -> HttpResponse:
    organisations = services.user_organisations(request.user).order_by("name")
    if not organisations.exists():
        return render(
            request,
            "partnerships/partnership_form.html",
            {"form": None, "crumbs": [(_("Registre des partenariats"), "/partenariats/"), (_("Déclarer"), "")]},
        )
    form = PartnershipForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partnership = services.partnership_create(
                user=request.user, organisation=data["organisation"], **_partnership_fields(data)
            )
        except services.PartnershipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Partenariat déclaré. Un membre d’une autre organisation partenaire doit maintenant le confirmer."),
            )
            return redirect(partnership)
    return render(
        request,
        "partnerships/partnership_form.html",
        {"form": form, "crumbs": [(_("Registre des partenariats"), "/partenariats/"), (_("Déclarer"), "")]},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk)
    if not services.user_can_edit(request.user, partnership):
        raise PermissionDenied
    initial, mine, others = _form_initial(partnership, request.user)
    form = PartnershipForm(request.POST or None, initial=initial, organisations=mine, partner_rows=others)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.partnership_update(partnership=partnership, user=request.user, **_partnership_fields(data))
        except services.PartnershipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Partenariat mis à jour."))
            return redirect(partnership)
    return render(
        request,
        "partnerships/partnership_form.html",
        {
            "form": form,
            "partnership": partnership,
            "crumbs": [
                (_("Registre des partenariats"), "/partenariats/"),
                (partnership.title, partnership.get_absolute_url()),
                (_("Modifier"), ""),
            ],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def partnership_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk)
    if not services.user_can_confirm(request.user, partnership):
        raise PermissionDenied
    if request.method == "POST":
        services.partnership_confirm(partnership=partnership, user=request.user)
        messages.success(request, _("Partenariat confirmé : il compte désormais dans l’observatoire."))
        return redirect(partnership)
    return render(
        request,
        "partnerships/partnership_confirm.html",
        {
            "partnership": partnership,
            "partners": list(partnership.partners.all()),
            "action": "confirm",
            "crumbs": [
                (_("Registre des partenariats"), "/partenariats/"),
                (partnership.title, partnership.get_absolute_url()),
                (_("Confirmer"), ""),
            ],
        },
    )


@login_required
def partnership_archive(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk)
    if request.method != "POST":
        return redirect(partnership)
    if not services.user_can_edit(request.user, partnership):
        raise PermissionDenied
    services.partnership_archive(partnership=partnership, user=request.user)
    messages.success(request, _("Partenariat archivé : il ne compte plus dans l’observatoire."))
    return redirect(partnership)


@login_required
def partnership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk)
    if not services.user_can_delete(request.user, partnership):
        raise PermissionDenied
    if request.method == "POST":
        services.partnership_delete(partnership=partnership, user=request.user)
        messages.success(request, _("Partenariat supprimé."))
        return redirect("partnerships:partnership-list")
    return render(
        request,
        "partnerships/partnership_confirm.html",
        {
            "partnership": partnership,
            "partners": list(partnership.partners.all()),
            "action": "delete",
            "crumbs": [
                (_("Registre des partenariats"), "/partenariats/"),
                (partnership.title, partnership.get_absolute_url()),
                (_("Supprimer"), ""),
            ],
        },
    )


def organisation_partnerships(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's partnerships: the public ones, and all of them for its members."""
    organisation = get_object_or_404(Organisation, slug=slug)
    is_member = services.user_organisations(request.user).filter(pk=organisation.pk).exists()
    queryset = Partnership.objects.filter(partners__organisation=organisation)
    if not is_member:
        queryset = queryset.filter(status=Status.CONFIRMED, is_public=True)
    partnerships = list(queryset.select_related("territory").order_by("-start_year", "-id")[: PAGE_SIZE * 5])
    to_confirm = [
        p for p in partnerships if p.status == Status.DECLARED and p.declared_by_organisation_id != organisation.pk
    ]
    return render(
        request,
        "partnerships/organisation_partnerships.html",
        {
            "organisation": organisation,
            "partnerships": partnerships,
            "is_member": is_member,
            "to_confirm": to_confirm if is_member else [],
            "crumbs": [
                (_("Organisations"), organisation.get_absolute_url().rsplit("/", 2)[0] + "/"),
                (organisation.name, organisation.get_absolute_url()),
                (_("Partenariats"), ""),
            ],
        },
    )
