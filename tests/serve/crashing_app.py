"""A small Textual app served like gdtui (gdtui.serve.learner.run_served) that
crashes on purpose, for the serve tests: `--at start|key|thread`."""

import sys
import threading

from textual.app import App
from textual.widgets import Static

from gdtui.serve.learner import run_served

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


def make():
    if "--at" in sys.argv and sys.argv[sys.argv.index("--at") + 1] == "start":
        raise ImportError(f"cannot import lessons from {SECRET}")
    return Crashing()


raise SystemExit(run_served(make))
