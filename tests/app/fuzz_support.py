"""What the fuzz tests share: a watchdog that turns a hung app into a failure."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Callable

import pytest
from textual import events
from textual.geometry import Size
from textual.pilot import WaitForScreenTimeout

# A healthy app answers in well under a second, even on a loaded 2-core
# machine: after this long without progress, fail rather than wait (and grow)
# without bound.
PATIENCE = 30.0


# The character each key sends (None: a key without one, like an arrow).
CHARS = {
    "space": " ", "plus": "+", "minus": "-", "equals_sign": "=", "question_mark": "?",
    "full_stop": ".", "escape": "\x1b", "enter": "\r", "tab": "\t", "backspace": "\x7f",
    "left": None, "right": None, "up": None, "down": None, "pageup": None, "ctrl+p": "\x10",
}


class AppHung(Exception):
    pass


class Watchdog:
    """Fail, instead of hanging (and growing), when the fuzz stops making progress.

    If the app's event loop is starved (say, run mode posting redraws faster
    than they are handled), no await in the test returns, so no timeout in it
    can fire. A thread that hears no heartbeat for `patience` seconds cancels the
    app's workers (run mode), which lets the loop run again, and notes why;
    if that does not help, it raises AppHung in the main thread via a signal."""

    def __init__(self, app, describe: Callable[[], str], patience: float = PATIENCE) -> None:
        self.app, self.describe, self.patience = app, describe, patience
        self.fired: str | None = None
        self.last_beat = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def beat(self) -> None:
        self.last_beat = time.monotonic()
        if self.fired:
            pytest.fail(self.fired)

    def _watch(self) -> None:
        while not self._stop.wait(0.5):
            if time.monotonic() - self.last_beat < self.patience:
                continue
            if self.fired is None:
                self.fired = f"no progress for {self.patience:.0f}s, {self.describe()}"
                if self.app is not None:
                    self.app.workers.cancel_all()
            else:
                os.kill(os.getpid(), signal.SIGUSR1)
            self.last_beat = time.monotonic()

    def _hung(self, signum, frame):
        raise AppHung(self.fired)

    def __enter__(self) -> Watchdog:
        self._previous = signal.signal(signal.SIGUSR1, self._hung)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        signal.signal(signal.SIGUSR1, self._previous)


# Pilot.press and Pilot.pause() wait for the process to look idle (CPU time
# against wall time, up to 1 s, twice per key): with run mode busy they always
# wait the full second, so a fuzz built on them crawled and, on a loaded
# machine, stalled past its watchdog. These wait for a condition instead: that
# the screen and its widgets have handled what was sent (handled below).


async def handled(pilot, attempts: int = 10) -> None:
    """Pilot.pause(0): until the app and the screen's widgets have handled
    what was sent, then draw. Textual's wait counts one callback per widget;
    a widget removed meanwhile (a form closing) may never answer, and the
    wait then sat out its whole 30 s timeout (seen once under load, on the
    edit form). Shorter waits, each on the widgets there now, end as soon as
    everything is handled; a real hang still stops the watchdog's heartbeat."""
    for attempt in range(attempts):
        try:
            # pause(0): wait for the screen, no idle wait, then draw.
            await asyncio.wait_for(pilot.pause(0), 3.0)
            break
        except (asyncio.TimeoutError, WaitForScreenTimeout):
            if attempt == attempts - 1:
                raise  # nothing handled in 30 s: say so, do not go on as if it were


async def press(pilot, *keys: str) -> None:
    """Press keys one after another, each handled before the next is sent."""
    for key in keys:
        # Straight into the app's queue: the driver's send_message only
        # schedules the post, and the wait below could be queued before it.
        pilot.app.post_message(events.Key(key, CHARS.get(key, key)))
        await handled(pilot)


async def resize(pilot, width: int, height: int) -> None:
    """Resize the (headless) terminal: Pilot.resize_terminal without its wait
    for an idle CPU (the headless driver's own size is read only at start)."""
    pilot.app.post_message(events.Resize(Size(width, height), Size(width, height)))
    await handled(pilot)
