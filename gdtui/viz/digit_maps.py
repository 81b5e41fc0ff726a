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

from gdtui.viz.pixels import (
    ASCII_GREY_RAMP,
    ASCII_NAN,
    ASCII_SIGNED_RAMP,
    GAP,
    GLYPHS,
    GREY_PALETTE,
    NAN_COLOUR,
    SIDE,
    SIGNED_PALETTE,
    SIZES,
    SMALL_SIDE,
    TITLE_STYLE,
    Block,
    PixelMap,
    as_map_stack,
    as_square,
    ascii_lines,
    auto_scale,
    grey_levels,
    half_block_lines,
    map_width,
    normalise_image,
    render_block,
    row_pairs,
    run_style,
    side_by_side,
    signed_levels,
    stacked,
    text_line,
    text_segments,
)
from gdtui.viz.plotting import fixed_or_compact

DIGIT_LABELS = tuple(str(d) for d in range(10))


class DigitImage(PixelMap):
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


class WeightMap(PixelMap):
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
