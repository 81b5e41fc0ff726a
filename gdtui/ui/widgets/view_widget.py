"""Base for widgets that draw a View: set `.view`, and render() redraws."""

from __future__ import annotations

from rich.console import RenderableType
from textual.reactive import reactive
from textual.widget import Widget

from gdtui.ui.view import View
from gdtui.viz.ascii import AsciiOnly


class ViewWidget(Widget):
    view: reactive[View | None] = reactive(None, layout=True)

    def render(self) -> RenderableType:
        if self.view is None:
            return ""
        renderable = self.draw(self.view)
        return AsciiOnly(renderable) if self.app.ascii_only else renderable

    def draw(self, view: View) -> RenderableType:
        raise NotImplementedError
