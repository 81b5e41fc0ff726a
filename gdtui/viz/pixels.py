"""Drawing primitives for the MNIST pictures: numpy arrays -> Rich segments.

Palettes, glyph ramps and geometry; array helpers (shapes, scales, levels);
``Block`` layout; half-block / ASCII pixel rows drawn as few runs as possible;
``PixelMap``, the base of ``DigitImage`` and ``WeightMap``.  Why half blocks,
xterm-256 palettes and merged runs: see ``gdtui.viz.digits``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

import numpy as np
from rich.color import Color
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from gdtui.viz.plotting import padded, shorten

# --- geometry ---------------------------------------------------------------
SIDE = 28  # MNIST images are 28x28 pixels
SMALL_SIDE = 14  # "small" maps: 2x2 pixel blocks averaged -> 14 cols x 7 rows
MIN_SIDE = 8  # below this a map no longer reads as a digit
GAP = 1  # columns between maps side by side

# --- palettes (xterm-256 colour numbers) -----------------------------------
# Greyscale for images, black -> white: 8 levels, evenly spaced on the
# xterm grey ramp (232-255 are greys 8, 18, .. 238; 16 is black, 231 white).
GREY_PALETTE = (16, 237, 240, 243, 246, 249, 252, 231)
# Diverging ramp for signed weights, as the book draws them: bright = high,
# dark = negative, mid grey = 0. 11 levels, most negative -> most positive:
# five greys darker than the middle grey 244, five warm tints of one family
# (tan, orange, peach, cream) brighter, ending in white. Lightness (CIELAB
# L*) carries the value, so the picture survives NO_COLOR (Textual then shows
# each colour's luminance) and 256-colour terminals (these ARE xterm-256
# colours); the warm tint says "positive" at a glance.
# L*: 5.5 19.9 28.9 41.6 49.6 | 53.6 | 59.2 63.8 78.3 88.4 100: level -k and
# +k sit the same distance from the middle to within 2 L* (test_digits checks
# 4). Each level more costs ~5% more bytes per map on the wire (runs of one
# colour get shorter); 11 keeps the ten maps at 120x40 under 30 KB a step.
SIGNED_PALETTE = (233, 236, 238, 241, 243, 244, 137, 173, 216, 223, 231)
NAN_COLOUR = 201  # magenta: not a weight colour, so a diverged map stands out

UPPER_HALF = "▀"
LOWER_HALF = "▄"
FULL_BLOCK = "█"
# ASCII brightness ramp for images, dark -> bright.
ASCII_GREY_RAMP = " .:-=+*#%@"
# ASCII weight maps. A text row is two pixel rows, and a ramp of one glyph a
# cell drew a 14-pixel digit in 7 rows of noise at 80x24. So a positive
# weight is ink that says which of the two pixels holds it: the upper (' weak,
# " strong), the lower (. o) or both (: #); a negative one is a stroke (-
# weak, = strong); about zero is blank. The shape keeps its height, and the
# sign reads without colour. Weak from ASCII_WEAK of the scale, strong from
# ASCII_STRONG: below a third is blank, so the digit's ink is not lost in the
# many small weights around it.
ASCII_WEAK, ASCII_STRONG = 0.3, 0.65
ASCII_NEGATIVE = "-="  # weak, strong
ASCII_UPPER, ASCII_LOWER, ASCII_BOTH = "'\"", ".o", ":#"  # weak, strong
ASCII_SIGNED_GLYPHS = ASCII_NEGATIVE[::-1] + " " + ASCII_UPPER[0] + ASCII_LOWER[0] + ASCII_BOTH[0] \
    + ASCII_UPPER[1] + ASCII_LOWER[1] + ASCII_BOTH[1]  # the legend's order: = - ' . : " o #


def _cell_glyph(upper: int, lower: int) -> str:
    """The glyph of a cell from its two pixels' levels (-2 .. 2)."""
    ink = max(upper, lower)
    if ink > 0:
        strong = int(ink == 2)
        if upper > 0 and lower > 0:
            return ASCII_BOTH[strong]
        return (ASCII_UPPER if upper > 0 else ASCII_LOWER)[strong]
    stroke = min(upper, lower)
    return ASCII_NEGATIVE[-stroke - 1] if stroke < 0 else " "


# [upper + 2][lower + 2] -> glyph
ASCII_CELLS = np.array([[_cell_glyph(u, l) for l in range(-2, 3)] for u in range(-2, 3)], dtype=object)


def ascii_weight_lines(values: np.ndarray, scale: float) -> list[list[Segment]]:
    """Signed pixel rows (an even number) -> one plain segment per pair; a
    pair with a NaN is ASCII_NAN."""
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        size = np.abs(values / scale)
        levels = np.sign(values) * ((size >= ASCII_WEAK).astype(np.int64) + (size >= ASCII_STRONG))
    levels = np.nan_to_num(levels, nan=0).astype(np.int64)
    if values.shape[0] % 2:  # an odd last row: its lower pixel is blank
        levels = np.vstack([levels, np.zeros((1, levels.shape[1]), np.int64)])
        nan = np.vstack([np.isnan(values), np.zeros((1, values.shape[1]), bool)])
    else:
        nan = np.isnan(values)
    glyphs = ASCII_CELLS[levels[0::2] + 2, levels[1::2] + 2]
    glyphs[nan[0::2] | nan[1::2]] = ASCII_NAN
    return [[Segment("".join(row))] for row in glyphs]
ASCII_NAN = "?"

TITLE_STYLE = Style(bold=True)
SELECTED_STYLE = Style(bold=True, reverse=True)

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


# The palette's ends sit at this percentile of |weight|: the few largest
# weights (a stroke every sample shares) would otherwise squeeze the rest of
# the picture into the three levels around grey. Beyond it, shades saturate.
SCALE_PERCENTILE = 99.5


def auto_scale(values: np.ndarray, scale: float | None = None) -> float:
    """The |value| drawn at the palette's ends: ``scale`` if usable, else the
    SCALE_PERCENTILE of |finite|, else max |finite|, else 1."""
    if scale is not None and math.isfinite(scale) and scale > 0:
        return float(scale)
    finite = np.abs(values[np.isfinite(values)])
    for pick in (lambda a: np.percentile(a, SCALE_PERCENTILE), np.max):
        biggest = float(pick(finite)) if finite.size else 0.0
        if math.isfinite(biggest) and biggest > 0:
            return biggest
    return 1.0


def area_weights(count: int, into: int) -> np.ndarray:
    """[into, count] matrix averaging ``count`` cells into ``into`` cells of
    equal width, each input weighted by how much of it an output covers."""
    edges = np.arange(into + 1) * count / into
    left, right = edges[:-1, None], edges[1:, None]
    cells = np.arange(count)[None, :]
    overlap = np.clip(np.minimum(right, cells + 1) - np.maximum(left, cells), 0.0, None)
    return overlap / overlap.sum(axis=1, keepdims=True)


def resample(values: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Shrink ``values`` to ``rows`` x ``cols`` by area averaging (each output
    cell is the mean of the pixels it covers, partial pixels pro rata), or
    enlarge by nearest pixel.

    NaN and inf propagate into their block on purpose: a map that diverged
    should look diverged, not quietly averaged away (those maps take the
    block-average path below, where a block is whole pixels).
    """
    in_rows, in_cols = values.shape
    if (in_rows, in_cols) == (rows, cols):
        return values
    if rows <= in_rows and cols <= in_cols and np.isfinite(values).all():
        return area_weights(in_rows, rows) @ values @ area_weights(in_cols, cols).T
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


def lines_block(lines: Sequence[Text], console: Console) -> Block:
    width = max((line.cell_len for line in lines), default=0)
    return Block(width, [text_line(line, width, console) for line in lines])


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


def side_of(size: str | int) -> int:
    """Pixels per side of a map drawn at ``size``: "full", "small" or a number."""
    return {"full": SIDE, "small": SMALL_SIDE}.get(size, size)


def map_width(max_width: int, side: int) -> int:
    return max(1, min(side, max_width))


# --- the maps' base ----------------------------------------------------------------


class PixelMap:
    """Shared plumbing for DigitImage and WeightMap: subclasses set ``values`` and
    implement ``_unicode`` / ``_ascii`` (pixel values -> lines of segments)."""

    title: str | None = None
    selected: bool = False
    size: str = "full"

    @property
    def side(self) -> int:
        return side_of(self.size)

    @staticmethod
    def checked_size(size: str | int) -> str | int:
        if size not in ("full", "small") and not (isinstance(size, int) and 1 <= size <= SIDE):
            raise ValueError(f"size must be 'full', 'small' or 1..{SIDE} pixels, got {size!r}")
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
