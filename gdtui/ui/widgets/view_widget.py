"""Base for widgets that draw a View: set `.view`, and render() redraws.

A widget redraws only when what it shows changed (`signature`): over a slow
SSH link every unchanged region that is not sent is bytes saved.
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

    _drawn: Hashable = None  # the signature of what is on screen

    def watch_view(self, new: View | None) -> None:
        if new is None:
            return
        signature = self.signature(new)
        if signature != self._drawn:
            self._drawn = signature
            self.refresh(layout=self.AUTO_HEIGHT)

    def render(self) -> RenderableType:
        if self.view is None:
            return ""
        renderable = self.draw(self.view)
        return AsciiOnly(renderable) if self.app.ascii_only else renderable

    def draw(self, view: View) -> RenderableType:
        raise NotImplementedError
