"""Writes of the registry: every change moves the observatory's counts in the same transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from catalyse.accounts.models import MemberStatus, Organisation
from catalyse.accounts.roles import Role, user_has_role
from catalyse.partnerships.choices import MODE_KEYS, ORG_TYPE_KEYS, THEME_KEYS, PartnerRole, Status, to_mask
from catalyse.partnerships.models import Indicator, Partnership, PartnershipPartner
from catalyse.partnerships.observatory import Footprint, observatory_apply


class PartnershipError(ValueError):
    """A rule of the registry was not met; the message says what to fix, in French."""


@dataclass(frozen=True)
class IndicatorData:
    name: str
    value: Decimal
    unit: str
    date: datetime.date


# ------------------------------------------------------------------ who may do what


def user_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations a person is an active member of."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__status=MemberStatus.ACTIVE)


def _member_org_ids(user: Any, partnership: Partnership) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    partner_ids = {link.organisation_id for link in partnership.partners.all()}
    return set(user_organisations(user).filter(pk__in=partner_ids).values_list("pk", flat=True))


def user_is_partner_member(user: Any, partnership: Partnership) -> bool:
    return bool(_member_org_ids(user, partnership))


def user_can_view(user: Any, partnership: Partnership) -> bool:
    if partnership.status == Status.CONFIRMED and partnership.is_public:
        return True
    return user_is_partner_member(user, partnership) or user_has_role(user, Role.ADMINISTRATOR)


def user_can_edit(user: Any, partnership: Partnership) -> bool:
    return partnership.status != Status.ARCHIVED and user_is_partner_member(user, partnership)


def user_can_confirm(user: Any, partnership: Partnership) -> bool:
    """A member of a partner organisation other than the one that declared it."""
    if partnership.status != Status.DECLARED:
        return False
    others = _member_org_ids(user, partnership) - {partnership.declared_by_organisation_id}
    return bool(others)


def user_can_delete(user: Any, partnership: Partnership) -> bool:
    declaring = partnership.declared_by_organisation_id
    if user_has_role(user, Role.ADMINISTRATOR):
        return True
    return declaring is not None and declaring in _member_org_ids(user, partnership)


# ------------------------------------------------------------------ validation


def _check(
    *,
    title: str,
    modes: Sequence[str],
    themes: Sequence[str],
    start_year: int,
    end_year: int | None,
    partners: Sequence[tuple[Organisation, str]],
) -> None:
    if not title.strip():
        raise PartnershipError(_("Donnez un intitulé au partenariat."))
    if not modes:
        raise PartnershipError(_("Choisissez au moins un mode d’action."))
    unknown = [m for m in modes if m not in MODE_KEYS] + [t for t in themes if t not in THEME_KEYS]
    if unknown:
        raise PartnershipError(_("Valeur inconnue : %(values)s.") % {"values": ", ".join(unknown)})
    this_year = timezone.now().year
    if not 1900 <= start_year <= this_year + 1:
        raise PartnershipError(_("L’année de début doit être comprise entre 1900 et %(y)s.") % {"y": this_year + 1})
    if end_year is not None and end_year < start_year:
        raise PartnershipError(_("L’année de fin ne peut pas précéder l’année de début."))
    if end_year is not None and end_year > 2100:
        raise PartnershipError(_("L’année de fin doit être au plus 2100."))
    ids = [organisation.pk for organisation, _role in partners]
    if len(set(ids)) != len(ids):
        raise PartnershipError(_("Une même organisation figure deux fois parmi les partenaires."))
    if len(ids) < 2:
        raise PartnershipError(_("Un partenariat réunit au moins deux organisations : ajoutez un partenaire."))
    for _organisation, role in partners:
        if role not in PartnerRole.values:
            raise PartnershipError(_("Rôle de partenaire inconnu : %(role)s.") % {"role": role})


def _org_types_mask(partners: Iterable[tuple[Organisation, str]]) -> int:
    return to_mask({organisation.org_type for organisation, _role in partners}, ORG_TYPE_KEYS)


def _set_partners(partnership: Partnership, partners: Sequence[tuple[Organisation, str]]) -> None:
    PartnershipPartner.objects.filter(partnership=partnership).delete()
    PartnershipPartner.objects.bulk_create(
        [PartnershipPartner(partnership=partnership, organisation=o, role=role) for o, role in partners]
    )


# ------------------------------------------------------------------ writes


@transaction.atomic
def partnership_create(
    *,
    user: Any,
    organisation: Organisation,
    title: str,
    modes: Sequence[str],
    start_year: int,
    partners: Sequence[tuple[Organisation, str]],
    description: str = "",
    themes: Sequence[str] = (),
    territory: Any = None,
    end_year: int | None = None,
    is_public: bool = True,
    indicators: Sequence[IndicatorData] = (),
    status: str = Status.DECLARED,
) -> Partnership:
    """Declare a partnership on behalf of `organisation` (one of the partners); `user=None` for an import."""
    if user is not None and not user_organisations(user).filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("Seuls les membres de l’organisation peuvent déclarer ses partenariats."))
    if organisation.pk not in {o.pk for o, _role in partners}:
        raise PartnershipError(_("L’organisation qui déclare doit figurer parmi les partenaires."))
    _check(title=title, modes=modes, themes=themes, start_year=start_year, end_year=end_year, partners=partners)
    now = timezone.now()
    partnership = Partnership(
        title=title.strip(),
        description=description.strip(),
        modes=to_mask(modes, MODE_KEYS),
        themes=to_mask(themes, THEME_KEYS),
        org_types=_org_types_mask(partners),
        territory=territory,
        start_year=start_year,
        end_year=end_year,
        is_public=is_public,
        status=status,
        declared_by=user,
        declared_by_organisation=organisation,
        created_at=now,
        updated_at=now,
    )
    if status == Status.CONFIRMED:
        partnership.confirmed_at = now
    partnership.set_territory_codes()
    partnership.save()
    _set_partners(partnership, partners)
    Indicator.objects.bulk_create(
        [Indicator(partnership=partnership, name=i.name, value=i.value, unit=i.unit, date=i.date) for i in indicators]
    )
    observatory_apply(before=None, after=Footprint.of(partnership))
    if user is not None and status == Status.DECLARED:
        _ask_partners_to_confirm(partnership, declaring=organisation, partners=partners)
    return partnership


def _ask_partners_to_confirm(
    partnership: Partnership, *, declaring: Organisation, partners: Sequence[tuple[Organisation, str]]
) -> None:
    """Mail the active members of the other partner organisations, once the declaration is committed."""
    from catalyse.accounts.models import Membership

    messages: list[tuple[str, str, None, list[str]]] = []
    for organisation, _role in partners:
        if organisation.pk == declaring.pk:
            continue
        emails = list(
            Membership.objects.active()
            .filter(organisation=organisation, user__is_active=True)
            .values_list("user__email", flat=True)
        )
        if not emails:
            continue
        body = render_to_string(
            "partnerships/email/confirm_request.txt",
            {"site_url": settings.SITE_URL, "partnership": partnership, "declaring": declaring,
             "organisation": organisation},
        )  # fmt: skip
        subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{_('Un partenariat à confirmer')}"
        messages.extend((subject, body, None, [email]) for email in emails)  # one each: no shared addresses
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages))


def _locked(partnership: Partnership) -> Partnership:
    return Partnership.objects.select_for_update(of=("self",)).select_related("territory").get(pk=partnership.pk)


@transaction.atomic
def partnership_update(
    *,
    partnership: Partnership,
    user: Any,
    partners: Sequence[tuple[Organisation, str]] | None = None,
    indicators: Sequence[IndicatorData] | None = None,
    **fields: Any,
) -> Partnership:
    """Change a partnership (title, description, modes, themes, territory, years, public flag, partners…)."""
    current = _locked(partnership)
    if user is not None and not user_can_edit(user, current):
        raise PermissionDenied(_("Seuls les membres des organisations partenaires peuvent modifier ce partenariat."))
    before = Footprint.of(current)
    allowed = {"title", "description", "modes", "themes", "territory", "start_year", "end_year", "is_public"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    if partners is None:
        partners = [(link.organisation, link.role) for link in current.partners.select_related("organisation")]
    modes = fields.get("modes", current.mode_list)
    themes = fields.get("themes", current.theme_list)
    _check(
        title=fields.get("title", current.title),
        modes=modes,
        themes=themes,
        start_year=fields.get("start_year", current.start_year),
        end_year=fields.get("end_year", current.end_year),
        partners=partners,
    )
    for name, value in fields.items():
        if name == "modes":
            value = to_mask(value, MODE_KEYS)
        elif name == "themes":
            value = to_mask(value, THEME_KEYS)
        elif name in ("title", "description"):
            value = value.strip()
        setattr(current, name, value)
    current.org_types = _org_types_mask(partners)
    current.set_territory_codes()
    current.updated_at = timezone.now()
    current.save()
    _set_partners(current, partners)
    if indicators is not None:
        current.indicators.all().delete()
        Indicator.objects.bulk_create(
            [Indicator(partnership=current, name=i.name, value=i.value, unit=i.unit, date=i.date) for i in indicators]
        )
    observatory_apply(before=before, after=Footprint.of(current))
    return current


@transaction.atomic
def partnership_confirm(*, partnership: Partnership, user: Any) -> Partnership:
    current = _locked(partnership)
    if not user_can_confirm(user, current):
        raise PermissionDenied(
            _("Seul un membre d’une autre organisation partenaire peut confirmer un partenariat déclaré.")
        )
    before = Footprint.of(current)
    current.status = Status.CONFIRMED
    current.confirmed_by = user
    current.confirmed_at = current.updated_at = timezone.now()
    current.save(update_fields=["status", "confirmed_by", "confirmed_at", "updated_at"])
    observatory_apply(before=before, after=Footprint.of(current))
    return current


@transaction.atomic
def partnership_archive(*, partnership: Partnership, user: Any) -> Partnership:
    current = _locked(partnership)
    if user is not None and not user_can_edit(user, current):
        raise PermissionDenied(_("Seuls les membres des organisations partenaires peuvent archiver ce partenariat."))
    before = Footprint.of(current)
    current.status = Status.ARCHIVED
    current.updated_at = timezone.now()
    current.save(update_fields=["status", "updated_at"])
    observatory_apply(before=before, after=Footprint.of(current))
    return current


@transaction.atomic
def partnership_delete(*, partnership: Partnership, user: Any) -> None:
    current = _locked(partnership)
    if user is not None and not user_can_delete(user, current):
        raise PermissionDenied(
            _("Seuls les membres de l’organisation qui l’a déclaré peuvent supprimer ce partenariat.")
        )
    before = Footprint.of(current)
    current.delete()
    observatory_apply(before=before, after=None)


# ------------------------------------------------------------------ when an organisation changes


@transaction.atomic
def partnerships_follow_organisation(*, organisation_id: int, removed: bool = False) -> int:
    """After an organisation changed type (or before it is deleted): recompute its partnerships' partner
    types, and their counts. A partnership left with fewer than two partners is archived."""
    ids = list(
        PartnershipPartner.objects.filter(organisation_id=organisation_id).values_list("partnership_id", flat=True)
    )
    changed = 0
    for current in Partnership.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        before = Footprint.of(current)
        links = list(current.partners.select_related("organisation"))
        if removed:
            links = [link for link in links if link.organisation_id != organisation_id]
            PartnershipPartner.objects.filter(partnership=current, organisation_id=organisation_id).delete()
            if len(links) < 2 and current.status != Status.ARCHIVED:
                current.status = Status.ARCHIVED
        current.org_types = _org_types_mask([(link.organisation, link.role) for link in links])
        current.save(update_fields=["org_types", "status"])
        observatory_apply(before=before, after=Footprint.of(current))
        changed += 1
    return changed
