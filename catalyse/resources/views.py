"""Pages of the kit under /ressources/: thin views, rules in services and models."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalyse.accounts.roles import Role, role_required
from catalyse.lib.htmx import render_page
from catalyse.resources import catalog, services
from catalyse.resources.choices import (
    KIND_DESCRIPTIONS,
    KIND_PLURALS,
    OBJECTIVE_DESCRIPTIONS,
    Kind,
    Objective,
    Status,
)
from catalyse.resources.forms import (
    CollectionForm,
    FeedbackForm,
    ResourceFileForm,
    ResourceForm,
    ReviewForm,
    VersionNoteForm,
)
from catalyse.resources.models import (
    Collection,
    CollectionItem,
    Resource,
    ResourceFile,
    ResourceVersion,
    user_is_editor,
)
from catalyse.resources.presentation import citation, json_ld, related_resources, versions_diff

PAGE_SIZE = 20


def _kit_crumb() -> tuple[str, str]:
    return (_("Ressources"), reverse("resources:home"))


def get_resource_for_user(request: HttpRequest, slug: str) -> Resource:
    """The resource if this person may see it; a 404 otherwise, so that drafts stay unknown."""
    resource = get_object_or_404(
        Resource.objects.select_related("territory", "region", "departement").prefetch_related(
            "authors", "organisations"
        ),
        slug=slug,
    )
    if not resource.can_view(request.user):
        raise Http404
    return resource


def _validation_messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


# ---------------------------------------------------------------- browsing


def kit_home(request: HttpRequest) -> HttpResponse:
    published = Resource.objects.published()
    kind_counts = dict(published.order_by().values_list("kind").annotate(n=Count("pk")))
    objective_counts = dict(published.order_by().values_list("objective").annotate(n=Count("pk")))
    list_url = reverse("resources:resource-list")
    kinds = [
        {
            "value": value,
            "label": KIND_PLURALS[Kind(value)],
            "description": KIND_DESCRIPTIONS[Kind(value)],
            "count": kind_counts.get(value, 0),
            "url": f"{list_url}?nature={value}",
        }
        for value in Kind.values
    ]
    objectives = [
        {
            "value": value,
            "label": label,
            "description": OBJECTIVE_DESCRIPTIONS[Objective(value)],
            "count": objective_counts.get(value, 0),
            "url": f"{list_url}?objectif={value}",
        }
        for value, label in Objective.choices
    ]
    latest = list(published.select_related("territory").order_by("-published", "-id")[:6])
    collections = list(Collection.objects.published().annotate(n=Count("items"))[:6])
    return render(
        request,
        "resources/kit_home.html",
        {
            "kinds": kinds,
            "objectives": objectives,
            "latest": latest,
            "collections": collections,
            "total": sum(kind_counts.values()),
            "is_editor": user_is_editor(request.user),
        },
    )


def resource_list(request: HttpRequest) -> HttpResponse:
    selection = catalog.Selection.from_query(request.GET)
    base, ranked = catalog.base_queryset(selection)
    facets = catalog.facet_counts(base, selection)
    paginator = Paginator(catalog.results(base, selection, ranked), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "resources/resource_list.html",
        {
            "selection": selection,
            "facets": facets,
            "page": page,
            "query_string": query.urlencode(),
            "breadcrumb": [_kit_crumb(), (_("Catalogue"), "")],
        },
        partial="results",
    )


def resource_detail(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_resource_for_user(request, slug)
    files = list(resource.files.all())
    user = request.user
    is_editor = user_is_editor(user)
    is_author = resource.is_author(user)
    feedback_form = FeedbackForm()
    context: dict[str, Any] = {
        "resource": resource,
        "files": files,
        "is_editor": is_editor,
        "is_author": is_author,
        "can_edit": resource.can_edit(user),
        "citation": citation(resource),
        "json_ld": json_ld(resource, files) if resource.is_public else "",
        "related": related_resources(resource) if resource.is_public else [],
        "feedback_form": feedback_form,
        "file_form": ResourceFileForm() if resource.can_edit(user) else None,
        "collections": Collection.objects.published().filter(items__resource=resource).distinct(),
        "breadcrumb": [_kit_crumb(), (_("Catalogue"), reverse("resources:resource-list")), (resource.title, "")],
    }
    if is_editor:
        context["feedback_stats"] = resource.feedbacks.aggregate(
            yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False))
        )
        context["feedback_comments"] = resource.feedbacks.exclude(comment="")[:20]
    return render(request, "resources/resource_detail.html", context)


def collection_list(request: HttpRequest) -> HttpResponse:
    is_editor = user_is_editor(request.user)
    collections = (Collection.objects.all() if is_editor else Collection.objects.published()).annotate(
        n=Count("items", filter=Q(items__resource__status="published"))
    )
    return render(
        request,
        "resources/collection_list.html",
        {
            "collections": collections,
            "is_editor": is_editor,
            "breadcrumb": [_kit_crumb(), (_("Parcours de lecture"), "")],
        },
    )


def collection_detail(request: HttpRequest, slug: str) -> HttpResponse:
    collections = Collection.objects.all() if user_is_editor(request.user) else Collection.objects.published()
    collection = get_object_or_404(
        collections.prefetch_related(
            Prefetch(
                "items",
                queryset=CollectionItem.objects.filter(resource__status__in=(Status.PUBLISHED, Status.ARCHIVED))
                .select_related("resource", "resource__territory")
                .order_by("position", "id"),
            )
        ),
        slug=slug,
    )
    return render(
        request,
        "resources/collection_detail.html",
        {
            "collection": collection,
            "is_editor": user_is_editor(request.user),
            "breadcrumb": [
                _kit_crumb(),
                (_("Parcours de lecture"), reverse("resources:collection-list")),
                (collection.title, ""),
            ],
        },
    )


# ---------------------------------------------------------------- files


def file_download(request: HttpRequest, slug: str, pk: int, name: str) -> FileResponse:
    resource = get_resource_for_user(request, slug)
    resource_file = get_object_or_404(ResourceFile, pk=pk, resource=resource)
    try:
        handle = resource_file.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    services.resource_file_count_download(resource_file=resource_file)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=resource_file.download_name,
        content_type=resource_file.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=3600" if resource.is_public else "private, no-store"
    return response


@login_required
@require_POST
def file_add(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_resource_for_user(request, slug)
    if not resource.can_edit(request.user):
        raise PermissionDenied
    form = ResourceFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.resource_file_add(
                resource=resource,
                uploaded=form.cleaned_data["file"],
                user=request.user,
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            for message in _validation_messages(exc):
                form.add_error("file", message)
    if form.is_valid():
        messages.success(request, _("Le fichier est ajouté à la ressource."))
        return redirect(resource)
    return render(
        request,
        "resources/file_form.html",
        {
            "resource": resource,
            "form": form,
            "breadcrumb": [_kit_crumb(), (resource.title, resource.get_absolute_url()), (_("Ajouter un fichier"), "")],
        },
        status=400,
    )


@login_required
@require_POST
def file_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request, slug)
    resource_file = get_object_or_404(ResourceFile, pk=pk, resource=resource)
    services.resource_file_remove(resource_file=resource_file, user=request.user)
    messages.success(request, _("Le fichier est retiré."))
    return redirect(resource)


# ---------------------------------------------------------------- writing


@role_required(Role.MEMBER)
def resource_create(request: HttpRequest) -> HttpResponse:
    form = ResourceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_create(
                author=request.user,
                organisations=form.cleaned_data.get("organisations") or [],
                submit="submit" in request.POST,
                **form.service_fields(),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            if resource.status == Status.SUBMITTED:
                messages.success(request, _("Merci ! Votre ressource est proposée : l’équipe éditoriale va la relire."))
            else:
                messages.success(
                    request,
                    _("Brouillon enregistré. Ajoutez vos fichiers, puis proposez la ressource quand elle est prête."),
                )
            return redirect(resource)
    return render(
        request,
        "resources/resource_form.html",
        {"form": form, "resource": None, "breadcrumb": [_kit_crumb(), (_("Proposer une ressource"), "")]},
        status=400 if form.errors else 200,
    )


@login_required
def resource_edit(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_resource_for_user(request, slug)
    if not resource.can_edit(request.user):
        raise PermissionDenied
    form = ResourceForm(request.POST or None, user=request.user, resource=resource)
    note = VersionNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and note.is_valid():
        try:
            services.resource_update(
                resource=resource,
                user=request.user,
                message=note.cleaned_data["message"],
                organisations=form.cleaned_data.get("organisations") if "organisations" in form.fields else None,
                **form.service_fields(),
            )
            if "submit" in request.POST and resource.status in (Status.DRAFT, Status.CHANGES_REQUESTED):
                services.resource_submit(resource=resource, user=request.user)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("Modifications enregistrées."))
            return redirect(resource)
    return render(
        request,
        "resources/resource_form.html",
        {
            "form": form,
            "note_form": note if resource.is_public else None,
            "resource": resource,
            "breadcrumb": [_kit_crumb(), (resource.title, resource.get_absolute_url()), (_("Modifier"), "")],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def resource_submit(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_resource_for_user(request, slug)
    try:
        services.resource_submit(resource=resource, user=request.user)
    except ValidationError as exc:
        for message in _validation_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Merci ! Votre ressource est proposée : l’équipe éditoriale va la relire."))
    return redirect(resource)


@login_required
def resource_delete(request: HttpRequest, slug: str) -> HttpResponse:
    """GET asks for confirmation (no JavaScript needed); POST deletes."""
    resource = get_resource_for_user(request, slug)
    if request.method != "POST":
        if not (user_is_editor(request.user) or (resource.is_author(request.user) and resource.status == Status.DRAFT)):
            raise PermissionDenied
        return render(
            request,
            "resources/resource_delete.html",
            {
                "resource": resource,
                "breadcrumb": [_kit_crumb(), (resource.title, resource.get_absolute_url()), (_("Supprimer"), "")],
            },
        )
    services.resource_delete(resource=resource, user=request.user)
    messages.success(request, _("La ressource « %(title)s » est supprimée.") % {"title": resource.title})
    return redirect("resources:my-resources")


@login_required
def my_resources(request: HttpRequest) -> HttpResponse:
    resources = Resource.objects.filter(authors=request.user.pk).order_by("-updated_at")
    return render(
        request,
        "resources/my_resources.html",
        {"resources": resources, "breadcrumb": [_kit_crumb(), (_("Mes ressources"), "")]},
    )


# ---------------------------------------------------------------- editors


@role_required(Role.EDITOR)
def review_queue(request: HttpRequest) -> HttpResponse:
    waiting = (
        Resource.objects.filter(status=Status.SUBMITTED).prefetch_related("authors").order_by("submitted_at", "id")
    )
    returned = (
        Resource.objects.filter(status=Status.CHANGES_REQUESTED).prefetch_related("authors").order_by("-updated_at")
    )
    return render(
        request,
        "resources/review_queue.html",
        {"waiting": waiting, "returned": returned, "breadcrumb": [_kit_crumb(), (_("Relecture"), "")]},
    )


@role_required(Role.EDITOR)
def resource_review(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_resource_for_user(request, slug)
    form = ReviewForm(request.POST or None)
    if resource.status == Status.PUBLISHED:
        messages.info(request, _("Cette ressource est déjà publiée."))
        return redirect(resource)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "publish":
                services.resource_publish(resource=resource, editor=request.user)
                messages.success(request, _("La ressource est publiée."))
            else:
                services.resource_request_changes(
                    resource=resource, editor=request.user, message=form.cleaned_data["message"]
                )
                messages.success(request, _("Votre demande de modifications est envoyée aux auteurs."))
        except ValidationError as exc:
            for message in _validation_messages(exc):
                form.add_error(None, message)
        else:
            return redirect(resource)
    return render(
        request,
        "resources/resource_review.html",
        {
            "resource": resource,
            "form": form,
            "files": list(resource.files.all()),
            "breadcrumb": [
                _kit_crumb(),
                (_("Relecture"), reverse("resources:review-queue")),
                (resource.title, ""),
            ],
        },
        status=400 if form.errors else 200,
    )


@role_required(Role.EDITOR)
@require_POST
def resource_archive(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_resource_for_user(request, slug)
    try:
        services.resource_archive(resource=resource, editor=request.user)
    except ValidationError as exc:
        for message in _validation_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("La ressource est archivée : elle reste consultable, marquée comme telle."))
    return redirect(resource)


# ---------------------------------------------------------------- versions


def resource_history(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_resource_for_user(request, slug)
    versions = list(resource.versions.select_related("created_by").order_by("-number"))
    return render(
        request,
        "resources/resource_history.html",
        {
            "resource": resource,
            "versions": versions,
            "is_editor": user_is_editor(request.user),
            "breadcrumb": [_kit_crumb(), (resource.title, resource.get_absolute_url()), (_("Historique"), "")],
        },
    )


def version_diff(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    resource = get_resource_for_user(request, slug)
    version = get_object_or_404(ResourceVersion, resource=resource, number=number)
    previous = resource.versions.filter(number__lt=number).order_by("-number").first()
    latest = resource.versions.order_by("-number").first()
    diffs = versions_diff(previous.data if previous else {}, version.data)
    return render(
        request,
        "resources/version_diff.html",
        {
            "resource": resource,
            "version": version,
            "previous": previous,
            "is_latest": latest is not None and latest.pk == version.pk,
            "diffs": diffs,
            "is_editor": user_is_editor(request.user),
            "breadcrumb": [
                _kit_crumb(),
                (resource.title, resource.get_absolute_url()),
                (_("Historique"), reverse("resources:resource-history", kwargs={"slug": slug})),
                (_("Version %(number)d") % {"number": number}, ""),
            ],
        },
    )


@role_required(Role.EDITOR)
@require_POST
def version_restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    resource = get_resource_for_user(request, slug)
    version = get_object_or_404(ResourceVersion, resource=resource, number=number)
    try:
        new = services.resource_restore_version(resource=resource, version=version, editor=request.user)
    except ValidationError as exc:
        for message in _validation_messages(exc):
            messages.error(request, message)
        return redirect("resources:resource-history", slug=slug)
    messages.success(
        request,
        _("La version %(old)d est rétablie : elle devient la version %(new)d.") % {"old": number, "new": new.number},
    )
    return redirect("resources:resource-history", slug=slug)


# ---------------------------------------------------------------- feedback


@require_POST
def feedback(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_resource_for_user(request, slug)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        if "useful" in form.errors:
            messages.error(request, _("Répondez par oui ou par non avant d’envoyer votre avis."))
        for error in form.errors.get("comment", []):
            messages.error(request, str(error))
        return redirect(f"{resource.get_absolute_url()}#avis")
    if not request.session.session_key:
        request.session.save()
    try:
        services.feedback_give(
            resource=resource,
            useful=form.cleaned_data["useful"],
            comment=form.cleaned_data["comment"],
            user=request.user,
            session_key=request.session.session_key or "",
        )
    except ValidationError as exc:
        for message in _validation_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Merci pour votre avis !"))
    return redirect(f"{resource.get_absolute_url()}#avis")


@role_required(Role.EDITOR)
def collection_edit(request: HttpRequest, slug: str = "") -> HttpResponse:
    """Editors write a reading path: title, introduction, and the resources in order."""
    collection = get_object_or_404(Collection, slug=slug) if slug else None
    form = CollectionForm(request.POST or None, collection=collection)
    if request.method == "POST" and form.is_valid():
        steps = form.cleaned_data["steps"]
        saved = services.collection_save(
            collection=collection,
            title=form.cleaned_data["title"],
            intro=form.cleaned_data["intro"],
            resources=[resource for resource, _note in steps],
            notes=[note for _resource, note in steps],
            is_published=form.cleaned_data["is_published"],
        )
        messages.success(request, _("Le parcours de lecture est enregistré."))
        return redirect(saved)
    title = _("Modifier le parcours") if collection else _("Nouveau parcours de lecture")
    return render(
        request,
        "resources/collection_form.html",
        {
            "form": form,
            "collection": collection,
            "title": title,
            "breadcrumb": [_kit_crumb(), (_("Parcours de lecture"), reverse("resources:collection-list")), (title, "")],
        },
        status=400 if form.errors else 200,
    )
