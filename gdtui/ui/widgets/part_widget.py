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
from textual.reactive import Reactive, var
from textual.widget import Widget

from gdtui.ui.view import Part
from gdtui.viz.ascii import AsciiOnly


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
        renderable = self.draw(self.part)
        return AsciiOnly(renderable) if self.part.ascii_only else renderable

    def draw(self, part: Part) -> RenderableType:
        raise NotImplementedError
