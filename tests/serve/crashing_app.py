"""A small Textual app served like gdtui (gdtui.serve.learner.run_served) that
crashes on purpose, for the serve tests: `--at start|key|thread|parser`."""

import sys
import threading

from textual.app import App
from textual.widgets import Static

from gdtui.serve.learner import run_served, take_terminal
from gdtui.ui.driver.driver import GdtuiDriver

SECRET = "/srv/teacher/secret-path"


class Crashing(App):
    def compose(self):
        yield Static("crashing app ready: press x")

    def on_key(self, event) -> None:
        if event.key == "x":
            raise RuntimeError(f"broken by a key in {SECRET}")
        if event.key == "t":
            threading.Thread(target=self._fail).start()  # then crash in the app
            raise ValueError(f"after a thread in {SECRET}")

    def _fail(self):
        raise OSError(f"thread failed in {SECRET}")


class BrokenParserDriver(GdtuiDriver):
    """gdtui's own parser no longer breaks on any bytes (gdtui/ui/driver/parser.py), so
    a crash in Textual's input thread is made here: Textual reports it through
    App.panic and the app exits 0 by itself, yet it crashed."""

    def run_input_thread(self) -> None:
        raise OverflowError("Python int too large to convert to C ssize_t")


def make():
    at = sys.argv[sys.argv.index("--at") + 1] if "--at" in sys.argv else None
    if at == "start":
        raise ImportError(f"cannot import lessons from {SECRET}")
    app = Crashing()
    if at == "parser":
        app.driver_class = BrokenParserDriver
    return app


def flag(name: str) -> int:
    return int(sys.argv[sys.argv.index(name) + 1])


take_terminal(flag("--channel-fd"), flag("--memory-limit"))
raise SystemExit(run_served(make))
