"""The maturity radar chart, drawn on the server as SVG coordinates (no script, no inline style)."""

from __future__ import annotations

import math
from typing import Any

from catalyse.diagnostics.models import SCALE_MAX, Dimension

WIDTH = 600
HEIGHT = 330
CENTER_X = 300.0
CENTER_Y = 170.0
RADIUS = 115.0


def _point(index: int, ratio: float) -> tuple[float, float]:
    angle = -math.pi / 2 + index * 2 * math.pi / len(Dimension.values)
    return CENTER_X + RADIUS * ratio * math.cos(angle), CENTER_Y + RADIUS * ratio * math.sin(angle)


def _polygon(ratios: list[float]) -> str:
    return " ".join("{:.1f},{:.1f}".format(*_point(index, ratio)) for index, ratio in enumerate(ratios))


def radar_chart(profile: dict[str, float | None], similar: dict[str, float | None]) -> dict[str, Any]:
    count = len(Dimension.values)
    axes = []
    for index, (value, label) in enumerate(Dimension.choices):
        x, y = _point(index, 1.0)
        # Labels above the top vertex and under the others, centred, on two lines so they never overflow.
        words = str(label).split()
        half = (len(words) + 1) // 2
        lines = [" ".join(words[:half]), " ".join(words[half:])]
        label_y = y - 30 if y < CENTER_Y else y + 22
        axes.append(
            {
                "x": f"{x:.1f}",
                "y": f"{y:.1f}",
                "label_x": f"{x:.1f}",
                "lines": [(line, f"{label_y + 15 * number:.1f}") for number, line in enumerate(lines) if line],
                "key": value,
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "center_x": f"{CENTER_X:.0f}",
        "center_y": f"{CENTER_Y:.0f}",
        "grid": [_polygon([level / SCALE_MAX] * count) for level in range(1, SCALE_MAX + 1)],
        "axes": axes,
        "territory": _polygon([(profile.get(d) or 0.0) / SCALE_MAX for d in Dimension.values]),
        "similar": (
            _polygon([(similar.get(d) or 0.0) / SCALE_MAX for d in Dimension.values])
            if any(v is not None for v in similar.values())
            else ""
        ),
    }
