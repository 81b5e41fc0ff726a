"""The old JSON progress files: imported once into the store, kept as a
backup; anything odd about one (its kind, its size, its nesting, its numbers,
its names) is one line, the file moved aside, and a fresh start."""

from __future__ import annotations

import json
import os

import pytest

from cli_support import run_gdtui
from gdtui.practice.progress import open_recorder
from gdtui.store import legacy

from store_support import deadline, fifo, link, sparse

GOOD = {"version": 1, "lessons": {
    "learning-steps": {"opened": 2, "exercises": ["six-steps"], "right": 3, "asked": 4,
                       "best_streak": 2},
    "[/]": {"opened": 1},  # a name with markup in it is a name like any other
}}


def old_file(root, content):
    path = root / "progress" / "ada.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    if callable(content):
        content(path)
    else:
        path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return path


def test_a_good_file_is_imported_once_and_kept_as_a_backup(tmp_path):
    path = old_file(tmp_path, GOOD)
    recorder = open_recorder("ada", tmp_path)
    assert recorder.warning.startswith("imported ") and "\n" not in recorder.warning
    entry = recorder.progress.lessons["learning-steps"]
    assert (entry.opened, entry.right, entry.asked, entry.best_streak, entry.exercises) == (
        2, 3, 4, 2, ["six-steps"])
    assert recorder.progress.lessons["[/]"].opened == 1
    assert not path.exists()
    (backup,) = path.parent.glob("ada.json.imported-*")
    assert json.loads(backup.read_text()) == GOOD
    # Once: the next start, or a copy put back, adds nothing.
    os.link(backup, path)
    again = open_recorder("ada", tmp_path)
    assert again.warning is None and again.progress.lessons["learning-steps"].opened == 2


def lesson(**entry):
    return {"version": 1, "lessons": {"learning-steps": entry}}


BAD = {
    "nested 100,000 deep": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "nested 100,000 deep, objects": (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "nested"),
    "a FIFO": (fifo, "not a regular file"),
    "a symlink to /dev/zero": (link("/dev/zero"), "not a regular file"),
    "a symlink to /dev/urandom": (link("/dev/urandom"), "not a regular file"),
    "a 2 GB sparse file": (sparse, "larger than"),
    "a folder": (lambda p: p.mkdir(), "not a regular file"),
    "a 4,300-digit count": (b'{"version": 1, "lessons": {"x": {"opened": 1' + b"0" * 4299 + b"}}}",
                            "opened is not a count"),
    "a 4,301-digit count": (b'{"version": 1, "lessons": {"x": {"opened": 1' + b"0" * 4300 + b"}}}",
                            "not JSON"),
    "a count past the store's": (lesson(asked=10**16), "asked is not a count"),
    "a negative count": (lesson(right=-1), "right is not a count"),
    "a float count": (lesson(opened=1.5), "opened is not a count"),
    "a true count": (lesson(opened=True), "opened is not a count"),
    "exercises not a list": (lesson(exercises="six-steps"), "exercises"),
    "an exercise id not a string": (lesson(exercises=[1]), "exercises"),
    "a huge exercise id": (lesson(exercises=["x" * 101]), "exercises"),
    "a lesson not a table": ({"version": 1, "lessons": {"[/]": 3}}, "lesson '[/]' is not a table"),
    "an escape in a bad lesson's name": ({"version": 1, "lessons": {"\x1b]0;pwn\x07": 3}},
                                        "\\x1b]0;pwn\\x07"),
    "a huge lesson name": ({"version": 1, "lessons": {"x" * 101: {}}}, "lesson name of 101"),
    "a lone surrogate in a lesson name": ({"version": 1, "lessons": {"bad\udcffname": {}}},
                                          "lesson 'bad\\udcffname': its name holds a lone surrogate"),
    "a lone surrogate in an exercise id": (lesson(exercises=["ok", "\ud800"]),
                                           "an exercise id holds a lone surrogate"),
    "version 2": ({"version": 2, "lessons": {}}, "not a gdtui progress file"),
    "a list": ([], "not a gdtui progress file"),
    "lessons a list": ({"version": 1, "lessons": []}, "not a table"),
    "not UTF-8": (b"\xff\xfe\x00", "not JSON"),
    "empty": (b"", "not JSON"),
    "half a file": (json.dumps(GOOD).encode()[:40], "not JSON"),
    "NaN": (b'{"version": 1, "lessons": {"x": {"opened": NaN}}}', "opened is not a count"),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_old_file_is_one_line_moved_aside_and_the_store_goes_on(tmp_path, case):
    content, said = BAD[case]
    path = old_file(tmp_path, content)
    with deadline(30):
        recorder = open_recorder("ada", tmp_path)
    warning = recorder.warning
    assert warning and "\n" not in warning and said in warning, warning
    assert "\x1b" not in warning and "starting afresh" in warning
    assert recorder.progress.lessons == {}
    assert not os.path.lexists(path)
    (kept,) = path.parent.glob("ada.json.corrupt-*")  # the thing itself, not what it points at
    recorder.opened("learning-steps", 2)
    assert open_recorder("ada", tmp_path).progress.lessons["learning-steps"].opened == 1


def test_the_limits_themselves_import(tmp_path):
    limit = legacy.MAX_COUNT
    old_file(tmp_path, {"version": 1, "lessons": {
        "x" * 100: {"opened": limit, "right": limit, "asked": limit, "best_streak": limit,
                    "exercises": ["e" * 100]}}})
    recorder = open_recorder("ada", tmp_path)
    assert recorder.progress.lessons["x" * 100].asked == limit
    recorder.opened("x" * 100, 0)  # and it can be saved again
    assert open_recorder("ada", tmp_path).progress.lessons["x" * 100].opened == limit + 1


def cli(*args, root):
    return run_gdtui("progress", *args, env={"GDTUI_DATA_DIR": str(root)})


def test_gdtui_progress_shows_names_from_a_file_escaped(tmp_path):
    hostile = {"\x1b]0;pwned\x07": {"opened": 1}, "\u202eevil": {"opened": 1},
               "\x1b[2J": {"opened": 1}, "[/]": {"opened": 1}}
    old_file(tmp_path, {"version": 1, "lessons": hostile})
    out = cli("--user", "ada", root=tmp_path)
    assert out.returncode == 0, out.stderr
    for text in (out.stdout, out.stderr):
        assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "\\x1b]0;pwned\\x07" in out.stdout and "\\u202eevil" in out.stdout and "[/]" in out.stdout


def test_gdtui_progress_table_json_users_and_a_corrupt_file(tmp_path):
    old_file(tmp_path, GOOD)
    out = cli("--user", "ada", root=tmp_path)
    assert out.returncode == 0 and "learning-steps" in out.stdout and "3/4" in out.stdout
    assert out.stderr.count("\n") == 1 and "imported" in out.stderr
    out = cli("--user", "ada", "--format", "json", root=tmp_path)
    assert json.loads(out.stdout)["lessons"]["learning-steps"]["right"] == 3 and not out.stderr
    out = cli("--user", "bo", root=tmp_path)
    assert out.returncode == 0 and "no progress yet for bo" in out.stdout
    old_file(tmp_path, b"{bad").rename(tmp_path / "progress" / "cy.json")
    out = cli("--user", "cy", root=tmp_path)
    assert out.returncode == 0 and out.stderr.count("\n") == 1 and "kept as" in out.stderr
    for bad in ("a/b", "x" * 33, "a\nb", "\x1b[2J", " lead"):
        out = cli("--user", bad, root=tmp_path)
        assert out.returncode == 2 and "--user" in out.stderr and "Traceback" not in out.stderr
        assert "\x1b" not in out.stderr
