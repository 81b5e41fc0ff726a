"""Base for widgets that draw a View: bound to the screen's reactive `view`.

A widget redraws only when what it shows changed (`signature`): over a slow
SSH link every unchanged region that is not sent is bytes saved. Heights
are fixed where they can be (`rows`): a new height means a layout pass, so
it is set only when it changes.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.console import RenderableType
from textual.reactive import var
from textual.widget import Widget

from gdtui.ui.view import View
from gdtui.viz.ascii import AsciiOnly


class ViewWidget(Widget):
    view: var[View | None] = var(None)
    # Height follows the content: a redraw may change the layout.
    AUTO_HEIGHT = True

    def signature(self, view: View) -> Hashable:
        """What this widget's drawing depends on; by default, every new View."""
        return id(view)

    def rows(self, view: View) -> int | None:
        """The height this view needs, when the widget sets its own (else None)."""
        return None

    _drawn: Hashable = None  # the signature of what is on screen
    _rows: int | None = None  # the height last set

    def watch_view(self, new: View | None) -> None:
        if new is None:
            return
        rows = self.rows(new)
        if rows is not None and rows != self._rows:
            self._rows = rows
            self.styles.height = rows  # a layout pass, only when the height changes
        signature = self.signature(new)
        if signature != self._drawn:
            self._drawn = signature
            self.refresh(layout=self.AUTO_HEIGHT and rows is None)

    def on_resize(self) -> None:
        # Heights and what fits depend on the width: measure again.
        if self.view is not None:
            self._drawn = None
            self.watch_view(self.view)

    def render(self) -> RenderableType:
        if self.view is None:
            return ""
        renderable = self.draw(self.view)
        return AsciiOnly(renderable) if self.app.ascii_only else renderable

    def draw(self, view: View) -> RenderableType:
        raise NotImplementedError
