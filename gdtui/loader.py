"""Find and load lesson files: the built-ins, GDTUI_SCENARIOS and --scenarios.

A lesson file is plain Python that defines `lesson = Lesson(...)`. Each file is
run on its own; a broken one becomes a single line naming the file, the field
and what is wrong, and never stops the others from loading.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from gdtui.scenario import LessonError, Scenario, build

ENV_VAR = "GDTUI_SCENARIOS"


class ScenarioFileError(Exception):
    """One broken lesson file, as one line: `path: field: what is wrong`."""


@dataclass
class Catalog:
    lessons: dict[str, Scenario] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def ids(self) -> list[str]:
        return list(self.lessons)


def builtin_dir() -> Path:
    try:
        return Path(str(resources.files("gdtui.scenarios")))
    except ModuleNotFoundError:
        # Run from a source checkout without installing: scenarios/ sits beside gdtui/.
        return Path(__file__).resolve().parent.parent / "scenarios"


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


def load_file(path: Path) -> Scenario:
    """Run one lesson file and check its lesson; ScenarioFileError if broken."""
    name = _short(path)
    try:
        source = path.read_bytes()
    except OSError as exc:
        raise ScenarioFileError(f"{name}: cannot read: {exc.strerror or exc}") from None
    # A private module name per file, so two files never share a module.
    module_name = "gdtui_lesson_" + hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    try:
        code = compile(source, str(path), "exec")
        exec(code, module.__dict__)
    except SyntaxError as exc:
        raise ScenarioFileError(f"{name}:{exc.lineno}: syntax error: {exc.msg}") from None
    except LessonError as exc:
        raise ScenarioFileError(f"{name}: {exc}") from None
    except (Exception, SystemExit) as exc:  # user code: report it, keep going
        line = _failing_line(exc, str(path))
        where = f" (line {line})" if line else ""
        raise ScenarioFileError(
            f"{name}: error while running the file{where}: {type(exc).__name__}: {exc}"
        ) from None
    if "lesson" not in module.__dict__:
        raise ScenarioFileError(f"{name}: lesson: missing; the file must set lesson = Lesson(...)")
    try:
        return build(module.__dict__["lesson"], name)
    except LessonError as exc:
        raise ScenarioFileError(f"{name}: {exc}") from None


def _failing_line(exc: BaseException, filename: str) -> int | None:
    tb, line = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def lesson_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.py") if not p.name.startswith("_"))


def load_catalog(extra_dirs: list[str] | None = None, *, use_env: bool = True) -> Catalog:
    """Every lesson found, in order: built-ins (in the course's order) then user ones."""
    catalog = Catalog()
    where: dict[str, str] = {}
    for directory in search_dirs(extra_dirs, use_env=use_env):
        if not directory.is_dir():
            catalog.problems.append(f"{directory}: not a folder of lesson files")
            continue
        for path in lesson_files(directory):
            try:
                lesson = load_file(path)
            except ScenarioFileError as exc:
                catalog.problems.append(str(exc))
                continue
            if lesson.id in catalog.lessons:
                catalog.problems.append(
                    f"{lesson.path}: id: {lesson.id!r} is already used by {where[lesson.id]}"
                )
                continue
            catalog.lessons[lesson.id] = lesson
            where[lesson.id] = lesson.path
    return catalog


def check_files(paths: list[str]) -> list[str]:
    """Problems in the given files, one line each (empty when all are good)."""
    problems = []
    for p in paths:
        path = Path(p)
        if not path.is_file():
            problems.append(f"{p}: no such file")
            continue
        try:
            load_file(path)
        except ScenarioFileError as exc:
            problems.append(str(exc))
    return problems


if __name__ == "__main__":
    found = load_catalog(sys.argv[1:])
    for lesson in found.lessons.values():
        print(lesson.id, lesson.title)
    for problem in found.problems:
        print(problem, file=sys.stderr)
