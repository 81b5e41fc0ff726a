"""The command line's prints with hostile text, by family (tests/hostile_text.py):
lesson titles, labels and errors (`gdtui list`, `check`, `run` in every
format), progress keys (`gdtui progress`), roster names and paths (`gdtui
class --make-roster`). Nothing raw reaches the terminal (stdout or stderr,
but line ends), and each shows the text as `visible` writes it."""

from __future__ import annotations

import json
import re

import pytest

from cli_support import run_gdtui
from hostile_text import FAMILIES, RAW, lesson_source
from gdtui.text.safe import visible

IDS = {family: f"hostile-{k}" for k, family in enumerate(FAMILIES)}


@pytest.fixture(scope="module")
def lessons(tmp_path_factory):
    directory = tmp_path_factory.mktemp("lessons")
    for family, raw in FAMILIES.items():
        (directory / f"{IDS[family]}.py").write_text(lesson_source(raw, IDS[family]), encoding="utf-8")
        (directory / f"broken-{IDS[family]}.py").write_text(f"raise RuntimeError({raw!r})\n",
                                                             encoding="utf-8")
    return directory


def raw_in(text: str) -> list[str]:
    return [line for line in text.splitlines() if RAW.search(line)]


def shows(text: str, raw: str) -> bool:
    return "".join(visible(raw).split()) in "".join(text.split())


def test_list_and_check_show_titles_and_errors_as_written(lessons):
    listed = run_gdtui("list", "--scenarios", str(lessons))
    checked = run_gdtui("check", str(lessons))
    for result in (listed, checked):
        assert not raw_in(result.stdout + result.stderr), result.args
        assert "Traceback" not in result.stderr
    assert checked.returncode == 1  # the broken files
    for family, raw in FAMILIES.items():
        assert shows(listed.stdout, raw), (family, listed.stdout)
        assert shows(checked.stderr, raw), (family, checked.stderr)


@pytest.mark.parametrize("fmt", ["table", "book", "json", "summary"])
def test_run_shows_labels_as_written(lessons, fmt):
    for family, raw in FAMILIES.items():
        result = run_gdtui("run", IDS[family], "--scenarios", str(lessons), "--steps", "2",
                           "--format", fmt)
        assert result.returncode == 0, (family, result.stderr)
        assert not raw_in(result.stdout + result.stderr), (family, result.stdout)
        if fmt == "table":  # the labels head its columns
            assert shows(result.stdout, raw) or shows(result.stdout, raw[:8]), (family, result.stdout)
        if fmt in ("json", "summary"):
            [json.loads(line) for line in result.stdout.splitlines()]


def test_progress_shows_lesson_keys_as_written(tmp_path):
    from gdtui.practice.progress import open_recorder

    # The store holds UTF-8 text: keys with lone surrogates never get there.
    stored = {f: raw for f, raw in FAMILIES.items() if not re.search("[\ud800-\udfff]", raw)}
    recorder = open_recorder("learner", root=tmp_path)
    for raw in stored.values():
        recorder.opened(raw, 0, None)
    env = {"GDTUI_DATA_DIR": str(tmp_path)}
    table = run_gdtui("progress", "--user", "learner", env=env)
    as_json = run_gdtui("progress", "--user", "learner", "--format", "json", env=env)
    for result in (table, as_json):
        assert result.returncode == 0, result.stderr
        assert not raw_in(result.stdout + result.stderr), result.stdout
    keys = json.loads(as_json.stdout)["lessons"]
    for family, raw in stored.items():
        assert shows(table.stdout, raw), (family, table.stdout)
        assert raw in keys or visible(raw) in keys, family


@pytest.mark.parametrize("family", list(FAMILIES))
def test_roster_names_and_paths_are_shown_as_written(family, tmp_path):
    raw = FAMILIES[family].replace("\ud800", "")  # what a command-line argument can hold
    roster = tmp_path / f"r{raw.replace('/', '|')}"
    result = run_gdtui("class", "--make-roster", str(roster), "ann", f"b{raw}")
    assert not raw_in(result.stdout + result.stderr), (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert shows(result.stdout + result.stderr, f"b{raw}"), (result.stdout, result.stderr)
