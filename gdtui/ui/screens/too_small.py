"""Shown instead of the app while the terminal is below the minimum size."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from gdtui.ui.language import say
from gdtui.ui.screens.terminal_size import SizedByTerminal

MIN_WIDTH, MIN_HEIGHT = 60, 16


class TooSmallScreen(SizedByTerminal, ModalScreen[None]):
    BINDINGS = [Binding("q", "app.quit", "Quit")]
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen > Static { width: auto; max-width: 100%; height: auto; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="message")

    def on_resize(self) -> None:
        w, h = self.app.size  # not the event's: it may be one already gone (terminal_size.py)
        self.query_one("#message", Static).update(
            say(self.app, "too_small", w=MIN_WIDTH, h=MIN_HEIGHT, now=f"{w}x{h}")
        )
