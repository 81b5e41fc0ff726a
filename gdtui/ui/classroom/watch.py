"""`w`: a learner's screen, live and read-only, at the learner's size.

A thread reads the server's watch stream (gdtui.classroom.client.Watch) and
posts each chunk; the screen feeds it to the Mirror. No key reaches the
learner: this screen only draws. When the instructor's terminal is smaller
than the learner's, a note says so and the mirror scrolls."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from gdtui.text.safe import visible
from gdtui.ui.classroom.mirror import Mirror
from gdtui.ui.screens.terminal_size import SizedByTerminal


class Streamed(Message):
    def __init__(self, kind: str, value) -> None:
        super().__init__()
        self.kind, self.value = kind, value


class WatchScreen(SizedByTerminal, Screen):
    DEFAULT_CSS = """
    WatchScreen #note { height: 1; padding: 0 1; background: $panel; }
    WatchScreen #view { height: 1fr; }
    """
    BINDINGS = [Binding("escape,q,w", "close", "Back")]

    def __init__(self, state_dir: Path, name: str) -> None:
        super().__init__()
        self.state_dir = state_dir
        self.learner = name
        self.watching = None
        self.learner_size = (80, 24)
        self.ended = ""

    def compose(self) -> ComposeResult:
        yield Static(Text(f"watching {visible(self.learner)}…"), id="note")
        with ScrollableContainer(id="view"):
            yield Mirror(80, 24)
        yield Footer()

    def on_mount(self) -> None:
        self.stream()

    @work(thread=True, exclusive=True, group="watch")
    def stream(self) -> None:
        from gdtui.classroom.client import NoServer, Watch

        worker = get_current_worker()
        try:
            watching = Watch(self.state_dir, self.learner)
        except NoServer as exc:
            self.post_message(Streamed("end", str(exc)))
            return
        self.watching = watching
        self.post_message(Streamed("size", watching.size))
        for kind, value in watching.messages():
            if worker.is_cancelled:
                break
            self.post_message(Streamed(kind, value))
        watching.close()

    @on(Streamed)
    def streamed(self, message: Streamed) -> None:
        mirror = self.query_one(Mirror)
        if message.kind == "size":
            self.learner_size = message.value
            mirror.resize_to(*message.value)
        elif message.kind == "out":
            mirror.feed(message.value)
        else:
            self.ended = message.value
        self.note()

    def on_resize(self) -> None:
        self.note()

    def note(self) -> None:
        cols, rows = self.learner_size
        here_cols, here_rows = self.app.size.width, self.app.size.height - 2
        text = f"{visible(self.learner)}'s screen, {cols}x{rows}, read-only · Esc back"
        if self.ended:
            text = f"{visible(self.learner)}: {visible(self.ended)} · Esc back"
        elif cols > here_cols or rows > here_rows:
            text += (f" · yours shows {min(cols, here_cols)}x{min(rows, here_rows)} of it: "
                     "scroll or enlarge")
        self.query_one("#note", Static).update(Text(text))

    def action_close(self) -> None:
        if self.watching is not None:
            self.watching.close()  # the reading thread ends at once
        self.app.pop_screen()
