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

Reading: rows a hand or a tool changed into values the store never writes
are refused (rows.py); a store that turns out damaged only when read or
written (a page of garbage) is moved aside and a new one started, and what
waited goes into it. Each is one line.
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
from gdtui.store.events import Event, unkeepable
from gdtui.store.progress import LessonProgress, Progress, apply
from gdtui.store.rows import read_progress, readable, set_aside

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


def aside_name(path: Path, tag: str) -> Path:
    """A name beside path that nothing has yet (a rename would replace what
    an earlier move aside kept there in the same second)."""
    base = f"{path.name}.{tag}-{_stamp()}"
    for n in range(1, 100):
        kept = path.with_name(base if n == 1 else f"{base}-{n}")
        if not any(os.path.lexists(f"{kept}{s}") for s in ("", *COMPANIONS)):
            return kept
    return path.with_name(f"{base}-{secrets.token_hex(6)}")


def move_aside(path: Path, why: str, tag: str) -> str:
    """Rename path (and its companions) out of the way; the line to show."""
    kept = aside_name(path, tag)
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
        if not _damaged(exc):  # locked, read-only, disk I/O: a good store we cannot use now
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
    if type(version) is not str or not (version.isascii() and version.isdigit()
                                        and len(version) <= 20):
        raise _Bad("is a damaged gdtui store (its version is not a number)", "corrupt")
    if int(version) > schema.VERSION:
        raise Unusable(f"store written by a newer gdtui (version {version}): "
                       "progress is not kept this session")
    missing = {"events", "lessons", "ticks"} - tables
    if missing:
        raise _Bad(f"is a damaged gdtui store (no {', '.join(sorted(missing))} table)", "corrupt")
    _check_tables(conn)


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple]:
    # name, type, NOT NULL, default, place in the primary key, hidden (generated)
    return [tuple(row[1:]) for row in conn.execute(f"PRAGMA table_xinfo({table})")]


def _store_columns() -> dict[str, list[tuple]]:
    """The tables as schema.py makes them (built once, in memory)."""
    global _STORE_COLUMNS
    if _STORE_COLUMNS is None:
        made = sqlite3.connect(":memory:")
        for statement in schema.TABLES:
            made.execute(statement)
        _STORE_COLUMNS = {t: _columns(made, t) for t in ("meta", "events", "lessons", "ticks")}
        made.close()
    return _STORE_COLUMNS


_STORE_COLUMNS: dict[str, list[tuple]] | None = None


def _check_tables(conn: sqlite3.Connection) -> None:
    """The tables are the store's own, and nothing runs when they are written:
    a column gone or retyped, or a trigger (which could refuse every write, so
    that progress would wait in memory until it is lost), is a damaged store."""
    try:
        for table, columns in _store_columns().items():
            if _columns(conn, table) != columns:
                raise _Bad(f"is a damaged gdtui store (its {table} table is not the store's)",
                           "corrupt")
        extra = conn.execute(
            "SELECT type FROM sqlite_master WHERE type IN ('trigger', 'view') LIMIT 1").fetchone()
    except sqlite3.DatabaseError as exc:
        if not _damaged(exc):
            raise
        raise _Bad(f"is damaged ({exc})", "corrupt") from None
    if extra:
        raise _Bad(f"is a damaged gdtui store (it holds a {extra[0]}, which a store never has)",
                   "corrupt")


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
        self.notice: str | None = None  # what progress() last found (take_notice)
        self.warning = self._reopen()
        if self.conn is None and self._given_up is None:
            # Said here once; the first write that fails then says nothing more.
            self.failing = True
            self.warning += "; what is done now is kept in memory and saved once it can be"

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

        An event the store cannot hold (text that is not UTF-8) is refused,
        its line returned. Never raises: if it cannot be written it waits
        with the others; the first failure returns the line to show, later
        ones None."""
        refused = unkeepable(learner, event)
        if refused:  # never queued: it would stop every write after it
            return refused
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
        said, recovered = None, False
        try:
            if self.conn is None:
                raise Unusable(self._given_up or problem or f"cannot open {_shown(self.path)}")
            while self._pending:
                try:
                    self._write(*self._pending[0])
                except sqlite3.IntegrityError as exc:
                    # Only a store changed by hand refuses one of our rows (a
                    # constraint of its own): give that event up, not all after it.
                    self._pending.popleft()
                    self.dropped += 1
                    said = said or f"{_shown(self.path)} refused a change ({exc}): it is left out"
                    continue
                except sqlite3.DatabaseError as exc:
                    if not _damaged(exc) or recovered:
                        raise
                    said, recovered = self._afresh(exc), True  # what waits goes into the new one
                    continue
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
        return said

    def _afresh(self, exc: sqlite3.DatabaseError) -> str:
        """The store turned out damaged after it opened (a page of garbage):
        move it aside and start a new one; the line to show."""
        saved = readable(self.conn)
        self.close()
        try:
            line = move_aside(self.path, f"is damaged ({exc})", "corrupt")
        except Unusable as bad:
            raise sqlite3.OperationalError(str(bad)) from None
        problem = self._reopen()
        if self.conn is None:
            raise sqlite3.OperationalError(problem or f"cannot open {_shown(self.path)}")
        try:
            for learner, rows in saved:
                self._merge(learner, rows, note=f"read back from a damaged {self.path.name}"[:300],
                            meta=None)
        except (sqlite3.Error, OSError) as again:
            problem = f"what could still be read of it was not saved ({_reason(again)})"
        else:
            if saved:
                lessons = sum(len(rows) for _, rows in saved)
                line += f" with the {lessons:,} lesson(s) that could still be read"
        return "; ".join([line, *([problem] if problem else [])])

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
        self._merge(learner, rows, note, meta)

    def _merge(self, learner: str, rows: list[tuple[str, LessonProgress]], note: str,
               meta: tuple[str, str] | None) -> None:
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
            if meta is not None:
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

    def keep_poll(self, poll: tuple, answers: list[tuple]) -> None:
        """A judged class poll's rows (gdtui.store.polls). Raises as keep does."""
        if self.conn is None:
            raise Unusable(self._given_up or f"cannot open {_shown(self.path)}")
        from gdtui.store.polls import keep_poll

        keep_poll(self.conn, poll, answers)

    # -- reading -------------------------------------------------------------------
    def kept(self, name: str) -> tuple[float, str] | None:
        if self.conn is None:
            return None
        try:
            return kept(self.conn, name)
        except sqlite3.Error:
            return None  # the disk went bad under us: nothing to catch up with

    def progress(self, learner: str) -> Progress:
        """learner's progress: what the store has, and what still waits to go in.

        Rows that cannot be saved again are left out and taken out of the
        store, and a store found damaged is moved aside; either is said in
        `notice` (take_notice())."""
        progress = Progress(learner)
        if self.conn is not None:
            try:
                refused = read_progress(self.conn, progress)
                if refused:
                    self.notice = set_aside(self.conn, self.path, refused,
                                            aside_name(self.path, "refused"))
            except sqlite3.DatabaseError as exc:
                if _damaged(exc):
                    progress = Progress(learner)
                    try:
                        self.notice = self._afresh(exc)
                    except sqlite3.Error as again:
                        self.notice = f"could not read progress from {_shown(self.path)}: {again}"
            except sqlite3.Error:
                pass  # the disk went bad under us: the copy in memory is what there is
        elif self._given_up is None:
            self._peek(progress)
        for _, _, who, event in self._pending:
            if who == learner:
                apply(progress, event)
        return progress

    def _peek(self, progress: Progress) -> None:
        """A store that cannot be opened to write (a read-only or full folder)
        is still read, so the learner sees what it holds."""
        for frozen in (False, True):  # frozen: no shared memory file could be made
            try:
                conn = open_reader(self.path, frozen=frozen)
            except Unusable:
                continue
            try:
                _check(conn)
                read_progress(conn, progress)
                return
            except (sqlite3.Error, _Bad, Unusable):
                progress.lessons.clear()
            finally:
                conn.close()

    def take_notice(self) -> str | None:
        """The line about what progress() found, once."""
        notice, self.notice = self.notice, None
        return notice


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """SQLite's 'database disk image is malformed' and 'file is not a
    database' (not a lock, a full disk or a constraint: their own subclasses)."""
    return type(exc) is sqlite3.DatabaseError


def _ensure_lesson(conn: sqlite3.Connection, learner: str, lesson: str) -> None:
    conn.execute(
        "INSERT INTO lessons (learner, lesson, opened, answered_right, asked, best_streak)"
        " VALUES (?, ?, 0, 0, 0, 0) ON CONFLICT (learner, lesson) DO NOTHING",
        (learner, lesson))


def _update_progress(conn: sqlite3.Connection, learner: str, event: Event) -> None:
    """The SQL twin of progress.apply."""
    lesson = event.lesson
    if event.kind == "explain" and lesson and event.quantity and event.slip:
        conn.execute(schema.EXPLAINED)
        conn.execute(
            "INSERT INTO explained (learner, lesson, quantity, choice, times) VALUES (?, ?, ?, ?, 1)"
            " ON CONFLICT (learner, lesson, quantity, choice) DO UPDATE SET times = explained.times + 1",
            (learner, lesson, event.quantity, event.slip))
        return
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


def kept(conn: sqlite3.Connection, name: str) -> tuple[float, str] | None:
    """(when, the JSON text) of the class's shared state `name`, if any."""
    try:
        row = conn.execute("SELECT at, value FROM class_state WHERE name = ?", (name,)).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None  # a store from before present mode, or nothing kept yet
        raise
    return (row[0], row[1]) if row else None


def open_reader(path: Path, *, frozen: bool = False) -> sqlite3.Connection:
    """A read-only connection to an existing store (gdtui class, gdtui progress
    --state-dir). Raises Unusable with the line to show.

    frozen: read the file as it is, without SQLite's shared memory file (a
    folder that is read-only or full cannot have one); only where nothing
    writes it now."""
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
        query = "immutable=1" if frozen else "mode=ro"
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True,
                               timeout=BUSY_SECONDS, check_same_thread=False)
        meta = dict(conn.execute("SELECT name, value FROM meta"))
    except sqlite3.Error as exc:
        raise Unusable(f"{_shown(path)} cannot be read as a gdtui store ({exc})") from None
    if meta.get("format") != schema.FORMAT:
        conn.close()
        raise Unusable(f"{_shown(path)} is not a gdtui store")
    return conn
