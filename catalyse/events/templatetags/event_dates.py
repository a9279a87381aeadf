"""Dates and times of events, written the French way: « samedi 12 juin 2027, 9 h 30 – 17 h »."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import formats, timezone

register = template.Library()

NBSP = "\u00a0"


@register.filter
def hour(value: datetime.datetime) -> str:
    """9 h 30, 12 h."""
    local = timezone.localtime(value)
    return f"{local.hour}{NBSP}h" + (f"{NBSP}{local.minute:02d}" if local.minute else "")


@register.filter
def day(value: datetime.datetime) -> str:
    """samedi 12 juin 2027."""
    return formats.date_format(timezone.localtime(value), "l j F Y")


@register.filter
def short_day(value: datetime.datetime) -> str:
    """12 juin 2027."""
    return formats.date_format(timezone.localtime(value), "j F Y")


@register.simple_tag
def event_when(event: Any) -> str:
    """The day and the hours, or the two days of an event over several days."""
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return f"{day(start)}, {hour(start)}{NBSP}– {hour(end)}"
    return f"du {day(start)}, {hour(start)}, au {day(end)}, {hour(end)}"
