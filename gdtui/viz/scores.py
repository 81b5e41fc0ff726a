"""The MNIST scores as Rich renderables: dot products and outputs as bar charts.

* ``DotProductView`` - image x weights[digit] as a map, plus the ten scores.
* ``OutputBars``    - the ten outputs against the one-hot goal.

Pure functions of numpy arrays (no Textual, no engine).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from gdtui.viz.digit_maps import DIGIT_LABELS, WeightMap
from gdtui.viz.pixels import (
    FULL_BLOCK,
    SIDE,
    Block,
    as_map_stack,
    lines_block,
    normalise_image,
    render_block,
    side_by_side,
    stacked,
    text_line,
    text_segments,
)
from gdtui.viz.glyphs import GLYPHS
from gdtui.viz.numbers import fixed_or_compact
from gdtui.viz.plotting import padded, shorten

BAR_STYLE = Style(color="cyan")
HIGHLIGHT_BAR_STYLE = Style(color="yellow", bold=True)
GOAL_BAR_STYLE = Style(color="green", bold=True)
AXIS_STYLE = Style(dim=True)
NOTE_STYLE = Style(bold=True)

# Bars: left-aligned eighth blocks for growing right, a right half for left.
LEFT_EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
RIGHT_HALF = "▐"
ASCII_BAR = "#"
MIN_BAR, MAX_BAR = 6, 24  # bar area width limits (axis column included)


# --- bar charts ----------------------------------------------------------------------


@dataclass
class BarRow:
    """One row of a bar chart: ``mark label bar number note``."""

    label: str
    value: float
    note: str = ""
    mark: str = " "
    style: Style = BAR_STYLE


def bar_cells(value: float, lo: float, hi: float, width: int, ascii_only: bool,
              ticks: Iterable[float] = ()) -> tuple[str, int, int]:
    """A bar from 0 to ``value`` on an axis [lo, hi] (lo <= 0 <= hi), ``width`` cells.

    One cell is the zero axis; negative bars grow left of it (half-cell steps),
    positive bars right of it (eighth-cell steps, whole cells in ASCII).
    Returns the cells and the [start, end) of the bar (for styling).
    ``ticks`` are values marked with a dotted line where the bar does not reach.
    """
    glyphs = GLYPHS[ascii_only]
    axis = min(width - 1, round((width - 1) * -lo / (hi - lo))) if hi > lo else 0
    neg_cells, pos_cells = axis, width - 1 - axis
    cells = [" "] * width
    cells[axis] = glyphs["axis"]
    for tick in ticks:
        if 0 < tick <= hi and pos_cells:
            cells[axis + min(pos_cells, math.ceil(tick / hi * pos_cells))] = glyphs["bar_tick"]
    if math.isnan(value) or value == 0:
        return "".join(cells), axis, axis
    if value > 0:
        filled = min(value, hi) / hi * pos_cells if hi > 0 else 0.0
        full, eighths = divmod(round(filled * 8), 8)
        bar = ASCII_BAR * round(filled) if ascii_only else FULL_BLOCK * full + LEFT_EIGHTHS[eighths]
        cells[axis + 1 : axis + 1 + len(bar)] = bar
        return "".join(cells), axis + 1, axis + 1 + len(bar)
    filled = max(value, lo) / lo * neg_cells if lo < 0 else 0.0
    full, half = divmod(round(filled * 2), 2)
    bar = ASCII_BAR * round(filled) if ascii_only else RIGHT_HALF * half + FULL_BLOCK * full
    cells[axis - len(bar) : axis] = bar
    return "".join(cells), axis - len(bar), axis


def column_widths(rows: Sequence[BarRow], header: tuple[str, str, str] | None) -> tuple[int, int, int]:
    """Widths of the label, number and note columns."""
    label_w = max((cell_len(row.label) for row in rows), default=0)
    number_w = max([len(fixed_or_compact(row.value, 3)) for row in rows]
                   + [cell_len(header[1]) if header else 0])
    note_w = max((cell_len(row.note) for row in rows), default=0)
    return label_w, number_w, note_w


def text_width(rows: Sequence[BarRow], header: tuple[str, str, str] | None = None) -> int:
    """Cells a bar chart row needs besides the bar: mark, label, number, note."""
    label_w, number_w, note_w = column_widths(rows, header)
    return 1 + label_w + 1 + number_w + (1 + note_w if note_w else 0)


def _centred(text: str, width: int) -> str:
    """str.center by display cells (a Chinese character takes two)."""
    room = max(0, width - cell_len(text))
    return " " * (room // 2) + text + " " * (room - room // 2)


def bar_lines(
    rows: Sequence[BarRow], width: int, lo: float, hi: float, ascii_only: bool,
    header: tuple[str, str, str] | None = None, ticks: Iterable[float] = (),
) -> list[Text]:
    """A small horizontal bar chart, one Text per row (plus an optional header).

    Layout per row: ``mark label bar number note``; the bar gets what is left
    of ``width`` (between MIN_BAR and MAX_BAR cells) and is dropped when even
    MIN_BAR does not fit.  Lines are cropped to ``width``.
    """
    ticks = tuple(ticks)
    numbers = [fixed_or_compact(row.value, 3) for row in rows]
    label_w, number_w, note_w = column_widths(rows, header)
    fixed = text_width(rows, header)
    bar_w = min(MAX_BAR, width - fixed - 1)
    bar_w = bar_w if bar_w >= MIN_BAR else 0
    line_w = min(width, fixed + (bar_w + 1 if bar_w else 0))
    lines = []
    if header:
        caption, number = header[0], " " * (number_w - cell_len(header[1])) + header[1]
        if not bar_w:
            heading = number
        elif cell_len(caption) <= bar_w:
            heading = _centred(caption, bar_w) + " " + number
        else:  # the bars' caption over the bars and their numbers, not cut short over the bars
            span = bar_w + 1 + number_w
            heading = _centred(shorten(caption, span, ascii_only), span)
        lines.append(padded(" " * (1 + label_w + 1) + heading + " " + header[2], line_w, AXIS_STYLE))
    for row, number in zip(rows, numbers):
        line = Text(no_wrap=True, end="")
        line.append(row.mark + " " * (label_w - cell_len(row.label)) + row.label + " ", NOTE_STYLE)
        if bar_w:
            cells, start, end = bar_cells(row.value, lo, hi, bar_w, ascii_only, ticks)
            line.append(cells[:start], AXIS_STYLE)
            line.append(cells[start:end], row.style)
            line.append(cells[end:], AXIS_STYLE)
            line.append(" ")
        line.append(number.rjust(number_w))
        if note_w:
            line.append(" " + row.note + " " * (note_w - cell_len(row.note)), NOTE_STYLE)
        lines.append(padded(line, line_w))
    return lines


def value_range(values: np.ndarray) -> tuple[float, float]:
    """Axis [lo, hi] covering 0 and the finite values (never empty)."""
    finite = values[np.isfinite(values)]
    lo = min(0.0, float(finite.min())) if finite.size else 0.0
    hi = max(0.0, float(finite.max())) if finite.size else 0.0
    return (lo, hi) if hi > lo else (lo, lo + 1.0)


def best_index(values: np.ndarray) -> int | None:
    """Index of the largest value, ignoring NaN; None when all are NaN."""
    values = np.asarray(values, dtype=float)
    if values.size == 0 or np.isnan(values).all():
        return None
    return int(np.nanargmax(values))


# The words around the bars, in English; the app passes its language's.
WORDS = {"output": "output", "best": "best", "max": "max", "image": "image",
         "dot_products": "dot products", "score": "score", "sum": "sum"}


def arrowed(glyph: str, word: str) -> str:
    """The glyph table's `◀ best` with the word in the language shown."""
    return f"{glyph.split()[0]} {word}"


class DotProductView:
    """The chapter's "dot product is a loose measure of similarity".

    Left: image x weights[digit] (element-wise, drawn like a WeightMap: bright
    where the image's ink meets positive weights) with its sum.  Right (or
    below when narrow): the ten scores as bars, numbers with 3 decimals, the
    chosen digit marked with ▶ (ASCII ``>``) and the best score with ◀ best.

    Args:
        image: 784 pixels or 28x28 (floats 0..1 or integers 0..255).
        weights: (10, 784), (10, 28, 28) or the book's (784, 10).
        digit: which output's weights to multiply with.
        scores: the ten predictions (one dot product per digit).
        labels: one label per score.
        scale: |product| at the map's extremes (default: ``auto_scale``).
        size: the product map's size, as WeightMap's.
        words: WORDS in another language.
    """

    def __init__(self, image, weights, digit: int, scores, *,
                 labels: Sequence[str] = DIGIT_LABELS, scale: float | None = None,
                 size: str | int = "full", words: dict[str, str] | None = None) -> None:
        self.words = {**WORDS, **(words or {})}
        self.header = (self.words["dot_products"], self.words["score"], "")
        self.size = size
        self.image = normalise_image(image)
        stack = as_map_stack(weights)
        self.digit = int(digit)
        with np.errstate(invalid="ignore", over="ignore"):
            self.product = self.image * stack[self.digit]
        self.scale = scale
        self.scores = np.array(scores, dtype=float).ravel()
        self.labels = list(labels) + [str(i) for i in range(len(labels), len(self.scores))]

    def map_block(self, console: Console, max_width: int, ascii_only: bool) -> Block:
        glyphs = GLYPHS[ascii_only]
        label = self.labels[self.digit] if self.digit < len(self.labels) else str(self.digit)
        title = f"{self.words['image']} {glyphs['times']} w[{label}]"
        block = WeightMap(self.product, title=title, scale=self.scale, size=self.size).block(
            console, max_width, ascii_only)
        with np.errstate(invalid="ignore", over="ignore"):
            total = float(np.sum(self.product))
        block.lines.append(text_line(f"{glyphs['sum']} = {fixed_or_compact(total, 3)}", block.width, console))
        return block

    def bar_rows(self, ascii_only: bool) -> list[BarRow]:
        glyphs = GLYPHS[ascii_only]
        best = best_index(self.scores)
        rows = []
        for i, (label, value) in enumerate(zip(self.labels, self.scores)):
            chosen = i == self.digit
            rows.append(BarRow(
                label, float(value),
                note=arrowed(glyphs["best"], self.words["best"]) if i == best else "",
                mark=glyphs["chosen"] if chosen else " ",
                style=HIGHLIGHT_BAR_STYLE if chosen else BAR_STYLE,
            ))
        return rows

    def bar_block(self, console: Console, rows: Sequence[BarRow], width: int, ascii_only: bool) -> Block:
        lo, hi = value_range(self.scores)
        return lines_block(bar_lines(rows, width, lo, hi, ascii_only, header=self.header), console)

    def block(self, console: Console, max_width: int, ascii_only: bool) -> Block:
        left = self.map_block(console, max_width, ascii_only)
        rows = self.bar_rows(ascii_only)
        room = max_width - left.width - 2
        if room >= text_width(rows, self.header) + 1 + MIN_BAR:  # bars fit on the right
            return side_by_side([left, self.bar_block(console, rows, room, ascii_only)], gap=2)
        return stacked([left, self.bar_block(console, rows, max_width, ascii_only)])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from render_block(self.block(console, options.max_width, options.ascii_only))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = self.block(console, options.max_width, options.ascii_only).width
        return Measurement(min(SIDE, options.max_width), max(1, min(width, options.max_width)))


class OutputBars:
    """The ten outputs against the one-hot goal, one row per digit.

    Bars are drawn on a fixed axis [-0.5, 1.5] (values beyond are clipped for
    drawing only; the real number is printed), with a dotted line at 1.0 --
    where the goal digit's bar should end.  The goal digit's bar is green, the
    largest output is marked ◀ max (ASCII ``< max``).

    Args:
        pred: the ten outputs.
        goal: the ten goal values (one-hot).
        labels: one label per output.
        words: WORDS in another language.
    """

    AXIS = (-0.5, 1.5)

    def __init__(self, pred, goal, labels: Sequence[str] = DIGIT_LABELS, *,
                 words: dict[str, str] | None = None) -> None:
        self.words = {**WORDS, **(words or {})}
        self.pred = np.array(pred, dtype=float).ravel()
        self.goal = np.array(goal, dtype=float).ravel()
        count = len(self.pred)
        self.labels = list(labels)[:count] + [str(i) for i in range(len(labels), count)]

    def goal_text(self, index: int) -> str:
        if index >= len(self.goal):
            return "?"
        goal = float(self.goal[index])
        return fixed_or_compact(goal, 0 if goal.is_integer() else 2)

    def rows(self, ascii_only: bool, compact: bool) -> list[BarRow]:
        """One row per output. Compact (narrow): no goal column; the goal's
        row is marked with the chosen-row glyph instead, max with a bare arrow."""
        glyphs = GLYPHS[ascii_only]
        best = best_index(self.pred)
        goals = [self.goal_text(i) for i in range(len(self.pred))]
        goal_w = max([len(g) for g in goals] + [4])
        argmax = glyphs["argmax"].split()[0] if compact else arrowed(glyphs["argmax"], self.words["max"])
        rows = []
        for i, (label, value) in enumerate(zip(self.labels, self.pred)):
            is_goal = i < len(self.goal) and self.goal[i] == 1
            marker = " " + argmax if i == best else ""
            note = marker.strip() if compact else goals[i].rjust(goal_w) + marker
            rows.append(BarRow(label, float(value), note=note, mark=glyphs["chosen"] if compact and is_goal else " ",
                               style=GOAL_BAR_STYLE if is_goal else BAR_STYLE))
        return rows

    def lines(self, width: int, ascii_only: bool) -> list[Text]:
        header = (self.words["output"], "pred", "goal")
        rows = self.rows(ascii_only, compact=False)
        if width < text_width(rows, header) + 1 + MIN_BAR:  # no room for bars: no goal column
            rows, header = self.rows(ascii_only, compact=True), (f"{GLYPHS[ascii_only]['chosen']} goal", "pred", "")
        lo, hi = self.AXIS
        return bar_lines(rows, width, lo, hi, ascii_only, header=header, ticks=(1.0,))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width, options.ascii_only):
            yield from text_segments(line, console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = max((line.cell_len for line in self.lines(options.max_width, options.ascii_only)), default=1)
        return Measurement(min(20, options.max_width), max(1, min(width, options.max_width)))
