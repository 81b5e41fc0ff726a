"""`?`: every key, in one place."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("Space", "take one step"),
    ("b", "step back (the weights return exactly)"),
    ("r", "run / pause"),
    ("+ / -", "run faster / slower"),
    ("0", "reset the lesson"),
    ("e", "edit alpha, step_amount, input, goal, weights"),
    ("← / →", "select a weight"),
    ("f", "freeze / unfreeze the selected weight"),
    ("l", "log scale for the error curve"),
    ("L", "lesson note in English / 中文"),
    ("s", "save the trace so far (CSV and JSON Lines)"),
    ("E / m / d", "MNIST: one pass over the images / the ten maps / the dot product"),
    ("↑ ↓ PgUp PgDn", "scroll"),
    ("Tab", "focus the history table"),
    ("Escape", "back to the lesson list"),
    ("Ctrl+P", "command palette: open any lesson"),
    ("?", "this help"),
    ("q", "quit"),
]


def keys_table() -> Table:
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, what in KEYS:
        table.add_row(key, what)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("[b]Keys[/b]  (Escape or ? closes)")
            yield Static(keys_table())

    def action_close(self) -> None:
        self.dismiss(None)
