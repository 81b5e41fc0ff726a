"""What the fuzz tests share: a watchdog that turns a hung app into a failure."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable

import pytest

# A healthy app answers in well under a second, even on a loaded 2-core
# machine: after this long without progress, fail rather than wait (and grow)
# without bound.
PATIENCE = 30.0


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
