"""Writes about people and organisations: one place each, in a transaction, mail on commit."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from catalyse.accounts.models import (
    CURRENT_CONSENT_VERSIONS,
    SKILL_MAX_LENGTH,
    SKILLS_MAX,
    ConsentPurpose,
    ConsentRecord,
    MemberRole,
    Membership,
    MemberStatus,
    Organisation,
    Profile,
    Skill,
    Theme,
    User,
)
from catalyse.accounts.roles import GROUP_NAMES, Role, user_roles
from catalyse.accounts.validators import normalise_identifier
from catalyse.lib.registry import registry
from catalyse.lib.text import slugify_fr

RESERVED_ORGANISATION_SLUGS = {"nouvelle"}
_SKILL_SEPARATORS = re.compile(r"[,;\n]+")
_SKILL_TRIM = " \t-–—•·.,;:/"


# ---------------------------------------------------------------- profiles


@transaction.atomic
def profile_create(*, user: User) -> Profile:
    """Every account has a profile and is a member of the network."""
    profile, _created = Profile.objects.get_or_create(user=user)
    group, _created = Group.objects.get_or_create(name=GROUP_NAMES[Role.MEMBER])
    user.groups.add(group)
    return profile


def skills_normalise(raw: str | Iterable[str]) -> list[str]:
    """'ESS, évaluation d’impact ;  ess' → ['ESS', 'évaluation d’impact']: trimmed, one space, no duplicate.

    Raises ValidationError (in French) for a tag too long or too many tags."""
    items = _SKILL_SEPARATORS.split(raw) if isinstance(raw, str) else list(raw)
    names: list[str] = []
    keys: set[str] = set()
    for item in items:
        name = " ".join(item.split()).strip(_SKILL_TRIM)
        if not name:
            continue
        if len(name) > SKILL_MAX_LENGTH:
            raise ValidationError(
                _("« %(name)s » est trop long : une compétence tient en %(max)d caractères au plus.")
                % {"name": name[:60], "max": SKILL_MAX_LENGTH}
            )
        key = Skill.make_key(name)
        if key and key not in keys:
            keys.add(key)
            names.append(name)
    if len(names) > SKILLS_MAX:
        raise ValidationError(
            _("Vous avez indiqué %(count)d compétences : gardez-en %(max)d au plus.")
            % {"count": len(names), "max": SKILLS_MAX}
        )
    return names


def _skills_get_or_create(names: list[str]) -> list[Skill]:
    keys = {Skill.make_key(name): name for name in names}
    existing = {skill.key: skill for skill in Skill.objects.filter(key__in=keys)}
    skills = []
    for key, name in keys.items():
        skill = existing.get(key)
        if skill is None:
            skill, _created = Skill.objects.get_or_create(key=key, defaults={"name": name})
        skills.append(skill)
    return skills


@transaction.atomic
def directory_consent_set(*, user: User, granted: bool, version: str | None = None) -> ConsentRecord | None:
    """Record agreeing to, or withdrawing from, the directory; nothing when nothing changes."""
    profile = profile_create(user=user)
    if profile.directory_consent == granted:
        return None
    now = timezone.now()
    record = ConsentRecord.objects.create(
        user=user,
        purpose=ConsentPurpose.DIRECTORY,
        granted=granted,
        text_version=version or CURRENT_CONSENT_VERSIONS[ConsentPurpose.DIRECTORY],
        created_at=now,
    )
    profile.directory_consent = granted
    profile.directory_consent_at = now if granted else None
    profile.save(update_fields=["directory_consent", "directory_consent_at", "updated_at"])
    return record


@transaction.atomic
def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    world: str = "",
    territory: Any = None,
    bio: str = "",
    themes: Iterable[str] = (),
    skills: str | Iterable[str] = (),
    directory_consent: bool | None = None,
) -> Profile:
    profile = profile_create(user=user)
    user.first_name = " ".join(first_name.split())
    user.last_name = " ".join(last_name.split())
    user.save(update_fields=["first_name", "last_name"])
    profile.world = world
    profile.territory = territory
    profile.bio = bio.strip()
    profile.themes = [t for t in Theme.values if t in set(themes)]
    profile.full_clean(exclude=["user", "skills"])
    profile.save()
    profile.skills.set(_skills_get_or_create(skills_normalise(skills)))
    if directory_consent is not None:
        directory_consent_set(user=user, granted=directory_consent)
        profile.refresh_from_db(fields=["directory_consent", "directory_consent_at"])
    return profile


# ----------------------------------------------------------- organisations


def _unique_slug(name: str) -> str:
    base = slugify_fr(name)[:200] or "organisation"
    slug, index = base, 2
    while slug in RESERVED_ORGANISATION_SLUGS or Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{index}"
        index += 1
    return slug


def _notify(*, to: list[str], subject: str, template: str, context: dict[str, Any]) -> None:
    """Mail leaves only if the transaction commits."""
    if not to:
        return
    body = render_to_string(template, {"site_url": settings.SITE_URL, **context})
    full_subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"
    transaction.on_commit(lambda: send_mail(full_subject, body, None, to))


@transaction.atomic
def organisation_create(
    *,
    creator: User,
    name: str,
    org_type: str,
    size: str = "",
    siren: str = "",
    rna: str = "",
    territory: Any = None,
    website: str = "",
    description: str = "",
    creator_title: str = "",
) -> Organisation:
    """Create an organisation; its creator becomes its first administrator."""
    organisation = Organisation(
        name=" ".join(name.split()),
        org_type=org_type,
        size=size,
        siren=normalise_identifier(siren),
        rna=normalise_identifier(rna),
        territory=territory,
        website=website,
        description=description.strip(),
        created_by=creator,
    )
    organisation.slug = _unique_slug(organisation.name)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(
        user=creator,
        organisation=organisation,
        role=MemberRole.ADMIN,
        status=MemberStatus.ACTIVE,
        title=creator_title,
        decided_at=timezone.now(),
    )
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, by: User, **fields: Any) -> Organisation:
    if not organisation.is_admin(by) and not by.has_perm("accounts.change_organisation"):
        raise PermissionDenied
    for name, value in fields.items():
        if name in {"siren", "rna"}:
            value = normalise_identifier(value)
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_request_join(*, user: User, organisation: Organisation, title: str = "") -> Membership:
    """Ask to join: pending until an administrator of the organisation accepts."""
    existing = Membership.objects.filter(user=user, organisation=organisation).first()
    if existing is not None:
        return existing
    membership = Membership.objects.create(user=user, organisation=organisation, title=title.strip())
    admins = list(
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__role=MemberRole.ADMIN,
            memberships__status=MemberStatus.ACTIVE,
            is_active=True,
        ).values_list("email", flat=True)
    )
    _notify(
        to=admins,
        subject=_("Demande pour rejoindre %(organisation)s") % {"organisation": organisation.name},
        template="accounts/email/membership_requested.txt",
        context={"membership": membership, "organisation": organisation, "requester": user},
    )
    return membership


def _require_admin(*, organisation: Organisation, by: User) -> None:
    if not organisation.is_admin(by) and not by.has_perm("accounts.change_membership"):
        raise PermissionDenied(_("Seuls les administrateurs de l’organisation peuvent gérer ses membres."))


@transaction.atomic
def membership_accept(*, membership: Membership, by: User) -> Membership:
    _require_admin(organisation=membership.organisation, by=by)
    if membership.status != MemberStatus.ACTIVE:
        membership.status = MemberStatus.ACTIVE
        membership.decided_at = timezone.now()
        membership.save(update_fields=["status", "decided_at"])
        _notify(
            to=[membership.user.email],
            subject=_("Bienvenue dans %(organisation)s") % {"organisation": membership.organisation.name},
            template="accounts/email/membership_accepted.txt",
            context={"membership": membership, "organisation": membership.organisation},
        )
    return membership


@transaction.atomic
def membership_refuse(*, membership: Membership, by: User) -> None:
    _require_admin(organisation=membership.organisation, by=by)
    if membership.status != MemberStatus.PENDING:
        raise ValidationError(_("Cette demande a déjà été acceptée : retirez le membre si nécessaire."))
    organisation = membership.organisation
    email = membership.user.email
    membership.delete()
    _notify(
        to=[email],
        subject=_("Votre demande pour rejoindre %(organisation)s") % {"organisation": organisation.name},
        template="accounts/email/membership_refused.txt",
        context={"organisation": organisation},
    )


def _hand_over_administration(membership: Membership) -> None:
    """When the last administrator leaves for good, the longest-standing member takes over."""
    organisation = membership.organisation
    if not membership.is_admin or organisation.memberships.admins().exclude(pk=membership.pk).exists():
        return
    successor = organisation.memberships.active().exclude(pk=membership.pk).order_by("created_at", "pk").first()
    if successor is not None:
        successor.role = MemberRole.ADMIN
        successor.save(update_fields=["role"])


def _check_not_last_admin(membership: Membership) -> None:
    if membership.is_admin and membership.organisation.memberships.admins().count() == 1:
        others = membership.organisation.memberships.active().exclude(pk=membership.pk).exists()
        if others:
            raise ValidationError(
                _(
                    "C’est le dernier administrateur de l’organisation : nommez d’abord "
                    "un autre administrateur parmi ses membres."
                )
            )


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    """An administrator removes a member (or a person leaves: by is the member)."""
    if membership.user_id != by.pk:
        _require_admin(organisation=membership.organisation, by=by)
    _check_not_last_admin(membership)
    membership.delete()


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by: User) -> Membership:
    _require_admin(organisation=membership.organisation, by=by)
    if not membership.is_active:
        raise ValidationError(_("Acceptez d’abord la demande de cette personne."))
    if role != MemberRole.ADMIN:
        _check_not_last_admin(membership)
    membership.role = MemberRole(role)
    membership.save(update_fields=["role"])
    return membership


# -------------------------------------------------------------------- GDPR


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def user_export(*, user: User) -> dict[str, Any]:
    """All that Catalyse holds about a person, as JSON-serialisable data."""
    from allauth.account.models import EmailAddress

    profile = profile_create(user=user)
    data: dict[str, Any] = {
        "format": "catalyse-personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "user": {
            "id": user.pk,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "roles": sorted(str(role.value) for role in user_roles(user)),
        },
        "profile": {
            "world": profile.world,
            "territory": profile.territory.ref if profile.territory else None,
            "territory_name": profile.territory.name if profile.territory else None,
            "bio": profile.bio,
            "themes": list(profile.themes),
            "skills": [skill.name for skill in profile.skills.all()],
            "directory_consent": profile.directory_consent,
            "directory_consent_at": _iso(profile.directory_consent_at),
            "updated_at": _iso(profile.updated_at),
        },
        "consents": [
            {
                "purpose": record.purpose,
                "granted": record.granted,
                "text_version": record.text_version,
                "text": record.text,
                "at": _iso(record.created_at),
            }
            for record in user.consents.order_by("created_at", "id")
        ],
        "memberships": [
            {
                "organisation": membership.organisation.name,
                "organisation_slug": membership.organisation.slug,
                "role": membership.role,
                "status": membership.status,
                "title": membership.title,
                "requested_at": _iso(membership.created_at),
                "accepted_at": _iso(membership.decided_at),
            }
            for membership in user.memberships.select_related("organisation")
        ],
        "emails": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
    }
    for exporter in registry.personal_data_exporters:
        data[exporter.key] = exporter.export(user)
    return data


@transaction.atomic
def user_erase(*, user: User) -> None:
    """Erase a person's personal data; the anonymised row keeps their contributions attributable to nobody.

    Apps first erase or anonymise what they hold (registry.personal_data_erasers), then the
    account loses its name, email addresses, profile, consents, memberships, roles and password."""
    from allauth.account.models import EmailAddress

    for eraser in registry.personal_data_erasers:
        eraser.erase(user)
    EmailAddress.objects.filter(user=user).delete()
    for membership in Membership.objects.filter(user=user).select_related("organisation"):
        _hand_over_administration(membership)
    Membership.objects.filter(user=user).delete()
    ConsentRecord.objects.filter(user=user).delete()
    Profile.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"compte-supprime-{user.pk}@anonyme.invalid"
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.erased_at = timezone.now()
    user.set_unusable_password()
    # The new password hash ends every open session at its next request.
    user.save()
