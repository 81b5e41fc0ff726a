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

from rich.console import RenderableType
from rich.segment import Segment
from textual.reactive import Reactive, var
from textual.strip import Strip
from textual.widget import Widget

from gdtui.ui.view import Part
from gdtui.viz.ascii import AsciiOnly
from gdtui.viz.plotting import CanvasRenderable, text_segments


class PartWidget(Widget):
    part: var[Part | None] = var(None, init=False)
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

    def watch_part(self, part: Part | None) -> None:
        if part is None:
            return
        rows = self.rows(part)
        if rows is not None and self.STEADY:
            rows = self.steady_rows(part, rows)
        if rows is not None and rows != self._rows:
            self._rows = rows
            self.styles.height = rows  # a layout pass, only when the height changes
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
        """What `part` draws (PlotWidget keeps it for its rows)."""
        return self.draw(self.part)

    def draw(self, part: Part) -> RenderableType:
        raise NotImplementedError


class PlotWidget(PartWidget):
    """A PartWidget whose drawing is usually rows of Text (a plot:
    gdtui.viz.plotting.CanvasRenderable), drawn through Textual's line API.

    The rows go straight to strips: no Rich render and split into lines,
    which cost a plot more than drawing it (2.7 ms of a 120x40 frame for the
    error plot, 1.2 of them in Rich). Any other drawing (several plots in a
    Table) takes Textual's own path. The drawing is made once per slice and
    size: `render` and `render_line` share it.
    """

    _drawn: tuple | None = None  # (part, size, drawing, strips or None)

    def watch_part(self, part: Part | None) -> None:
        self._drawn = None  # a new slice, or a new size (on_resize): draw again
        super().watch_part(part)

    def notify_style_update(self) -> None:
        self._drawn = None  # new colours (a theme, the CSS): the strips hold the old ones
        super().notify_style_update()

    def drawing(self) -> RenderableType:
        if self._drawn is None:  # (self.size is looked up once a drawing, not once a row)
            self._drawn = (self.part, self.size, self.draw(self.part), None)
        return self._drawn[2]

    def render_line(self, y: int) -> Strip:
        if self.part is None or not isinstance(self.drawing(), CanvasRenderable):
            return super().render_line(y)
        part, size, drawing, strips = self._drawn
        base = self.visual_style.rich_style
        if strips is None:
            console = self.app.console
            rows = drawing.render_lines(size.width, size.height, part.ascii_only)
            strips = [Strip(Segment.apply_style(text_segments(row, console), base)) for row in rows]
            self._drawn = (part, size, drawing, strips)
        return strips[y] if y < len(strips) else Strip.blank(size.width, base)
