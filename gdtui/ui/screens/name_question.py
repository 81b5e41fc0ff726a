"""The spotlighted learner's question: may the class see their name with
their lesson? y: yes; n or Escape: no (the class sees "a classmate's")."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from gdtui.ui.screens.dismiss import DismissesItself
from gdtui.ui.screens.terminal_size import SizedByTerminal


class NameQuestion(DismissesItself, SizedByTerminal, ModalScreen[bool]):
    DEFAULT_CSS = """
    NameQuestion { align: center middle; }
    NameQuestion > Static { width: auto; max-width: 90%; border: round $accent;
                            background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("y", "answer(True)", "Yes", priority=True),
                Binding("n,escape", "answer(False)", "No", priority=True)]

    def __init__(self, question: str, keys: str) -> None:
        super().__init__()
        self.question, self.keys = question, keys

    def compose(self) -> ComposeResult:
        text = Text(self.question)  # names in it are visible() already
        text.append("\n" + self.keys, style="dim")
        yield Static(text)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
