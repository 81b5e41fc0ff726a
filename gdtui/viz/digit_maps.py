"""The MNIST maps as Rich renderables: digit images and weight maps.

* ``DigitImage``    - a greyscale 28x28 image.
* ``WeightMap``     - one signed 28x28 map (image-like, diverging colours).
* ``WeightMaps``    - ten maps side by side on one shared scale.
* ``WeightLegend``  - one line explaining the map colours / ASCII glyphs.

Pure functions of numpy arrays (no Textual, no engine), drawn with the
primitives of ``gdtui.viz.pixels``.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from gdtui.viz.glyphs import GLYPHS
from gdtui.viz.pixels import (
    ASCII_BOTH,
    ASCII_GREY_RAMP,
    ASCII_LOWER,
    ASCII_NAN,
    ASCII_SIGNED_GLYPHS,
    ASCII_UPPER,
    GAP,
    GREY_PALETTE,
    NAN_COLOUR,
    SIDE,
    SIGNED_PALETTE,
    MIN_SIDE,
    SMALL_SIDE,
    TITLE_STYLE,
    Block,
    PixelMap,
    as_map_stack,
    as_square,
    ascii_lines,
    ascii_weight_lines,
    auto_scale,
    grey_levels,
    half_block_lines,
    map_width,
    normalise_image,
    resample,
    render_block,
    row_pairs,
    run_style,
    side_by_side,
    side_of,
    signed_levels,
    stacked,
    text_line,
    text_segments,
)
from gdtui.viz.numbers import fixed_or_compact

DIGIT_LABELS = tuple(str(d) for d in range(10))


class DigitImage(PixelMap):
    """A 28x28 greyscale image (floats 0..1 or integers 0..255), 28 cols x 14 rows.

    Args:
        pixels: 784 values or a 28x28 array.  NaN draws as black.
        title: optional centred line above the image.
        size: "full" (28x28 pixels) or "small" (averaged to 14x14: 14 cols x 7 rows).
    """

    def __init__(self, pixels, *, title: str | None = None, size: str | int = "full") -> None:
        self.values = normalise_image(pixels)
        self.title = title
        self.size = self.checked_size(size)

    def _unicode(self, values: np.ndarray) -> list[list[Segment]]:
        return half_block_lines(grey_levels(values, len(GREY_PALETTE)), GREY_PALETTE)

    def _ascii(self, values: np.ndarray) -> list[list[Segment]]:
        return ascii_lines(grey_levels(row_pairs(values), len(ASCII_GREY_RAMP)), ASCII_GREY_RAMP)


class WeightMap(PixelMap):
    """One output's 784 signed weights drawn as a 28x28 picture (28 cols x 14 rows).

    Shades (``SIGNED_PALETTE``, 11 levels symmetric around 0), as the book
    draws them: bright = high weight, dark = negative, mid grey = 0; NaN =
    magenta.

    ASCII (``gdtui.viz.pixels.ascii_weight_lines``): a cell is two pixel
    rows; a positive weight is ink in the upper (``'`` ``"``), the lower
    (``.`` ``o``) or both (``:`` ``#``) of them, weak and strong; a negative
    one a stroke (``-`` ``=``); blank is about zero; NaN is ``?``. The sign
    reads without colour, the shape keeps its height (see ``WeightLegend``).

    Args:
        weights: 784 values or a 28x28 array.
        title: optional centred line above the map.
        scale: the |weight| drawn at the extremes (default: ``auto_scale``:
            the 99.5th percentile of |w|, or 1 when all are zero); pass a
            shared value so several maps compare.
        selected: draw the title reversed and bold (ASCII: ``[title]``).
        size: "full", "small" (14 cols x 7 rows) or pixels per side (n cols
            x n/2 rows).
    """

    def __init__(
        self, weights, *, title: str | None = None, scale: float | None = None,
        selected: bool = False, size: str | int = "full",
    ) -> None:
        self.values = as_square(weights, "weights")
        self.scale = auto_scale(self.values, scale)
        self.title = title
        self.selected = selected
        self.size = self.checked_size(size)

    def levels(self, max_width: int) -> np.ndarray:
        """The shade index of each drawn pixel (len(SIGNED_PALETTE) = NaN)."""
        values = resample(self.values, self.side, map_width(max_width, self.side))
        return signed_levels(values, self.scale, len(SIGNED_PALETTE))

    def _unicode(self, values: np.ndarray) -> list[list[Segment]]:
        levels = signed_levels(values, self.scale, len(SIGNED_PALETTE))
        return half_block_lines(levels, (*SIGNED_PALETTE, NAN_COLOUR))

    def _ascii(self, values: np.ndarray) -> list[list[Segment]]:
        return ascii_weight_lines(values, self.scale)


# The words around the pictures, in English; the app passes its language's.
WORDS = {"dark_bright": "dark < 0 < bright"}


class WeightLegend:
    """One line: how to read a weight map's shades (or ASCII glyphs).

    The words say dark / grey / bright, never a hue: lightness is what the
    shades share in truecolor, 256 colours and NO_COLOR's monochrome alike.

    Args:
        ascii_only: force the ASCII / Unicode form; None = from the console.
        scale: the |weight| at the extremes, printed at both ends when given.
        title: what the maps are (before the colon).
        note: said instead of the shades (all weights 0: nothing to read yet).
        words: WORDS in another language.
    """

    def __init__(self, ascii_only: bool | None = None, *, scale: float | None = None,
                 title: str = "weights", note: str | None = None,
                 words: dict[str, str] | None = None) -> None:
        self.ascii_only = ascii_only
        self.scale = scale
        self.title = title
        self.note = note
        self.words = {**WORDS, **(words or {})}

    def text(self, ascii_only: bool, width: int | None = None) -> Text:
        """The line; in ASCII, when it would pass `width` (80 columns), its
        key packed closer, then without the NaN glyph's (seen only after an
        overflow), so that what is cut is never which glyph is which half."""
        forms = [(False, True), (True, True), (True, False)] if ascii_only else [(False, True)]
        for packed, nan in forms:
            line = self._text(ascii_only, packed, nan)
            if width is None or line.cell_len <= width:
                break
        return line

    def _text(self, ascii_only: bool, packed: bool = False, nan: bool = True) -> Text:
        glyphs = GLYPHS[ascii_only]
        line = Text(no_wrap=True, end="")
        line.append(f"{self.title}: ", TITLE_STYLE)
        if self.note is not None:
            line.append(self.note)
            return line
        ends = ("", "")
        if self.scale is not None:
            number = fixed_or_compact(self.scale, 3)
            ends = (f"{glyphs['minus']}{number} ", f" +{number}")  # beyond: the end shade
        line.append(ends[0])
        if ascii_only:
            gap = "" if packed else " "
            line.append(gap.join("|" if g == " " else g for g in ASCII_SIGNED_GLYPHS))  # | : 0
            line.append(ends[1])
            halves = ((ASCII_UPPER, "top"), (ASCII_LOWER, "low"), (ASCII_BOTH, "both"))
            if packed:  # ('" top .o low :# both ?nan)
                key = " ".join(f"{pair} {name}" for pair, name in halves)
                line.append(f" ({key}{f' {ASCII_NAN}nan' if nan else ''})")
            else:  # (' " top . o low : # both, ? nan)
                key = " ".join(f"{pair[0]} {pair[1]} {name}" for pair, name in halves)
                line.append(f"  ({key}{f', {ASCII_NAN} nan' if nan else ''})")
        else:
            for colour in SIGNED_PALETTE:
                line.append(" ", run_style(None, colour))  # a swatch, same Style as the maps
            line.append(ends[1])
            line.append("  " + self.words["dark_bright"])
        return line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        ascii_only = options.ascii_only if self.ascii_only is None else self.ascii_only
        text = self.text(ascii_only, options.max_width)
        text.truncate(options.max_width, overflow="crop")
        yield from text_segments(text, console)
        yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        ascii_only = options.ascii_only if self.ascii_only is None else self.ascii_only
        width = min(self.text(ascii_only, options.max_width).cell_len, options.max_width)
        return Measurement(width, width)


class WeightMaps:
    """Ten weight maps on one shared scale, as large as the space allows.

    Args:
        maps: shape (10, 784), (10, 28, 28) or the book's (784, 10).
        selected: index of the map whose label is highlighted, or None.
        labels: one title per map.
        scale: shared |weight| at the extremes (default: ``auto_scale`` over all maps).
        size: "auto": the largest even side (<= 28 pixels, >= MIN_SIDE) at
            which the maps fit the width and, when the console gives one,
            the height, in rows of five or one row of ten, whichever is
            larger; or "full", "small" or a side in pixels for every map.
        legend: add a WeightLegend line with the shared scale (or this one).
    """

    PER_ROW = (5, 10)

    def __init__(
        self, maps, *, selected: int | None = None, labels: Sequence[str] = DIGIT_LABELS,
        scale: float | None = None, size: str | int = "auto", legend: bool | WeightLegend = True,
    ) -> None:
        if size != "auto":
            PixelMap.checked_size(size)
        self.maps = as_map_stack(maps)
        self.scale = auto_scale(self.maps, scale)
        self.selected = selected
        self.labels = list(labels) + [str(i) for i in range(len(labels), len(self.maps))]
        self.size = size
        self.legend = bool(legend)
        self.legend_line = legend if isinstance(legend, WeightLegend) else WeightLegend(scale=self.scale)

    def layout(self, max_width: int, height: int | None) -> tuple[int, int]:
        """(pixels per side, maps per row)."""
        count = max(len(self.maps), 1)
        if self.size != "auto":
            side = side_of(self.size)
            return side, max(1, (max_width + GAP) // (map_width(max_width, side) + GAP))
        best = (0, 1)
        for per_row in self.PER_ROW:
            per_row = min(per_row, count)
            side = min(SIDE, (max_width + GAP) // per_row - GAP)
            if height is not None:
                rows = -(-count // per_row)
                text_rows = (height - self.legend) // rows - 1  # one title line per map
                side = min(side, 2 * text_rows)
            side -= side % 2
            if side > best[0]:
                best = (side, per_row)
        side, per_row = best
        if side < MIN_SIDE:  # too little room: small maps, as many per row as fit
            side = min(SMALL_SIDE, max(1, max_width))
            per_row = max(1, (max_width + GAP) // (side + GAP))
        return side, per_row

    def block(self, console: Console, max_width: int, ascii_only: bool, height: int | None = None) -> Block:
        side, per_row = self.layout(max_width, height)
        blocks = [
            WeightMap(weights, title=self.labels[i], scale=self.scale,
                      selected=i == self.selected, size=side).block(console, max_width, ascii_only)
            for i, weights in enumerate(self.maps)
        ]
        rows = [side_by_side(blocks[i : i + per_row]) for i in range(0, len(blocks), per_row)]
        if self.legend:
            legend = self.legend_line.text(ascii_only, max_width)
            width = min(legend.cell_len, max_width)
            rows.append(Block(width, [text_line(legend, width, console)]))
        return stacked(rows)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from render_block(self.block(console, options.max_width, options.ascii_only, options.height))

    def natural_width(self, max_width: int, ascii_only: bool, height: int | None) -> int:
        """Width of the widest line at ``max_width`` (without building the maps)."""
        side, per_row = self.layout(max_width, height)
        width = map_width(max_width, side)
        per_row = max(1, min(len(self.maps), per_row))
        legend = self.legend_line.text(ascii_only, max_width).cell_len if self.legend else 0
        return min(max_width, max(per_row * (width + GAP) - GAP, legend))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = self.natural_width(options.max_width, options.ascii_only, options.height)
        return Measurement(min(SMALL_SIDE, options.max_width), max(1, width))
