"""The edit form: alpha, step_amount, input(s), goal(s), weights.

Each field is checked as it is typed; a bad value gets its message right
under the field and Enter applies nothing until every field is good.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from gdtui.lessons.edits import (
    EditError,
    parse_matrix,
    parse_numbers,
    parse_positive,
    show_matrix,
    show_numbers,
)
from gdtui.engine import Trainer
from gdtui.text.i18n import tr
from gdtui.lessons.lesson import Scenario
from gdtui.ui.screens.dismiss import DismissesItself
from gdtui.ui.screens.terminal_size import SizedByTerminal
from gdtui.ui.widgets.field import Field


# The book's own names: a field of one input (or output) so named is called
# just "input" (or "goal"), not "input input" or "goal pred".
BOOK_NAMES = {"input", "pred", "output"}


def field_label(name: str, labels: tuple[str, ...]) -> str:
    """`input`, or `input (toes, %win, #fans)`: which numbers the field holds."""
    if len(labels) == 1 and labels[0] in BOOK_NAMES | {name}:
        return name
    return f"{name} ({', '.join(labels)})"


class EditScreen(DismissesItself, SizedByTerminal, ModalScreen[dict | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    EditScreen { align: center middle; }
    EditScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    EditScreen Input { margin-bottom: 0; background: $boost; }
    EditScreen Label { margin-top: 1; }
    EditScreen .error { color: $error; height: auto; }
    EditScreen .hint { color: $text-muted; }
    """

    def __init__(self, lesson: Scenario, trainer: Trainer) -> None:
        super().__init__()
        self.lesson = lesson
        s, data = trainer.settings, trainer.data
        outputs, inputs = trainer.weights.shape
        one_sample = data.samples == 1
        # field id -> (label, text shown, parser, the exact value the text shows);
        # parsers raise EditError.
        self.fields: dict[str, tuple[str, str, Callable[[str], object], object]] = {}
        setting = s.rule.setting  # alpha, step_amount or none
        if setting is not None:
            value = getattr(s, setting)
            self.fields[setting] = (setting, show_numbers(value), parse_positive, value)
        if one_sample:
            self.fields["inputs"] = (
                field_label("input", lesson.input_labels), show_numbers(data.inputs[0]),
                lambda t: parse_numbers(t, inputs)[None, :], data.inputs[:1].copy(),
            )
            self.fields["goals"] = (
                field_label("goal", lesson.output_labels), show_numbers(data.goals[0]),
                lambda t: parse_numbers(t, outputs)[None, :], data.goals[:1].copy(),
            )
        if trainer.weights.size <= 64:
            matrix = outputs > 1 and inputs > 1
            self.fields["weights"] = (
                tr("edit_weights_rows", self.app.lang) if matrix else "weights",
                show_matrix(trainer.weights) if matrix else show_numbers(trainer.weights),
                lambda t: parse_matrix(t, outputs, inputs), trainer.weights.copy(),
            )

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            # markup=False throughout: labels come from lesson files, and an
            # error quotes what was typed or pasted (`[/]` would raise).
            yield Static(tr("edit_hint", self.app.lang, id=self.lesson.id), classes="hint",
                         markup=False)
            for name, (label, value, _, _) in self.fields.items():
                yield Label(label, markup=False)  # a lesson's labels show as written
                # The old value selected: typing replaces it instead of appending.
                yield Field(value, id=name, select_on_focus=True, compact=True)
                error = Static("", id=f"{name}-error", classes="error", markup=False)
                error.display = False
                yield error

    def on_mount(self) -> None:
        # Escape typed ahead can close the form before it mounts: no fields then.
        for field in self.query(Input)[:1]:
            field.focus()

    def _check(self, name: str) -> object | None:
        _, shown, parse, exact = self.fields[name]
        message = self.query_one(f"#{name}-error", Static)
        text = self.query_one(f"#{name}", Input).value
        try:
            value = parse(text)
        except EditError as exc:
            message.update(tr("edit_" + exc.key, self.app.lang, **exc.values))
            message.display = True
            return None
        message.display = False
        # Left as shown: the value itself, not its 8 digits (0.6952 stays 0.6951999999999999).
        return exact if text == shown else value

    @on(Input.Changed)
    def on_change(self, event: Input.Changed) -> None:
        self._check(event.input.id)

    @on(Input.Submitted)
    def on_submit(self) -> None:
        values = {name: self._check(name) for name in self.fields}
        if any(v is None for v in values.values()):
            self.notify(tr("edit_fix", self.app.lang), severity="error")
            return
        # Only what was changed: Enter on an untouched form changes nothing (and says so).
        self.dismiss({name: value for name, value in values.items()
                      if not np.array_equal(value, self.fields[name][3], equal_nan=True)})

    def action_cancel(self) -> None:
        self.dismiss(None)
