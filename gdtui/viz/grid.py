"""A grid of one-line cells that draws what Rich's `Table.grid` draws, at a
fraction of the cost.

Rich's Table measures every cell through Measurement and Padding, twice
when tables nest, and renders each cell through a Padding: in run mode
that was ~40 % of a frame's CPU (py-spy, multi-io at 80x24). Our grids hold
one-line cells in no-wrap columns, so a column's width is simply its widest
cell, and the rest of Table's layout (flexible columns by ratio, shrinking
evenly when too wide, spreading out when expanded) is a few lines of
integer arithmetic. The arithmetic is Rich's own (rich.table's
_calculate_column_widths for no-wrap columns; rich._ratio's two helpers,
re-stated below), so a grid looks exactly as the Table did:
tests/viz/test_grid.py holds it to Table.grid cell for cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import ceil
from typing import Literal, Union

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from gdtui.viz.plotting import text_segments

Cell = Union[Text, "Grid", str]


@dataclass
class _Column:
    justify: Literal["left", "right"] = "left"
    ratio: int | None = None


@dataclass
class Grid:
    """Table.grid(padding=(0, gap), expand=expand) with no_wrap columns and
    one-line Text cells (or grids); a str cell is plain text, never markup."""

    gap: int = 0
    expand: bool = False
    columns: list[_Column] = field(default_factory=list)
    rows: list[tuple[Text | Grid, ...]] = field(default_factory=list)
    # Each column's widest cell, once: a nested grid's widths are asked for
    # at every level above it (~100 times a multi-io step, uncached).
    _widest: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    def add_column(self, justify: Literal["left", "right"] = "left",
                   ratio: int | None = None) -> None:
        self.columns.append(_Column(justify, ratio))
        self._widest = None

    def add_row(self, *cells: Cell) -> None:
        assert len(cells) == len(self.columns), "one cell per column"
        self.rows.append(tuple(Text(c) if isinstance(c, str) else c for c in cells))
        self._widest = None

    # -- layout ----------------------------------------------------------------
    def _pads(self) -> list[int]:
        # Table.grid collapses padding and drops it at the edges: a gap after
        # every column but the last.
        n = len(self.columns)
        return [self.gap if i < n - 1 else 0 for i in range(n)]

    def _natural(self) -> list[int]:
        """Each column's widest cell, without its gap."""
        if self._widest is None:
            self._widest = [max((_width(row[i]) for row in self.rows), default=0)
                            for i in range(len(self.columns))]
        return self._widest

    def natural_width(self) -> int:
        return sum(self._natural()) + sum(self._pads())

    def widths(self, max_width: int) -> list[int]:
        """Each column's width at `max_width`, gap included, as Rich's Table
        works it out for no-wrap columns."""
        pads = self._pads()
        content = self._natural()
        natural = [min(c + p, max_width) for c, p in zip(content, pads)]
        widths = [n or 1 for n in natural]
        ratios = [c.ratio or 0 for c in self.columns if c.ratio]
        if self.expand and any(ratios):
            fixed = [0 if c.ratio else n for c, n in zip(self.columns, natural)]
            minimums = [1 + p for c, p in zip(self.columns, pads) if c.ratio]
            flex = iter(_distribute(max_width - sum(fixed), ratios, minimums))
            widths = [f + next(flex) if c.ratio else w
                      for c, f, w in zip(self.columns, fixed, widths)]
        table_width = sum(widths)
        if table_width > max_width:  # no column wraps: all shrink evenly
            widths = _reduce(table_width - max_width, [1] * len(widths), widths, widths)
            table_width = sum(widths)
            widths = [w if w - p < 1 else min(c + p, w) for c, p, w in zip(content, pads, widths)]
        if table_width < max_width and self.expand:
            widths = [w + extra for w, extra in zip(widths, _distribute(max_width - table_width, widths))]
        return widths

    # -- drawing ---------------------------------------------------------------
    def lines(self, console: Console, max_width: int) -> list[list[Segment]]:
        widths = self.widths(max_width)
        pads = self._pads()
        out: list[list[Segment]] = []
        for row in self.rows:
            cells = [_cell_lines(console, cell, column.justify, w - p, p)
                     for cell, column, w, p in zip(row, self.columns, widths, pads)]
            height = max(len(c) for c in cells)
            for y in range(height):
                line: list[Segment] = []
                for cell, w in zip(cells, widths):
                    line.extend(cell[y] if y < len(cell) else [_blank(w)])
                out.append(line)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        for line in self.lines(console, options.max_width):
            yield from line
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = self.natural_width()
        if self.expand:
            width = options.max_width
        return Measurement(width, width).with_maximum(options.max_width)


def _width(cell: Text | Grid) -> int:
    return cell.natural_width() if isinstance(cell, Grid) else cell.cell_len


def _cell_lines(console: Console, cell: Text | Grid, justify: str, width: int,
                pad: int) -> list[list[Segment]]:
    """One cell's lines, `width` cells of content then `pad` of gap."""
    if width < 1:  # no room: Rich draws the column as blanks
        return [[_blank(width + pad)]]
    gap = [_blank(pad)] if pad else []
    if isinstance(cell, Grid):
        lines = cell.lines(console, width)
        return [_padded(line, width) + gap for line in lines] or [[_blank(width + pad)]]
    # Text's own justify and overflow win over the column's, as in Rich.
    right = (cell.justify or justify) == "right"
    short = width - cell.cell_len
    if short >= 0 and not (right and cell.plain[-1:].isspace()):
        # It fits (most cells): Rich's copy, truncate, pad and join (~40 us a
        # cell, 38 cells a multi-io step) come to the cell's segments and a
        # blank in its style on one side.
        return [_fitted(console, cell, short, right) + gap]
    overflow = cell.overflow or "ellipsis"
    line = cell.copy()
    if right:
        line.rstrip()
        line.truncate(width, overflow=overflow)
        line.pad_left(width - line.cell_len)
    else:
        line.truncate(width, overflow=overflow, pad=True)
    # Joined, as Text.__rich_console__ does: the base style becomes a span.
    return [_padded(list(JOIN.join((line,)).render(console)), width) + gap]


def _base(console: Console, cell: Text) -> Style | None:
    return console.get_style(cell.style, default=NULL) if cell.style else None


def _fitted(console: Console, cell: Text, short: int, right: bool) -> list[Segment]:
    """What Rich draws of a cell that fits, `short` blanks in its style on
    the left (right) or right, cut where Rich cuts it: at its spans' ends
    (the blanks join a neighbouring stretch that no span covers)."""
    plain, spans, fill = cell.plain, cell.spans, " " * short
    if not spans:  # Text.render alone would drop the style of a Text without spans
        text = fill + plain if right else plain + fill
        return [Segment(text, _base(console, cell))] if text else []
    body = text_segments(cell, console)
    if not short:
        return body
    if right:
        if min(span.start for span in spans) > 0:
            return [Segment(fill + body[0].text, body[0].style)] + body[1:]
        return [Segment(fill, _base(console, cell))] + body
    if max(span.end for span in spans) < len(plain):
        return body[:-1] + [Segment(body[-1].text + fill, body[-1].style)]
    return body + [Segment(fill, _base(console, cell))]


def _blank(width: int) -> Segment:
    return Segment(" " * width, NULL)


NULL = Style.null()
JOIN = Text("\n")


def _padded(segments: list[Segment], width: int) -> list[Segment]:
    short = width - Segment.get_line_length(segments)
    return segments + [_blank(short)] if short > 0 else segments


# Rich's rich._ratio.ratio_reduce and ratio_distribute (a private module), as they are.
def _reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    ratios = [r if m else 0 for r, m in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * total / total_ratio))
            result.append(value - distributed)
            total -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _distribute(total: int, ratios: list[int], minimums: list[int] | None = None) -> list[int]:
    if minimums:
        ratios = [r if m else 0 for r, m in zip(ratios, minimums)]
    total_ratio = sum(ratios)
    assert total_ratio > 0, "ratios must add up to more than 0"
    result = []
    for ratio, minimum in zip(ratios, minimums or [0] * len(ratios)):
        distributed = max(minimum, ceil(ratio * total / total_ratio)) if total_ratio > 0 else total
        result.append(distributed)
        total_ratio -= ratio
        total -= distributed
    return result


if __name__ == "__main__":
    grid = Grid(gap=1)
    grid.add_column()
    grid.add_column(justify="right")
    grid.add_row("pred", Text("0.76472", style="bold"))
    grid.add_row("weight_delta", "-0.038808")
    Console().print(grid)
