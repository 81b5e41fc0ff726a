"""Reading a class server's store (its state folder's class.db), read-only:
for `gdtui class` and `gdtui progress --state-dir`. The server is the only writer."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from gdtui.store.db import Unusable, kept, open_reader
from gdtui.store.rows import read_progress, said
from gdtui.store.events import Event
from gdtui.store.progress import LessonProgress, Progress
from gdtui.store.schema import EVENT_COLUMNS

STORE_NAME = "class.db"
_COLUMNS = "learner, session_id, seq, at, kind, " + ", ".join(EVENT_COLUMNS)


def store_path(state_dir: str | Path) -> Path:
    return Path(state_dir) / STORE_NAME


def served_progress(state_dir: str | Path, user: str) -> tuple[Progress, str | None, str | None]:
    """user's progress in the server's store; a line saying why there is none;
    a line about rows left out (values the store never writes: the server
    takes them out when that learner next logs in)."""
    progress = Progress(user)
    try:
        conn = open_reader(store_path(state_dir))
    except Unusable as exc:
        return progress, str(exc), None
    try:
        refused = read_progress(conn, progress)
    except sqlite3.Error as exc:
        return progress, f"cannot read the class store ({exc})", None
    finally:
        conn.close()
    return progress, None, (f"the class store holds values that cannot be saved again "
                            f"({said(refused)}): left out") if refused else None


def last_poll(state_dir: str | Path) -> dict | None:
    """The last class poll kept (class_state `poll`), or None. Unusable if
    there is no store; sqlite3.Error if it cannot be read."""
    conn = open_reader(store_path(state_dir))
    try:
        row = kept(conn, "poll")
    finally:
        conn.close()
    try:
        poll = json.loads(row[1]) if row else None
    except ValueError:
        return None  # not written by the server: nothing to show
    return poll if isinstance(poll, dict) else None


def all_poll_answers(state_dir: str | Path) -> list[dict]:
    """Every class poll's answers (gdtui.store.polls). Unusable if there is
    no store; sqlite3.Error if it cannot be read."""
    from gdtui.store.polls import poll_answers

    conn = open_reader(store_path(state_dir))
    try:
        return poll_answers(conn)
    finally:
        conn.close()


class Row:
    """One event as read back: the learner, its writer's numbering, the Event."""

    __slots__ = ("learner", "key", "event")

    def __init__(self, values: tuple) -> None:
        self.learner = values[0]
        self.key = (values[1], values[2])
        at, kind = values[3], values[4]
        fields = dict(zip(EVENT_COLUMNS, values[5:]))
        self.event = Event(kind, at=at, **fields)


def events_since(conn: sqlite3.Connection, at: float) -> list[Row]:
    """Every event stamped at or after `at`, oldest first."""
    return [Row(values) for values in conn.execute(
        f"SELECT {_COLUMNS} FROM events WHERE at >= ? ORDER BY at, session_id, seq", (at,))]


def all_events(conn: sqlite3.Connection) -> Iterator[Row]:
    """The whole history, learner by learner, each in time order (the grading table)."""
    for values in conn.execute(f"SELECT {_COLUMNS} FROM events ORDER BY learner, at, session_id, seq"):
        yield Row(values)


def all_progress(conn: sqlite3.Connection) -> dict[tuple[str, str], LessonProgress]:
    """(learner, lesson) -> progress, for every learner: the class's counts."""
    out = {(learner, lesson): LessonProgress(opened, [], right, asked, best)
           for learner, lesson, opened, right, asked, best in conn.execute(
               "SELECT learner, lesson, opened, answered_right, asked, best_streak FROM lessons")}
    for learner, lesson, exercise in conn.execute(
            "SELECT learner, lesson, exercise FROM ticks ORDER BY at, exercise"):
        out.setdefault((learner, lesson), LessonProgress()).exercises.append(exercise)
    return out
