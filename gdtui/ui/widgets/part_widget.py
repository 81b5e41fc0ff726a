"""Base for widgets that draw one slice of the screen (gdtui.ui.view).

The screen binds `part` to the slice's computed reactive; Textual sets it
only when the new slice is not equal to the last, so a widget redraws only
when what it draws changed: over a slow SSH link every region not sent is
bytes saved. Heights are fixed where they can be (`rows`): a new height is
a layout pass, so it is set only when it changes.

A STEADY widget keeps the tallest height it has needed (at this width, in
this language, in this `steady_key`): a line that comes and goes while
stepping (a prompt that wraps, the reveal of a prediction, a number that
no longer fits) would otherwise move the plots under it at every step.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual.color import Color
from textual.geometry import Region, Size
from textual.reactive import Reactive, var
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from gdtui.ui.driver.refresh import RefreshesAtOnce
from gdtui.ui.line_runs import runs
from gdtui.ui.view import Part, shows_the_same
from gdtui.viz.ascii import AsciiOnly, to_ascii
from gdtui.viz.grid import Grid
from gdtui.viz.plotting import Row, RowsRenderable, text_segments


class PartWidget(RefreshesAtOnce):
    part: var[Part | None] = var(None, init=False)
    slice: str | None = None  # the name of the screen's slice bound to `part`
    # No links are drawn here: without this Textual rebuilds every segment of
    # every line of a redraw to style links (Strip._apply_link_style), ~4 %
    # of a frame in run mode (py-spy).
    auto_links: Reactive[bool] = Reactive(False)
    # Height follows the content (CSS height: auto): a redraw may change the layout.
    AUTO_HEIGHT = False

    def rows(self, part: Part) -> int | None:
        """The height this part needs, when the widget sets its own (else None)."""
        return None

    STEADY = False
    _rows: int | None = None  # the height last set
    _steady: tuple[object, int] | None = None  # (steady_key, the tallest height needed)

    def steady_key(self, part: Part) -> object:
        """What the height is kept for: a new key, a new tallest height."""
        return self.size.width, part.lang

    def steady_rows(self, part: Part, rows: int) -> int:
        key = self.steady_key(part)
        if self._steady is not None and self._steady[0] == key:
            rows = max(rows, self._steady[1])
        self._steady = key, rows
        return rows

    def data_bind(self, *reactives, **bind_vars):
        bound = bind_vars.get("part")
        self.slice = getattr(bound, "name", None)  # (the screen computes it again ahead)
        return super().data_bind(*reactives, **bind_vars)

    def watch_part(self, part: Part | None) -> None:
        if part is None:
            return
        rows = self.rows(part)
        if rows is not None and self.STEADY:
            rows = self.steady_rows(part, rows)
        if rows is not None and rows != self._rows:
            self._rows = rows
            self.styles.height = rows  # a layout pass, only when the height changes
        self.repaint()

    def repaint(self) -> None:
        """Draw the new part at the next frame (RowsWidget: only its rows that changed)."""
        self.refresh(layout=self.AUTO_HEIGHT)

    def on_resize(self) -> None:
        # Heights and what fits depend on the width: measure again.
        if self.part is not None:
            self.watch_part(self.part)

    def render(self) -> RenderableType:
        if self.part is None:
            return ""
        renderable = self.drawing()
        return AsciiOnly(renderable) if self.part.ascii_only else renderable

    def drawing(self) -> RenderableType:
        """What `part` draws (RowsWidget keeps it for its rows)."""
        return self.draw(self.part)

    def draw(self, part: Part) -> RenderableType:
        raise NotImplementedError


class Drawn(NamedTuple):
    """A RowsWidget's drawing of one part at one size, and its rows as drawn
    (rows and strips: a RowsRenderable's Texts or a Grid's segments; None
    for any other drawing)."""

    part: Part
    size: Size
    drawing: RenderableType
    rows: list[Text | Row] | list[list[Segment]] | None
    strips: list[Strip | None] | None  # made when a frame first asks for the row
    framed: list[Strip | None] | None  # the same rows padded to the widget's width (Box)


class Box(NamedTuple):
    """What Textual's StylesCache adds around a line of a widget that has
    only side padding: blanks in the widget's background on either side.
    Framed here once a row, where the StylesCache looks up every border,
    outline, tint and hatch rule again at every line it draws."""

    left: tuple[Segment, ...]  # () or the blank cells left of the drawing
    right: tuple[Segment, ...]
    blank: RichStyle  # a row below the drawing
    background: Color  # what the line filters are given
    key: tuple  # what it was made from: (left, right, base background, background)

    @property
    def sides(self) -> int:
        """Cells of padding, left and right together."""
        return self.key[0] + self.key[1]

    @classmethod
    def of(cls, widget: Widget, last: Box | None = None) -> Box | None:
        """The box of `widget` now (`last` when it is the same), or None when
        its styles need Textual's path."""
        styles = widget.styles
        top, right, bottom, left = styles.padding
        if (top or bottom or any(edge for edge, _ in styles.border)
                or any(edge for edge, _ in styles.outline) or styles.tint.a
                or widget.opacity != 1 or styles.text_opacity != 1
                or (styles.has_rule("hatch") and styles.hatch != "none")
                or widget.border_title is not None or widget.border_subtitle is not None):
            return None
        key = (left, right, *widget.background_colors)
        if last is not None and last.key == key:
            return last
        base_background, background = key[2:]
        inner = Style(background=base_background + background).rich_style
        pad = lambda cells: (Segment(" " * cells, inner),) if cells else ()
        return cls(pad(left), pad(right), inner, background, key)


class RowsWidget(PartWidget):
    """A PartWidget whose drawing is rows (a plot, the chain:
    gdtui.viz.plotting.RowsRenderable; the matrices, the status line:
    gdtui.viz.grid.Grid), drawn through Textual's line API.

    The rows go straight to strips: no Rich render and split into lines,
    which cost a plot more than drawing it (2.7 ms of a 120x40 frame for the
    error plot, 1.2 of them in Rich), and the rows a widget counted for its
    height are the rows it draws. A new part repaints only the rows that
    differ from the last drawing: a step moves a U's point and its captions
    (3 rows of 28 at 120x40), and every row left alone is a row Textual
    neither styles nor composes nor sends. A widget with side padding only
    frames its rows itself (Box), as Textual's StylesCache would, and keeps
    them: a press makes ~10 % fewer Python calls (docs/performance.md).
    Any other drawing (several plots in a Table) takes Textual's own path,
    whole.

    While the learner reads a step, the screen has each rows widget draw
    the step Space would take next (draw_ahead); the repaint that shows
    that step takes the drawing, and the frame follows the key at once.
    """

    _drawn: Drawn | None = None
    _ahead: Drawn | None = None  # the coming step's drawing (draw_ahead), until a repaint

    def notify_style_update(self) -> None:
        # New colours (a theme, the CSS): the strips hold the old ones.
        self._drawn = self._ahead = None
        self._box_known = False
        super().notify_style_update()

    def draw_ahead(self, part: Part) -> None:
        """Draw `part`, the coming step's slice, before the step is taken
        (SessionScreen.draw_ahead): the repaint that shows it takes this
        drawing instead of drawing it then."""
        self._ahead = None if part == self.part else self._drawing(part, self.size)

    def drawn_ahead(self, part: Part, size: Size) -> Drawn | None:
        """The drawing made ahead, if it is `part`'s at `size`."""
        ahead = self._ahead
        if ahead is not None and ahead.size == size and shows_the_same(ahead.part, part):
            return ahead
        return None

    def repaint(self) -> None:
        before, size = self._drawn, self.size
        ahead, self._ahead = self.drawn_ahead(self.part, size), None
        self._drawn = ahead and ahead._replace(part=self.part)
        if before is None or before.rows is None or before.size != size:
            self.refresh()  # nothing to compare with: drawn whole when the frame asks
            return
        now = self._drawn or self._draw(size)
        if now.rows is None or len(now.rows) != len(before.rows):
            self.refresh()
            return
        strips = now.strips
        changed = []
        for y, (row, old) in enumerate(zip(now.rows, before.rows)):
            if row == old:
                strips[y], now.framed[y] = before.strips[y], before.framed[y]
            else:
                changed.append(y)
        # Whole rows, side padding included: a row that stops short of the
        # padding is a crop of every line sent (ChopsUpdate.render_segments).
        padding = self.styles.padding
        left, width = -padding.left, padding.left + size.width + padding.right
        if changed:  # (one call: each refresh walks the widget's caches)
            self.refresh(*[Region(left, start, width, end - start) for start, end in runs(changed)])

    def _draw(self, size: Size | None = None) -> Drawn:
        # (Widget.size finds the widget on its screen: looked up once a
        # drawing or a frame, not once a row)
        self._drawn = self._drawing(self.part, size or self.size)
        return self._drawn

    def _drawing(self, part: Part, size: Size) -> Drawn:
        drawing = self.draw(part)
        rows: list[Text | Row] | list[list[Segment]] | None = None
        if isinstance(drawing, RowsRenderable):
            rows = drawing.render_lines(size.width, size.height, part.ascii_only)
        elif isinstance(drawing, Grid):  # rows of segments already
            rows = drawing.lines(self.app.console, size.width)[:size.height or None]
        blanks = None if rows is None else [None] * len(rows)
        return Drawn(part, size, drawing, rows, blanks, blanks and blanks.copy())

    def drawing(self) -> RenderableType:
        return (self._drawn or self._draw()).drawing

    _box: Box | None = None  # the box the framed rows were made in
    _box_known = False  # looked up since the last style update or whole refresh

    def refresh(self, *regions: Region, **kwargs) -> RowsWidget:
        if not regions:  # (what an inline style's change asks for, on the
            self._box_known = False  # widget and, for a colour, its children)
        return super().refresh(*regions, **kwargs)

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.part is None:
            return super().render_lines(crop)
        size = self.size
        drawn = self._drawn
        if drawn is None or drawn.size != size:  # (a frame before on_resize)
            drawn = self._draw(size)
        box = self._box
        if not self._box_known:
            box, self._box_known = Box.of(self, self._box), True
        if box is not self._box:
            if box is None:
                # Back to Textual's path: its line cache missed the frames
                # drawn here (a whole refresh empties it).
                self.refresh()
            self._box = box
            if drawn.framed is not None:
                drawn.framed[:] = [None] * len(drawn.framed)
        if box is None or drawn.rows is None:
            return super().render_lines(crop)
        # StylesCache.render_widget's lines, for a widget with side padding only.
        filters = self.get_line_filters()
        framed, rows = drawn.framed, len(drawn.rows)
        width = size.width + box.sides
        strips = []
        for y in crop.line_range:
            strip = framed[y] if y < rows else None
            if strip is None:
                line = (self.render_line(y).adjust_cell_length(size.width, box.blank)
                        if y < size.height else Strip.blank(size.width, box.blank))
                strip = Strip([*box.left, *line, *box.right], width)
                if y < rows:
                    framed[y] = strip
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, box.background)
            strips.append(strip)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def render_line(self, y: int) -> Strip:
        if self.part is None:
            return super().render_line(y)
        drawn = self._drawn or self._draw()
        if drawn.rows is None:
            return super().render_line(y)
        base = self.visual_style.rich_style
        if y >= len(drawn.rows):
            return Strip.blank(drawn.size.width, base)
        strip = drawn.strips[y]
        if strip is None:
            row = drawn.rows[y]
            segments = text_segments(row, self.app.console) if isinstance(row, (Text, Row)) else row
            if drawn.part.ascii_only:  # as AsciiOnly does on Textual's path
                segments = [s if s.text.isascii() else Segment(to_ascii(s.text), s.style)
                            for s in segments]
            strip = drawn.strips[y] = Strip(Segment.apply_style(segments, base))
        return strip

