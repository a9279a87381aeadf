"""Thin views of the needs and offers: list with filters, detail with suggestions, publish, edit, close,
contact a suggested organisation, an organisation's listings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalyse.accounts.models import Organisation, Theme
from catalyse.lib.htmx import render_page
from catalyse.matching import services
from catalyse.matching.forms import ContactForm, ListingFilterForm, ListingForm
from catalyse.matching.models import Direction, Kind, Listing, Status
from catalyse.matching.suggestions import suggestions_for

PAGE_SIZE = 20


def _home_crumb() -> tuple[str, str]:
    return (_("Besoins et offres"), reverse("matching:listing-list"))


def get_listing_for_user(request: HttpRequest, pk: int, *, edit: bool = False) -> Listing:
    """Anyone sees a listing; only the organisation's members (and administrators) change it."""
    listing = get_object_or_404(
        Listing.objects.select_related(
            "organisation", "organisation__territory", "territory", "territory__departement", "created_by"
        ),
        pk=pk,
    )
    if edit and not services.listing_can_edit(user=request.user, listing=listing):
        raise PermissionDenied(
            _("Seuls les membres de %(name)s modifient ce qu’elle publie.") % {"name": listing.organisation.name}
        )
    return listing


def listing_list(request: HttpRequest) -> HttpResponse:
    form = ListingFilterForm(request.GET or None)
    selection = form.selection() if request.GET else {"direction": "", "kinds": [], "themes": [], "territory": None}
    listings = Listing.objects.open()
    if selection["direction"]:
        listings = listings.filter(direction=selection["direction"])
    if selection["kinds"]:
        listings = listings.filter(kind__in=selection["kinds"])
    for theme in selection["themes"]:
        listings = listings.with_theme(theme)
    if selection["territory"] is not None:
        listings = listings.in_territory(selection["territory"])
    paginator = Paginator(listings.for_list().order_by("-created_at", "-id"), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "matching/listing_list.html",
        {
            "form": form,
            "selection": selection,
            "page": page,
            "query_string": query.urlencode(),
            "kinds": Kind.choices,
            "themes": Theme.choices,
            "breadcrumb": [(_("Besoins et offres"), "")],
        },
        partial="results",
    )


def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = get_listing_for_user(request, pk)
    return _render_detail(request, listing)


def _render_detail(
    request: HttpRequest, listing: Listing, *, contact_form: ContactForm | None = None, status: int = 200
) -> HttpResponse:
    suggestions = suggestions_for(listing) if listing.is_need and listing.is_open else []
    can_contact = services.listing_can_contact(user=request.user, listing=listing)
    contacts = services.contacts_for_listing(listing=listing) if can_contact else {}
    failed = contact_form.data.get("organisation") if contact_form is not None else None
    shown_with_form = False
    for suggestion in suggestions:
        org_id = suggestion.organisation.pk
        suggestion.contact = contacts.get(org_id)
        if can_contact and suggestion.contact is None:
            if contact_form is not None and failed == str(org_id):
                suggestion.form = contact_form
                suggestion.form.auto_id = f"id_%s_{org_id}"
                shown_with_form = True
            else:
                suggestion.form = ContactForm(initial={"organisation": org_id}, auto_id=f"id_%s_{org_id}")
    return render_page(
        request,
        "matching/listing_detail.html",
        {
            "listing": listing,
            "suggestions": suggestions,
            "can_edit": services.listing_can_edit(user=request.user, listing=listing),
            "can_contact": can_contact,
            "contact_form": contact_form,
            "contacts": contacts,
            # Errors of a contact that no suggestion's form can show (already contacted, own organisation).
            "contact_errors": (
                [str(message) for messages_ in contact_form.errors.values() for message in messages_]
                if contact_form is not None and not shown_with_form
                else []
            ),
            "breadcrumb": [_home_crumb(), (listing.title, "")],
        },
        partial="suggestions",
        status=status,
    )


@login_required
def listing_create(request: HttpRequest) -> HttpResponse:
    organisations = services.publishing_organisations(user=request.user)
    initial: dict[str, Any] = {"direction": request.GET.get("sens") or Direction.NEED}
    if organisations:
        wanted = request.GET.get("organisation")
        initial["organisation"] = next((o for o in organisations if o.slug == wanted), organisations[0])
    form = ListingForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and organisations and form.is_valid():
        data = form.cleaned_data
        try:
            listing = services.listing_create(
                author=request.user,  # type: ignore[arg-type]
                organisation=data["organisation"],
                direction=data["direction"],
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                themes=data["themes"],
                territory=data["territory"],
                ends_on=data["ends_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if listing.is_need:
                messages.success(
                    request, _("Votre besoin est publié. Voici les organisations qui pourraient y répondre.")
                )
            else:
                messages.success(request, _("Votre offre est publiée."))
            return redirect(listing)
    return render(
        request,
        "matching/listing_form.html",
        {
            "form": form,
            "organisations": organisations,
            "listing": None,
            "breadcrumb": [_home_crumb(), (_("Publier"), "")],
        },
        status=422 if request.method == "POST" and form.errors else 200,
    )


@login_required
def listing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    listing = get_listing_for_user(request, pk, edit=True)
    initial = {
        "kind": listing.kind,
        "title": listing.title,
        "description": listing.description,
        "themes": listing.theme_list(),
        "territory": listing.territory,
        "ends_on": listing.ends_on,
    }
    form = ListingForm(request.POST or None, organisations=[], listing=listing, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.listing_update(
                listing=listing,
                by=request.user,  # type: ignore[arg-type]
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                themes=data["themes"],
                territory=data["territory"],
                ends_on=data["ends_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Les modifications sont enregistrées."))
            return redirect(listing)
    return render(
        request,
        "matching/listing_form.html",
        {
            "form": form,
            "listing": listing,
            "breadcrumb": [_home_crumb(), (listing.title, listing.get_absolute_url()), (_("Modifier"), "")],
        },
        status=422 if request.method == "POST" and form.errors else 200,
    )


@login_required
@require_POST
def listing_close(request: HttpRequest, pk: int) -> HttpResponse:
    listing = get_listing_for_user(request, pk, edit=True)
    if request.POST.get("action") == "rouvrir":
        services.listing_reopen(listing=listing, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("L’annonce est de nouveau ouverte."))
    else:
        services.listing_close(listing=listing, by=request.user)  # type: ignore[arg-type]
        messages.success(
            request, _("L’annonce est close : elle n’apparaît plus dans la liste ni dans les suggestions.")
        )
    return redirect(listing)


@login_required
@require_POST
def listing_contact(request: HttpRequest, pk: int) -> HttpResponse:
    listing = get_listing_for_user(request, pk)
    if not services.listing_can_contact(user=request.user, listing=listing):
        raise PermissionDenied(
            _("Seuls les membres de l’organisation qui publie ce besoin contactent les organisations suggérées.")
        )
    form = ContactForm(request.POST)
    if form.is_valid():
        organisation = Organisation.objects.filter(pk=form.cleaned_data["organisation"]).first()
        if organisation is None:
            raise Http404(_("Cette organisation n’existe plus."))
        try:
            contact = services.contact_create(
                sender=request.user,  # type: ignore[arg-type]
                listing=listing,
                organisation=organisation,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if contact.channel == contact.Channel.MESSAGE:
                text = _("Votre message est parti vers %(name)s, dans votre messagerie du réseau.")
            else:
                text = _("Votre message est parti par courriel vers les membres de %(name)s.")
            messages.success(request, text % {"name": organisation.name})
            return redirect(f"{listing.get_absolute_url()}#suggestion-{organisation.pk}")
    return _render_detail(request, listing, contact_form=form, status=422)


def organisation_listings(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    listings = list(
        Listing.objects.filter(organisation=organisation)
        .select_related("territory", "territory__departement")
        .order_by("status", "-created_at", "-id")
    )
    is_member = services.user_is_member(user=request.user, organisation_id=organisation.pk)
    return render(
        request,
        "matching/organisation_listings.html",
        {
            "organisation": organisation,
            "open_listings": [item for item in listings if item.status == Status.OPEN],
            "closed_listings": [item for item in listings if item.status == Status.CLOSED],
            "is_member": is_member,
            "breadcrumb": [_home_crumb(), (organisation.name, "")],
        },
    )
