"""The map of the directory: metropolitan France by département, drawn on the server as SVG.

The shapes come from the map shipped with the app (data/france.departments.svg, Victor Cazanave,
CC BY 4.0; see NOTICE). Each département is a link, focusable, named "Loire : 12 membres", with a
<title> for the pointer and a readout that CSS shows on hover and on keyboard focus (no JavaScript).
Shades come from CSS classes (the CSP allows no inline style), each with its own pattern so that the
map does not rely on colour alone; the template adds a legend, the overseas territories and a table."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAP_FILE = Path(__file__).resolve().parent / "data" / "france.departments.svg"
_PATH_RE = re.compile(r'<path\s+id="([0-9AB]{2,3})"\s+aria-label="([^"]*)"\s+d="([^"]+)"\s*/>', re.S)
# Overseas départements and régions (DROM): always shown beside the map; the other overseas
# collectivities (COM) only when members live there.
DROM = ["971", "972", "973", "974", "976"]
DROM_NAMES = {"971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion", "976": "Mayotte"}
SHADES = 4  # shades 1..4 for members; 0 for none

# Patterns of the shades, drawn once per page: fill colour, and marks in a contrasting colour.
_PATTERNS = {
    1: ('<rect width="8" height="8" fill="#dbe7f5"/><circle cx="4" cy="4" r="1" fill="#1d4e89"/>'),
    2: ('<rect width="8" height="8" fill="#a9c4e6"/><path d="M0 8 L8 0" stroke="#143a66" stroke-width="1.2"/>'),
    3: ('<rect width="8" height="8" fill="#5b8cc4"/><path d="M0 8 L8 0 M0 0 L8 8" stroke="#ffffff" stroke-width="1"/>'),
    4: ('<rect width="8" height="8" fill="#143a66"/><circle cx="4" cy="4" r="1.6" fill="#ffffff"/>'),
}


@lru_cache(maxsize=1)
def department_shapes() -> list[tuple[str, str, str]]:
    """(code, name, path) of the 96 metropolitan départements, read once from the shipped SVG."""
    return _PATH_RE.findall(MAP_FILE.read_text(encoding="utf-8"))


def metropolitan_codes() -> set[str]:
    return {code for code, _name, _path in department_shapes()}


def members_label(count: int) -> str:
    if count == 0:
        return _("aucun membre")
    return ngettext("%(count)s membre", "%(count)s membres", count) % {
        "count": number_format(count, force_grouping=True)
    }


def area_label(name: str, count: int) -> str:
    """ "Loire : 12 membres", with the non-breaking space French puts before a colon."""
    return f"{name}\u00a0: {members_label(count)}"


@dataclass(frozen=True)
class Shade:
    index: int
    low: int
    high: int

    @property
    def label(self) -> str:
        if self.index == 0:
            return _("Aucun membre")
        if self.low == self.high:
            return members_label(self.low)
        return _("De %(low)s à %(high)s membres") % {
            "low": number_format(self.low, force_grouping=True),
            "high": number_format(self.high, force_grouping=True),
        }


def shades_for(values: list[int]) -> list[Shade]:
    """Shade 0 for none, then up to SHADES classes cut at quantiles of the non-zero counts."""
    positive = sorted(v for v in values if v > 0)
    shades = [Shade(0, 0, 0)]
    if not positive:
        return shades
    bounds: list[int] = []
    for k in range(1, SHADES + 1):
        bound = positive[min(len(positive) - 1, round(k * len(positive) / SHADES) - 1)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    low = 1
    for index, high in enumerate(bounds, start=1):
        shades.append(Shade(index, low, high))
        low = high + 1
    return shades


def shade_of(value: int, shades: list[Shade]) -> int:
    if value <= 0:
        return 0
    for shade in shades[1:]:
        if value <= shade.high:
            return shade.index
    return shades[-1].index


def pattern_defs() -> SafeString:
    """The <defs> of the shade patterns (referenced by the CSS classes map-shade-N)."""
    patterns = "".join(
        f'<pattern id="network-shade-{index}" width="8" height="8" patternUnits="userSpaceOnUse">{marks}</pattern>'
        for index, marks in _PATTERNS.items()
    )
    return mark_safe(f"<defs>{patterns}</defs>")  # noqa: S308 (constants of this module)


def department_map(
    counts: dict[str, int],
    names: dict[str, str],
    *,
    shades: list[Shade],
    href: Callable[[str], str],
    title: str,
) -> SafeString:
    """The SVG map: each département a link named with its count, shaded by class."""
    parts: list[str] = [
        format_html(
            '<svg class="network-map" viewBox="0 0 613 585" role="group" aria-label="{}">',
            title,
        ),
        pattern_defs(),
    ]
    for code, svg_name, path in department_shapes():
        value = counts.get(code, 0)
        name = names.get(code) or svg_name.replace("'", "’")
        label = area_label(name, value)
        parts.append(
            format_html(
                '<a href="{}" class="map-area" aria-label="{}">'
                '<path class="map-shade-{}" d="{}"></path><title>{}</title>'
                '<g class="map-readout" aria-hidden="true"><rect x="4" y="4" width="252" height="54" rx="6"></rect>'
                '<text x="14" y="26" class="map-readout-name">{}</text>'
                '<text x="14" y="48" class="map-readout-count">{}</text></g></a>',
                href(code),
                label,
                shade_of(value, shades),
                path,
                label,
                name,
                members_label(value),
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above went through format_html)
