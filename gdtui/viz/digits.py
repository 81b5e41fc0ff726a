"""MNIST pictures as Rich renderables: digits, weight maps, dot products, outputs.

The last section of chapter 5 trains ten outputs on 784 pixels and then looks
at each output's 784 weights as a 28x28 picture: the weights "look like" the
digit they detect, and the prediction for a digit is the dot product of the
image with that picture -- "a loose measure of similarity".

Everything here is a pure function of numpy arrays (no Textual, no engine):

* ``DigitImage``    - a greyscale 28x28 image.
* ``WeightMap``     - one signed 28x28 map (image-like, diverging colours).
* ``WeightMaps``    - ten maps side by side on one shared scale.
* ``WeightLegend``  - one line explaining the map colours / ASCII glyphs.
* ``DotProductView`` - image x weights[digit] as a map, plus the ten scores.
* ``OutputBars``    - the ten outputs against the one-hot goal.

How the maps are drawn (and why):

* Unicode: each character cell shows two pixel rows with the upper half block
  '▀': foreground = upper pixel, background = lower pixel, so 28x28 pixels take
  28 columns x 14 rows.
* Every colour on the wire costs bytes (~20-40 per style change), so shades are
  quantised to a few levels and each run of equal cells becomes ONE Segment
  with ONE shared Style (Rich writes an SGR code + reset per segment, it does
  not merge neighbours itself).  The palettes are xterm-256 colour numbers:
  ``38;5;N`` is half the size of ``38;2;R;G;B``, and colours 16-255 look the
  same on every terminal (themes only redefine 0-15).
* ASCII (``options.ascii_only``): one character per pixel column, two pixel
  rows averaged per text row, glyph ramps instead of colour, no colours needed.
* Narrow consoles: pixel columns are averaged down so nothing overflows.
  Rendering never raises; NaN weights are drawn in their own colour / as '?'.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
from rich.color import Color
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from gdtui.viz.plotting import fixed_or_compact, padded, shorten

# --- geometry ---------------------------------------------------------------
SIDE = 28  # MNIST images are 28x28 pixels
SMALL_SIDE = 14  # "small" maps: 2x2 pixel blocks averaged -> 14 cols x 7 rows
GAP = 1  # columns between maps side by side
SIZES = ("auto", "small", "full")

# --- palettes (xterm-256 colour numbers) -----------------------------------
# Greyscale for images, black -> white: 8 levels, evenly spaced on the
# xterm grey ramp (232-255 are greys 8, 18, .. 238; 16 is black, 231 white).
GREY_PALETTE = (16, 237, 240, 243, 246, 249, 252, 231)
# Diverging map for signed weights, most negative -> most positive, 9 levels
# symmetric around 0: navy, blue, azure, slate | grey | rose, tan, gold, white.
# Negative is dark/blue and positive bright/warm, like the book's figure where
# the strongly positive weights draw the digit in white.
SIGNED_PALETTE = (17, 19, 25, 60, 244, 138, 180, 222, 231)
NAN_COLOUR = 201  # magenta: not a weight colour, so a diverged map stands out

UPPER_HALF = "▀"
LOWER_HALF = "▄"
FULL_BLOCK = "█"
# ASCII brightness ramp for images, dark -> bright.
ASCII_GREY_RAMP = " .:-=+*#%@"
# ASCII ramp for signed weights, most negative -> most positive.  Negative
# glyphs are horizontal strokes ("=" strong, "-" medium, "." weak), positive
# ones grow from "+" (weak) through "*" to "@" (strong), zero is blank, so the
# sign reads without colour.
ASCII_SIGNED_RAMP = "=-. +*@"
ASCII_NAN = "?"

TITLE_STYLE = Style(bold=True)
SELECTED_STYLE = Style(bold=True, reverse=True)
BAR_STYLE = Style(color="cyan")
HIGHLIGHT_BAR_STYLE = Style(color="yellow", bold=True)
GOAL_BAR_STYLE = Style(color="green", bold=True)
AXIS_STYLE = Style(dim=True)
NOTE_STYLE = Style(bold=True)

DIGIT_LABELS = tuple(str(d) for d in range(10))

# Glyphs that have an ASCII stand-in (indexed by ascii_only).
GLYPHS = {
    False: {"axis": "│", "tick": "┊", "best": "◀ best", "argmax": "◀ max", "chosen": "▶",
            "times": "×", "sum": "Σ", "minus": "−"},
    True: {"axis": "|", "tick": ":", "best": "< best", "argmax": "< max", "chosen": ">",
           "times": "*", "sum": "sum", "minus": "-"},
}
# Bars: left-aligned eighth blocks for growing right, a right half for left.
LEFT_EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
RIGHT_HALF = "▐"
ASCII_BAR = "#"
MIN_BAR, MAX_BAR = 6, 24  # bar area width limits (axis column included)


# --- array helpers ------------------------------------------------------------


def as_square(values, name: str = "array") -> np.ndarray:
    """A float copy as a 2-D array; a flat vector of n*n values becomes n x n."""
    array = np.array(values, dtype=float)
    if array.ndim == 1:
        side = math.isqrt(array.size)
        if side == 0 or side * side != array.size:
            raise ValueError(f"{name}: {array.size} values do not make a square image")
        return array.reshape(side, side)
    if array.ndim != 2 or array.size == 0:
        raise ValueError(f"{name}: expected 784 values or a 2-D array, got shape {array.shape}")
    return array


def as_map_stack(maps, name: str = "weights") -> np.ndarray:
    """Ten (or n) maps as an (n, side, side) float array.

    Accepts (n, 784), (n, 28, 28) and the book's (784, n) layout (one column
    per output), which is recognised by its 784 rows.
    """
    array = np.array(maps, dtype=float)
    if array.ndim == 2 and array.shape[0] == SIDE * SIDE and array.shape[1] != SIDE * SIDE:
        array = array.T
    if array.ndim == 2:
        return np.stack([as_square(row, name) for row in array]) if len(array) else np.empty((0, SIDE, SIDE))
    if array.ndim == 3:
        return array
    raise ValueError(f"{name}: expected shape (n, 784) or (n, 28, 28), got {array.shape}")


def normalise_image(pixels) -> np.ndarray:
    """Image brightness in [0, 1]: integers (and floats above 1) count as 0..255."""
    raw = np.asarray(pixels)
    image = as_square(raw, "image")
    too_bright = np.where(np.isfinite(image), image, 0).max() > 1.0
    if np.issubdtype(raw.dtype, np.integer) or too_bright:
        image = image / 255.0
    return np.clip(np.nan_to_num(image, nan=0.0), 0.0, 1.0)


def auto_scale(values: np.ndarray, scale: float | None = None) -> float:
    """The |value| drawn at the palette's ends: ``scale`` if usable, else max |finite|, else 1."""
    if scale is not None and math.isfinite(scale) and scale > 0:
        return float(scale)
    finite = np.abs(values[np.isfinite(values)])
    biggest = float(finite.max()) if finite.size else 0.0
    return biggest if math.isfinite(biggest) and biggest > 0 else 1.0


def resample(values: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Block-average ``values`` to ``rows`` x ``cols`` (nearest pixel when enlarging).

    NaN and inf propagate into their block on purpose: a map that diverged
    should look diverged, not quietly averaged away.
    """
    in_rows, in_cols = values.shape
    if (in_rows, in_cols) == (rows, cols):
        return values
    row_starts = (np.arange(rows) * in_rows) // rows
    col_starts = (np.arange(cols) * in_cols) // cols
    # When enlarging, starts repeat: reduceat then returns that single pixel
    # (nearest-pixel enlarging) and its count is 1 (the diff is 0 or 1).
    row_counts = np.maximum(np.diff(np.r_[row_starts, in_rows]), 1)
    col_counts = np.maximum(np.diff(np.r_[col_starts, in_cols]), 1)
    with np.errstate(invalid="ignore", over="ignore"):
        summed = np.add.reduceat(np.add.reduceat(values, row_starts, axis=0), col_starts, axis=1)
        return summed / np.outer(row_counts, col_counts)


def grey_levels(image: np.ndarray, count: int) -> np.ndarray:
    """Brightness in [0, 1] -> integer level 0..count-1."""
    return np.clip(np.rint(image * (count - 1)), 0, count - 1).astype(np.int64)


def signed_levels(values: np.ndarray, scale: float, count: int) -> np.ndarray:
    """Signed values -> level 0..count-1 (count odd, zero in the middle); NaN -> count."""
    half = count // 2
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        fraction = np.clip(values / scale, -1.0, 1.0)  # +-inf land on the ends
        levels = np.rint(fraction * half) + half
    return np.where(np.isnan(levels), count, levels).astype(np.int64)


# --- blocks: rectangles of segments that can be put side by side -----------------


@dataclass
class Block:
    """Lines of segments, each exactly ``width`` cells wide."""

    width: int
    lines: list[list[Segment]] = field(default_factory=list)

    def blank_line(self) -> list[Segment]:
        return [Segment(" " * self.width)] if self.width else []


def text_segments(text: Text, console: Console) -> list[Segment]:
    """Segments of a Text *including* its base style (``Text.render`` drops the
    base style when the text has no spans; Rich adds it in ``__rich_console__``)."""
    segments = text.render(console)
    if text.style:
        segments = Segment.apply_style(segments, console.get_style(text.style))
    return list(segments)


def text_line(text: Text | str, width: int, console: Console, style: Style | None = None) -> list[Segment]:
    """A Text (or str) cropped / padded to exactly ``width`` cells, as segments."""
    return text_segments(padded(text, width, style), console) if width > 0 else []


def side_by_side(blocks: Sequence[Block], gap: int = GAP) -> Block:
    """Blocks next to each other, top-aligned; short blocks padded with blanks."""
    height = max((len(block.lines) for block in blocks), default=0)
    width = sum(block.width for block in blocks) + gap * max(len(blocks) - 1, 0)
    spacer = Segment(" " * gap)
    joined = Block(width)
    for row in range(height):
        line: list[Segment] = []
        for index, block in enumerate(blocks):
            if index and gap:
                line.append(spacer)
            line += block.lines[row] if row < len(block.lines) else block.blank_line()
        joined.lines.append(line)
    return joined


def stacked(blocks: Sequence[Block]) -> Block:
    """Blocks one under the other, padded to the widest."""
    width = max((block.width for block in blocks), default=0)
    result = Block(width)
    for block in blocks:
        pad = [Segment(" " * (width - block.width))] if width > block.width else []
        result.lines += [line + pad for line in block.lines]
    return result


def render_block(block: Block) -> RenderResult:
    for line in block.lines:
        yield from line
        yield Segment.line()


# --- half-block and ASCII pixel rows --------------------------------------------


@lru_cache(maxsize=None)
def run_style(fg: int | None, bg: int) -> Style:
    """The one shared Style for a run drawn in (at most) these two colours.

    Cached so equal runs share ONE Style object everywhere: Rich caches the
    escape codes on the Style, and equal styles compare cheaply.
    """
    if fg is None:
        return Style(bgcolor=Color.from_ansi(bg))
    return Style(color=Color.from_ansi(fg), bgcolor=Color.from_ansi(bg))


def half_block_glyph(top: int, bottom: int, fg: int | None, bg: int) -> str:
    """The glyph showing pixels (top, bottom) in a cell coloured fg on bg."""
    if top == bottom:
        return " " if top == bg else FULL_BLOCK
    return UPPER_HALF if top == fg else LOWER_HALF


def two_colour_runs(top: Sequence[int], bottom: Sequence[int]) -> list[Segment]:
    """One text row of half blocks (pixel colours per cell) as few segments as possible.

    Rich writes an escape code + reset for every segment, so the bytes sent
    depend on the number of runs, not cells.  A run may go on as long as its
    cells use at most two colours: with the style a-on-b a cell (a, b) is
    '▀', (b, a) is '▄', (b, b) is ' ' and (a, a) is '█'.  Greedy: extend each
    run until a third colour appears.  The background is the colour of most
    one-colour cells, so spaces are common and '█' rare (a font-drawn '█' can
    leave hairline seams in SVG screenshots; terminals draw it exactly).
    """
    segments = []
    start, count = 0, len(top)
    while start < count:
        colours = {top[start], bottom[start]}
        end = start + 1
        while end < count and len(colours | {top[end], bottom[end]}) <= 2:
            colours |= {top[end], bottom[end]}
            end += 1
        fg, bg = run_colours(colours, top[start:end], bottom[start:end])
        glyphs = "".join(half_block_glyph(t, b, fg, bg) for t, b in zip(top[start:end], bottom[start:end]))
        segments.append(Segment(glyphs, run_style(fg, bg)))
        start = end
    return segments


def run_colours(colours: set[int], top: Sequence[int], bottom: Sequence[int]) -> tuple[int | None, int]:
    """(fg, bg) for a run: fg None for a one-colour run; else bg = the colour
    filling more whole cells (ties: the first cell's lower pixel)."""
    if len(colours) == 1:
        return None, next(iter(colours))
    first, second = bottom[0], (colours - {bottom[0]}).pop()
    uniform = [t for t, b in zip(top, bottom) if t == b]
    if uniform.count(second) > uniform.count(first):
        first, second = second, first
    return second, first


def half_block_lines(levels: np.ndarray, palette: Sequence[int]) -> list[list[Segment]]:
    """Rows of palette levels -> one line per pixel-row pair (upper half = even row)."""
    colours = np.asarray(palette)[levels]
    if len(colours) % 2:  # odd pixel rows: repeat the last one as the lower half
        colours = np.vstack([colours, colours[-1:]])
    return [
        two_colour_runs(top.tolist(), bottom.tolist())
        for top, bottom in zip(colours[0::2], colours[1::2])
    ]


def row_pairs(values: np.ndarray) -> np.ndarray:
    """Average pixel rows two by two (the ASCII view's vertical squeeze)."""
    if len(values) % 2:
        values = np.vstack([values, values[-1:]])
    with np.errstate(invalid="ignore", over="ignore"):
        return values[0::2] / 2 + values[1::2] / 2  # halve first: no overflow at 1e308


def ascii_lines(glyph_indices: np.ndarray, ramp: str) -> list[list[Segment]]:
    """Rows of ramp indices (index len(ramp) = NaN) -> one plain segment per row."""
    table = np.array(list(ramp) + [ASCII_NAN], dtype=object)
    return [[Segment("".join(table[row]))] for row in glyph_indices]


def title_line(title: str, width: int, selected: bool, ascii_only: bool, console: Console) -> list[Segment]:
    """A centred title; a selected one is reversed (ASCII: wrapped in [ ])."""
    if selected and ascii_only:
        title = f"[{title}]"
    title = shorten(title, width, ascii_only)
    return text_line(title.center(width), width, console, SELECTED_STYLE if selected else TITLE_STYLE)


def map_width(max_width: int, side: int) -> int:
    return max(1, min(side, max_width))


# --- the renderables ---------------------------------------------------------------


class _PixelMap:
    """Shared plumbing for DigitImage and WeightMap: subclasses set ``values`` and
    implement ``_unicode`` / ``_ascii`` (pixel values -> lines of segments)."""

    title: str | None = None
    selected: bool = False
    size: str = "full"

    @property
    def side(self) -> int:
        return SMALL_SIDE if self.size == "small" else SIDE

    @staticmethod
    def checked_size(size: str) -> str:
        if size not in ("full", "small"):
            raise ValueError(f"size must be 'full' or 'small', got {size!r}")
        return size

    def block(self, console: Console, max_width: int, ascii_only: bool) -> Block:
        width = map_width(max_width, self.side)
        values = resample(self.values, self.side, width)
        lines = self._ascii(values) if ascii_only else self._unicode(values)
        block = Block(width, lines)
        if self.title is not None:
            block.lines.insert(0, title_line(self.title, width, self.selected, ascii_only, console))
        return block

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from render_block(self.block(console, options.max_width, options.ascii_only))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(SMALL_SIDE // 2, options.max_width), map_width(options.max_width, self.side))


class DigitImage(_PixelMap):
    """A 28x28 greyscale image (floats 0..1 or integers 0..255), 28 cols x 14 rows.

    Args:
        pixels: 784 values or a 28x28 array.  NaN draws as black.
        title: optional centred line above the image.
        size: "full" (28x28 pixels) or "small" (averaged to 14x14: 14 cols x 7 rows).
    """

    def __init__(self, pixels, *, title: str | None = None, size: str = "full") -> None:
        self.values = normalise_image(pixels)
        self.title = title
        self.size = self.checked_size(size)

    def _unicode(self, values: np.ndarray) -> list[list[Segment]]:
        return half_block_lines(grey_levels(values, len(GREY_PALETTE)), GREY_PALETTE)

    def _ascii(self, values: np.ndarray) -> list[list[Segment]]:
        return ascii_lines(grey_levels(row_pairs(values), len(ASCII_GREY_RAMP)), ASCII_GREY_RAMP)


class WeightMap(_PixelMap):
    """One output's 784 signed weights drawn as a 28x28 picture (28 cols x 14 rows).

    Colours (diverging, 9 levels symmetric around 0): negative = dark blue,
    zero = grey, positive = warm up to white; NaN = magenta.

    ASCII glyphs (7 levels, ``ASCII_SIGNED_RAMP``), most negative to most
    positive: ``=`` ``-`` ``.`` (blank = about zero) ``+`` ``*`` ``@``; NaN is
    ``?``.  Negatives are horizontal strokes, positives are plus-like or dense,
    so the sign is readable without colour (see ``WeightLegend``).

    Args:
        weights: 784 values or a 28x28 array.
        title: optional centred line above the map.
        scale: the |weight| drawn at the extremes (default: max |w|, or 1 when
            all are zero); pass a shared value so several maps compare.
        selected: draw the title reversed and bold (ASCII: ``[title]``).
        size: "full" or "small" (14 cols x 7 rows).
    """

    def __init__(
        self, weights, *, title: str | None = None, scale: float | None = None,
        selected: bool = False, size: str = "full",
    ) -> None:
        self.values = as_square(weights, "weights")
        self.scale = auto_scale(self.values, scale)
        self.title = title
        self.selected = selected
        self.size = self.checked_size(size)

    def _unicode(self, values: np.ndarray) -> list[list[Segment]]:
        levels = signed_levels(values, self.scale, len(SIGNED_PALETTE))
        return half_block_lines(levels, (*SIGNED_PALETTE, NAN_COLOUR))

    def _ascii(self, values: np.ndarray) -> list[list[Segment]]:
        levels = signed_levels(row_pairs(values), self.scale, len(ASCII_SIGNED_RAMP))
        return ascii_lines(levels, ASCII_SIGNED_RAMP)


class WeightLegend:
    """One line: how to read a weight map's colours (or ASCII glyphs).

    Args:
        ascii_only: force the ASCII / Unicode form; None = from the console.
        scale: the |weight| at the extremes, printed at both ends when given.
    """

    def __init__(self, ascii_only: bool | None = None, *, scale: float | None = None) -> None:
        self.ascii_only = ascii_only
        self.scale = scale

    def text(self, ascii_only: bool) -> Text:
        glyphs = GLYPHS[ascii_only]
        ends = ("", "")
        if self.scale is not None:
            number = fixed_or_compact(self.scale, 3)
            ends = (f"{glyphs['minus']}{number} ", f" +{number}")
        line = Text(no_wrap=True, end="")
        line.append("weights: ", TITLE_STYLE)
        line.append(ends[0])
        if ascii_only:
            line.append(" ".join("' '" if g == " " else g for g in ASCII_SIGNED_RAMP))
            line.append(ends[1])
            line.append(f"  ({ASCII_NAN} = nan)")
        else:
            for colour in SIGNED_PALETTE:
                line.append(" ", run_style(None, colour))  # a swatch, same Style as the maps
            line.append(ends[1])
            line.append("  blue < 0 < white")
        return line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        ascii_only = options.ascii_only if self.ascii_only is None else self.ascii_only
        text = self.text(ascii_only)
        text.truncate(options.max_width, overflow="crop")
        yield from text_segments(text, console)
        yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        ascii_only = options.ascii_only if self.ascii_only is None else self.ascii_only
        width = min(self.text(ascii_only).cell_len, options.max_width)
        return Measurement(width, width)


class WeightMaps:
    """Ten weight maps side by side, as many per row as fit, on one shared scale.

    Args:
        maps: shape (10, 784), (10, 28, 28) or the book's (784, 10).
        selected: index of the map whose label is highlighted, or None.
        labels: one title per map.
        scale: shared |weight| at the extremes (default: max |w| over all maps).
        size: "full" (28x14 per map), "small" (14x7) or "auto": full when at
            least five fit per row (>= 144 columns) and the height allows,
            else small (five per row at 80 columns, ten at >= 149).
        legend: add a WeightLegend line with the shared scale.
    """

    def __init__(
        self, maps, *, selected: int | None = None, labels: Sequence[str] = DIGIT_LABELS,
        scale: float | None = None, size: str = "auto", legend: bool = True,
    ) -> None:
        if size not in SIZES:
            raise ValueError(f"size must be one of {SIZES}, got {size!r}")
        self.maps = as_map_stack(maps)
        self.scale = auto_scale(self.maps, scale)
        self.selected = selected
        self.labels = list(labels) + [str(i) for i in range(len(labels), len(self.maps))]
        self.size = size
        self.legend = legend

    def pick_size(self, max_width: int, height: int | None) -> str:
        if self.size != "auto":
            return self.size
        per_row = (max_width + GAP) // (SIDE + GAP)
        if per_row < 5 or not len(self.maps):
            return "small"
        rows = -(-len(self.maps) // per_row)
        needed = rows * (SIDE // 2 + 1) + self.legend
        return "full" if height is None or needed <= height else "small"

    def block(self, console: Console, max_width: int, ascii_only: bool, height: int | None = None) -> Block:
        size = self.pick_size(max_width, height)
        side = SMALL_SIDE if size == "small" else SIDE
        per_row = max(1, (max_width + GAP) // (side + GAP))
        blocks = [
            WeightMap(weights, title=self.labels[i], scale=self.scale,
                      selected=i == self.selected, size=size).block(console, max_width, ascii_only)
            for i, weights in enumerate(self.maps)
        ]
        rows = [side_by_side(blocks[i : i + per_row]) for i in range(0, len(blocks), per_row)]
        if self.legend:
            legend = WeightLegend(ascii_only, scale=self.scale).text(ascii_only)
            width = min(legend.cell_len, max_width)
            rows.append(Block(width, [text_line(legend, width, console)]))
        return stacked(rows)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from render_block(self.block(console, options.max_width, options.ascii_only, options.height))

    def natural_width(self, max_width: int, ascii_only: bool, height: int | None) -> int:
        """Width of the widest line at ``max_width`` (without building the maps)."""
        side = SMALL_SIDE if self.pick_size(max_width, height) == "small" else SIDE
        width = map_width(max_width, side)
        per_row = max(1, min(len(self.maps), (max_width + GAP) // (side + GAP)))
        legend = WeightLegend(ascii_only, scale=self.scale).text(ascii_only).cell_len if self.legend else 0
        return min(max_width, max(per_row * (width + GAP) - GAP, legend))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = self.natural_width(options.max_width, options.ascii_only, options.height)
        return Measurement(min(SMALL_SIDE, options.max_width), max(1, width))


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
            cells[axis + min(pos_cells, math.ceil(tick / hi * pos_cells))] = glyphs["tick"]
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
    label_w = max((len(row.label) for row in rows), default=0)
    number_w = max([len(fixed_or_compact(row.value, 3)) for row in rows] + [len(header[1]) if header else 0])
    note_w = max((len(row.note) for row in rows), default=0)
    return label_w, number_w, note_w


def text_width(rows: Sequence[BarRow], header: tuple[str, str, str] | None = None) -> int:
    """Cells a bar chart row needs besides the bar: mark, label, number, note."""
    label_w, number_w, note_w = column_widths(rows, header)
    return 1 + label_w + 1 + number_w + (1 + note_w if note_w else 0)


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
        caption = shorten(header[0], bar_w, ascii_only).center(bar_w) + " " if bar_w else ""
        heading = " " * (1 + label_w + 1) + caption + header[1].rjust(number_w) + " " + header[2]
        lines.append(padded(heading, line_w, AXIS_STYLE))
    for row, number in zip(rows, numbers):
        line = Text(no_wrap=True, end="")
        line.append(row.mark + row.label.rjust(label_w) + " ", NOTE_STYLE)
        if bar_w:
            cells, start, end = bar_cells(row.value, lo, hi, bar_w, ascii_only, ticks)
            line.append(cells[:start], AXIS_STYLE)
            line.append(cells[start:end], row.style)
            line.append(cells[end:], AXIS_STYLE)
            line.append(" ")
        line.append(number.rjust(number_w))
        if note_w:
            line.append(" " + row.note.ljust(note_w), NOTE_STYLE)
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


def lines_block(lines: Sequence[Text], console: Console) -> Block:
    width = max((line.cell_len for line in lines), default=0)
    return Block(width, [text_line(line, width, console) for line in lines])


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
        scale: |product| at the map's extremes (default: max |product|).
    """

    def __init__(self, image, weights, digit: int, scores, *,
                 labels: Sequence[str] = DIGIT_LABELS, scale: float | None = None) -> None:
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
        title = f"image {glyphs['times']} w[{label}]"
        block = WeightMap(self.product, title=title, scale=self.scale).block(console, max_width, ascii_only)
        with np.errstate(invalid="ignore", over="ignore"):
            total = float(np.sum(self.product))
        block.lines.append(text_line(f"{glyphs['sum']} = {fixed_or_compact(total, 3)}", block.width, console))
        return block

    HEADER = ("dot products", "score", "")

    def bar_rows(self, ascii_only: bool) -> list[BarRow]:
        glyphs = GLYPHS[ascii_only]
        best = best_index(self.scores)
        rows = []
        for i, (label, value) in enumerate(zip(self.labels, self.scores)):
            chosen = i == self.digit
            rows.append(BarRow(
                label, float(value),
                note=glyphs["best"] if i == best else "",
                mark=glyphs["chosen"] if chosen else " ",
                style=HIGHLIGHT_BAR_STYLE if chosen else BAR_STYLE,
            ))
        return rows

    def bar_block(self, console: Console, rows: Sequence[BarRow], width: int, ascii_only: bool) -> Block:
        lo, hi = value_range(self.scores)
        return lines_block(bar_lines(rows, width, lo, hi, ascii_only, header=self.HEADER), console)

    def block(self, console: Console, max_width: int, ascii_only: bool) -> Block:
        left = self.map_block(console, max_width, ascii_only)
        rows = self.bar_rows(ascii_only)
        room = max_width - left.width - 2
        if room >= text_width(rows, self.HEADER) + 1 + MIN_BAR:  # bars fit on the right
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
    """

    AXIS = (-0.5, 1.5)

    def __init__(self, pred, goal, labels: Sequence[str] = DIGIT_LABELS) -> None:
        self.pred = np.array(pred, dtype=float).ravel()
        self.goal = np.array(goal, dtype=float).ravel()
        count = len(self.pred)
        self.labels = list(labels)[:count] + [str(i) for i in range(len(labels), count)]

    def goal_text(self, index: int) -> str:
        if index >= len(self.goal):
            return "?"
        goal = float(self.goal[index])
        return fixed_or_compact(goal, 0 if goal.is_integer() else 2)

    def lines(self, width: int, ascii_only: bool) -> list[Text]:
        glyphs = GLYPHS[ascii_only]
        best = best_index(self.pred)
        goals = [self.goal_text(i) for i in range(len(self.pred))]
        goal_w = max([len(g) for g in goals] + [4])
        rows = []
        for i, (label, value) in enumerate(zip(self.labels, self.pred)):
            is_goal = i < len(self.goal) and self.goal[i] == 1
            note = goals[i].rjust(goal_w) + (" " + glyphs["argmax"] if i == best else "")
            rows.append(BarRow(label, float(value), note=note,
                               style=GOAL_BAR_STYLE if is_goal else BAR_STYLE))
        lo, hi = self.AXIS
        return bar_lines(rows, width, lo, hi, ascii_only, header=("output", "pred", "goal"), ticks=(1.0,))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width, options.ascii_only):
            yield from text_segments(line, console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = max((line.cell_len for line in self.lines(options.max_width, options.ascii_only)), default=1)
        return Measurement(min(20, options.max_width), max(1, min(width, options.max_width)))


# --- demo ----------------------------------------------------------------------------


def ring_image(side: int = SIDE) -> np.ndarray:
    """A hand-drawn-ish '0': an anti-aliased ring, floats 0..1."""
    y, x = np.mgrid[0:side, 0:side]
    radius = np.hypot((x - 13.5) / 0.75, y - 13.5)
    return np.clip(1.0 - np.abs(radius - 8.5) / 2.0, 0.0, 1.0)


def smooth_noise(rng: np.random.Generator, count: int = 10, passes: int = 3) -> np.ndarray:
    """``count`` smooth random 28x28 maps (box-blurred noise, a cheap gaussian)."""
    maps = rng.normal(size=(count, SIDE, SIDE))
    for _ in range(passes):
        for axis in (1, 2):
            maps = (np.roll(maps, 1, axis) + maps + np.roll(maps, -1, axis)) / 3
    return maps.reshape(count, SIDE * SIDE)


def _demo() -> None:
    console = Console()
    rng = np.random.default_rng(0)
    image = ring_image()
    weights = smooth_noise(rng)
    weights[0] += 0.3 * (image.ravel() - image.mean())  # make map 0 look like a '0'
    scores = weights @ image.ravel()
    goal = np.eye(10)[0]

    console.print(DigitImage((image * 255).astype(np.uint8), title="a drawn '0'"))
    console.print(WeightMap(weights[0], title="weights for 0", selected=True))
    console.print(WeightLegend(scale=float(np.abs(weights).max())))
    console.print(WeightMaps(weights, selected=0))
    console.print(DotProductView(image, weights, 0, scores))
    console.print(OutputBars(scores / np.abs(scores).max(), goal))


if __name__ == "__main__":
    _demo()
