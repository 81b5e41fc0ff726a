"""The JSON progress files of gdtui before the store, imported once.

Read as lesson files are: only a regular file (opened with O_NONBLOCK, so a
FIFO cannot hang us; a symlink to /dev/zero is a device), at most MAX_BYTES,
and every value checked against what the store can keep. Any problem at all
(RecursionError from `[[[...`, a 4,300-digit count, a lesson named `[/]` is
fine but a 10,000-character one is not) moves the file aside with one line.
A good file is merged into the store in one transaction and then renamed
`NAME.json.imported-<time>` (the backup), also said in one line; the store
remembers the import, so it happens once even if the rename fails.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

from gdtui.store.db import Store, Unusable, move_aside
from gdtui.store.events import MAX_TEXT, NOT_UTF8, utf8
from gdtui.store.progress import LessonProgress

VERSION = 1
MAX_BYTES = 32 * 1024 * 1024  # a real file is a few KB; a 27 MB one still comes in
MAX_LESSONS = 100_000
MAX_EXERCISES = 1_000  # per lesson (a lesson has at most 10)
MAX_COUNT = 10**15  # the store's counts stay exact far past any real class


class Refused(ValueError):
    """What is wrong with the file, for its one line."""


def read(path: Path) -> bytes | None:
    """The file's bytes; None if there is none. Refused if it is not a
    regular file or is too big; OSError if it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("is not a regular file")
        if info.st_size > MAX_BYTES:
            raise Refused(f"is larger than {MAX_BYTES // 2**20} MB")
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_BYTES:  # it grew while we read
            raise Refused(f"is larger than {MAX_BYTES // 2**20} MB")
        return b"".join(chunks)
    finally:
        os.close(fd)


def parse(data: bytes) -> list[tuple[str, LessonProgress]]:
    """The lessons of a version-1 file, each value checked. Refused says why."""
    try:
        document = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise Refused("is nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError, too many digits
        raise Refused(f"is not JSON ({str(exc)[:100]})") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise Refused("is not a gdtui progress file (version 1)")
    lessons = document.get("lessons")
    if not isinstance(lessons, dict):
        raise Refused("'lessons' is not a table")
    if len(lessons) > MAX_LESSONS:
        raise Refused(f"has more than {MAX_LESSONS:,} lessons")
    rows = []
    for lesson_id, entry in lessons.items():
        if not lesson_id or len(lesson_id) > MAX_TEXT:
            raise Refused(f"has a lesson name of {len(lesson_id)} characters")
        shown = _name(lesson_id)
        if not utf8(lesson_id):
            raise Refused(f"lesson {shown}: its name {NOT_UTF8}")
        if not isinstance(entry, dict):
            raise Refused(f"lesson {shown} is not a table")
        counts = {}
        for name in ("opened", "right", "asked", "best_streak"):
            value = entry.get(name, 0)
            if type(value) is not int or not 0 <= value <= MAX_COUNT:
                raise Refused(f"lesson {shown}: {name} is not a count up to {MAX_COUNT:.0e}")
            counts[name] = value
        done = entry.get("exercises", [])
        if (not isinstance(done, list) or len(done) > MAX_EXERCISES
                or not all(type(d) is str and 0 < len(d) <= MAX_TEXT for d in done)):
            raise Refused(f"lesson {shown}: exercises is not a list of exercise ids")
        if not all(utf8(d) for d in done):
            raise Refused(f"lesson {shown}: an exercise id {NOT_UTF8}")
        rows.append((lesson_id, LessonProgress(exercises=list(dict.fromkeys(done)), **counts)))
    return rows


def _name(text: str) -> str:
    from gdtui.text.safe import visible

    return f"'{visible(text)}'"


def import_once(store: Store, learner: str, path: Path) -> str | None:
    """Take in the old JSON file at path for learner, if there is one and it
    was not taken in before; the one line to show about it (or None)."""
    from gdtui.text.safe import visible

    shown = visible(str(path))
    key = f"imported:{learner}:{path.name}"
    if store.conn is None or store.get_meta(key) is not None:
        return None
    try:
        data = read(path)
        if data is None:
            return None
        rows = parse(data)
    except Exception as exc:  # anything at all: the file goes aside, the app goes on
        why = str(exc) if isinstance(exc, Refused) else (
            f"cannot be read ({getattr(exc, 'strerror', None) or exc.__class__.__name__})")
        try:
            return "old progress file " + move_aside(path, why, "corrupt")
        except Unusable as bad:
            return f"old progress file {bad}"
    backup = path.with_name(f"{path.name}.imported-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        store.write_many(learner, rows, note=path.name, meta=(key, backup.name))
    except Exception as exc:  # sqlite3.Error, OSError: the file stays, tried next time
        return f"could not import {shown} into the store ({exc}): it is left as it was"
    try:
        os.rename(path, backup)
    except OSError:
        return f"imported {shown} into {visible(str(store.path))} (the file is left in place)"
    return (f"imported {shown} into {visible(str(store.path))}; "
            f"the old file is kept as {visible(backup.name)}")
