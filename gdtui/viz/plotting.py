"""Drawing helpers shared by the curve renderables (ErrorCurve, UCurve).

Everything here is plain Rich + numpy: no Textual, no engine.  The pieces:

* ``Scale`` - maps data values onto dot positions of the canvas.
* ``Canvas`` - a grid of terminal cells you can set *dots* in.  In Unicode
  mode every cell is a braille character holding 2x4 dots, so curves are
  four times finer vertically; in ASCII mode every cell is a single dot.
* ``draw_series`` - draws a long series fast (one vertical span per dot
  column, so spikes survive downsampling).
* ``frame_lines`` / ``spread_labels`` - the y-axis gutter and label rows.
* ``RowsRenderable`` / ``CanvasRenderable`` - the Rich plumbing (``__rich_console__`` /
  ``__rich_measure__``) shared by the renderables drawn as rows.

Coordinates: dot ``(x, y)`` has ``x`` growing to the right and ``y`` growing
*upwards* (``y = 0`` is the bottom dot row), like a maths plot.
"""

from __future__ import annotations

import functools
import math
from typing import Iterable, NamedTuple, Sequence

import numpy as np
from rich.cells import cell_len, set_cell_size
from rich.control import strip_control_codes
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text

# Braille patterns start at U+2800; each of the 8 dots is one bit.  The bit of
# the dot at (sub-row from the top, sub-column) inside a 2x4 cell:
_BRAILLE_BITS = np.array(
    [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]], dtype=np.uint8
)

from gdtui.text.safe import visible  # noqa: E402  (what a canvas is given, escaped)
from gdtui.viz.glyphs import GLYPHS  # noqa: E402  (the one glyph table)
from gdtui.viz.numbers import compact_number, distinct_labels  # noqa: E402  (the tick labels' formatter)


class Scale:
    """Linear map from data values in ``[lo, hi]`` onto dots ``0 .. dots-1``.

    A flat range (``lo == hi``) puts that value on the middle dot; anything
    above goes to the top edge and anything below to the bottom edge.
    """

    def __init__(self, lo: float, hi: float, dots: int) -> None:
        self.lo, self.hi = float(lo), float(hi)
        self.dots = max(1, int(dots))
        self.flat = not self.hi > self.lo

    def to_dots(self, values) -> np.ndarray:
        """Unrounded, unclipped dot positions of ``values`` (array in, array out)."""
        values = np.asarray(values, dtype=float)
        last = self.dots - 1
        if self.flat:
            middle = last / 2
            return np.where(values > self.lo, last, np.where(values < self.lo, 0.0, middle))
        # Halving both sides first keeps hi - lo finite even for +-1e308
        # (and two subnormals apart, it is 0: inf and nan).
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            fraction = (values / 2 - self.lo / 2) / (self.hi / 2 - self.lo / 2)
            return fraction * last

    def dot(self, value: float) -> float:
        """``to_dots`` of one value in plain floats, the same number: a frame
        places a few single points, and NumPy's call costs more than them."""
        last = self.dots - 1
        if self.flat:
            return float(last) if value > self.lo else 0.0 if value < self.lo else last / 2
        span = self.hi / 2 - self.lo / 2
        if span == 0:  # (two subnormals apart: NumPy's inf and nan)
            return float(self.to_dots(value))
        return (value / 2 - self.lo / 2) / span * last

    def value_at(self, dot: float) -> float:
        """The data value at (fractional) dot position ``dot``."""
        if self.flat or self.dots == 1:
            return self.lo
        fraction = dot / (self.dots - 1)
        return self.lo + fraction * (self.hi / 2 - self.lo / 2) * 2

    def units_per_dot(self) -> float:
        """How many data units one dot step covers (0 for a flat scale)."""
        if self.flat or self.dots == 1:
            return 0.0
        return (self.hi / 2 - self.lo / 2) * 2 / (self.dots - 1)


def round_dots(positions: np.ndarray, dots: int) -> np.ndarray:
    """Round dot positions to whole dots and clip them onto the canvas."""
    with np.errstate(invalid="ignore"):
        clipped = np.clip(positions, 0, dots - 1)
    return np.floor(clipped + 0.5).astype(np.int64)


def round_dot(position: float, dots: int) -> int | None:
    """``round_dots`` of one position (None for NaN, which is never drawn)."""
    if position != position:
        return None
    return math.floor(min(max(position, 0), dots - 1) + 0.5)


def line_points(x0, y0, x1, y1) -> tuple[np.ndarray, np.ndarray]:
    """Dots on straight segments, many segments at once (arrays in, arrays out).

    Each segment i runs from ``(x0[i], y0[i])`` to ``(x1[i], y1[i])`` (integer
    dots).  Like Bresenham's algorithm we take one dot per step along the longer
    axis and round the other coordinate to the nearest dot, which gives the same
    gap-free line; doing it with numpy instead of a Python loop keeps hundreds
    of segments well under a millisecond.
    """
    x0, y0, x1, y1 = (np.atleast_1d(np.asarray(a, dtype=np.int64)) for a in (x0, y0, x1, y1))
    dx, dy = x1 - x0, y1 - y0
    steps = np.maximum(np.abs(dx), np.abs(dy))
    counts = steps + 1
    segment = np.repeat(np.arange(len(x0)), counts)  # which segment each dot belongs to
    first_dot = np.cumsum(counts) - counts
    t = np.arange(counts.sum()) - np.repeat(first_dot, counts)  # 0..steps within a segment
    fraction = t / np.maximum(steps, 1)[segment]
    xs = x0[segment] + np.floor(fraction * dx[segment] + 0.5).astype(np.int64)
    ys = y0[segment] + np.floor(fraction * dy[segment] + 0.5).astype(np.int64)
    return xs, ys


def clip_segment(
    x0: float, y0: float, x1: float, y1: float, x_max: float, y_max: float
) -> tuple[float, float, float, float] | None:
    """Clip a segment to the box ``[0, x_max] x [0, y_max]`` (Liang-Barsky).

    Returns the visible part, or None when nothing is visible or the input is
    not finite.  Needed before rasterising lines whose ends may be far outside
    the plot (a steep tangent can end at 1e300 dots).
    """
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)):
        return None
    dx, dy = x1 - x0, y1 - y0
    t_in, t_out = 0.0, 1.0
    # For each box edge: p = direction towards outside, q = distance to the edge.
    for p, q in ((-dx, x0), (dx, x_max - x0), (-dy, y0), (dy, y_max - y0)):
        if p == 0:
            if q < 0:
                return None  # parallel to this edge and outside it
            continue
        t = q / p
        if p < 0:
            t_in = max(t_in, t)
        else:
            t_out = min(t_out, t)
        if t_in > t_out:
            return None
    return x0 + t_in * dx, y0 + t_in * dy, x0 + t_out * dx, y0 + t_out * dy


class Row(NamedTuple):
    """A canvas row as drawn: renders as the Text of the same plain, spans
    and style would (text_segments), and compares equal to an equal row.

    Not a Text because Text() scans its string for control codes, 6 us for
    a row of braille (a third of a canvas's to_lines, every frame), and a
    canvas holds only code points put there by us (Canvas.write shows any
    control code it is given as its escape)."""

    plain: str
    spans: list[Span]
    style: Style | str = ""

    def to_text(self) -> Text:
        return Text(self.plain, style=self.style, no_wrap=True, end="", spans=list(self.spans))


def dot_size(ascii_only: bool) -> tuple[int, int]:
    """A cell's dots, across and down: 2x4 in braille, one in ASCII."""
    return (1, 1) if ascii_only else (2, 4)


class Dots(NamedTuple):
    """A stroke's dots on a canvas of one size: each one's cell (a flat
    index) and, in braille, its bit in the cell (None in ASCII)."""

    cells: np.ndarray
    bits: np.ndarray | None


class Canvas:
    """A ``cols`` x ``rows`` grid of terminal cells to draw dots and markers on.

    Braille mode (default): each cell holds 2x4 dots.  ASCII mode: each cell is
    one dot, drawn with an ASCII character the caller picks per stroke.
    Markers (single glyphs like ``●``) replace a whole cell and later dots never
    overwrite them, so the current point is never hidden by the curve.
    Otherwise the style of the last stroke touching a cell wins.
    """

    def __init__(self, cols: int, rows: int, ascii_only: bool = False) -> None:
        self.cols, self.rows = max(1, cols), max(1, rows)
        self.ascii_only = ascii_only
        self.dot_w, self.dot_h = dot_size(ascii_only)
        self.x_dots = self.cols * self.dot_w
        self.y_dots = self.rows * self.dot_h
        shape = (self.rows, self.cols)  # row 0 is the top line of output
        self._bits = np.zeros(shape, dtype=np.uint8)  # braille dots per cell
        self._codes = np.zeros(shape, dtype=np.uint32)  # ASCII dots and markers (code points; 0: none)
        self._fixed = np.zeros(shape, dtype=bool)  # marker cells
        self._style_ids = np.zeros(shape, dtype=np.int32)  # index into _styles
        self._styles: list[Style | None] = [None]

    def _style_id(self, style: Style | None) -> int:
        self._styles.append(style)
        return len(self._styles) - 1

    def _cells(self, xs, ys) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The on-canvas dots among xs, ys: each one's cell as a flat index
        (row * cols + col, row 0 the top: y grows up) and its x and y.
        (Flat: indexing a raveled view is a step, a 2-D index is several.)"""
        xs = np.asarray(xs, dtype=np.int64).ravel()
        ys = np.asarray(ys, dtype=np.int64).ravel()
        inside = (xs >= 0) & (xs < self.x_dots) & (ys >= 0) & (ys < self.y_dots)
        xs, ys = xs[inside], ys[inside]
        return (self.rows - 1 - ys // self.dot_h) * self.cols + xs // self.dot_w, xs, ys

    def dots(self, xs, ys) -> Dots:
        """The on-canvas dots among integer positions (xs, ys), as `put` draws
        them (a stroke's dots, kept, can be put on the next canvas of this size)."""
        cells, xs, ys = self._cells(xs, ys)
        if self.ascii_only:
            return Dots(cells, None)
        # The dot's bit in its cell: sub-row from the top (y & 3 from the bottom), sub-column.
        return Dots(cells, _BRAILLE_BITS.ravel()[(3 - (ys & 3)) * 2 + (xs & 1)])

    def put(self, dots: Dots, style: Style | None = None, ascii_char: str = "*") -> None:
        """Turn on `dots` (made by `dots` on a canvas of this size) but in marker cells."""
        free = ~self._fixed.ravel()[dots.cells]
        cells = dots.cells[free]
        if self.ascii_only:
            self._codes.ravel()[cells] = ord(ascii_char)
        else:
            np.bitwise_or.at(self._bits.ravel(), cells, dots.bits[free])
        self._style_ids.ravel()[cells] = self._style_id(style)

    def set_dots(self, xs, ys, style: Style | None = None, ascii_char: str = "*") -> None:
        """Turn on the dots at integer positions (xs, ys); off-canvas dots are ignored."""
        self.put(self.dots(xs, ys), style, ascii_char)

    def lines(self, x0, y0, x1, y1, style: Style | None = None, ascii_char: str = "*") -> None:
        """Draw many segments at once.  Ends must already be on (or near) the canvas."""
        xs, ys = line_points(x0, y0, x1, y1)
        self.set_dots(xs, ys, style, ascii_char)

    def line(
        self, x0: float, y0: float, x1: float, y1: float,
        style: Style | None = None, ascii_char: str = "*",
    ) -> None:
        """Draw one segment between dot positions, clipped to the canvas."""
        visible = clip_segment(x0, y0, x1, y1, self.x_dots - 1, self.y_dots - 1)
        if visible is not None:
            ends = [math.floor(v + 0.5) for v in visible]
            self.lines(*ends, style=style, ascii_char=ascii_char)

    def glyph_line(
        self, x0: float, y0: float, x1: float, y1: float, char: str, style: Style | None = None
    ) -> None:
        """Like ``line`` but fills the cells it crosses with the glyph ``char``.

        Used where a line must stay distinguishable from the curve's dots
        without colour (the tangent): ``╱`` reads differently from braille.
        """
        visible = clip_segment(x0, y0, x1, y1, self.x_dots - 1, self.y_dots - 1)
        if visible is not None:
            ax, ay, bx, by = visible
            # One cell per step along the line's longer side in cells, so a
            # slanted line is one stroke of glyphs, not a doubled staircase.
            cells = max(abs(bx - ax) / self.dot_w, abs(by - ay) / self.dot_h)
            t = np.linspace(0.0, 1.0, max(2, int(math.ceil(cells)) + 1))
            xs = np.floor(ax + t * (bx - ax) + 0.5).astype(np.int64)
            ys = np.floor(ay + t * (by - ay) + 0.5).astype(np.int64)
            self.markers(xs, ys, char, style)

    def markers(self, xs, ys, char: str, style: Style | None = None) -> None:
        """Put the glyph ``char`` in the cells containing dots (xs, ys)."""
        cells, _, _ = self._cells(xs, ys)
        self._codes.ravel()[cells] = ord(char)
        self._fixed.ravel()[cells] = True
        self._style_ids.ravel()[cells] = self._style_id(style)

    def marker(self, x: float, y: float, char: str, style: Style | None = None) -> None:
        """``markers`` of the one dot nearest (x, y) on the canvas (none for NaN)."""
        xi, yi = round_dot(x, self.x_dots), round_dot(y, self.y_dots)
        if xi is None or yi is None:
            return
        row, col = self.rows - 1 - yi // self.dot_h, xi // self.dot_w
        self._codes[row, col] = ord(char)
        self._fixed[row, col] = True
        self._style_ids[row, col] = self._style_id(style)

    def write(self, col: int, row: int, text: str, style: Style | None = None) -> None:
        """Write a message into cells, ``row`` counted from the TOP; clipped
        (a control code as its escape: ESC as ``\\x1b``)."""
        if not 0 <= row < self.rows:
            return
        style_id = self._style_id(style)
        for offset, char in enumerate(visible(text)):
            if 0 <= col + offset < self.cols:
                self._codes[row, col + offset] = ord(char)
                self._fixed[row, col + offset] = True
                self._style_ids[row, col + offset] = style_id

    def to_lines(self, prefixes: Sequence[str] = (), style: Style | None = None) -> list[Row]:
        """One Row per cell row, top row first, each exactly ``cols`` cells
        after its prefix (the y-axis gutter, in ``style``), with one span per
        run of cells drawn by one stroke.

        Whole arrays, not cell by cell: the rows' text is the code points
        decoded at once, the runs where the stroke changes along each row.
        A row whose cells, strokes and prefix are those of the last canvas
        drawn at this size is that canvas's Row again (_LAST_DRAWN): a step
        moves a plot's marks, a few rows of its 25."""
        codes = np.where(self._codes != 0, self._codes, 0x2800 + self._bits.astype(np.uint32))
        codes[(self._codes == 0) & (self._bits == 0)] = ord(" ")
        ids, styles, cols = self._style_ids, self._styles, self.cols
        prefixes = tuple(prefixes) if prefixes else ("",) * self.rows
        style = style or ""
        key = (self.rows, cols, prefixes, style)
        last = _LAST_DRAWN.pop(key, None)
        if last is not None and last.styles == styles:
            same = ~((codes != last.codes) | (ids != last.ids)).any(axis=1)
        else:
            same = np.zeros(self.rows, dtype=bool)
        drawn = np.flatnonzero(~same)
        rows = list(last.rows) if last is not None and same.any() else [None] * self.rows
        if len(drawn):
            plain = codes[drawn].astype("<u4").tobytes().decode("utf-32-le")
            spans = _spans(ids[drawn], styles, [len(prefixes[row]) for row in drawn.tolist()])
            for i, row in enumerate(drawn.tolist()):
                rows[row] = Row(prefixes[row] + plain[i * cols:(i + 1) * cols], spans[i], style)
        if len(_LAST_DRAWN) >= LAST_DRAWN_SIZES:
            _LAST_DRAWN.pop(next(iter(_LAST_DRAWN)))
        _LAST_DRAWN[key] = _Drawn(codes, ids.copy(), list(styles), rows)
        return list(rows)


class _Drawn(NamedTuple):
    """A canvas as to_lines last drew it at one size: its cells, strokes and rows."""

    codes: np.ndarray
    ids: np.ndarray
    styles: list[Style | None]
    rows: list[Row]


# The last canvas drawn at each size and gutter (the plots on screen), newest last.
_LAST_DRAWN: dict[tuple, _Drawn] = {}
LAST_DRAWN_SIZES = 16


def _spans(ids: np.ndarray, styles: list[Style | None], at: list[int]) -> list[list[Span]]:
    """Each row's spans: one per run of cells of one stroke (none for cells
    no stroke drew), shifted right by the row's prefix (`at`)."""
    rows, cols = ids.shape
    starts = np.ones(ids.shape, dtype=bool)
    starts[:, 1:] = ids[:, 1:] != ids[:, :-1]
    run_rows, run_cols = np.nonzero(starts)  # row by row, in order
    run_ids = ids[starts]
    # A run ends where the next one starts in its row, else at the row's end.
    run_ends = np.append(run_cols[1:], cols)
    run_ends[:-1][run_rows[1:] != run_rows[:-1]] = cols
    stroked = np.array([style is not None for style in styles])[run_ids]
    shift = np.array(at)[run_rows]
    spans: list[list[Span]] = [[] for _ in range(rows)]
    for row, start, end, i in zip(run_rows[stroked].tolist(), (run_cols + shift)[stroked].tolist(),
                                  (run_ends + shift)[stroked].tolist(), run_ids[stroked].tolist()):
        spans[row].append(Span(start, end, styles[i]))
    return spans


def draw_series(
    canvas: Canvas, xs: np.ndarray, ys: np.ndarray,
    style: Style | None = None, ascii_char: str = "*",
) -> None:
    """Draw a connected series of integer dots, ``xs`` sorted ascending (series_dots)."""
    if len(xs):
        canvas.put(series_dots(canvas, xs, ys), style, ascii_char)


# The series last drawn, by canvas size and points (series_dots), oldest out:
# a U's curve seldom moves a dot from one step to the next. Only series of up
# to KEPT_POINTS points are kept (a U has 161), so the memory stays small.
_SERIES: dict[tuple, Dots] = {}
KEPT_SERIES, KEPT_POINTS = 16, 1024


def series_dots(canvas: Canvas, xs: np.ndarray, ys: np.ndarray) -> Dots:
    """_series_dots, kept (_SERIES) for the next canvas of this size that draws
    the same points."""
    xs = np.asarray(xs, dtype=np.int64)
    ys = np.asarray(ys, dtype=np.int64)
    if len(xs) > KEPT_POINTS:
        return _series_dots(canvas, xs, ys)
    key = (canvas.cols, canvas.rows, canvas.ascii_only, xs.tobytes(), ys.tobytes())
    dots = _SERIES.get(key)
    if dots is None:
        if len(_SERIES) >= KEPT_SERIES:
            _SERIES.pop(next(iter(_SERIES)))
        dots = _SERIES[key] = _series_dots(canvas, xs, ys)
    return dots


def _series_dots(canvas: Canvas, xs: np.ndarray, ys: np.ndarray) -> Dots:
    """The dots of a connected series of integer dots, ``xs`` sorted ascending.

    Any number of points per dot column is fine: each column gets one vertical
    span from its lowest to its highest point (so a one-step spike among 50,000
    points stays visible), and neighbouring columns are joined by a line from
    the last point of one to the first point of the next.
    """
    if len(xs) == 0:
        return canvas.dots(xs, ys)  # none
    starts = np.flatnonzero(np.concatenate(([True], np.diff(xs) != 0)))  # first point of each column
    ends = np.append(starts[1:], len(xs)) - 1  # last point of each column
    columns = xs[starts]
    lows = np.minimum.reduceat(ys, starts)
    highs = np.maximum.reduceat(ys, starts)
    # Vertical spans within columns, then joins between neighbouring columns.
    # (np.concatenate, not np.r_: a frame draws several series, and np.r_ costs ~10x.)
    x0 = np.concatenate((columns, columns[:-1]))
    y0 = np.concatenate((lows, ys[ends[:-1]]))
    x1 = np.concatenate((columns, columns[1:]))
    y1 = np.concatenate((highs, ys[starts[1:]]))
    return canvas.dots(*line_points(x0, y0, x1, y1))


def y_ticks(scale: Scale, rows: int, dot_h: int, log: bool = False) -> dict[int, str]:
    """Tick labels by output row (0 = top) of a canvas `rows` cells tall,
    `dot_h` dots a cell: top, bottom and, if tall, middle, with as many
    digits as keeps them apart (a log scale's dots are log10 of what the
    labels say).

    A flat scale gets a single label on the row holding its value.
    (Made once per axis: a step rarely moves one, and the labels' digits
    cost more than the rest of the gutter.)"""
    return dict(_y_ticks(scale.lo, scale.hi, scale.dots, rows, dot_h, log))


@functools.lru_cache(maxsize=256)
def _y_ticks(lo: float, hi: float, dots: int, rows: int, dot_h: int, log: bool) -> tuple:
    scale = Scale(lo, hi, dots)
    if scale.flat:
        middle_dot = round_dots(scale.to_dots([scale.lo]), scale.dots)[0]
        middle_row = rows - 1 - middle_dot // dot_h
        return ((int(middle_row), compact_number(10.0**scale.lo if log else scale.lo)),)
    values = {0: scale.hi}
    if rows >= 2:
        values[rows - 1] = scale.lo
    if rows >= 5:
        middle = rows // 2
        centre_dot = (rows - 1 - middle) * dot_h + (dot_h - 1) / 2
        values[middle] = scale.value_at(centre_dot)
    shown = [10.0**v if log else v for v in values.values()]
    return tuple(zip(values, distinct_labels(shown, log)))


def gutter_width(labels: Iterable[str], width: int) -> int:
    """Width of the y-axis gutter: labels plus the axis line.

    Labels are dropped (gutter = the axis only) when they would take more than
    half the width; no gutter at all below 3 columns.
    """
    if width < 3:
        return 0
    longest = max((len(label) for label in labels), default=0)
    return longest + 1 if longest + 1 <= width // 2 else 1


def frame_lines(canvas: Canvas, ticks: dict[int, str], gutter: int,
                axis_style: Style | None) -> list[Row]:
    """The canvas's rows, each after its tick label and the y-axis line
    (the whole row in the axis's style, under the strokes' own)."""
    if gutter == 0:
        return canvas.to_lines()
    glyphs = GLYPHS[canvas.ascii_only]
    prefixes = [
        (ticks.get(row, "") if gutter > 1 else "").rjust(gutter - 1)
        + (glyphs["tick"] if row in ticks else glyphs["axis"])
        for row in range(canvas.rows)
    ]
    return canvas.to_lines(prefixes, axis_style)


def shorten(text: str, width: int, ascii_only: bool) -> str:
    """Cut ``text`` to ``width`` cells, marking the cut with an ellipsis (a
    Chinese character takes two cells)."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1).rstrip() + GLYPHS[ascii_only]["ellipsis"]


def spread_labels(width: int, left: str, middle: str, right: str, ascii_only: bool) -> str:
    """A row exactly ``width`` cells wide: ``left`` flush left, ``right`` flush
    right, ``middle`` centred (shortened to fit, dropped if there is no room).
    Measured in cells: a Chinese middle label (``步``) is two wide."""
    if cell_len(left) + cell_len(right) + 1 > width:
        left = ""  # keep the right label (the latest step / largest w) if possible
    if cell_len(right) > width:
        right = ""
    lw, rw = cell_len(left), cell_len(right)
    room = width - lw - rw - 2  # one space on either side
    middle = shorten(middle, room, ascii_only) if room >= 3 else ""
    mw = cell_len(middle)
    start = max(lw + 1, (width - mw) // 2) if middle else lw
    start = min(start, width - rw - 1 - mw) if middle else start
    return left + " " * (start - lw) + middle + " " * (width - start - mw - rw) + right


def padded_row(text: str, width: int, style: Style | None = None) -> Row:
    """``text`` as a Row cropped or padded with spaces to exactly ``width``
    cells: what ``padded`` makes of a str, without a Text to make it."""
    return Row(set_cell_size(strip_control_codes(text), width), [], style or "")


def padded(text: Text | str, width: int, style: Style | None = None) -> Text:
    """``text`` cropped or padded with spaces to exactly ``width`` cells."""
    if isinstance(text, str):
        text = Text(text, style=style or "", no_wrap=True, end="")
    text.truncate(width, overflow="crop", pad=True)
    return text


class RowsRenderable:
    """A renderable drawn as rows of Text, one per terminal line, each at
    most ``width`` cells: ``render_lines`` gives them, to a Rich console here
    and straight to Textual's line API in gdtui.ui.widgets.part_widget.RowsWidget."""

    def render_lines(self, width: int, height: int, ascii_only: bool) -> list[Text | Row]:
        raise NotImplementedError

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        height = options.height if options.height is not None else getattr(self, "height", 0)
        new_line = Segment.line()
        for line in self.render_lines(options.max_width, height, options.ascii_only):
            yield from text_segments(line, console)
            yield new_line


class CanvasRenderable(RowsRenderable):
    """The plots' rows: subclasses implement ``render_lines``.

    Width comes from ``options.max_width``; height from ``options.height`` when
    Rich/Textual sets it (a widget's size), else from the constructor; ASCII
    mode from ``options.ascii_only`` (a console whose file is not UTF-*).
    """

    height: int = 8


def text_segments(text: Text | Row, console: Console) -> list[Segment]:
    """What ``text.render(console)`` yields, segment for segment, for a Text
    (or a Row) whose spans are in order and do not overlap (a plot's rows: one span per
    run of one style). Rich's general sweep sorts and stacks spans per line:
    a frame's plots spent ~1.5 ms in it at 120x40. Any other Text goes to
    Rich. (As Rich does, a Text without spans renders without its style.)"""
    plain, spans = text.plain, text.spans
    if not spans:
        return [Segment(plain)]
    end = 0
    for span in spans:
        if span.start < end or span.end < span.start:
            return list(as_text(text).render(console))
        end = span.end
    if end > len(plain):
        return list(as_text(text).render(console))
    get_style = console.get_style
    null = Style.null()
    base = get_style(text.style, default=null) if text.style else null
    out, at = [], 0
    for span in spans:
        if span.start > at:
            out.append(Segment(plain[at:span.start], base))
        if span.end > span.start:
            out.append(Segment(plain[span.start:span.end], base + get_style(span.style, default=null)))
        at = span.end
    if len(plain) > at:
        out.append(Segment(plain[at:], base))
    return out


def as_text(row: Text | Row) -> Text:
    """A row of a RowsRenderable as a Text (a Row made into one)."""
    return row.to_text() if isinstance(row, Row) else row
