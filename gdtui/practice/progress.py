"""A learner's progress as the app keeps it: the Recorder the lesson screen
reports to, one method per thing the learner did.

The Recorder keeps the learner's progress in memory (what the lesson list
shows) and hands each event to a sink: the store (gdtui.store) for the app
on one's own machine, the channel to the class server when served (the
server is the store's only writer there). No UI here.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from pathlib import Path

import platformdirs

from gdtui.practice.predict import Answer
from gdtui.store.events import Event, finite
from gdtui.store.names import check_name
from gdtui.store.progress import LessonProgress, Progress, apply

__all__ = ["LessonProgress", "Progress", "Recorder", "open_recorder", "table"]

STORE_NAME = "progress.db"

Sink = Callable[[Event], "str | None"]  # a line to show when it could not keep the event


class ProgressError(ValueError):
    """A bad --user name: one line."""


def default_user() -> str:
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no such uid in a container, no USER
        return "learner"
    try:
        return check_name(name)
    except ValueError:
        return "learner"


def user_name(given: str | None) -> str:
    if given is None:
        return default_user()
    try:
        return check_name(given)
    except ValueError as exc:
        raise ProgressError(f"--user: {exc}") from None


def data_dir() -> Path:
    given = os.environ.get("GDTUI_DATA_DIR")
    return Path(given) if given else Path(platformdirs.user_data_dir("gdtui"))


class Recorder:
    """The lesson screen's one way to report: opened, stepped, answered,
    ticked, exercises_reset, alpha_changed, diverged, left.

    `progress` is kept up to date in memory with every event. A sink's
    problem line goes to `on_problem` (the app shows it) once."""

    def __init__(self, progress: Progress, sink: Sink | None = None, *,
                 warning: str | None = None,
                 reload: Callable[[], tuple[Progress, str | None]] | None = None) -> None:
        self.progress = progress
        self.sink = sink
        self.warning = warning  # a line to show at the start
        self._reload = reload
        self.on_problem: Callable[[str], None] | None = None
        self.problem: str | None = None  # the first one, kept for whoever looks later
        # How the sink's work is put off until the frame is out (the app's
        # call_after_refresh: False if it could not be): a step's frame does
        # not wait for a write to disk. None: at once.
        self.later: Callable[[Callable[[], None]], bool] | None = None
        self._waiting: list[Event] = []  # in order, for the sink when later runs

    @property
    def kept(self) -> bool:
        """Whether events go anywhere beyond this process."""
        return self.sink is not None

    def _record(self, event: Event) -> None:
        apply(self.progress, event)
        if self.sink is None:
            return
        self._waiting.append(event)
        if len(self._waiting) > 1:
            return  # a flush is on its way
        if self.later is None or not self.later(self.flush):
            self.flush()

    def flush(self) -> None:
        """Hand the sink every event that waits, oldest first (the app: after
        the frame, and once more as it ends)."""
        waiting, self._waiting = self._waiting, []
        for event in waiting:
            self._hand(event)

    def _hand(self, event: Event) -> None:
        line = self.sink(event)
        if line and self.problem is None:
            self.problem = line
            if self.on_problem is not None:
                self.on_problem(line)

    def reload(self) -> None:
        """Read the progress again (another process of this learner may have
        added some); a line about what was found goes to `on_problem`."""
        self.flush()  # ours first
        if self._reload is not None:
            self.progress, line = self._reload()
            if line and self.on_problem is not None:
                self.on_problem(line)

    # -- one method per event ---------------------------------------------------------
    def opened(self, lesson: str, exercises: int, alpha: float | None = None) -> LessonProgress:
        """A lesson opened (it has `exercises` exercises; its alpha, if it has
        one); its progress so far."""
        before = self.progress.lessons.get(lesson) or LessonProgress()
        before = LessonProgress(before.opened, list(before.exercises), before.right,
                                before.asked, before.best_streak,
                                {q: dict(c) for q, c in before.explained.items()})
        self._record(Event("open", lesson, step=0, total=exercises, alpha=finite(alpha)))
        return before

    def left(self, lesson: str, step: int) -> None:
        self._record(Event("leave", lesson, step=step))

    def stepped(self, lesson: str, step: int) -> None:
        """Where the run is now, after a step by hand, a step back, or a run's end."""
        self._record(Event("step", lesson, step=step))

    def answered(self, lesson: str, answer: Answer, streak: int) -> None:
        self._record(Event("answer", lesson, step=answer.step, quantity=answer.quantity,
                           answer=finite(answer.guess), truth=finite(answer.truth),
                           verdict=answer.verdict, slip=answer.slip, streak=streak))

    def explained(self, lesson: str, answer: Answer, choice: str) -> None:
        """What the learner said went wrong in a wrong answer (gdtui.practice.explain)."""
        self._record(Event("explain", lesson, step=answer.step, quantity=answer.quantity,
                           slip=choice))

    def ticked(self, lesson: str, exercise: str, step: int) -> None:
        self._record(Event("tick", lesson, step=step, exercise=exercise))

    def exercises_reset(self, lesson: str) -> None:
        self._record(Event("untick", lesson))

    def alpha_changed(self, lesson: str, step: int, old: float, new: float) -> None:
        self._record(Event("alpha", lesson, step=step, alpha=finite(new), old_alpha=finite(old)))

    def diverged(self, lesson: str, step: int) -> None:
        self._record(Event("diverged", lesson, step=step))


def memory_recorder(user: str = "learner") -> Recorder:
    """Progress kept for this run only (served without a server, and tests)."""
    return Recorder(Progress(user))


def open_recorder(user: str | None = None, root: Path | None = None) -> Recorder:
    """The app's on one's own machine: `user`'s progress in the store under
    the data dir (GDTUI_DATA_DIR overrides it), an old JSON file taken in once."""
    from gdtui.store.db import Store

    user = user_name(user)
    root = root or data_dir()
    store = Store(root / STORE_NAME)
    lines = [store.warning] if store.warning else []
    old_file = root / "progress" / f"{user}.json"
    if os.path.lexists(old_file):  # else no need to load the importer (2-3 ms of a start)
        from gdtui.store import legacy

        imported = legacy.import_once(store, user, old_file)
        if imported:
            lines.append(imported)
    progress = store.progress(user)
    lines += [line for line in [store.take_notice()] if line]
    return Recorder(progress, lambda event: store.record(user, event),
                    warning="; ".join(lines) or None,
                    reload=lambda: (store.progress(user), store.take_notice()))


def table(progress: Progress, exercises: dict[str, int]) -> str:
    """`gdtui progress` as a table: one lesson a line, in the course's order
    (`exercises`: each lesson's id and how many exercises it has). Names from
    the store are shown escaped: they may hold anything an old file held."""
    from gdtui.text.safe import visible

    rows = [("lesson", "opened", "exercises", "predict", "best streak")]
    order = list(exercises) + sorted(set(progress.lessons) - set(exercises))
    for lesson_id in order:
        entry = progress.lessons.get(lesson_id)
        if entry is None:
            continue
        total = exercises.get(lesson_id)
        done = str(len(entry.exercises)) + ("" if total is None else f"/{total}")
        rows.append((visible(lesson_id), str(entry.opened), done,
                     f"{entry.right}/{entry.asked}", str(entry.best_streak)))
    user = visible(progress.user)
    if len(rows) == 1:
        return f"no progress yet for {user}"
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    lines = [f"progress of {user}"]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)
