"""The class view's small screens: a learner's recent answers, a message to
send, a yes/no before ending a session."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from gdtui.classroom.model import slip_meaning as describe
from gdtui.text.safe import visible
from gdtui.ui.screens.dismiss import DismissesItself
from gdtui.ui.screens.terminal_size import SizedByTerminal
from gdtui.ui.widgets.field import Field
from gdtui.viz.numbers import fmt

MAX_MESSAGE = 500


class AnswersScreen(DismissesItself, SizedByTerminal, ModalScreen):
    """One learner's recent answers and slips, newest first."""

    DEFAULT_CSS = """
    AnswersScreen { align: center middle; }
    AnswersScreen > Vertical { width: 96%; height: 90%; border: round $accent; background: $surface; }
    AnswersScreen #title, AnswersScreen #meaning { height: 1; padding: 0 1; }
    AnswersScreen DataTable { height: 1fr; }
    """
    BINDINGS = [Binding("escape,enter,q", "close", "Close")]

    def __init__(self, name: str, answers: list) -> None:
        super().__init__()
        self.learner = name
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(answers_title(self.learner, self.answers)), id="title")
            table = DataTable(cursor_type="row", zebra_stripes=True)
            # The answer in its verdict's colour (and the verdict in words beside the slip).
            table.add_columns("at", "lesson", "step", "of", "answer", "truth", "verdict / slip")
            for a in reversed(self.answers):
                style = {"right": "green", "close": "yellow"}.get(a.verdict or "", "red")
                verdict = a.verdict or ""
                table.add_row(datetime.fromtimestamp(a.at).strftime("%H:%M:%S"),
                              visible(a.lesson or ""), "" if a.step is None else str(a.step),
                              visible(a.quantity or ""),
                              Text("" if a.answer is None else fmt(a.answer), style=style),
                              "overflow" if a.truth is None else fmt(a.truth),
                              Text(verdict + (f": {visible(a.slip)}" if a.slip else "")
                                   + (f" · said: {visible(a.explained)}" if a.explained else ""),
                                   style=style))
            if not self.answers:
                table.add_row("", "(no answers yet)", "", "", "", "", "")
            yield table
            yield Static(id="meaning")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        answers = list(reversed(self.answers))
        row = event.cursor_row
        slip = answers[row].slip if 0 <= row < len(answers) else None
        text = f"{visible(slip)}: {describe(slip)}" if slip else ""
        self.query_one("#meaning", Static).update(Text(text))

    def action_close(self) -> None:
        self.dismiss(None)


def answers_title(learner: str, answers: list) -> str:
    """The answers window's title: how many there are and how many were right."""
    right = sum(a.verdict == "right" for a in answers)
    if not answers:
        said = "no answers yet"
    elif len(answers) == 1:
        said = f"the last answer, {'right' if right else 'not right'}"
    else:
        said = f"the last {len(answers)} answers, {right} right"
    return f"{visible(learner)}: {said} (Esc closes)"


class MessageScreen(DismissesItself, SizedByTerminal, ModalScreen[str | None]):
    """A line to send to one learner (name) or the whole class (None)."""

    DEFAULT_CSS = """
    MessageScreen { align: center middle; }
    MessageScreen > Vertical { width: 80%; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, name: str | None) -> None:
        super().__init__()
        self.learner = name

    def compose(self) -> ComposeResult:
        to = "the whole class" if self.learner is None else visible(self.learner)
        with Vertical():
            yield Static(Text(f"Message to {to} (Enter sends, Esc cancels)"))
            yield Field(limit=MAX_MESSAGE, placeholder="e.g. try a smaller alpha")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(DismissesItself, SizedByTerminal, ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Static { width: auto; max-width: 90%; border: round $error; background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        yield Static(Text(f"{self.question} (y / n)"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
