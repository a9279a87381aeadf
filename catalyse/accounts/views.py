"""Profile, public member pages, organisations, personal data: thin views over services."""

from __future__ import annotations

import json
from typing import cast

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalyse.accounts import services
from catalyse.accounts.forms import AccountDeleteForm, JoinForm, OrganisationCreateForm, OrganisationForm, ProfileForm
from catalyse.accounts.models import MemberRole, Membership, Organisation, OrganisationType, Profile, User
from catalyse.accounts.roles import GROUP_NAMES, ROLES_BY_GROUP, Role, role_required, user_roles
from catalyse.lib.registry import registry

ORGANISATIONS_PER_PAGE = 30
PEOPLE_PER_PAGE = 50


def signed_in_user(request: HttpRequest) -> User:
    """The person of a view behind login_required."""
    return cast(User, request.user)


def _profile_of(user: User) -> Profile:
    return Profile.objects.select_related("territory", "user").prefetch_related("skills").get_or_create(user=user)[0]


# ------------------------------------------------------------------ profile


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "profile": _profile_of(user),
        "memberships": user.memberships.select_related("organisation").order_by("organisation__name"),
        "roles": sorted(user_roles(user), key=lambda role: list(Role).index(role)),
    }
    return render(request, "accounts/profile.html", context)


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    profile = _profile_of(user)
    if request.method == "POST":
        form = ProfileForm(request.POST, initial=ProfileForm.initial_for(user))
        if form.is_valid():
            data = form.cleaned_data
            services.profile_update(
                user=user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                world=data["world"],
                territory=data["territory"],
                bio=data["bio"],
                themes=data["themes"],
                skills=data["skills"],
                directory_consent=data["directory_consent"],
            )
            messages.success(request, _("Votre profil est enregistré."))
            return redirect("accounts:profile")
    else:
        form = ProfileForm(initial=ProfileForm.initial_for(user))
    return render(request, "accounts/profile_edit.html", {"form": form, "profile": profile})


def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A public profile: only for people who agreed to the directory (and for themselves)."""
    profile = get_object_or_404(
        Profile.objects.select_related("user", "territory").prefetch_related("skills"), user_id=pk
    )
    is_self = request.user.is_authenticated and request.user.pk == profile.user_id
    if not is_self and not Profile.objects.in_directory().filter(pk=profile.pk).exists():
        raise Http404
    memberships = profile.user.memberships.active().select_related("organisation").order_by("organisation__name")
    context = {"profile": profile, "person": profile.user, "memberships": memberships, "is_self": is_self}
    context["blocks"] = _profile_blocks(profile.user, request)
    return render(request, "accounts/member_detail.html", context)


def _profile_blocks(person: User, request: HttpRequest) -> list[dict[str, str]]:
    """The blocks other apps register for member pages (registry.profile_blocks), each hidden when empty."""
    rendered = []
    for block in registry.profile_blocks:
        block_context = block.context(person, request)
        if block_context is not None:
            html = render_to_string(block.template, {"person": person, **block_context}, request=request)
            rendered.append({"key": block.key, "title": block.title, "html": html})
    return rendered


# -------------------------------------------------------------------- GDPR


@login_required
def personal_data(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = AccountDeleteForm(user=user)
    return render(request, "accounts/personal_data.html", {"form": form, "consents": user.consents.all()})


@login_required
def personal_data_export(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    data = services.user_export(user=user)
    filename = f"catalyse-mes-donnees-{timezone.localdate().isoformat()}.json"
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if request.method != "POST":
        return redirect("accounts:personal-data")
    form = AccountDeleteForm(request.POST, user=user)
    if not form.is_valid():
        context = {"form": form, "consents": user.consents.all()}
        return render(request, "accounts/personal_data.html", context, status=400)
    services.user_erase(user=user)
    logout(request)
    messages.success(request, _("Votre compte et vos données personnelles ont été supprimés. Au revoir\u00a0!"))
    return redirect("home")


# ------------------------------------------------------------ organisations


def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.with_member_count().select_related("territory")
    org_type = request.GET.get("type", "")
    if org_type in OrganisationType.values:
        organisations = organisations.filter(org_type=org_type)
    else:
        org_type = ""
    query = " ".join(request.GET.get("q", "").split())[:100]
    if query:
        organisations = organisations.filter(name__icontains=query)
    page = Paginator(organisations.order_by("name"), ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "org_type": org_type, "query": query, "types": OrganisationType.choices}
    return render(request, "accounts/organisation_list.html", context)


def get_organisation(slug: str) -> Organisation:
    return get_object_or_404(Organisation.objects.select_related("territory"), slug=slug)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation(slug)
    own = organisation.membership_of(request.user)
    is_admin = bool(own and own.is_admin) or request.user.has_perm("accounts.change_membership")
    members = organisation.memberships.active().select_related("user__profile").order_by("user__last_name")
    pending = organisation.memberships.pending().select_related("user") if is_admin else []
    context = {
        "organisation": organisation,
        "own": own,
        "is_admin": is_admin,
        "members": members,
        "pending": pending,
        "join_form": JoinForm(),
        "blocks": _organisation_blocks(organisation, request),
    }
    return render(request, "accounts/organisation_detail.html", context)


def _organisation_blocks(organisation: Organisation, request: HttpRequest) -> list[dict[str, str]]:
    """The blocks other apps register for organisation pages (registry.organisation_blocks), each hidden when
    empty."""
    rendered = []
    for block in registry.organisation_blocks:
        block_context = block.context(organisation, request)
        if block_context is not None:
            html = render_to_string(block.template, {"organisation": organisation, **block_context}, request=request)
            rendered.append({"key": block.key, "title": block.title, "html": html})
    return rendered


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = OrganisationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = services.organisation_create(
            creator=user,
            name=data["name"],
            org_type=data["org_type"],
            size=data["size"],
            siren=data["siren"],
            rna=data["rna"],
            territory=data["territory"],
            website=data["website"],
            description=data["description"],
            creator_title=data["creator_title"],
        )
        messages.success(request, _("L’organisation est créée\u00a0; vous en êtes l’administrateur."))
        return redirect(organisation)
    return render(request, "accounts/organisation_form.html", {"form": form, "organisation": None})


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation(slug)
    user = signed_in_user(request)
    if not organisation.is_admin(user) and not user.has_perm("accounts.change_organisation"):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in OrganisationForm.Meta.fields}
        services.organisation_update(organisation=Organisation.objects.get(pk=organisation.pk), by=user, **fields)
        messages.success(request, _("Les informations de l’organisation sont enregistrées."))
        return redirect("accounts:organisation-detail", slug=organisation.slug)
    return render(request, "accounts/organisation_form.html", {"form": form, "organisation": organisation})


@login_required
@require_POST
def organisation_join(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation(slug)
    user = signed_in_user(request)
    form = JoinForm(request.POST)
    title = form.cleaned_data["title"] if form.is_valid() else ""
    membership = services.organisation_request_join(user=user, organisation=organisation, title=title)
    if membership.is_active:
        messages.info(request, _("Vous êtes déjà membre de cette organisation."))
    else:
        messages.success(
            request,
            _("Votre demande est envoyée\u00a0: un administrateur de l’organisation doit l’accepter."),
        )
    return redirect(organisation)


@login_required
@require_POST
def membership_decide(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    """Accept, refuse, remove, promote or demote a member: administrators of the organisation only."""
    organisation = get_organisation(slug)
    membership = get_object_or_404(Membership.objects.select_related("user", "organisation"), pk=pk)
    if membership.organisation_id != organisation.pk:
        raise Http404
    user = signed_in_user(request)
    name = membership.user.display_name
    try:
        if action == "accepter":
            services.membership_accept(membership=membership, by=user)
            messages.success(request, _("%(name)s est maintenant membre de l’organisation.") % {"name": name})
        elif action == "refuser":
            services.membership_refuse(membership=membership, by=user)
            messages.success(request, _("La demande de %(name)s est refusée.") % {"name": name})
        elif action == "retirer":
            services.membership_remove(membership=membership, by=user)
            if membership.user_id == user.pk:
                messages.success(request, _("Vous avez quitté l’organisation."))
            else:
                messages.success(request, _("%(name)s ne fait plus partie de l’organisation.") % {"name": name})
        elif action in {"nommer-admin", "retirer-admin"}:
            role = MemberRole.ADMIN if action == "nommer-admin" else MemberRole.MEMBER
            services.membership_set_role(membership=membership, role=role, by=user)
            messages.success(request, _("Le rôle de %(name)s est modifié.") % {"name": name})
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(organisation)


# ------------------------------------------------------------- facilitators


@role_required(Role.FACILITATOR)
def people_list(request: HttpRequest) -> HttpResponse:
    """For the programme's facilitators: everyone in the network, with roles and organisations."""
    people = (
        User.objects.filter(is_active=True)
        .select_related("profile__territory")
        .prefetch_related(
            "groups",
            Prefetch(
                "memberships",
                queryset=Membership.objects.active().select_related("organisation"),
                to_attr="active_memberships",
            ),
        )
        .order_by("last_name", "first_name", "pk")
    )
    role = request.GET.get("role", "")
    if role in Role.values:
        people = people.filter(groups__name=GROUP_NAMES[role])
    else:
        role = ""
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "person": person,
            "roles": [ROLES_BY_GROUP[g.name].label for g in person.groups.all() if g.name in ROLES_BY_GROUP],
        }
        for person in page.object_list
    ]
    return render(request, "accounts/people_list.html", {"page": page, "rows": rows, "role": role, "roles": Role})
