"""Times of a session written the French way: « 14 h 05 », « jeudi 12 mars 2027 »."""

from __future__ import annotations

import datetime

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

register = template.Library()

NBSP = "\u00a0"


@register.filter
def codev_hour(value: datetime.datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local.hour}{NBSP}h" + (f"{NBSP}{local.minute:02d}" if local.minute else "")


@register.filter
def codev_day(value: datetime.datetime | None) -> str:
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "l j F Y")


@register.filter
def codev_when(value: datetime.datetime | None) -> str:
    """jeudi 12 mars 2027 à 14 h."""
    if value is None:
        return ""
    return _("%(day)s à %(hour)s") % {"day": codev_day(value), "hour": codev_hour(value)}
