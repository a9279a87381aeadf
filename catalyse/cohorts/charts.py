"""The dashboard's chart, drawn on the server as SVG: how often each quiz question fails (its table goes along)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BAR_HEIGHT = 26
GAP = 10
LABEL_WIDTH = 150
BAR_WIDTH = 420
WIDTH = LABEL_WIDTH + BAR_WIDTH + 70


@dataclass(frozen=True)
class FailureRow:
    question: Any
    session_number: int
    attempts: int
    failed: int

    @property
    def label(self) -> str:
        return f"Session {self.session_number}, Q{self.question.order or self.question.pk}"

    @property
    def rate(self) -> int | None:
        return round(100 * self.failed / self.attempts) if self.attempts else None


def failure_rows(rates: list[tuple[Any, int, int]]) -> list[FailureRow]:
    return [FailureRow(q, q.segment.session.number, attempts, failed) for q, attempts, failed in rates]


def failure_chart(rows: list[FailureRow], *, limit: int = 10) -> dict[str, Any] | None:
    """Bars for the questions answered at least once, the most failed first; None when nothing was answered."""
    answered = [row for row in rows if row.attempts][:limit]
    if not answered:
        return None
    bars = []
    for index, row in enumerate(answered):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = round(BAR_WIDTH * (row.rate or 0) / 100)
        bars.append(
            {
                "row": row,
                "y": y,
                "text_y": y + round(BAR_HEIGHT * 0.7),
                "width": max(width, 1),
                "value_x": LABEL_WIDTH + max(width, 1) + 6,
            }
        )
    return {
        "width": WIDTH,
        "height": GAP + len(answered) * (BAR_HEIGHT + GAP),
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
    }
