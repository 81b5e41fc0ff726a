"""Predict mode's question: a small box at the bottom, over the lesson.

The lesson stays in view above it (the chain shows the coming step's input,
goal and weights). A number is typed and Enter submits; a keyed question
is answered by one key (practice.predict.KEYED): a direction by ↑, ↓ or =
(stays: also s or 0, the words of practice.predict.DIRECTIONS), MNIST's
guess by a digit; Tab asks about another quantity; Esc skips. It is a screen of its own so
that the lesson's one-key bindings (b, r, -, 0 …) do not catch what is typed.
Dismissed with an Asked (guess None = skipped).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from gdtui.practice.predict import KEYED, parse_key, parse_number
from gdtui.text.safe import shown
from gdtui.ui.language import for_terminal, say
from gdtui.ui.screens.dismiss import DismissesItself
from gdtui.ui.screens.terminal_size import SizedByTerminal
from gdtui.ui.widgets.field import Field


@dataclass(frozen=True)
class Asked:
    quantity: str  # what was asked last (the next question starts there)
    guess: float | None  # None: skipped


class PredictScreen(DismissesItself, SizedByTerminal, ModalScreen[Asked]):
    # show_question focuses the field, or nothing for a keyed question: Textual's
    # own first focus would give the hidden field the digit a guess is answered by.
    AUTO_FOCUS = ""  # (None would mean the app's: "*")
    BINDINGS = [
        Binding("escape", "skip", "Skip", priority=True),
        Binding("tab", "cycle", "Another quantity", priority=True),
    ]
    DEFAULT_CSS = """
    PredictScreen { align: center bottom; background: $background 0%; }
    PredictScreen > Vertical {
        width: 100%; height: auto; border: round $accent; background: $surface; padding: 0 1;
    }
    PredictScreen Input, PredictScreen Input:focus { border: none; height: 1; padding: 0; }
    PredictScreen #hint { color: $text-muted; }
    """

    def __init__(self, quantities: tuple[str, ...], quantity: str,
                 question: Callable[[str], str]) -> None:
        super().__init__()
        self.quantities = quantities
        self.quantity = quantity if quantity in quantities else quantities[0]
        self.question = question  # quantity -> the question's line

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="question")
            yield Field(id="guess", placeholder=say(self.app, "ask_placeholder"))
            yield Static(id="hint")

    def on_mount(self) -> None:
        self.show_question()

    def show_question(self) -> None:
        keyed = self.quantity in KEYED
        # shown(): the question names the lesson's labels; a refusal quotes what was typed.
        self.query_one("#question", Static).update(shown(for_terminal(self.app, self.question(self.quantity))))
        hint = {"guess": "ask_digit_keys", "direction": "ask_direction_keys",
                "error_change": "ask_direction_keys"}.get(self.quantity, "ask_keys") + (
            "_one" if len(self.quantities) == 1 else "")  # one: Tab has nothing to change to
        self.query_one("#hint", Static).update(say(self.app, hint))
        guess = self.query_one("#guess", Input)
        guess.display = not keyed
        if keyed:
            self.set_focus(None)  # the keys come to on_key, not the hidden field
        else:
            guess.focus()

    def action_cycle(self) -> None:
        k = self.quantities.index(self.quantity)
        self.quantity = self.quantities[(k + 1) % len(self.quantities)]
        self.show_question()

    def on_key(self, event: events.Key) -> None:
        """A keyed question: a key that answers it does (↑ is the key "up", =
        is "=" or "equals_sign", a digit its character); other keys do nothing."""
        if self.quantity not in KEYED:
            return
        try:
            value = parse_key(self.quantity, event.character if event.is_printable else event.key)
        except ValueError:
            return
        event.stop()
        event.prevent_default()
        self.dismiss(Asked(self.quantity, value))

    def action_skip(self) -> None:
        self.dismiss(Asked(self.quantity, None))

    @on(Input.Submitted, "#guess")
    def submitted(self, event: Input.Submitted) -> None:
        try:
            guess = parse_number(event.value)
        except ValueError:
            text = event.value.strip() or "…"
            self.query_one("#hint", Static).update(shown(say(self.app, "ask_bad", text=text)))
            return
        self.dismiss(Asked(self.quantity, guess))
