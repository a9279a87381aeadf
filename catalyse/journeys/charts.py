"""Server-drawn SVG figures: the journey's timeline and the facilitators' bar chart (each with a text alternative)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import formats

from catalyse.journeys.models import Journey, Step, StepKind
from catalyse.journeys.services import TeamProgress

# Timeline geometry, in viewBox units.
WIDTH = 1000
LABEL_WIDTH = 190
RIGHT_PAD = 20
TOP = 34
LANE_HEIGHT = 34
MARK_RADIUS = 7


@dataclass(frozen=True)
class Lane:
    kind: str
    label: str
    y: int


@dataclass(frozen=True)
class Mark:
    step: Step
    x: float
    y: int
    width: float  # > 0 for a step lasting several days
    past: bool


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    lanes: list[Lane]
    marks: list[Mark]
    ticks: list[Tick]
    today_x: float | None
    today_label: str
    height: int
    plot_left: int
    plot_right: int


def _x(day: datetime.date, start: datetime.date, days: int) -> float:
    span = WIDTH - LABEL_WIDTH - RIGHT_PAD
    return round(LABEL_WIDTH + span * (day - start).days / max(days, 1), 1)


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months = []
    current = start.replace(day=1)
    while current <= end:
        if current >= start:
            months.append(current)
        current = (current + datetime.timedelta(days=32)).replace(day=1)
    return months


def journey_timeline(journey: Journey, steps: list[Step], today: datetime.date) -> Timeline:
    """One lane per kind of step; a mark per step (a bar when it lasts several days), today as a line."""
    start, end = journey.starts_on, journey.ends_on
    days = (end - start).days
    lanes = [
        Lane(kind=kind.value, label=str(kind.label), y=TOP + index * LANE_HEIGHT + LANE_HEIGHT // 2)
        for index, kind in enumerate(StepKind)
    ]
    lane_y = {lane.kind: lane.y for lane in lanes}
    marks = []
    for step in steps:
        first, last = step.day, step.last_day
        if first is None or last is None:
            continue
        first, last = max(first, start), min(last, end)
        x = _x(first, start, days)
        marks.append(
            Mark(
                step=step,
                x=x,
                y=lane_y.get(step.kind, lanes[0].y),
                width=max(0.0, _x(last, start, days) - x),
                past=step.is_past(today),
            )
        )
    ticks = [Tick(x=_x(month, start, days), label=formats.date_format(month, "M Y")) for month in _months(start, end)]
    return Timeline(
        lanes=lanes,
        marks=marks,
        ticks=ticks,
        today_x=_x(today, start, days) if start <= today <= end else None,
        today_label=formats.date_format(today, "j F Y"),
        height=TOP + len(lanes) * LANE_HEIGHT + 10,
        plot_left=LABEL_WIDTH,
        plot_right=WIDTH - RIGHT_PAD,
    )


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    given_width: float
    expected_width: float
    given: int
    expected: int
    late: int


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    height: int
    plot_left: int
    plot_width: int
    scale_max: int


BAR_HEIGHT = 22
BAR_GAP = 12
BAR_LABEL_WIDTH = 260


def deliverables_chart(progress: list[TeamProgress]) -> BarChart:
    """Per team: deliverables handed in, against those due by today (the late ones are the difference)."""
    plot_width = WIDTH - BAR_LABEL_WIDTH - 80
    scale_max = max([p.deliverables_expected for p in progress] + [1])
    bars = []
    for index, row in enumerate(progress):
        bars.append(
            Bar(
                label=row.team.name,
                y=10 + index * (BAR_HEIGHT + BAR_GAP),
                given_width=round(plot_width * row.deliverables_given / scale_max, 1),
                expected_width=round(plot_width * row.deliverables_due / scale_max, 1),
                given=row.deliverables_given,
                expected=row.deliverables_due,
                late=len(row.late_steps),
            )
        )
    return BarChart(
        bars=bars,
        height=20 + len(bars) * (BAR_HEIGHT + BAR_GAP),
        plot_left=BAR_LABEL_WIDTH,
        plot_width=plot_width,
        scale_max=scale_max,
    )
