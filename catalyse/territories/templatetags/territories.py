"""{% load territories %}: numbers as French readers expect them."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import get_language

register = template.Library()


@register.filter
def thousands(value: int | None) -> str:
    """173136 → "173 136" with a narrow no-break space in French (intcomma elsewhere)."""
    if value is None:
        return ""
    if (get_language() or "fr").startswith("fr"):
        return f"{int(value):,}".replace(",", "\u202f")
    return str(intcomma(value))
