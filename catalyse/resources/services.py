"""Writes of the kit: one place each, in a transaction; mail and search on commit."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from catalyse.lib.text import slugify_fr
from catalyse.resources import search_sync
from catalyse.resources.choices import DEFAULT_LICENSE, LICENSES, ActionForm, Audience, Kind, Objective, Status, Theme
from catalyse.resources.filetypes import validate_upload
from catalyse.resources.models import (
    RESERVED_SLUGS,
    SLUG_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Collection,
    CollectionItem,
    Feedback,
    Resource,
    ResourceFile,
    ResourceVersion,
    user_is_editor,
)

# The fields a version keeps and an editor may change (the import format, plus objective and audiences).
RESERVED_COLLECTION_SLUGS = {"nouveau"}

CONTENT_FIELDS = ("title", "kind", "summary", "body", "themes", "forms", "objective", "audiences", "license")


def ordered(values: Iterable[str], choices: Sequence[str]) -> list[str]:
    """Known keys, once each, in the vocabulary's order: the canonical form of a multi-valued field."""
    wanted = set(values)
    return [value for value in choices if value in wanted]


def resource_slug_unique(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify_fr(title)[: SLUG_MAX_LENGTH - 10].strip("-") or "ressource"
    if base in RESERVED_SLUGS:
        base = f"{base}-ressource"
    slug, n = base, 1
    existing = Resource.objects.exclude(pk=exclude_pk) if exclude_pk else Resource.objects.all()
    while existing.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_editor(user: Any) -> None:
    if not user_is_editor(user):
        raise PermissionDenied(_("Seuls les éditeurs du centre de ressources peuvent faire cela."))


def _recipients(resource: Resource) -> list[str]:
    return [u.email for u in resource.authors.all() if u.is_active and u.email and not getattr(u, "erased_at", None)]


def _mail_authors(resource: Resource, *, subject: str, template: str, context: dict[str, Any]) -> None:
    recipients = _recipients(resource)
    if not recipients:
        return
    body = render_to_string(template, {"resource": resource, "site_url": settings.SITE_URL, **context})
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
    )


def _index(resource: Resource) -> None:
    """In the same transaction as the write: the index never tells of a change that did not happen."""
    search_sync.resources_index([resource])


def resource_version_add(*, resource: Resource, user: Any = None, message: str = "") -> ResourceVersion | None:
    """Keep a snapshot of the resource as it is, unless the last version already holds it."""
    data = resource.snapshot()
    last = resource.versions.order_by("-number").first()
    if last is not None and last.data == data:
        return None
    return ResourceVersion.objects.create(
        resource=resource,
        number=(last.number + 1) if last else 1,
        data=data,
        message=message[:300],
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


def _apply_fields(resource: Resource, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name == "territory":
            resource.set_territory(value)
        elif name == "themes":
            resource.themes = ordered(value, Theme.values)
        elif name == "forms":
            resource.forms = ordered(value, ActionForm.values)
        elif name == "audiences":
            resource.audiences = ordered(value, Audience.values)
        elif name in CONTENT_FIELDS or name == "published":
            setattr(resource, name, value)
        else:
            raise TypeError(f"unknown resource field: {name}")
    if resource.kind not in Kind.values:
        raise ValidationError({"kind": _("Choisissez la nature de la ressource.")})
    if resource.objective and resource.objective not in Objective.values:
        raise ValidationError({"objective": _("Choisissez l’un des trois objectifs.")})
    if resource.license not in LICENSES:
        raise ValidationError({"license": _("Choisissez une licence de la liste.")})
    if not resource.title.strip() or len(resource.title) > TITLE_MAX_LENGTH:
        raise ValidationError({"title": _("Donnez un titre de 1 à %(max)d caractères.") % {"max": TITLE_MAX_LENGTH}})


@transaction.atomic
def resource_create(
    *,
    author: Any,
    title: str,
    kind: str,
    summary: str = "",
    body: str = "",
    themes: Iterable[str] = (),
    forms: Iterable[str] = (),
    objective: str = "",
    audiences: Iterable[str] = (),
    territory: Any = None,
    license: str = DEFAULT_LICENSE,
    organisations: Iterable[Any] = (),
    submit: bool = False,
) -> Resource:
    """A member drafts a resource (and may propose it at once)."""
    resource = Resource(created_by=author, status=Status.DRAFT)
    _apply_fields(
        resource,
        {
            "title": title.strip(),
            "kind": kind,
            "summary": summary,
            "body": body,
            "themes": themes,
            "forms": forms,
            "objective": objective,
            "audiences": audiences,
            "territory": territory,
            "license": license,
        },
    )
    resource.slug = resource_slug_unique(resource.title)
    resource.save()
    resource.authors.add(author)
    if organisations:
        resource.organisations.set(list(organisations))
    if submit:
        resource_submit(resource=resource, user=author)
    return resource


@transaction.atomic
def resource_update(
    *, resource: Resource, user: Any, message: str = "", organisations: Iterable[Any] | None = None, **fields: Any
) -> Resource:
    """Authors change their draft; editors change anything. A published change keeps a version."""
    if not resource.can_edit(user):
        raise PermissionDenied(_("Vous ne pouvez pas modifier cette ressource."))
    _apply_fields(resource, fields)
    resource.updated_at = timezone.now()
    resource.save()
    if organisations is not None:
        resource.organisations.set(list(organisations))
    if resource.is_public:
        resource_version_add(resource=resource, user=user, message=message or _("Modification"))
        _index(resource)
    return resource


@transaction.atomic
def resource_submit(*, resource: Resource, user: Any) -> Resource:
    """draft / changes requested → submitted: the editors will review it."""
    if not (resource.is_author(user) or user_is_editor(user)):
        raise PermissionDenied(_("Seuls les auteurs peuvent proposer cette ressource."))
    if resource.status not in (Status.DRAFT, Status.CHANGES_REQUESTED):
        raise ValidationError(_("Cette ressource a déjà été proposée."))
    if not resource.summary.strip():
        raise ValidationError({"summary": _("Ajoutez un résumé de quelques lignes avant de proposer la ressource.")})
    resource.status = Status.SUBMITTED
    resource.submitted_at = timezone.now()
    resource.save(update_fields=["status", "submitted_at"])
    _mail_editors(resource)
    return resource


def _editor_emails() -> list[str]:
    from catalyse.accounts.models import User
    from catalyse.accounts.roles import GROUP_NAMES, Role

    editors = User.objects.filter(groups__name=GROUP_NAMES[Role.EDITOR], is_active=True, erased_at__isnull=True)
    return sorted(set(editors.exclude(email="").values_list("email", flat=True)))


def _mail_editors(resource: Resource) -> None:
    """The editorial team hears of each proposal (one message, editors in blind copy)."""
    recipients = _editor_emails()
    if not recipients:
        return
    subject = _("[Catalyse] Nouvelle proposition à relire : « %(title)s »") % {"title": resource.title}
    body = render_to_string("resources/email/submitted.txt", {"resource": resource, "site_url": settings.SITE_URL})
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=[], bcc=recipients)
    transaction.on_commit(lambda: message.send(fail_silently=False))


@transaction.atomic
def resource_publish(*, resource: Resource, editor: Any, message: str = "") -> Resource:
    """An editor publishes a proposed resource (or re-publishes an archived one)."""
    _check_editor(editor)
    if resource.status == Status.PUBLISHED:
        raise ValidationError(_("Cette ressource est déjà publiée."))
    was_archived = resource.status == Status.ARCHIVED
    resource.status = Status.PUBLISHED
    resource.review_message = ""
    resource.archived_at = None
    if resource.published is None:
        resource.published = timezone.localdate()
    resource.updated_at = timezone.now()
    resource.save()
    resource_version_add(resource=resource, user=editor, message=message or _("Publication"))
    _index(resource)
    if not was_archived:
        _mail_authors(
            resource,
            subject=_("[Catalyse] Votre ressource « %(title)s » est publiée") % {"title": resource.title},
            template="resources/email/published.txt",
            context={"editor": editor},
        )
    return resource


@transaction.atomic
def resource_request_changes(*, resource: Resource, editor: Any, message: str) -> Resource:
    """An editor sends a proposed resource back to its authors, saying what to change."""
    _check_editor(editor)
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Dites aux auteurs ce qu’il faut modifier.")})
    if resource.status != Status.SUBMITTED:
        raise ValidationError(_("Seule une ressource proposée peut être renvoyée à ses auteurs."))
    resource.status = Status.CHANGES_REQUESTED
    resource.review_message = message
    resource.save(update_fields=["status", "review_message"])
    _mail_authors(
        resource,
        subject=_("[Catalyse] Des modifications sont demandées sur « %(title)s »") % {"title": resource.title},
        template="resources/email/changes_requested.txt",
        context={"message": message, "editor": editor},
    )
    return resource


@transaction.atomic
def resource_archive(*, resource: Resource, editor: Any) -> Resource:
    """Archived resources stay reachable, marked as such, but leave the lists and the search."""
    _check_editor(editor)
    if resource.status != Status.PUBLISHED:
        raise ValidationError(_("Seule une ressource publiée peut être archivée."))
    resource.status = Status.ARCHIVED
    resource.archived_at = timezone.now()
    resource.save(update_fields=["status", "archived_at"])
    search_sync.resource_unindex(resource)
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource, user: Any) -> None:
    """Authors may delete a draft never published; editors may delete anything."""
    if not (user_is_editor(user) or (resource.is_author(user) and resource.status == Status.DRAFT)):
        raise PermissionDenied(_("Vous ne pouvez pas supprimer cette ressource."))
    stored = [f.file.name for f in resource.files.all()]
    search_sync.resource_unindex(resource)
    resource.delete()
    for name in stored:
        transaction.on_commit(lambda name=name: ResourceFile.file.field.storage.delete(name))  # type: ignore[misc]


@transaction.atomic
def resource_restore_version(*, resource: Resource, version: ResourceVersion, editor: Any) -> ResourceVersion:
    """Bring back an earlier version: it becomes the newest one."""
    _check_editor(editor)
    if version.resource_id != resource.pk:
        raise ValidationError(_("Cette version n’appartient pas à cette ressource."))
    from catalyse.territories.models import Territory

    data = version.data
    fields: dict[str, Any] = {name: data[name] for name in CONTENT_FIELDS if name in data}
    territory = None
    if data.get("territory"):
        territory = Territory.objects.filter(
            level=data["territory"].partition(":")[0], code=data["territory"].partition(":")[2]
        ).first()
    fields["territory"] = territory
    if data.get("published"):
        fields["published"] = datetime.date.fromisoformat(data["published"])
    _apply_fields(resource, fields)
    resource.updated_at = timezone.now()
    resource.save()
    new = resource_version_add(
        resource=resource, user=editor, message=_("Rétablit la version %(number)d") % {"number": version.number}
    )
    if new is None:
        raise ValidationError(_("Cette version est déjà celle en ligne : rien à rétablir."))
    if resource.is_public:
        _index(resource)
    return new


def _stored_name(uploaded_name: str, extension: str) -> str:
    base = slugify_fr(uploaded_name.rsplit(".", 1)[0])[:80] or "fichier"
    return f"{base}-{secrets.token_hex(4)}.{extension}"


def resource_file_add(*, resource: Resource, uploaded: Any, user: Any, title: str = "") -> ResourceFile:
    """Check the file by its content and size, store it, then record it; nothing is half-written."""
    if not resource.can_edit(user):
        raise PermissionDenied(_("Vous ne pouvez pas ajouter de fichier à cette ressource."))
    filetype = validate_upload(uploaded)
    original = str(getattr(uploaded, "name", "") or "fichier").rsplit("/", 1)[-1][:255]
    storage = ResourceFile.file.field.storage
    stored = None
    try:
        with transaction.atomic():
            position = (resource.files.aggregate(m=Max("position"))["m"] or 0) + 1
            record = ResourceFile(
                resource=resource,
                title=title.strip()[:200],
                original_name=original,
                content_type=filetype.content_type,
                extension=filetype.extension,
                size=uploaded.size,
                position=position,
                uploaded_by=user,
            )
            uploaded.seek(0)
            record.file.save(_stored_name(original, filetype.extension), File(uploaded), save=False)
            stored = record.file.name
            record.save()
            resource.updated_at = timezone.now()
            resource.save(update_fields=["updated_at"])
    except Exception:
        if stored:
            storage.delete(stored)
        raise
    return record


@transaction.atomic
def resource_file_remove(*, resource_file: ResourceFile, user: Any) -> None:
    if not resource_file.resource.can_edit(user):
        raise PermissionDenied(_("Vous ne pouvez pas retirer ce fichier."))
    name = resource_file.file.name
    resource_file.delete()
    transaction.on_commit(lambda: ResourceFile.file.field.storage.delete(name))


def resource_file_count_download(*, resource_file: ResourceFile) -> None:
    """Atomic in the database: two downloads at once count twice."""
    ResourceFile.objects.filter(pk=resource_file.pk).update(download_count=F("download_count") + 1)


@transaction.atomic
def feedback_give(
    *, resource: Resource, useful: bool, comment: str = "", user: Any = None, session_key: str = ""
) -> Feedback:
    """One answer per person (or per browser session when signed out); answering again replaces it."""
    if not resource.is_public:
        raise ValidationError(_("On ne peut donner son avis que sur une ressource publiée."))
    comment = (comment or "").strip()[:1000]
    if getattr(user, "is_authenticated", False):
        key = {"resource": resource, "user": user}
    elif session_key:
        key = {"resource": resource, "user": None, "session_key": hashlib.sha256(session_key.encode()).hexdigest()}
    else:
        raise ValidationError(_("Activez les cookies pour donner votre avis."))
    try:
        feedback, _created = Feedback.objects.update_or_create(
            **key, defaults={"useful": useful, "comment": comment, "created_at": timezone.now()}
        )
    except IntegrityError as exc:  # two clicks at once
        raise ValidationError(_("Votre avis est déjà enregistré.")) from exc
    return feedback


@transaction.atomic
def collection_save(
    *,
    title: str,
    intro: str = "",
    resources: Sequence[Resource] = (),
    notes: Sequence[str] = (),
    slug: str = "",
    is_published: bool = True,
    collection: Collection | None = None,
) -> Collection:
    """Create a reading path, or replace one (`collection`, or the one at `slug`): title, introduction
    and its resources, in order (a resource appears once: its first place wins)."""
    if collection is None:
        slug = slug or slugify_fr(title)[:200] or "parcours"
        if slug in RESERVED_COLLECTION_SLUGS:
            slug = f"{slug}-parcours"
        collection = Collection.objects.filter(slug=slug).first() or Collection(slug=slug)
    collection.title = title.strip()
    collection.intro = intro
    collection.is_published = is_published
    collection.save()
    collection.items.all().delete()
    seen: set[int] = set()
    items = []
    for position, resource in enumerate(resources, start=1):
        if resource.pk in seen:
            continue
        seen.add(resource.pk)
        note = notes[position - 1] if position <= len(notes) else ""
        items.append(CollectionItem(collection=collection, resource=resource, position=position, note=note[:300]))
    CollectionItem.objects.bulk_create(items)
    return collection
