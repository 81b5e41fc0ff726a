"""A learner's progress read back from the store, every value checked.

SQLite keeps whatever a column is given: a store edited by hand or by a tool
may hold 'abc', 2.5, 1e300, -5, 9223372036854775807 or bytes where a count or
a name should be. Such a value would crash the app when its lesson opens (the
copy in memory adds 1 to it), or could not be saved again (SQLite turns
2**63 - 1 + 1 into a float). So a row is read only if every value is what the
store itself writes; the others are refused on load: left out of the progress,
taken out of the store (a copy of the store as it was is kept beside it), and
said in one line.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from gdtui.store.events import MAX_TEXT
from gdtui.store.progress import LessonProgress, Progress, explain

MAX_KEPT = 2**53  # a count read back: exact as a float, and far from SQLite's 2**63
COUNTS = ("opened", "right", "asked", "best_streak")


@dataclass(frozen=True)
class Refusal:
    """One row left out: why, and how to take it out of the store."""

    why: str
    delete: str  # SQL
    params: tuple


def _what(value: object) -> str:
    """A value from the store, short and safe to show."""
    from gdtui.text.safe import visible

    if value is None:
        return "empty"
    if isinstance(value, bytes):
        return f"{len(value):,} byte{'' if len(value) == 1 else 's'} of binary"
    if isinstance(value, str):
        return f"the text '{visible(value[:20])}{'...' if len(value) > 20 else ''}'"
    return repr(value)  # an int or a float: SQLite has no other types


def _name(value: object) -> str | None:
    """Why value is not a lesson or exercise name the store writes (None: it is)."""
    if type(value) is not str:
        return _what(value)
    if not 0 < len(value) <= MAX_TEXT:
        return f"{len(value):,} characters"
    return None


def _lesson_refusal(lesson: object, counts: tuple) -> str | None:
    from gdtui.text.safe import visible

    bad = _name(lesson)
    if bad is not None:
        return f"a lesson named {bad}"
    for name, value in zip(COUNTS, counts):
        if type(value) is not int or not 0 <= value <= MAX_KEPT:
            return f"lesson '{visible(lesson)}': {name} is {_what(value)}, not a count"
    return None


def _tick_refusal(lesson: object, exercise: object) -> str | None:
    from gdtui.text.safe import visible

    bad = _name(lesson)
    if bad is not None:
        return f"an exercise done in a lesson named {bad}"
    bad = _name(exercise)
    if bad is not None:
        return f"lesson '{visible(lesson)}': an exercise named {bad}"
    return None


def read_progress(conn: sqlite3.Connection, progress: Progress) -> list[Refusal]:
    """Fill progress with what the store has for progress.user; the rows left out."""
    learner, refused = progress.user, []
    for lesson, *counts in conn.execute(
        "SELECT lesson, opened, answered_right, asked, best_streak FROM lessons"
        " WHERE learner = ? ORDER BY lesson", (learner,)
    ):
        why = _lesson_refusal(lesson, tuple(counts))
        if why is None:
            progress.lessons[lesson] = LessonProgress(counts[0], [], *counts[1:])
        else:
            refused.append(Refusal(why, "DELETE FROM lessons WHERE learner = ? AND lesson = ?",
                                   (learner, lesson)))
    for lesson, exercise in conn.execute(
        "SELECT lesson, exercise FROM ticks WHERE learner = ? ORDER BY at, exercise", (learner,)
    ):
        why = _tick_refusal(lesson, exercise)
        if why is None:
            progress.lesson(lesson).exercises.append(exercise)
        else:
            refused.append(Refusal(
                why, "DELETE FROM ticks WHERE learner = ? AND lesson = ? AND exercise = ?",
                (learner, lesson, exercise)))
    # What the learner said went wrong (gdtui.practice.explain), if anything yet.
    try:
        explained = conn.execute(
            "SELECT lesson, quantity, choice, times FROM explained WHERE learner = ?"
            " ORDER BY lesson, quantity, choice", (learner,)).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
        explained = []  # nothing explained in this store yet
    for lesson, quantity, choice, times in explained:
        if all(_name(v) is None for v in (lesson, quantity, choice)) and type(times) is int and times > 0:
            explain(progress.lesson(lesson), quantity, choice, times)
    return refused


def readable(conn: sqlite3.Connection) -> list[tuple[str, list[tuple[str, LessonProgress]]]]:
    """Each learner's progress that can still be read from a damaged store
    (learner by learner: a damaged page loses only the learners on it)."""
    try:
        learners = sorted({row[0] for row in conn.execute(
            "SELECT learner FROM lessons UNION SELECT learner FROM ticks") if type(row[0]) is str})
    except sqlite3.Error:
        return []
    out = []
    for learner in learners:
        progress = Progress(learner)
        try:
            read_progress(conn, progress)
        except sqlite3.Error:
            continue
        if progress.lessons:
            out.append((learner, list(progress.lessons.items())))
    return out


def said(refused: list[Refusal]) -> str:
    """The rows left out, in a few words."""
    more = len(refused) - 1
    return refused[0].why + (f" (and {more} more)" if more else "")


def set_aside(conn: sqlite3.Connection, path: Path, refused: list[Refusal], copy: Path) -> str:
    """Keep a copy of the store at path as it is (at `copy`), then take the
    refused rows out (so the next write of their lesson starts it afresh);
    the line to show."""
    from gdtui.text.safe import visible

    shown = visible(str(path))
    head = f"{shown} held values that cannot be saved again ({said(refused)})"
    try:
        _copy(conn, copy)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for row in refused:
                conn.execute(row.delete, row.params)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except (sqlite3.Error, OSError) as exc:
        reason = str(exc) if isinstance(exc, sqlite3.Error) else (exc.strerror or str(exc))
        return f"{head}: left out this time (they could not be taken out: {reason})"
    return (f"{head}: left out, that progress starts again; "
            f"the store as it was is kept as {visible(copy.name)}")


def _copy(conn: sqlite3.Connection, copy: Path) -> None:
    # Made private first (O_EXCL: never through someone's link), then filled.
    os.close(os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
    try:
        target = sqlite3.connect(copy)
        try:
            conn.backup(target)
        finally:
            target.close()
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
