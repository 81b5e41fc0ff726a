"""A learner's progress: lessons opened, exercises done, predict scores.

One JSON file per user under the user data dir (platformdirs; GDTUI_DATA_DIR
overrides it), written atomically: a temporary file in the same directory,
fsync, then os.replace, so a crash or kill -9 mid-save leaves the old file
or the new one, never half of either. A file that cannot be read or makes
no sense is moved aside (name.corrupt-<time>.json) with one line saying so,
and a fresh one starts. No UI here.
"""

from __future__ import annotations

import getpass
import glob
import json
import os
import re
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

USER_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
VERSION = 1


class ProgressError(ValueError):
    """A bad --user name or data dir: one line."""


@dataclass
class LessonProgress:
    opened: int = 0
    exercises: list[str] = field(default_factory=list)  # ids done, in order
    right: int = 0  # predictions, over every session
    asked: int = 0
    best_streak: int = 0


@dataclass
class Progress:
    user: str
    lessons: dict[str, LessonProgress] = field(default_factory=dict)

    def lesson(self, lesson_id: str) -> LessonProgress:
        return self.lessons.setdefault(lesson_id, LessonProgress())

    def to_json(self) -> dict[str, Any]:
        return {"version": VERSION, "user": self.user,
                "lessons": {k: asdict(v) for k, v in self.lessons.items()}}

    @classmethod
    def from_json(cls, data: Any, user: str) -> Progress:
        """The file's contents, checked; ValueError says what is wrong."""
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ValueError("not a gdtui progress file (version 1)")
        lessons = data.get("lessons")
        if not isinstance(lessons, dict):
            raise ValueError("'lessons' is not a table")
        out = cls(user)
        for lesson_id, entry in lessons.items():
            if not isinstance(entry, dict):
                raise ValueError(f"lesson {lesson_id!r} is not a table")
            counts = {}
            for name in ("opened", "right", "asked", "best_streak"):
                value = entry.get(name, 0)
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError(f"lesson {lesson_id!r}: {name} is not a count")
                counts[name] = value
            done = entry.get("exercises", [])
            if not isinstance(done, list) or not all(isinstance(d, str) for d in done):
                raise ValueError(f"lesson {lesson_id!r}: exercises is not a list of ids")
            out.lessons[str(lesson_id)] = LessonProgress(exercises=list(done), **counts)
        return out


def default_user() -> str:
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no such uid in a container, no USER
        return "learner"
    return name if USER_PATTERN.fullmatch(name) else "learner"


def data_dir() -> Path:
    given = os.environ.get("GDTUI_DATA_DIR")
    return Path(given) if given else Path(platformdirs.user_data_dir("gdtui"))


def path_for(user: str | None = None, root: Path | None = None) -> Path:
    user = default_user() if user is None else user
    if not USER_PATTERN.fullmatch(user):
        raise ProgressError(f"--user: use letters, digits, '.', '_' and '-' (at most 64), got {user!r}")
    return (root or data_dir()) / "progress" / f"{user}.json"


def load(path: Path, user: str) -> tuple[Progress, str | None]:
    """The progress in `path` (fresh if there is none), and a line to show
    if the file was unreadable or corrupt and has been moved aside."""
    _sweep_temps(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Progress(user), None
    except (OSError, UnicodeDecodeError) as exc:
        return Progress(user), _aside(path, f"cannot be read ({exc.__class__.__name__})")
    try:
        return Progress.from_json(json.loads(text), user), None
    except ValueError as exc:  # JSONDecodeError is a ValueError
        return Progress(user), _aside(path, f"is corrupt ({exc})")


# A save killed between mkstemp and replace leaves its temp file behind; one
# this old is no save in progress (a save takes milliseconds).
STALE_TEMP_SECONDS = 600


def _sweep_temps(path: Path) -> None:
    """Remove what killed saves of this file left behind."""
    now = time.time()
    for temp in path.parent.glob(f".{glob.escape(path.stem)}.*.tmp"):  # save()'s mkstemp names
        try:
            if now - temp.lstat().st_mtime > STALE_TEMP_SECONDS:
                temp.unlink()
        except OSError:  # gone already, or not ours to remove: harmless either way
            continue


def _aside(path: Path, why: str) -> str:
    """Move a bad file out of the way (kept for a look); the line to show."""
    kept = path.with_name(f"{path.stem}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.json")
    try:
        os.replace(path, kept)
    except OSError as exc:
        return f"progress file {path} {why}; could not move it aside ({exc.strerror}): starting afresh"
    return f"progress file {path} {why}; kept as {kept.name}, starting afresh"


def save(progress: Progress, path: Path) -> None:
    """Write atomically: temp file, fsync, rename over, fsync the directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(progress.to_json(), indent=1, sort_keys=True).encode("utf-8")
    fd, temp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


class Book:
    """One user's progress as the app keeps it: loaded once, saved on each change.
    A save that fails (disk full, read-only) is reported once, not raised:
    learning goes on without it."""

    def __init__(self, path: Path, user: str) -> None:
        self.path = path
        self.progress, self.warning = load(path, user)

    def save(self) -> str | None:
        try:
            save(self.progress, self.path)
        except OSError as exc:
            return f"could not save progress to {self.path}: {exc.strerror or exc}"
        return None


def open_book(user: str | None = None) -> Book:
    """The app's: this user's progress (the login name by default)."""
    return Book(path_for(user), user or default_user())


def table(progress: Progress, exercises: dict[str, int]) -> str:
    """`gdtui progress` as a table: one lesson a line, in the course's order
    (`exercises`: each lesson's id and how many exercises it has)."""
    rows = [("lesson", "opened", "exercises", "predict", "best streak")]
    order = list(exercises) + sorted(set(progress.lessons) - set(exercises))
    for lesson_id in order:
        entry = progress.lessons.get(lesson_id)
        if entry is None:
            continue
        total = exercises.get(lesson_id)
        done = str(len(entry.exercises)) + ("" if total is None else f"/{total}")
        rows.append((lesson_id, str(entry.opened), done,
                     f"{entry.right}/{entry.asked}", str(entry.best_streak)))
    if len(rows) == 1:
        return f"no progress yet for {progress.user}"
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    lines = [f"progress of {progress.user}"]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)
