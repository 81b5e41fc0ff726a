"""Base for widgets that draw one slice of the screen (gdtui.ui.view).

The screen binds `part` to the slice's computed reactive; Textual sets it
only when the new slice is not equal to the last, so a widget redraws only
when what it draws changed: over a slow SSH link every region not sent is
bytes saved. Heights are fixed where they can be (`rows`): a new height is
a layout pass, so it is set only when it changes.
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

    _rows: int | None = None  # the height last set

    def watch_part(self, part: Part | None) -> None:
        if part is None:
            return
        rows = self.rows(part)
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
