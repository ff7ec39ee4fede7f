"""Charts as data: labelled numbers, drawn by the templates as SVG and offered as a table and as CSV.

The geometry is worked out here so the templates only place rectangles; no
script runs in the browser, which the Content-Security-Policy would refuse inline.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field, replace

LABEL_WIDTH = 190
PLOT_WIDTH = 330
ROW_HEIGHT = 22
COLUMN_PLOT_HEIGHT = 160
AXIS_LABEL_GAP = 72  # an ISO date at 11px, with room between


@dataclass(frozen=True)
class Row:
    label: str
    value: float
    href: str = ""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    share: float
    x: float
    y: float
    width: float
    height: float
    href: str = ""

    @property
    def top_y(self) -> float:
        return round(self.y - 3, 1)

    @property
    def text_y(self) -> float:
        return round(self.y + self.height / 2 + 4, 1)

    @property
    def value_x(self) -> float:
        return round(self.x + self.width + 6, 1)

    @property
    def middle_x(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass
class Chart:
    """One question's answer: rows of (label, value), drawn as horizontal bars or, over time, as columns."""

    key: str
    title: str
    rows: list[Row]
    unit: str = "quotes"
    over_time: bool = False
    note: str = ""
    # Shares of a total make sense for counts, not for a set of medians.
    shares: bool = True
    # Whether the drawing labels each bar with its share too: for charts that answer "what share".
    percent: bool = False
    bars: list[Bar] = field(init=False)

    def __post_init__(self) -> None:
        self.bars = self._columns() if self.over_time else self._bars()

    @property
    def total(self) -> float:
        return sum(row.value for row in self.rows)

    @property
    def empty(self) -> bool:
        return not self.rows

    def _share(self, value: float) -> float:
        return value / self.total if self.total else 0.0

    def _bars(self) -> list[Bar]:
        top = max((row.value for row in self.rows), default=0) or 1
        return [
            Bar(
                label=_clip(row.label, 28),
                value=row.value,
                share=self._share(row.value),
                x=LABEL_WIDTH,
                y=i * ROW_HEIGHT + 4,
                width=round(max(row.value / top * PLOT_WIDTH, 1 if row.value else 0), 1),
                height=ROW_HEIGHT - 6,
                href=row.href,
            )
            for i, row in enumerate(self.rows)
        ]

    def _columns(self) -> list[Bar]:
        top = max((row.value for row in self.rows), default=0) or 1
        step = (LABEL_WIDTH + PLOT_WIDTH) / max(len(self.rows), 1)
        width = min(step * 0.8, 48)  # a lone month is a column, not a wall
        bars = []
        for i, row in enumerate(self.rows):
            height = row.value / top * COLUMN_PLOT_HEIGHT
            bars.append(
                Bar(
                    label=row.label,
                    value=row.value,
                    share=self._share(row.value),
                    x=round(i * step + (step - width) / 2, 1),
                    y=round(COLUMN_PLOT_HEIGHT - height + 14, 1),
                    width=round(width, 1),
                    height=round(height, 1),
                    href=row.href,
                )
            )
        return bars

    @property
    def axis_y(self) -> int:
        return COLUMN_PLOT_HEIGHT + 30

    @property
    def width(self) -> int:
        return LABEL_WIDTH + PLOT_WIDTH + 70

    @property
    def height(self) -> int:
        if self.over_time:
            return COLUMN_PLOT_HEIGHT + 40
        return max(len(self.rows), 1) * ROW_HEIGHT + 6

    @property
    def axis_labels(self) -> list[Bar]:
        """For a chart over time, labels at least AXIS_LABEL_GAP apart, kept inside the drawing."""
        if not self.over_time or not self.bars:
            return []
        step = (LABEL_WIDTH + PLOT_WIDTH) / len(self.bars)
        every = max(1, math.ceil(AXIS_LABEL_GAP / step))
        half = AXIS_LABEL_GAP / 2
        return [
            replace(bar, x=min(max(bar.middle_x, half), LABEL_WIDTH + PLOT_WIDTH - half), width=0)
            for i, bar in enumerate(self.bars)
            if i % every == 0
        ]

    def as_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([self.title, self.unit, *(["share"] if self.shares else [])])
        for row in self.rows:
            share = [f"{self._share(row.value):.4f}"] if self.shares else []
            writer.writerow([row.label, _plain(row.value), *share])
        return out.getvalue()


def _clip(label: str, length: int) -> str:
    return label if len(label) <= length else label[: length - 1] + "…"


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"
