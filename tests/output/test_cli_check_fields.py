"""`gdtui check` and the loader against hostile values in every field of a
lesson file (tests/hostile_values.py), each file run in its own process as a
user's file is: an int no float holds, keys of other types, and subclasses
whose methods write to a file if they ever run. Each bad file is one line
naming the file and the field; a file of subclasses read through their base
types loads as the same lesson as its plain twin; no method ever ran."""

from __future__ import annotations

import pytest

from cli_support import run_gdtui
from gdtui.lessons.lesson import plain_fields
from gdtui.lessons.loader import load_catalog
from gdtui.lessons.values import visible

from hostile_values import huge_cases, mixed_cases, subclass_cases


def _with_id(source: str, k: int) -> str:
    return source.replace("'hostile'", f"'case-{k}'", 1)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    directory = tmp_path_factory.mktemp("fields")
    twins = tmp_path_factory.mktemp("twins")
    mark = directory.parent / "methods-ran.txt"
    cases = {}  # file name: (field, twin path or None)
    tables = [("huge", {n: (s, f, None) for n, (s, f) in huge_cases().items()}),
              ("mixed", {n: (s, f, None) for n, (s, f) in mixed_cases().items()}),
              ("subclass", subclass_cases(str(mark)))]
    k = 0
    for family, table in tables:
        for name, (source, field, twin) in table.items():
            k += 1
            filename = f"{family}-{name}.py"
            (directory / filename).write_text(_with_id(source, k), encoding="utf-8")
            if twin is not None:
                (twins / filename).write_text(_with_id(twin, k), encoding="utf-8")
            cases[filename] = (family, field, twin is not None)
    return directory, twins, mark, cases


@pytest.fixture(scope="module")
def checked(folder):
    directory, _, mark, _ = folder
    result = run_gdtui("check", str(directory), timeout=300)
    lines = {}
    for line in result.stderr.splitlines():
        name = line.split(": ", 1)[0].rsplit("/", 1)[-1]
        assert name not in lines, line  # one line per file
        lines[name] = line
    return result, lines


def test_check_ends_cleanly_and_no_method_ran(folder, checked):
    _, _, mark, cases = folder
    result, lines = checked
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert set(lines) <= set(cases), set(lines) - set(cases)
    assert not mark.exists(), mark.read_text()
    assert len(cases) >= 100


def _cases(family):
    from hostile_values import huge_cases, mixed_cases, subclass_cases

    table = {"huge": huge_cases, "mixed": mixed_cases, "subclass": lambda: subclass_cases("")}[family]
    return sorted(f"{family}-{name}.py" for name in table())


def _line(folder, checked, filename) -> tuple[str, str]:
    """(what the file's line must start with: its path and field, the line)."""
    directory, _, _, cases = folder
    return f"{visible(str(directory / filename))}: {cases[filename][1]}: ", checked[1][filename]


@pytest.mark.parametrize("filename", _cases("huge"))
def test_an_int_no_float_holds_is_one_line_naming_the_field(folder, checked, filename):
    start, line = _line(folder, checked, filename)
    assert line.startswith(start), line
    assert any(why in line for why in ("too large for a float", "must be at most",
                                       "must be at least")), line


@pytest.mark.parametrize("filename", _cases("mixed"))
def test_keys_of_other_types_are_one_line_naming_the_dict(folder, checked, filename):
    start, line = _line(folder, checked, filename)
    assert line.startswith(start + "a key must be text, got "), line


def test_subclasses_load_as_their_plain_twins(folder, checked):
    """Loaded (each file in its own process) as the user's lessons are: a
    file checked fine is the very lesson its twin is; a refused one names its
    field; no method ran in any of them."""
    directory, twins, mark, cases = folder
    loaded = load_catalog([str(directory)], use_env=False)
    plain = load_catalog([str(twins)], use_env=False)
    assert not mark.exists(), mark.read_text()
    subclass = {f: c for f, c in cases.items() if c[0] == "subclass"}
    read = 0
    for filename in sorted(cases):
        family, field, _ = cases[filename]
        if family != "subclass":
            continue
        line = checked[1].get(filename)
        if line is not None:
            assert line.startswith(f"{directory / filename}: {field}"), line
            assert "hostile method" not in line, line
            continue
        read += 1
        lesson_id = next(l for l in loaded.lessons.values()
                         if l.path.endswith("/" + filename)).id
        assert plain_fields(loaded.lessons[lesson_id]) == plain_fields(plain.lessons[lesson_id])
    assert read >= len(subclass) * 2 // 3
