"""Writes of the needs and offers, the organisation cards kept in step, and the contacts made from a need."""

from __future__ import annotations

import datetime
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from catalyse.accounts.models import MemberRole, Membership, MemberStatus, Organisation, User
from catalyse.accounts.roles import Role, user_has_role
from catalyse.matching.models import (
    CONTACT_MESSAGE_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    KIND_KEYS,
    THEME_KEYS,
    TITLE_MAX_LENGTH,
    Contact,
    Direction,
    Kind,
    Listing,
    OfferCard,
    OrganisationCard,
    Status,
    to_mask,
    world_of,
)

TITLE_MIN_LENGTH = 5
CONTACT_RATE_LIMIT = 5
CONTACT_RATE_WINDOW = timedelta(hours=1)
CONTACT_DAILY_LIMIT = 20
EMAIL_RECIPIENTS_MAX = 10

# ---------------------------------------------------------------- permissions


def user_is_member(*, user: Any, organisation_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(
        user_id=user.pk, organisation_id=organisation_id, status=MemberStatus.ACTIVE
    ).exists()


def publishing_organisations(*, user: Any) -> list[Organisation]:
    """The organisations a person may publish for: those where their membership is active."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Organisation.objects.filter(memberships__user_id=user.pk, memberships__status=MemberStatus.ACTIVE)
        .order_by("name")
        .distinct()
    )


def listing_can_edit(*, user: Any, listing: Listing) -> bool:
    """The active members of the organisation; platform administrators too (moderation)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user_is_member(user=user, organisation_id=listing.organisation_id) or user_has_role(user, Role.ADMINISTRATOR)


def listing_can_contact(*, user: Any, listing: Listing) -> bool:
    """Members of the organisation that needs something contact the organisations suggested to it."""
    return listing.is_need and listing.is_open and user_is_member(user=user, organisation_id=listing.organisation_id)


# ---------------------------------------------------------------- cards


def card_values(organisation: Organisation) -> dict[str, Any]:
    """What a card holds for an organisation (its territory's parents select_related or fetched)."""
    territory = organisation.territory
    epci = departement = region = 0
    if territory is not None:
        epci = territory.pk if territory.level == "epci" else (territory.epci_id or 0)
        departement = territory.pk if territory.level == "departement" else (territory.departement_id or 0)
        region = territory.pk if territory.level == "region" else (territory.region_id or 0)
    return {
        "world": world_of(organisation.org_type),
        "epci_id": epci,
        "departement_id": departement,
        "region_id": region,
    }


def _listing_masks(organisation_ids: list[int] | None) -> dict[int, tuple[int, int]]:
    """organisation id → (themes of its open listings, kinds of its open offers)."""
    rows = Listing.objects.open()
    if organisation_ids is not None:
        rows = rows.filter(organisation_id__in=organisation_ids)
    masks: dict[int, tuple[int, int]] = {}
    for org_id, direction, kind, themes in rows.values_list("organisation_id", "direction", "kind", "themes"):
        current_themes, current_kinds = masks.get(org_id, (0, 0))
        if direction == Direction.OFFER:
            current_kinds |= 1 << KIND_KEYS.index(kind)
        masks[org_id] = (current_themes | themes, current_kinds)
    return masks


def card_refresh(*, organisation_id: int) -> OrganisationCard | None:
    """Recompute one organisation's card (after the organisation or one of its listings changed)."""
    organisation = Organisation.objects.select_related("territory").filter(pk=organisation_id).first()
    if organisation is None:
        OrganisationCard.objects.filter(organisation_id=organisation_id).delete()
        return None
    themes, kinds = _listing_masks([organisation_id]).get(organisation_id, (0, 0))
    values = card_values(organisation)
    card, _created = OrganisationCard.objects.update_or_create(
        organisation_id=organisation_id, defaults={**values, "themes": themes, "offer_kinds": kinds}
    )
    OfferCard.objects.filter(organisation_id=organisation_id).delete()
    OfferCard.objects.bulk_create(_offer_cards(organisation_id, values, themes, kinds))
    return card


def _offer_cards(organisation_id: int, values: dict[str, Any], themes: int, kinds: int) -> list[OfferCard]:
    return [
        OfferCard(organisation_id=organisation_id, kind=bit, themes=themes, **values)
        for bit in range(len(KIND_KEYS))
        if kinds & (1 << bit)
    ]


def cards_rebuild(*, batch_size: int = 5000) -> int:
    """Every card from scratch (after a bulk load of organisations or of the territorial reference)."""
    masks = _listing_masks(None)
    count = 0
    with transaction.atomic():
        OrganisationCard.objects.all().delete()
        OfferCard.objects.all().delete()
        batch: list[OrganisationCard] = []
        offers: list[OfferCard] = []
        for organisation in Organisation.objects.select_related("territory").order_by("pk").iterator(batch_size):
            themes, kinds = masks.get(organisation.pk, (0, 0))
            values = card_values(organisation)
            batch.append(OrganisationCard(organisation_id=organisation.pk, **values, themes=themes, offer_kinds=kinds))
            offers += _offer_cards(organisation.pk, values, themes, kinds)
            if len(batch) >= batch_size:
                OrganisationCard.objects.bulk_create(batch)
                OfferCard.objects.bulk_create(offers)
                count += len(batch)
                batch, offers = [], []
        OrganisationCard.objects.bulk_create(batch)
        OfferCard.objects.bulk_create(offers)
        count += len(batch)
    return count


# ---------------------------------------------------------------- listings


def _clean(
    *, kind: str, title: str, description: str, themes: list[str], ends_on: datetime.date | None, direction: str
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    title = " ".join((title or "").split())
    description = (description or "").strip()
    if direction not in Direction.values:
        errors["direction"] = _("Choisissez s’il s’agit d’un besoin ou d’une offre.")
    if kind not in Kind.values:
        errors["kind"] = _("Choisissez la nature du besoin ou de l’offre dans la liste.")
    if len(title) < TITLE_MIN_LENGTH:
        errors["title"] = _(
            "Donnez un titre d’au moins %(min)d caractères, qui dise ce que vous cherchez ou proposez."
        ) % {"min": TITLE_MIN_LENGTH}
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = _("Le titre fait %(count)d caractères : raccourcissez-le à %(max)d au plus.") % {
            "count": len(title),
            "max": TITLE_MAX_LENGTH,
        }
    if not description:
        errors["description"] = _("Décrivez en quelques lignes ce dont il s’agit : quoi, quand, pour qui.")
    elif len(description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = _("La description fait %(count)d caractères : raccourcissez-la à %(max)d au plus.") % {
            "count": len(description),
            "max": DESCRIPTION_MAX_LENGTH,
        }
    unknown = [theme for theme in themes if theme not in THEME_KEYS]
    if unknown:
        errors["themes"] = _("Choisissez les enjeux dans la liste proposée.")
    if ends_on is not None and ends_on < timezone.localdate():
        errors["ends_on"] = _(
            "La date de fin est passée : choisissez aujourd’hui ou une date à venir, ou laissez vide."
        )
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "title": title, "description": description, "themes": to_mask(themes, THEME_KEYS)}


@transaction.atomic
def listing_create(
    *,
    author: User,
    organisation: Organisation,
    direction: str,
    kind: str,
    title: str,
    description: str,
    themes: list[str],
    territory: Any = None,
    ends_on: datetime.date | None = None,
) -> Listing:
    if not user_is_member(user=author, organisation_id=organisation.pk):
        raise PermissionDenied(_("Seuls les membres de %(name)s publient en son nom.") % {"name": organisation.name})
    values = _clean(
        kind=kind, title=title, description=description, themes=themes, ends_on=ends_on, direction=direction
    )
    listing = Listing(organisation=organisation, direction=direction, created_by=author, ends_on=ends_on, **values)
    listing.set_territory(territory if territory is not None else organisation.territory)
    listing.save()
    card_refresh(organisation_id=organisation.pk)
    return listing


@transaction.atomic
def listing_update(
    *,
    listing: Listing,
    by: User,
    kind: str,
    title: str,
    description: str,
    themes: list[str],
    territory: Any = None,
    ends_on: datetime.date | None = None,
) -> Listing:
    if not listing_can_edit(user=by, listing=listing):
        raise PermissionDenied(_("Seuls les membres de l’organisation modifient ce qu’elle publie."))
    # An unchanged past date does not block other edits.
    check_ends_on = None if ends_on == listing.ends_on else ends_on
    values = _clean(
        kind=kind,
        title=title,
        description=description,
        themes=themes,
        ends_on=check_ends_on,
        direction=listing.direction,
    )
    for name, value in values.items():
        setattr(listing, name, value)
    listing.ends_on = ends_on
    listing.set_territory(territory if territory is not None else listing.organisation.territory)
    listing.save()
    card_refresh(organisation_id=listing.organisation_id)
    return listing


@transaction.atomic
def listing_close(*, listing: Listing, by: User) -> Listing:
    if not listing_can_edit(user=by, listing=listing):
        raise PermissionDenied(_("Seuls les membres de l’organisation ferment ce qu’elle publie."))
    if listing.status != Status.CLOSED:
        listing.status = Status.CLOSED
        listing.closed_at = timezone.now()
        listing.save(update_fields=["status", "closed_at", "updated_at"])
        card_refresh(organisation_id=listing.organisation_id)
    return listing


@transaction.atomic
def listing_reopen(*, listing: Listing, by: User) -> Listing:
    if not listing_can_edit(user=by, listing=listing):
        raise PermissionDenied(_("Seuls les membres de l’organisation rouvrent ce qu’elle publie."))
    if listing.status != Status.OPEN:
        listing.status = Status.OPEN
        listing.closed_at = None
        listing.save(update_fields=["status", "closed_at", "updated_at"])
        card_refresh(organisation_id=listing.organisation_id)
    return listing


@transaction.atomic
def listings_close_expired(*, today: datetime.date | None = None) -> int:
    """Needs and offers past their end date close (a daily command)."""
    today = today or timezone.localdate()
    expired = list(Listing.objects.open().filter(ends_on__lt=today).values_list("pk", "organisation_id"))
    if not expired:
        return 0
    Listing.objects.filter(pk__in=[pk for pk, _org in expired]).update(
        status=Status.CLOSED, closed_at=timezone.now(), updated_at=timezone.now()
    )
    for organisation_id in {org for _pk, org in expired}:
        card_refresh(organisation_id=organisation_id)
    return len(expired)


# ---------------------------------------------------------------- contacts


def contact_rate_check(*, sender: User, now: datetime.datetime | None = None) -> None:
    """At most CONTACT_RATE_LIMIT contacts per hour and CONTACT_DAILY_LIMIT per day, counted in the database."""
    now = now or timezone.now()
    recent = list(
        Contact.objects.filter(sender=sender, created_at__gt=now - timedelta(days=1))
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:CONTACT_DAILY_LIMIT]
    )
    last_hour = [moment for moment in recent if moment > now - CONTACT_RATE_WINDOW]
    if len(last_hour) >= CONTACT_RATE_LIMIT:
        next_at = timezone.localtime(last_hour[CONTACT_RATE_LIMIT - 1] + CONTACT_RATE_WINDOW)
        raise ValidationError(
            _(
                "Vous avez contacté %(limit)d organisations en moins d’une heure : c’est le maximum. "
                "Vous pourrez en contacter d’autres à partir de %(time)s."
            )
            % {"limit": CONTACT_RATE_LIMIT, "time": f"{next_at:%H}\u00a0h\u00a0{next_at:%M}"},
            code="rate_limited",
        )
    if len(recent) >= CONTACT_DAILY_LIMIT:
        raise ValidationError(
            _("Vous avez contacté %(limit)d organisations aujourd’hui : c’est le maximum. Reprenez demain.")
            % {"limit": CONTACT_DAILY_LIMIT},
            code="rate_limited",
        )


def _recipients(organisation: Organisation) -> list[User]:
    """Active members, administrators first, who still have an account."""
    memberships = (
        Membership.objects.active()
        .filter(organisation=organisation, user__is_active=True, user__erased_at__isnull=True)
        .select_related("user")
    )
    people = list(memberships)
    people.sort(key=lambda m: (m.role != MemberRole.ADMIN, m.created_at))
    return [m.user for m in people]


@transaction.atomic
def contact_create(*, sender: User, listing: Listing, organisation: Organisation, message: str) -> Contact:
    """Write, from a need, to another organisation: a private message to one of its members reachable on the
    network (administrators first), otherwise an email to its members through the task queue. Recorded once
    per need and organisation, rate-limited."""
    if not listing_can_contact(user=sender, listing=listing):
        raise PermissionDenied(
            _("Seuls les membres de l’organisation qui publie ce besoin contactent les organisations suggérées.")
        )
    if organisation.pk == listing.organisation_id:
        raise ValidationError(_("C’est votre propre organisation : choisissez-en une autre."), code="self")
    text = (message or "").strip()
    if not text:
        raise ValidationError(
            {"message": _("Écrivez quelques mots avant d’envoyer : qui vous êtes, ce que vous cherchez.")}
        )
    if len(text) > CONTACT_MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {
                "message": _("Votre message fait %(count)d caractères : raccourcissez-le à %(max)d au plus.")
                % {"count": len(text), "max": CONTACT_MESSAGE_MAX_LENGTH}
            }
        )
    previous = Contact.objects.filter(listing=listing, organisation=organisation).first()
    if previous is not None:
        when = timezone.localtime(previous.created_at)
        raise ValidationError(
            _("%(name)s a déjà été contactée pour ce besoin, le %(date)s : attendez sa réponse.")
            % {"name": organisation.name, "date": f"{when:%d/%m/%Y}"},
            code="duplicate",
        )
    contact_rate_check(sender=sender)
    recipients = _recipients(organisation)
    if not recipients:
        raise ValidationError(
            _("%(name)s n’a pas encore de membre inscrit sur Catalyse : contactez-la par son site ou par téléphone.")
            % {"name": organisation.name},
            code="unreachable",
        )
    context = {
        "sender": sender,
        "listing": listing,
        "organisation": organisation,
        "message": text,
        "listing_url": settings.SITE_URL + listing.get_absolute_url(),
    }
    from catalyse.network.services import can_contact, message_send

    reachable = next((person for person in recipients if can_contact(sender=sender, recipient=person)), None)
    if reachable is not None:
        body = render_to_string("matching/email/contact_message.txt", context).strip()
        message_send(sender=sender, recipient=reachable, body=body)
        channel, count = Contact.Channel.MESSAGE, 1
    else:
        people = recipients[:EMAIL_RECIPIENTS_MAX]
        text_mail = render_to_string("matching/email/contact.txt", context).strip()
        subject, _sep, body = text_mail.partition("\n")
        for person in people:
            mail = EmailMessage(
                subject=subject.strip(), body=body.strip() + "\n", to=[person.email], reply_to=[sender.email]
            )
            transaction.on_commit(mail.send)
        channel, count = Contact.Channel.EMAIL, len(people)
    try:
        with transaction.atomic():
            return Contact.objects.create(
                listing=listing,
                organisation=organisation,
                sender=sender,
                message=text,
                channel=channel,
                recipients=count,
            )
    except IntegrityError:
        raise ValidationError(
            _("%(name)s vient d’être contactée pour ce besoin : attendez sa réponse.") % {"name": organisation.name},
            code="duplicate",
        ) from None


def contacts_for_listing(*, listing: Listing) -> dict[int, Contact]:
    """organisation id → the contact made to it from this need."""
    return {c.organisation_id: c for c in Contact.objects.filter(listing=listing).select_related("sender")}
