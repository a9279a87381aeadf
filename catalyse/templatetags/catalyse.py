"""Template helpers shared by every app: {% load catalyse %}."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from catalyse.lib.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    """Markdown written by a person, rendered and sanitized (nh3)."""
    return mark_safe(render_markdown(text or ""))  # noqa: S308 (sanitized by nh3 in render_markdown)


@register.simple_tag
def icon(name: str, label: str = "") -> SafeString:
    """An icon of the sprite; decorative (hidden from screen readers) unless a label is given."""
    href = f"{static('vendor/icons/sprite.svg')}#i-{name}"
    if label:
        return format_html('<svg class="icon" role="img" aria-label="{}"><use href="{}"></use></svg>', label, href)
    return format_html('<svg class="icon" aria-hidden="true" focusable="false"><use href="{}"></use></svg>', href)
