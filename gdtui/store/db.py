"""A store file, opened with care, written one small transaction per event.

Opening: the file and its companions (-wal, -shm, -journal) must be regular
files; a FIFO, a symlink (to /dev/zero or anywhere), a device or a folder in
their place is moved aside, and so is a file that is not a database or is
someone else's database. Each of those is one line (`Store.warning`), and a
fresh store starts: nothing is lost (what was there is kept for a look).

Writing never raises. An event that cannot be written (a full or read-only
disk, a store that cannot be opened) waits in memory, in order, and goes in
with the next write that works; the first failure is one line
(`Store.record` returns it). WAL mode and one short IMMEDIATE transaction per
event let two processes of one learner write the same store without losing
each other's work.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import stat
import time
from collections import deque
from pathlib import Path

from gdtui.store import schema
from gdtui.store.events import Event
from gdtui.store.progress import LessonProgress, Progress, apply

BUSY_SECONDS = 5.0  # waiting for another writer's transaction (each takes milliseconds)
REOPEN_EVERY = 2.0  # seconds between tries to open a store that could not be opened
MAX_PENDING = 50_000  # events kept in memory while the disk refuses them
COMPANIONS = ("-wal", "-shm", "-journal")


class Unusable(Exception):
    """This store cannot be used now; the message is the line to show."""


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    kinds = {stat.S_ISLNK: "a symbolic link", stat.S_ISDIR: "a folder",
             stat.S_ISFIFO: "a FIFO (named pipe)", stat.S_ISSOCK: "a socket",
             stat.S_ISCHR: "a device", stat.S_ISBLK: "a device"}
    return next((kind for test, kind in kinds.items() if test(mode)), "not a file")


def _stamp() -> str:
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"


def _shown(path: Path) -> str:
    from gdtui.text.safe import visible

    return visible(str(path))


def move_aside(path: Path, why: str, tag: str) -> str:
    """Rename path (and its companions) out of the way; the line to show."""
    kept = path.with_name(f"{path.name}.{tag}-{_stamp()}")
    try:
        os.rename(path, kept)
    except OSError as exc:
        raise Unusable(f"{_shown(path)} {why}, and it could not be moved aside "
                       f"({exc.strerror or exc})") from None
    for suffix in COMPANIONS:
        companion = Path(f"{path}{suffix}")
        try:
            os.rename(companion, Path(f"{kept}{suffix}"))
        except FileNotFoundError:
            pass
        except OSError:
            pass  # the database went aside; a stale companion is harmless beside a new file
    return f"{_shown(path)} {why}: kept as {_shown(Path(kept.name))}, starting afresh"


def _check_kinds(path: Path) -> list[str]:
    """Move aside whatever is not a regular file at path or a companion's name."""
    lines = []
    for name in (path, *(Path(f"{path}{s}") for s in COMPANIONS)):
        try:
            mode = os.lstat(name).st_mode
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise Unusable(f"{_shown(name)} cannot be looked at ({exc.strerror or exc})") from None
        kind = _kind(mode)
        if kind is not None:
            lines.append(move_aside(name, f"is {kind}, not a database file", "not-a-file"))
    return lines


def connect(path: Path) -> tuple[sqlite3.Connection, list[str]]:
    """A connection to a checked, gdtui store at path (made if there is none).

    Returns the connection and the lines about what was moved aside; raises
    Unusable with the line to show if no store can be had there now."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise Unusable(f"cannot make the folder {_shown(path.parent)} "
                       f"({exc.strerror or exc})") from None
    lines = _check_kinds(path)
    for _ in range(2):  # a second time after moving a bad file aside
        try:
            conn = _open(path)
        except _Bad as bad:
            lines.append(move_aside(path, bad.why, bad.tag))
            continue
        except sqlite3.Error as exc:
            raise Unusable(f"cannot open {_shown(path)} ({exc})") from None
        return conn, lines
    raise Unusable(f"cannot make a store at {_shown(path)}")


class _Bad(Exception):
    def __init__(self, why: str, tag: str) -> None:
        self.why, self.tag = why, tag


def _open(path: Path) -> sqlite3.Connection:
    try:  # private from the start: a learner's answers are theirs (SQLite's companions follow)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600))
    except OSError as exc:
        if not os.path.lexists(path):
            raise Unusable(f"cannot make {_shown(path)} ({exc.strerror or exc})") from None
    conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None,
                           check_same_thread=False)
    try:
        _check(conn)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at each checkpoint
    except BaseException:
        conn.close()
        raise
    return conn


def _check(conn: sqlite3.Connection) -> None:
    """A gdtui store of a version we know (made here if the file is empty)."""
    try:
        tables = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise
        raise _Bad(f"is not a database ({exc})", "corrupt") from None
    if not tables:
        _create(conn)
        return
    if "meta" not in tables:
        raise _Bad("is a database but not a gdtui store", "foreign")
    try:
        meta = dict(conn.execute("SELECT name, value FROM meta WHERE name IN ('format', 'version')"))
    except sqlite3.DatabaseError as exc:
        raise _Bad(f"is damaged ({exc})", "corrupt") from None
    if meta.get("format") != schema.FORMAT:
        raise _Bad("is a database but not a gdtui store", "foreign")
    version = meta.get("version", "")
    if not version.isdigit() or int(version) > schema.VERSION:
        raise Unusable(f"store written by a newer gdtui (version {version[:20]!r}): "
                       "progress is not kept this session")
    missing = {"events", "lessons", "ticks"} - tables
    if missing:
        raise _Bad(f"is a damaged gdtui store (no {', '.join(sorted(missing))} table)", "corrupt")


def _create(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have made it while we waited for the lock.
        if not conn.execute("SELECT name FROM sqlite_master WHERE name = 'meta'").fetchone():
            for statement in schema.TABLES:
                conn.execute(statement)
            conn.executemany("INSERT INTO meta (name, value) VALUES (?, ?)",
                             [("format", schema.FORMAT), ("version", str(schema.VERSION))])
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # the transaction is gone with whatever broke it


def _reason(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, sqlite3.Error) else (getattr(exc, "strerror", None)
                                                             or str(exc))


class Store:
    """One store file. `warning`: a line about what was found on opening;
    record() returns a line the first time a write fails."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.session_id = secrets.token_hex(8)  # this writer's numbering of its events
        self._seq: dict[str, int] = {}
        self._pending: deque[tuple] = deque()
        self.dropped = 0  # events given up when too many waited
        self.failing = False
        self.conn: sqlite3.Connection | None = None
        self._given_up: str | None = None  # a reason never to try again (a newer store)
        self._last_try = -REOPEN_EVERY
        self.warning = self._reopen()

    def _reopen(self) -> str | None:
        self._last_try = time.monotonic()
        try:
            self.conn, lines = connect(self.path)
        except Unusable as exc:
            if "newer gdtui" in str(exc):
                self._given_up = str(exc)
            return str(exc)
        return "; ".join(lines) or None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    # -- writing -----------------------------------------------------------------
    def record(self, learner: str, event: Event, session_id: str | None = None) -> str | None:
        """Write `event` (stamped now if it has no time) for `learner`.

        Never raises: if it cannot be written it waits with the others; the
        first failure returns the line to show, later ones None."""
        session_id = session_id or self.session_id
        seq = self._seq.get(session_id, 0) + 1
        self._seq[session_id] = seq
        if not event.at:
            event = event.stamped(time.time())
        self._pending.append((session_id, seq, learner, event))
        while len(self._pending) > MAX_PENDING:
            self._pending.popleft()
            self.dropped += 1
        return self.flush()

    def flush(self) -> str | None:
        """Write what waits; the line to show if this is the first failure."""
        problem = None
        if self.conn is None and self._given_up is None:
            if time.monotonic() - self._last_try >= REOPEN_EVERY or not self.failing:
                problem = self._reopen()
        try:
            if self.conn is None:
                raise Unusable(self._given_up or problem or f"cannot open {_shown(self.path)}")
            while self._pending:
                self._write(*self._pending[0])
                self._pending.popleft()
        except (sqlite3.Error, OSError, Unusable) as exc:
            first = not self.failing
            self.failing = True
            if first:
                why = exc if isinstance(exc, Unusable) else (
                    f"could not save progress to {_shown(self.path)}: {_reason(exc)}")
                return f"{why}; kept in memory and tried again with each change"
            return None
        self.failing = False
        return None

    @property
    def pending(self) -> int:
        return len(self._pending)

    def _write(self, session_id: str, seq: int, learner: str, event: Event) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(schema.INSERT_EVENT, (
                session_id, seq, learner, event.at, event.kind,
                *(getattr(event, name) for name in schema.EVENT_COLUMNS)))
            _update_progress(conn, learner, event)
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise

    def write_many(self, learner: str, rows: list[tuple[str, LessonProgress]], note: str,
                   meta: tuple[str, str]) -> None:
        """Merge whole lessons (an old JSON file's) into learner's progress, in
        one transaction, with an `imported` event and the meta row that says
        it was done. Raises sqlite3.Error or OSError."""
        if self.conn is None:
            raise Unusable(self._given_up or f"cannot open {_shown(self.path)}")
        self.flush()
        conn = self.conn
        seq = self._seq.get(self.session_id, 0) + 1
        self._seq[self.session_id] = seq
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(schema.INSERT_EVENT, (
                self.session_id, seq, learner, time.time(), "imported",
                *([None] * (len(schema.EVENT_COLUMNS) - 1)), note))
            now = time.time()
            for lesson, entry in rows:
                _ensure_lesson(conn, learner, lesson)
                conn.execute(
                    "UPDATE lessons SET opened = opened + ?, answered_right = answered_right + ?,"
                    " asked = asked + ?, best_streak = CASE WHEN best_streak < ? THEN ?"
                    " ELSE best_streak END WHERE learner = ? AND lesson = ?",
                    (entry.opened, entry.right, entry.asked, entry.best_streak,
                     entry.best_streak, learner, lesson))
                conn.executemany(
                    "INSERT INTO ticks (learner, lesson, exercise, at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (learner, lesson, exercise) DO NOTHING",
                    [(learner, lesson, done, now) for done in entry.exercises])
            self.set_meta(*meta)
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise

    def get_meta(self, name: str) -> str | None:
        if self.conn is None:
            return None
        row = self.conn.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_meta(self, name: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (name, value) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value", (name, value))

    def keep(self, name: str, value: str, at: float) -> None:
        """The class's shared state `name` is now value (JSON text). Raises
        sqlite3.Error or OSError (the writer logs it: the server keeps it in memory)."""
        if self.conn is None:
            raise Unusable(self._given_up or f"cannot open {_shown(self.path)}")
        self.conn.execute(schema.CLASS_STATE)
        self.conn.execute(
            "INSERT INTO class_state (name, at, value) VALUES (?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET at = excluded.at, value = excluded.value",
            (name, at, value))

    # -- reading -------------------------------------------------------------------
    def kept(self, name: str) -> tuple[float, str] | None:
        if self.conn is None:
            return None
        try:
            return kept(self.conn, name)
        except sqlite3.Error:
            return None  # the disk went bad under us: nothing to catch up with

    def progress(self, learner: str) -> Progress:
        """learner's progress: what the store has, and what still waits to go in."""
        progress = Progress(learner)
        if self.conn is not None:
            try:
                read_progress(self.conn, progress)
            except sqlite3.Error:
                pass  # the disk went bad under us: the copy in memory is what there is
        for _, _, who, event in self._pending:
            if who == learner:
                apply(progress, event)
        return progress


def _ensure_lesson(conn: sqlite3.Connection, learner: str, lesson: str) -> None:
    conn.execute(
        "INSERT INTO lessons (learner, lesson, opened, answered_right, asked, best_streak)"
        " VALUES (?, ?, 0, 0, 0, 0) ON CONFLICT (learner, lesson) DO NOTHING",
        (learner, lesson))


def _update_progress(conn: sqlite3.Connection, learner: str, event: Event) -> None:
    """The SQL twin of progress.apply."""
    lesson = event.lesson
    if lesson is None or event.kind not in ("open", "answer", "tick", "untick"):
        return
    _ensure_lesson(conn, learner, lesson)
    where = (learner, lesson)
    if event.kind == "open":
        conn.execute("UPDATE lessons SET opened = opened + 1 WHERE learner = ? AND lesson = ?",
                     where)
    elif event.kind == "answer":
        streak = event.streak or 0
        conn.execute(
            "UPDATE lessons SET asked = asked + 1, answered_right = answered_right + ?,"
            " best_streak = CASE WHEN best_streak < ? THEN ? ELSE best_streak END"
            " WHERE learner = ? AND lesson = ?",
            (int(event.verdict == "right"), streak, streak, *where))
    elif event.kind == "tick":
        conn.execute(
            "INSERT INTO ticks (learner, lesson, exercise, at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (learner, lesson, exercise) DO NOTHING",
            (*where, event.exercise, event.at))
    else:
        conn.execute("DELETE FROM ticks WHERE learner = ? AND lesson = ?", where)


def read_progress(conn: sqlite3.Connection, progress: Progress) -> None:
    """Fill progress with what the store has for progress.user."""
    learner = progress.user
    for lesson, opened, right, asked, best in conn.execute(
        "SELECT lesson, opened, answered_right, asked, best_streak FROM lessons"
        " WHERE learner = ? ORDER BY lesson", (learner,)
    ):
        progress.lessons[lesson] = LessonProgress(opened, [], right, asked, best)
    for lesson, exercise in conn.execute(
        "SELECT lesson, exercise FROM ticks WHERE learner = ? ORDER BY at, exercise", (learner,)
    ):
        progress.lesson(lesson).exercises.append(exercise)


def kept(conn: sqlite3.Connection, name: str) -> tuple[float, str] | None:
    """(when, the JSON text) of the class's shared state `name`, if any."""
    try:
        row = conn.execute("SELECT at, value FROM class_state WHERE name = ?", (name,)).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None  # a store from before present mode, or nothing kept yet
        raise
    return (row[0], row[1]) if row else None


def open_reader(path: Path) -> sqlite3.Connection:
    """A read-only connection to an existing store (gdtui class, gdtui progress
    --state-dir). Raises Unusable with the line to show."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        raise Unusable(f"no store at {_shown(path)} yet") from None
    except OSError as exc:
        raise Unusable(f"cannot read {_shown(path)} ({exc.strerror or exc})") from None
    kind = _kind(mode)
    if kind is not None:
        raise Unusable(f"{_shown(path)} is {kind}, not a store")
    for suffix in COMPANIONS:
        try:
            kind = _kind(os.lstat(f"{path}{suffix}").st_mode)
        except OSError:
            continue
        if kind is not None:
            raise Unusable(f"{_shown(Path(f'{path}{suffix}'))} is {kind}: the store is not safe "
                           "to read (the server moves it aside when it starts)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_SECONDS, check_same_thread=False)
        meta = dict(conn.execute("SELECT name, value FROM meta"))
    except sqlite3.Error as exc:
        raise Unusable(f"{_shown(path)} cannot be read as a gdtui store ({exc})") from None
    if meta.get("format") != schema.FORMAT:
        conn.close()
        raise Unusable(f"{_shown(path)} is not a gdtui store")
    return conn
