"""Run mode: the trainer takes steps on the app's event loop, a short slice at a time.

Why not a thread: the engine's steps are Python-bound, so a stepping thread
holds the GIL nearly all the time, and every hop of a key through Textual's
event loop waited for it (up to the 5 ms switch interval, dozens of hops per
key). After a minute at max speed q took 0.6-2 s, and on a loaded 2-core
machine the key fuzz saw no progress for 10 s. On the loop, a slice of steps
is one callback among the others, and flat out the loop gets a breath between
slices, so the dozens of hops a key takes run back to back. Measured under a
pty (tests/benchmarks/test_run_mode_keys.py): a key after a minute at max
speed 0.5-3 s before, ~0.2 s now; max speed keeps about a third of the bare
engine's steps (frames cost the rest).

Run mode pauses by itself where the chapter would stop and look: at an
overflow, and where the error first gets next to 0 (the engine's converged,
gdtui.engine.diagnose), going back the few steps a slice took past it. A run
started there runs on (r again: the learner asked for more). Stepped says
why, and the screen says it on the status line.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from functools import partial

from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker

from gdtui.engine.diagnose import first_converged
from gdtui.ui.session import LessonSession


# Redraw at most 10 times a second. A frame of learning-steps costs ~9 ms of
# CPU at 80x24: at 20 a second run mode took 0.18 of a core per learner, at
# 10 it takes 0.095 (a class of 20 running is a core less); 10 frames a second
# still shows the dot sliding down the U.
FRAME = 1 / 10
# ... and within a budget: frames (and all but the stepping) take at most
# this share of a core on average, so a big terminal or a slow machine gets
# fewer frames, not a busier core. A frame of learning-steps costs ~8 ms of
# CPU at 80x24 (10 a second fit) but ~12 ms at 120x40 (about 5 a second);
# a class of learners in run mode is then bounded by the budget, whatever
# their terminals (issue 19: 0.08 of a core a learner).
FRAME_BUDGET = 0.07
SLOWEST = 0.5  # however dear a frame, at least two a second
SLICE = 0.006  # step at most this long, then let the loop run (keys, frames)
BREATHE = 0.001  # flat out: the pause between slices, for chains of messages to run
CHUNK = 32  # steps per trainer.run call: fast for MNIST, the clock checked often


@dataclass
class Stepped(Message):
    """Run mode took steps (or stopped): redraw."""

    finished: bool = False
    paused: str | None = None  # why run mode stopped by itself: "converged" or "overflow"

    def can_replace(self, message: Message) -> bool:
        # A burst of redraw requests collapses into the newest one (a slow
        # frame must not pile them up), but a finish is never dropped.
        return isinstance(message, Stepped) and (message.finished or not self.finished)


class RunMode:
    """Steps `session` (gdtui.ui.session) at its speed in steps a second
    (None: flat out) in an async task on `screen`, and posts Stepped to it at
    most once a frame."""

    def __init__(self, screen: Widget, session: LessonSession) -> None:
        self.screen, self.session = screen, session
        self.worker: Worker | None = None

    def start(self, until: int | None = None, fastest: bool = False) -> None:
        """Run until stopped, diverged or `until` steps are done."""
        self.stop()
        # A callable, not a coroutine: a run stopped before it starts leaves
        # no coroutine behind that was never awaited.
        self.worker = self.screen.run_worker(partial(self.run, until, fastest), name="run mode")

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.worker = None

    @staticmethod
    def frame_wait(since: float, drawing: float) -> float:
        """Seconds until the next frame is due (<= 0: now), `since` s after the
        last one, which with all else but the stepping has cost `drawing` s
        of CPU since: not before FRAME, nor before the average is back within
        FRAME_BUDGET, and never later than SLOWEST."""
        return min(SLOWEST, max(FRAME, drawing / FRAME_BUDGET)) - since

    async def run(self, until: int | None, fastest: bool) -> None:
        session = self.session
        trainer = session.trainer
        started, taken, posted = time.monotonic(), 0, trainer.steps_done
        last_post = started
        cpu_at_post, stepping = time.process_time(), 0.0  # CPU since the last frame; of it, steps
        # Pause where the error gets next to 0, unless it already was (r to run on),
        # and never on MNIST: one image's error is not the lesson's.
        watch = not session.lesson.is_image_lesson and first_converged(trainer.errors[-1:]) is None
        while True:
            speed = None if fastest else session.speed
            now = time.monotonic()
            if speed is None:
                due = 1 << 30
            else:
                due = int((now - started) * speed) + 1 - taken
                if due > speed:  # after a pause or a slow frame, don't race to catch up
                    started, taken, due = now, 0, 1
            deadline = now + SLICE
            cpu = time.process_time()
            before = trainer.steps_done
            while due > 0 and time.monotonic() < deadline:
                chunk = min(due, CHUNK)
                if until is not None:
                    chunk = min(chunk, until - trainer.steps_done)
                done = session.run(chunk)
                taken, due = taken + done, due - done
                if done < chunk or chunk == 0:
                    break
            stepping += time.process_time() - cpu
            taken_now = trainer.steps_done - before
            paused = "overflow" if trainer.stopped else None
            if watch and paused is None and taken_now:
                errors = trainer.errors
                at = first_converged(errors, max(0, errors.size - taken_now))
                if at is not None:
                    session.back_to(trainer.errors_from + at)
                    paused = "converged"
            if paused or (until is not None and trainer.steps_done >= until):
                self.worker = None
                self.screen.post_message(Stepped(finished=True, paused=paused))
                return
            now = time.monotonic()
            wait = self.frame_wait(now - last_post, time.process_time() - cpu_at_post - stepping)
            if trainer.steps_done != posted and wait <= 0:
                posted, last_post = trainer.steps_done, now
                cpu_at_post, stepping = time.process_time(), 0.0
                self.screen.post_message(Stepped())
                wait = FRAME
            # Flat out: straight on after the loop's turn; else until the next
            # step or the next frame is due, whichever comes first.
            await asyncio.sleep(BREATHE if speed is None else max(BREATHE, min(wait, 1 / speed)))
