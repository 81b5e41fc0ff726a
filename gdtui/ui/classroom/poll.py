"""The class poll, the instructor's side: `p` while presenting opens a box at
the bottom, over the lesson, and asks the class (the class socket's `poll`;
gdtui/serve/poll.py) to predict the coming step's quantity.

While it is open the box counts the answers as they come (`poll_count`,
every COUNT_EVERY seconds); Tab asks about the next quantity instead, p or
Escape cancels (`poll_cancel`). Space reveals: the answers come back
(`poll_close`), the presenting screen takes the step (so every follower
takes it too), judges each answer (gdtui.practice.poll) and keeps the result
(`poll_result`); the box shows the histogram of the answers against the true
value, and the named slips. Escape, Space or p then closes it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from gdtui.classroom.model import slip_meaning
from gdtui.practice.poll import PollResult
from gdtui.practice.predict import quantities
from gdtui.text.safe import shown, visible
from gdtui.ui.screens.dismiss import DismissesItself
from gdtui.ui.screens.terminal_size import SizedByTerminal
from gdtui.ui.widgets.predict_line import shown_value
from gdtui.viz.numbers import fmt
from gdtui.viz.poll import Bar, PollHistogram

COUNT_EVERY = 0.5  # seconds between counts of the answers


def answers_of(answer: dict | None) -> list[tuple[str, float]]:
    """(learner, number) from poll_close's answer; what is not both is left out."""
    given = answer.get("answers") if isinstance(answer, dict) else None
    out = []
    for item in given if isinstance(given, list) else []:
        user, value = (item.get("user"), item.get("answer")) if isinstance(item, dict) else (0, 0)
        if isinstance(user, str) and type(value) in (int, float) and math.isfinite(value):
            out.append((user, float(value)))
    return out


def histogram(result: PollResult, ascii_only: bool = False) -> PollHistogram:
    """The result's bars and slips, as the histogram draws them."""
    def label(low: float, high: float) -> str:
        if result.quantity == "direction":
            return shown_value("direction", low, ascii_only)
        return fmt(low, 3) if low == high else f"{fmt(low, 3)} … {fmt(high, 3)}"

    bars = [Bar(label(b.low, b.high), b.count, b.right, b.truth_in) for b in result.bins()]
    slips = [(name, n, slip_meaning(name)) for name, n in result.slips.items()]
    return PollHistogram(bars, shown_value(result.quantity, result.truth, ascii_only), slips,
                         ascii_only)


class PollScreen(DismissesItself, SizedByTerminal, ModalScreen[None]):
    BINDINGS = [
        Binding("space", "reveal", "Reveal", priority=True),
        Binding("tab", "cycle", "Another quantity", priority=True),
        Binding("escape,p", "cancel", "Cancel", priority=True),
    ]
    DEFAULT_CSS = """
    PollScreen { align: center bottom; background: $background 0%; }
    PollScreen > Vertical {
        width: 100%; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    PollScreen #hint { color: $text-muted; }
    """

    def __init__(self, lesson_screen, request: Callable[[dict, Callable], None]) -> None:
        super().__init__()
        # The PresentingScreen, asked only through poll_asked, poll_title,
        # next_quantity and reveal_poll.
        self.lesson_screen = lesson_screen
        self.request = request  # (message, reply(answer or None)) to the class socket
        self.poll_id: int | None = None  # the server's number for it, once opened
        self.sent = 0  # learners it was sent to
        self.count = 0
        self.result: PollResult | None = None
        self.revealing = False
        self.problem = ""
        self.drawn = False
        self.counting = False  # a poll_count asked, not answered yet

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="question")
            yield Static(id="body")
            yield Static(id="hint")

    def on_mount(self) -> None:
        self.drawn = True  # composed: show() may draw (is_mounted is not yet true here)
        self.ask()
        self.set_interval(COUNT_EVERY, self.ask_count)

    # -- asking ------------------------------------------------------------------------
    def ask(self) -> None:
        """Ask the class (again: the server closes a poll still open first)."""
        self.poll_id, self.count = None, 0
        self.request({"op": "poll", "poll": self.lesson_screen.poll_asked()}, self.opened)
        self.show()

    def opened(self, answer: dict | None) -> None:
        if answer is None:
            self.problem = "the class was not asked"
        else:
            self.poll_id, self.sent, self.problem = answer.get("id"), answer.get("sent", 0), ""
        self.show()

    def ask_count(self) -> None:
        # One count at a time: a slow server is not sent a queue of them.
        if (self.poll_id is not None and self.result is None and not self.revealing
                and not self.counting):
            self.counting = True
            self.request({"op": "poll_count"}, self.counted)

    def counted(self, answer: dict | None) -> None:
        self.counting = False
        if answer and answer.get("open") and answer.get("id") == self.poll_id:
            if answer.get("answers") != self.count:
                self.count = answer.get("answers", 0)
                self.show()

    # -- keys --------------------------------------------------------------------------
    def action_cycle(self) -> None:
        if self.result is None and not self.revealing:
            self.lesson_screen.next_quantity()
            self.ask()

    def action_reveal(self) -> None:
        if self.result is not None:
            self.dismiss()
        elif self.poll_id is not None and not self.revealing:
            self.revealing = True
            self.request({"op": "poll_close", "id": self.poll_id}, self.closed)
            self.show()

    def closed(self, answer: dict | None) -> None:
        self.result = self.lesson_screen.reveal_poll(answers_of(answer))
        if self.result is None:  # no step could be taken: nothing to judge against
            self.dismiss()
            return
        if answer is None:
            self.problem = "the answers could not be had: none are counted"
        self.show()

    def action_cancel(self) -> None:
        if self.result is None and not self.revealing:
            self.request({"op": "poll_cancel"}, lambda answer: None)
        if not self.revealing or self.result is not None:
            self.dismiss()

    # -- drawing -----------------------------------------------------------------------
    def show(self) -> None:
        if not self.drawn:
            return
        title = Text("Class poll · ", style="bold")
        title.append_text(shown(self.lesson_screen.poll_title(revealed=self.result is not None)))
        if self.result is None:
            body = Text("asking…" if self.poll_id is None else
                        f"{self.count} answer(s) · asked {self.sent} connected learner(s) "
                        "(not those working on their own)")
            hint = ("revealing…" if self.revealing else
                    "Space reveals and steps · Tab another quantity · p or Esc cancels")
        else:
            r = self.result
            head = Text(f"{r.answers} answer(s): {r.right} right, {r.verdicts['close']} close, "
                        f"{r.verdicts['wrong']} wrong", style="bold")
            body = Group(head, histogram(r, self.app.ascii_only))
            hint = "Space, p or Esc closes"
        if self.problem:
            hint = f"{self.problem} · {hint}"
        self.query_one("#question", Static).update(title)
        self.query_one("#body", Static).update(body)
        self.query_one("#hint", Static).update(Text(visible(hint)))


def quantity_cycle(rule, quantity: str) -> str:
    """The quantity after `quantity` among the rule's (Tab)."""
    asks = quantities(rule)
    return asks[(asks.index(quantity) + 1) % len(asks)] if quantity in asks else asks[0]
