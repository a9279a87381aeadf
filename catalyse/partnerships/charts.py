"""Server-rendered SVG charts and the map of départements: fast, printable, readable without JavaScript.

Every chart comes with a caption and a data table in its template; colours come from CSS classes
(partnerships.css), never from inline styles (the CSP allows none)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

MAP_FILE = Path(__file__).resolve().parent / "data" / "france.departments.svg"
PATH_RE = re.compile(r'<path\s+id="([0-9AB]{2,3})"\s+aria-label="([^"]*)"\s+d="([^"]+)"\s*/>', re.S)
OVERSEAS = ["971", "972", "973", "974", "976"]
MAP_CLASSES = 5


def fmt(value: int) -> str:
    return number_format(value, force_grouping=True)


def fmt_share(value: float | None) -> str:
    return number_format(value or 0, decimal_pos=1)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    note: str = ""  # shown after the value, e.g. "18,2 %"
    href: str = ""


def bar_chart(bars: list[Bar], *, chart_id: str, title: str, width: int = 720) -> SafeString:
    """Horizontal bars, one per row, the value written at the end of each bar."""
    if not bars:
        return mark_safe("")
    row, label_w, value_w = 30, 230, 150
    height = row * len(bars) + 10
    top = max(b.value for b in bars) or 1
    plot = width - label_w - value_w
    parts = [
        f'<svg class="chart chart-bars" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-t">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
    ]
    for i, bar in enumerate(bars):
        y = 5 + i * row
        w = max(1, round(plot * bar.value / top)) if bar.value else 0
        label = bar.label if len(bar.label) <= 32 else bar.label[:31] + "…"
        value = fmt(bar.value) + (f" ({bar.note})" if bar.note else "")
        parts.append(
            f'<text class="chart-label" x="{label_w - 8}" y="{y + 19}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="chart-bar" x="{label_w}" y="{y + 4}" width="{w}" height="{row - 10}"></rect>'
            f'<text class="chart-value" x="{label_w + w + 6}" y="{y + 19}">{escape(value)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def year_chart(
    counts: dict[int, int], *, eras: list[tuple[int, int, Any]], chart_id: str, title: str, first: int, last: int
) -> SafeString:
    """Vertical bars by start year, the three eras drawn as labelled bands behind them."""
    years = list(range(first, last + 1))
    if not years:
        return mark_safe("")
    width, height, left, bottom, top_pad = 760, 300, 56, 36, 48
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    step = plot_w / len(years)
    top = max([counts.get(y, 0) for y in years] + [1])
    parts = [
        f'<svg class="chart chart-years" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-t">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
    ]
    for index, (start, end, label) in enumerate(eras):
        if end < first or start > last:
            continue
        x0 = left + (max(start, first) - first) * step
        x1 = left + (min(end, last) - first + 1) * step
        parts.append(
            f'<rect class="era era-{index}" x="{x0:.1f}" y="{top_pad - 40}" width="{x1 - x0:.1f}" '
            f'height="{plot_h + 40}"></rect>'
            f'<text class="era-label" x="{x0 + 4:.1f}" y="{top_pad - 26 + (index % 2) * 14}">{escape(label)}</text>'
        )
    for fraction in (0.5, 1.0):
        y = top_pad + plot_h * (1 - fraction)
        parts.append(
            f'<line class="chart-grid" x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}"></line>'
            f'<text class="chart-axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{fmt(round(top * fraction))}</text>"
        )
    for i, year in enumerate(years):
        value = counts.get(year, 0)
        h = plot_h * value / top
        x = left + i * step
        parts.append(
            f'<rect class="chart-bar" x="{x + 1:.1f}" y="{top_pad + plot_h - h:.1f}" width="{max(step - 2, 1):.1f}" '
            f'height="{h:.1f}"><title>{year} : {fmt(value)}</title></rect>'
        )
        if year % 5 == 0:
            parts.append(
                f'<text class="chart-axis" x="{x + step / 2:.1f}" y="{height - bottom + 18}" '
                f'text-anchor="middle">{year}</text>'
            )
    parts.append(
        f'<line class="chart-baseline" x1="{left}" x2="{width - 10}" y1="{top_pad + plot_h}" '
        f'y2="{top_pad + plot_h}"></line>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308


@lru_cache(maxsize=1)
def department_shapes() -> list[tuple[str, str, str]]:
    """(code, name, path) of the 96 metropolitan départements, read once from the shipped SVG."""
    return PATH_RE.findall(MAP_FILE.read_text(encoding="utf-8"))


def map_class(value: int, thresholds: list[int]) -> int:
    if value <= 0:
        return 0
    for index, limit in enumerate(thresholds, start=1):
        if value <= limit:
            return index
    return len(thresholds)


def thresholds_for(values: list[int]) -> list[int]:
    """Upper bounds of the classes (quantiles of the non-zero values)."""
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return []
    bounds: list[int] = []
    for k in range(1, MAP_CLASSES + 1):
        bound = positive[min(len(positive) - 1, round(k * len(positive) / MAP_CLASSES) - 1)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def department_map(
    counts: dict[str, int],
    names: dict[str, str],
    *,
    href: str,
    title: str,
    noun: str,
    singular: str,
    thresholds: list[int],
) -> SafeString:
    """The choropleth: each département is a link, named with its count on hover and focus."""
    parts = [
        f'<svg class="choropleth" viewBox="0 0 613 585" role="group" aria-label="{escape(title)}">',
    ]
    for code, svg_name, path in department_shapes():
        value = counts.get(code, 0)
        name = names.get(code, svg_name.replace("'", "’"))
        text = f"{name} ({code}) : {fmt(value)} {noun if value > 1 else singular}"
        parts.append(
            format_html(
                '<a href="{}" class="map-area" aria-label="{}" data-readout="{}">'
                '<path class="map-q{}" d="{}"></path><title>{}</title></a>',
                href.replace("CODE", code),
                text,
                text,
                map_class(value, thresholds),
                path,
                text,
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308
