"""The garbage collector runs between keys, not inside a step's frame.

Python's collector runs whenever 700 objects more were made than freed: a
step of the lesson screen makes thousands (rows of text, segments, strips),
so at 120x40 it ran inside nearly every frame, 0.2 ms a press on average
and 1-3 ms when an older generation's turn came (measured in-process over
60 presses). Almost all of it is freed by reference counting anyway; the
collector only looks for cycles.

So after start-up (whose objects live as long as the app: frozen, never
scanned) the automatic collector is off, and a timer collects instead when
no key has come for QUIET seconds, in the pause a learner takes to read
the new numbers. A key held down for long still gets a collection once
LIMIT objects are waiting, so memory stays bounded whatever comes in.
"""

from __future__ import annotations

import gc
import time

QUIET = 0.15  # seconds without a key: the learner is reading
EVERY = 0.25  # how often the timer looks
LIMIT = 50_000  # objects made and not freed since the last collection: collect anyway
FULL_EVERY = 20  # one collection in this many is of all generations


class QuietCollector:
    """Collects for `app` between keys (keyed() is told of each key)."""

    def __init__(self) -> None:
        self.last_key = 0.0
        self.collections = 0
        self.timer = None

    def start(self, app) -> None:
        """From now on: frozen what exists, collected by the timer only."""
        gc.freeze()
        gc.disable()
        self.timer = app.set_interval(EVERY, self.tick, name="quiet collector")

    def keyed(self) -> None:
        self.last_key = time.monotonic()

    def tick(self) -> None:
        waiting = gc.get_count()[0]
        quiet = time.monotonic() - self.last_key >= QUIET
        if waiting >= gc.get_threshold()[0] and (quiet or waiting >= LIMIT):
            self.collections += 1
            gc.collect(2 if self.collections % FULL_EVERY == 0 else 1)
