"""Find and load lesson files: the built-ins, GDTUI_SCENARIOS and --scenarios.

A lesson file is plain Python that defines `lesson = Lesson(...)`. Each file is
run on its own; a broken one becomes a single line naming the file, the field
and what is wrong, and never stops the others from loading.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from gdtui.lessons import isolated
from gdtui.lessons.isolated import describe_exception
from gdtui.lessons.lesson import LessonError, Scenario, build
from gdtui.lessons.values import visible

ENV_VAR = "GDTUI_SCENARIOS"
MAX_BYTES = 1_000_000  # a lesson file is a page or two of Python
MAX_PROBLEM = 300  # characters of one problem line after the file name


class ScenarioFileError(Exception):
    """One broken lesson file, as one line: `path: field: what is wrong`."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(_line(name, problem))
        self.problem = problem


@dataclass
class Catalog:
    lessons: dict[str, Scenario] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def ids(self) -> list[str]:
        return list(self.lessons)


@functools.cache  # asked for each file; where the package is does not change
def builtin_dir() -> Path:
    # The package's folder from its spec: what importlib.resources.files gives
    # for a package on disk, without importing importlib.resources and zipfile
    # (2 ms of every start) or the package itself.
    spec = importlib.util.find_spec("gdtui.scenarios")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    # Run from a source checkout without installing: scenarios/ sits beside
    # gdtui/ (this file is gdtui/lessons/loader.py).
    return Path(__file__).resolve().parents[2] / "scenarios"


def search_dirs(extra: list[str] | None = None, *, use_env: bool = True) -> list[Path]:
    """Built-ins first, then each folder in GDTUI_SCENARIOS, then --scenarios."""
    dirs = [builtin_dir()]
    if use_env:
        dirs += [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    dirs += [Path(p) for p in extra or []]
    return dirs


def _short(path: Path) -> str:
    """Built-in files by their name, user files as given."""
    try:
        return str(path.relative_to(builtin_dir().parent))
    except ValueError:
        return str(path)


def _line(name: str, problem: str) -> str:
    """One line, safe for any terminal: `file: problem` (or `file:LINE: problem`
    when the problem starts with `:LINE`), newlines and escapes shown."""
    if len(problem) > MAX_PROBLEM:
        problem = problem[: MAX_PROBLEM - 3] + "..."
    return visible(name + ("" if problem.startswith(":") else ": ") + problem)


def read_source(path: Path, name: str) -> bytes:
    """A lesson file's bytes: only a regular file, at most MAX_BYTES.

    Opened without blocking, so a FIFO named *.py is refused instead of
    waiting forever for a writer; /dev/zero behind a symlink is a device."""
    try:
        kind = _kind(os.stat(path).st_mode)
        if kind is None:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            try:
                st = os.fstat(fd)
                kind = _kind(st.st_mode)
                source = b"" if kind else _read_at_most(fd, MAX_BYTES + 1)
            finally:
                os.close(fd)
    except OSError as exc:
        raise ScenarioFileError(name, f"cannot read: {exc.strerror or exc}") from None
    if kind:
        raise ScenarioFileError(name, f"not a lesson file: it is {kind}, not a regular file")
    if len(source) > MAX_BYTES:
        raise ScenarioFileError(
            name, f"is larger than {MAX_BYTES:,} bytes; a lesson file is much smaller"
        )
    return source


def _kind(mode: int) -> str | None:
    """What a file is, if it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    kinds = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a FIFO (named pipe)",
             stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a device", stat.S_ISBLK: "a device"}
    return next((kind for test, kind in kinds.items() if test(mode)), "not a file")


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit:
        chunk = os.read(fd, limit - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def run_file(path: Path, name: str, *, shipped: bool = False) -> Scenario:
    """Run one lesson file in this process and check its lesson.

    Raises ScenarioFileError for anything the file does wrong, except
    KeyboardInterrupt here (Ctrl-C while loading stops gdtui); a child process
    loading a user's file catches that too. A lesson shipped with gdtui runs
    from its cached bytecode, as gdtui's own modules do."""
    source = read_source(path, name)
    # A private module name per file, so two files never share a module.
    module_name = "gdtui_lesson_" + hashlib.sha1(os.fsencode(path)).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    try:
        # Compiling the 12 built-ins took 5 ms of every start, their .pyc 1 ms.
        # A .pyc is checked by the file's time (in seconds) and size, as any
        # module's is; any other file is compiled from the bytes just read, so
        # an edit of the same size within a second runs too, and a user's
        # folder gets no __pycache__ from us.
        code = spec.loader.get_code(module_name) if shipped else compile(source, str(path), "exec")
        exec(code, module.__dict__)
    except SyntaxError as exc:
        raise ScenarioFileError(name, f":{exc.lineno}: syntax error: {exc.msg}") from None
    except LessonError as exc:
        raise ScenarioFileError(name, str(exc)) from None
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # user code: report it, keep going
        raise ScenarioFileError(name, describe_exception(exc, str(path))) from None
    if "lesson" not in module.__dict__:
        raise ScenarioFileError(name, "lesson: missing; the file must set lesson = Lesson(...)")
    try:
        return build(module.__dict__["lesson"], name)
    except LessonError as exc:
        raise ScenarioFileError(name, str(exc)) from None


# Built lessons by file, as posting's scripts.py caches modules: a file is
# run again only when its bytes changed (or after uncache). Broken files are
# not cached, so a fix shows at once.
_CACHE: dict[tuple[str, bool], tuple[bytes, Scenario]] = {}


def _stamp(path: Path) -> bytes | None:
    """A digest of a regular file's bytes; None for anything else (a FIFO
    must not be read here) or a file too big to be a lesson."""
    try:
        with open(path, "rb", opener=lambda p, f: os.open(p, f | os.O_NONBLOCK)) as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return None
            data = file.read(MAX_BYTES + 1)
    except OSError:
        return None
    return hashlib.sha1(data).digest() if len(data) <= MAX_BYTES else None


def uncache(path: Path | None = None) -> None:
    """Forget one file's built lesson, or with no path all of them."""
    if path is None:
        _CACHE.clear()
        return
    for key in [k for k in _CACHE if k[0] == os.path.abspath(path)]:
        del _CACHE[key]


def load_file(path: Path, *, trusted: bool = False, seconds: float | None = None) -> Scenario:
    """One lesson file: built-ins (trusted) in this process, any other in a child
    process with a time limit (gdtui.lessons.isolated). ScenarioFileError if broken."""
    key, stamp = (os.path.abspath(path), trusted), _stamp(path)
    cached = _CACHE.get(key)
    if stamp is not None and cached is not None and cached[0] == stamp:
        return cached[1]
    lesson = _load_file(path, trusted, seconds)
    if stamp is not None:
        _CACHE[key] = (stamp, lesson)
    return lesson


def _load_file(path: Path, trusted: bool, seconds: float | None) -> Scenario:
    name = _short(path)
    if trusted:
        return run_file(path, name, shipped=path.parent == builtin_dir())
    try:
        return isolated.load(path, name, _run_in_child, seconds)
    except isolated.LoadProblem as exc:
        raise ScenarioFileError(name, str(exc)) from None


def _run_in_child(path: Path, name: str) -> Scenario:
    try:
        return run_file(path, name)
    except ScenarioFileError as exc:
        raise isolated.LoadProblem(exc.problem) from None


def lesson_files(directory: Path) -> list[Path]:
    """The *.py files in a folder, but not __init__.py and other _private ones."""
    return sorted(
        directory / entry for entry in os.listdir(directory)
        if entry.endswith(".py") and not entry.startswith("_")
    )


def _same_file(a: str, b: str) -> bool:
    """One file reached two ways, or a built-in and a copy of it (the installed
    package and a checkout's scenarios/ folder): not a clash of ids."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    if os.path.realpath(os.path.dirname(a)) != os.path.realpath(builtin_dir()):
        return False
    try:
        with open(a, "rb") as fa, open(b, "rb") as fb:
            return fa.read(MAX_BYTES + 1) == fb.read(MAX_BYTES + 1)
    except OSError:
        return False


class _Ids:
    """Which file each lesson id came from first."""

    def __init__(self) -> None:
        self.first: dict[str, tuple[str, str]] = {}  # id -> (file on disk, name shown)

    def is_new(self, lesson: Scenario, file: Path) -> bool:
        """True, and remembered, if no file gave this id before."""
        if lesson.id in self.first:
            return False
        self.first[lesson.id] = (str(file), lesson.path)
        return True

    def clash(self, lesson: Scenario, file: Path) -> str | None:
        """For an id seen before: the problem line naming both files, or None
        when it is the same file again (or a copy of a built-in)."""
        first, shown = self.first[lesson.id]
        if _same_file(first, str(file)):
            return None
        return _line(lesson.path, f"id: {lesson.id!r} is already used by {shown}")


def load_catalog(
    extra_dirs: list[str] | None = None, *, use_env: bool = True, seconds: float | None = None
) -> Catalog:
    """Every lesson found, in order: built-ins (in the course's order) then user ones."""
    catalog = Catalog()
    ids, seen = _Ids(), set()
    for directory in search_dirs(extra_dirs, use_env=use_env):
        trusted = directory == builtin_dir()
        try:
            files = lesson_files(directory)
        except OSError as exc:
            reason = "not a folder of lesson files" if not directory.is_dir() else (
                f"cannot read the folder: {exc.strerror or exc}"
            )
            catalog.problems.append(_line(str(directory), reason))
            continue
        for path in files:
            if os.path.realpath(path) in seen:  # the same folder given twice
                continue
            seen.add(os.path.realpath(path))
            try:
                lesson = load_file(path, trusted=trusted, seconds=seconds)
            except ScenarioFileError as exc:
                catalog.problems.append(str(exc))
                continue
            if ids.is_new(lesson, path):
                catalog.lessons[lesson.id] = lesson
            elif clash := ids.clash(lesson, path):
                catalog.problems.append(clash)
    return catalog


def check_paths(paths: list[str], *, seconds: float | None = None) -> tuple[int, list[str]]:
    """Check lesson files and folders of them: (files checked, problem lines).

    Every problem is one line: a file that is not a lesson file, a broken
    lesson, or an id already used by a built-in or another file given."""
    problems: list[str] = []
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if os.path.isdir(path) and not path.name.endswith(".py"):
            try:
                found = lesson_files(path)
                if not found:
                    problems.append(_line(given, "no lesson files (*.py) in this folder"))
                files += found
            except OSError as exc:
                problems.append(_line(given, f"cannot read the folder: {exc.strerror or exc}"))
        elif path.name.startswith("_") and path.name.endswith(".py"):
            continue  # __init__.py, as `scenarios/*.py` gives it
        elif not path.name.endswith(".py"):
            problems.append(_line(given, "not a lesson file: a lesson file is a .py file"))
        elif not os.path.lexists(path):
            problems.append(_line(given, "no such file"))
        else:
            files.append(path)
    ids = _Ids()
    for path in lesson_files(builtin_dir()):
        try:
            ids.is_new(load_file(path, trusted=True), path)
        except ScenarioFileError:
            continue  # a broken built-in is the test suite's business, not this file's
    checked = set()
    for path in files:
        if os.path.realpath(path) in checked:
            continue
        checked.add(os.path.realpath(path))
        try:
            lesson = load_file(path, seconds=seconds)
        except ScenarioFileError as exc:
            problems.append(str(exc))
            continue
        if not ids.is_new(lesson, path) and (clash := ids.clash(lesson, path)):
            problems.append(clash)
    return len(checked), problems


if __name__ == "__main__":
    found = load_catalog(sys.argv[1:])
    for lesson in found.lessons.values():
        print(lesson.id, lesson.title)
    for problem in found.problems:
        print(problem, file=sys.stderr)
