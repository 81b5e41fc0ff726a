"""The spotlight, the instructor's side: `s` in the class view on a learner
shows that learner's lesson to the rest of the class (the class socket's
`spotlight`; gdtui/serve/spotlight.py), as present mode shows the
instructor's: "here is what bob found".

A box at the bottom, over the class view, says whose lesson the class sees,
where it is, and what the learner answered when asked whether the class may
see their name (asked `spotlight_status` every STATUS_EVERY seconds). Escape
ends the spotlight (`spotlight_end`): the class stays where it is, on its own.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from gdtui.text.safe import visible
from gdtui.ui.screens.dismiss import DismissesItself
from gdtui.ui.screens.terminal_size import SizedByTerminal

STATUS_EVERY = 1.0  # seconds between looks at what the learner answered


def status_lines(user: str, status: dict) -> tuple[str, str]:
    """(what the class sees, what the learner said about their name)."""
    name = visible(user)
    step = status.get("step")
    where = f"{visible(str(status.get('lesson', '?')))}" + ("" if step is None else f" at step {step}")
    sees = f"the class sees {name}'s {where}"
    agreed = status.get("agreed")
    if agreed is True:
        said = f"{name} agreed: the class sees their name"
    elif agreed is False:
        said = f"{name} said no: the class sees \"a classmate's lesson\""
    else:
        said = f"asked {name} whether to show their name: \"a classmate's lesson\" until they say"
    if not status.get("connected", True):
        said += f" · {name} has left (the class still sees the lesson)"
    return sees, said


class SpotlightScreen(DismissesItself, SizedByTerminal, ModalScreen[None]):
    BINDINGS = [Binding("escape", "end", "End the spotlight", priority=True)]
    DEFAULT_CSS = """
    SpotlightScreen { align: center bottom; background: $background 0%; }
    SpotlightScreen > Vertical {
        width: 100%; height: auto; border: round $accent; background: $surface; padding: 0 1;
    }
    SpotlightScreen #hint { color: $text-muted; }
    """

    def __init__(self, user: str, started: dict, request: Callable[[dict, Callable], None]) -> None:
        super().__init__()
        self.user = user
        self.request = request  # (message, reply(answer or None)) to the class socket
        self.status = dict(started, connected=True, agreed=None)
        self.sent = started.get("sent", 0)
        self.asking = False  # a status asked, not answered yet
        self.ended = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="sees")
            yield Static(id="said")
            yield Static(id="hint")

    def on_mount(self) -> None:
        self.show()
        self.set_interval(STATUS_EVERY, self.ask_status)

    def ask_status(self) -> None:
        if not self.asking and not self.ended:  # one at a time: a slow server gets no queue
            self.asking = True
            self.request({"op": "spotlight_status"}, self.got_status)

    def got_status(self, answer: dict | None) -> None:
        self.asking = False
        if self.ended or not answer:
            return
        if not answer.get("on") or answer.get("user") != self.user:
            # Ended elsewhere (another view, the instructor presenting): nothing to end.
            self.ended = True
            self.app.notify(f"the spotlight on {visible(self.user)}'s lesson has ended",
                            markup=False)
            self.dismiss()
            return
        if answer != self.status:
            self.status = answer
            self.show()

    def show(self) -> None:
        if not self.is_attached:
            return
        sees, said = status_lines(self.user, self.status)
        title = Text("Spotlight · ", style="bold")
        title.append(sees)
        self.query_one("#sees", Static).update(title)
        self.query_one("#said", Static).update(Text(said))
        self.query_one("#hint", Static).update(Text(
            f"sent to {self.sent} learner(s) · Esc ends it: the class stays where it is"))

    def end(self) -> None:
        if not self.ended:
            self.ended = True
            self.request({"op": "spotlight_end"}, lambda answer: None)

    def action_end(self) -> None:
        self.end()
        self.dismiss()

    def on_unmount(self) -> None:
        self.end()  # q, or the view closing: the class is not left on it
