"""Progress as a learner meets it, whatever the data folder holds: an old JSON
progress file or the store (progress.db) replaced by a FIFO, a link to a
device, a 2 GB sparse file, garbage, another program's database or a damaged
one; rows edited into values the store never writes; a folder that is
read-only or full; two processes of one learner at once.

Each case is checked as the learner sees it, in both places progress shows:
`gdtui progress` (run as typed) and the app (its lesson list, then the lesson
the bad row names, stepped and left). Each says one line, never hangs or
crashes, keeps what can be kept, and says nothing more the next time.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from app_support import app_for, notices, shown
from cli_support import run_gdtui
from gdtui.practice.progress import open_recorder
from gdtui.store.db import Store
from gdtui.store.events import Event
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.lesson_list import LessonListScreen

sys.path.insert(0, str(Path(__file__).parent.parent / "store"))
sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from pty_driver import GDTUI, PtyApp, app_env, step_shown  # noqa: E402
from store_support import at_once, deadline, fifo, link, sparse  # noqa: E402

LESSON = "learning-steps"  # the lesson a bad row names, and the one the app opens
OTHER = "hot-cold"  # a good lesson beside it: kept wherever the store is


# -- what the data folder holds ------------------------------------------------------
def good_store(root: Path) -> None:
    store = Store(root / "progress.db")
    for event in (Event("open", OTHER, step=0, total=0), Event("open", OTHER, step=0, total=0),
                  Event("open", LESSON, step=0, total=2),
                  Event("tick", LESSON, step=4, exercise="six-steps")):
        assert store.record("ada", event) is None
    store.close()


def old_file(content):
    """The old JSON progress file (taken in once) beside a good store."""
    def make(root):
        good_store(root)
        path = root / "progress" / "ada.json"
        path.parent.mkdir()
        if callable(content):
            content(path)
        else:
            path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return make


def old_lesson(**entry):
    return old_file({"version": 1, "lessons": {LESSON: entry}})


def store_file(make_it):
    """progress.db itself replaced."""
    return lambda root: make_it(root / "progress.db")


def edited(*statements):
    """A good store, then changed by hand (sqlite3 on the command line)."""
    def make(root):
        good_store(root)
        conn = sqlite3.connect(root / "progress.db")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.close()
    return make


def garbage_page(table):
    """A good store with one page of garbage: the root page of `table`."""
    def make(root):
        good_store(root)
        path = root / "progress.db"
        conn = sqlite3.connect(path)
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        (root_page,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                    (table,)).fetchone()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        with open(path, "r+b") as f:
            f.seek((root_page - 1) * page)
            f.write(bytes(range(256)) * (page // 256))
    return make


def foreign(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER, name TEXT)")
    conn.commit()
    conn.close()


@dataclass(frozen=True)
class Case:
    make: object
    said: str  # words the one line holds
    kept: bool = True  # the good lesson beside it is still there
    found_on_write: bool = False  # only a write finds it (gdtui progress only reads)


WHERE = f"UPDATE lessons SET {{}} WHERE lesson = '{LESSON}'"
CASES = {
    # the old JSON file
    "old file: a FIFO": Case(old_file(fifo), "not a regular file"),
    "old file: a link to /dev/zero": Case(old_file(link("/dev/zero")), "not a regular file"),
    "old file: a link to /dev/urandom": Case(old_file(link("/dev/urandom")), "not a regular file"),
    "old file: 2 GB sparse": Case(old_file(sparse), "larger than"),
    "old file: nested 100,000 deep": Case(old_file(b"[" * 100_000 + b"]" * 100_000),
                                          "nested too deeply"),
    "old file: a 4,300-digit count": Case(old_file(
        b'{"version": 1, "lessons": {"x": {"opened": 1' + b"0" * 4299 + b"}}}"),
        "opened is not a count"),
    "old file: a count as text": Case(old_lesson(opened="3"), "opened is not a count"),
    "old file: a float count": Case(old_lesson(asked=2.5), "asked is not a count"),
    "old file: a true count": Case(old_lesson(right=True), "right is not a count"),
    "old file: a null count": Case(old_lesson(best_streak=None), "best_streak is not a count"),
    "old file: exercises a table": Case(old_lesson(exercises={"a": 1}), "exercises"),
    "old file: a lesson [/] not a table": Case(old_file({"version": 1, "lessons": {"[/]": 3}}),
                                               "lesson '[/]' is not a table"),
    "old file: garbage": Case(old_file(b"\x00\xff garbage"), "not JSON"),
    # the store itself
    "store: a FIFO": Case(store_file(fifo), "FIFO", kept=False),
    "store: a link to /dev/zero": Case(store_file(link("/dev/zero")), "symbolic link", kept=False),
    "store: a link to /dev/urandom": Case(store_file(link("/dev/urandom")), "symbolic link",
                                          kept=False),
    "store: 2 GB sparse": Case(store_file(sparse), "not a database", kept=False),
    "store: garbage bytes": Case(store_file(lambda p: p.write_bytes(b"\x00garbage\xff" * 5000)),
                                 "not a database", kept=False),
    "store: another program's database": Case(store_file(foreign), "not a gdtui store",
                                              kept=False),
    "store: a column gone": Case(edited("ALTER TABLE lessons DROP COLUMN best_streak"),
                                 "lessons table is not the store's", kept=False),
    "store: a column retyped": Case(edited(
        "ALTER TABLE ticks RENAME TO old", "CREATE TABLE ticks (learner, lesson, exercise, at)"),
        "ticks table is not the store's", kept=False),
    "store: a trigger refusing every write": Case(edited(
        "CREATE TRIGGER no BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'no'); END"),
        "trigger", kept=False),
    "store: a 5,000-digit version": Case(edited(
        "UPDATE meta SET value = '" + "9" * 5000 + "' WHERE name = 'version'"),
        "version is not a number", kept=False),
    "store: a page of garbage under the lessons": Case(garbage_page("lessons"), "damaged",
                                                        kept=False),
    "store: a page of garbage under the history": Case(garbage_page("events"), "damaged",
                                                        found_on_write=True),
    # rows that cannot be saved again: refused on load
    "row: opened 2**63 - 1": Case(edited(WHERE.format("opened = 9223372036854775807")),
                                  "opened is 9223372036854775807, not a count"),
    "row: a 4,300-digit count": Case(edited(WHERE.format("asked = '1" + "0" * 4299 + "'")),
                                     "asked is inf, not a count"),
    "row: a count as text": Case(edited(WHERE.format("opened = 'abc'")),
                                 "opened is the text 'abc'"),
    "row: a float count": Case(edited(WHERE.format("best_streak = 2.5")), "best_streak is 2.5"),
    "row: 1e300": Case(edited(WHERE.format("answered_right = 1e300")), "right is 1e+300"),
    "row: a negative count": Case(edited(WHERE.format("asked = -5")), "asked is -5"),
    "row: a lesson named by bytes": Case(edited(WHERE.format("lesson = x'ff00'")),
                                         "a lesson named 2 bytes of binary"),
    "row: a lesson name of 5,000 characters": Case(edited(WHERE.format(
        "lesson = '" + "x" * 5000 + "'")), "a lesson named 5,000 characters"),
    "row: an exercise named by bytes": Case(edited("UPDATE ticks SET exercise = x'ff'"),
                                            "an exercise named 1 byte of binary"),
    "row: an escape in a bad row's name": Case(edited(
        "UPDATE lessons SET lesson = char(27) || ']0;pwn' || char(7), opened = -1"
        f" WHERE lesson = '{LESSON}'"), "lesson '\\x1b]0;pwn\\x07': opened is -1"),
}


def folder(tmp_path: Path, case: str) -> Path:
    root = tmp_path / "data"
    root.mkdir()
    CASES[case].make(root)
    return root


def gdtui_progress(root: Path, *args: str) -> subprocess.CompletedProcess:
    out = run_gdtui("progress", "--user", "ada", *args, env={"GDTUI_DATA_DIR": str(root)},
                    timeout=60)
    for text in (out.stdout, out.stderr):
        assert "Traceback" not in text and "\x1b" not in text, text
    assert out.returncode == 0, out.stderr
    return out


@pytest.mark.parametrize("case", CASES)
def test_gdtui_progress_says_one_line_and_shows_what_is_kept(tmp_path, case):
    root = folder(tmp_path, case)
    first = gdtui_progress(root)
    said = [] if CASES[case].found_on_write else [CASES[case].said]
    assert [s for s in said if s in first.stderr] == said and first.stderr.count("\n") == len(said)
    assert (OTHER in first.stdout) == CASES[case].kept, first.stdout
    # What was found is kept beside, under another name, for a look.
    beside = [p.name for p in root.rglob("*") if any(
        f".{tag}-" in p.name for tag in ("corrupt", "foreign", "not-a-file", "refused"))]
    assert bool(beside) == bool(said), beside
    # Once: the next look says nothing, and shows the same.
    again = gdtui_progress(root, "--format", "json")
    assert again.stderr == ""
    lessons = json.loads(again.stdout)["lessons"]
    assert (lessons.get(OTHER, {}).get("opened") == 2) == CASES[case].kept


def messages(app) -> list[str]:
    return [n.message for n in notices(app)]


@pytest.mark.parametrize("case", CASES)
async def test_the_app_says_one_line_and_the_lesson_opens_steps_and_is_kept(
        tmp_path, monkeypatch, case):
    root = folder(tmp_path, case)
    monkeypatch.setenv("GDTUI_DATA_DIR", str(root))
    for name in ("LOGNAME", "USER"):
        monkeypatch.setenv(name, "ada")
    with deadline(60):
        app = app_for(LESSON)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LessonScreen)
            for _ in range(3):
                await pilot.press("space")
            await pilot.pause()
            assert "step 3" in shown(app.screen.query_one("StatusBar"))
            (line,) = messages(app)
            assert CASES[case].said in line and "\n" not in line and "\x1b" not in line
            await pilot.press("escape")  # the list reads the progress again: nothing new
            await pilot.pause()
            assert isinstance(app.screen, LessonListScreen) and len(messages(app)) == 1
        assert app.return_code in (None, 0)
    # The next start: nothing to say; this opening and the good lesson are there.
    again = open_recorder("ada", root)
    assert again.warning is None
    assert again.progress.lessons[LESSON].opened >= 1
    assert (again.progress.lessons.get(OTHER) is not None
            and again.progress.lessons[OTHER].opened == 2) == CASES[case].kept


# -- a folder that is read-only or full ------------------------------------------------
# The child makes its own situation before gdtui starts: a file size limit of
# 0 bytes (writes fail as on a full disk), or, for root, no capability to
# override file modes (so a folder of mode 500 is read-only to it too).
PRELUDE = textwrap.dedent("""
    import ctypes, os, resource, signal, sys
    if sys.argv[1] == "read-only" and os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
            if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise SystemExit("prctl: " + os.strerror(ctypes.get_errno()))
    if sys.argv[1] == "full":
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    os.execv(sys.argv[2], sys.argv[2:])
""")
FOLDERS = {"read-only": "readonly", "full": "disk I/O error"}


def limited(how: str, root: Path) -> Path:
    good_store(root)
    if how == "read-only":
        root.chmod(0o500)
    return root


@pytest.mark.parametrize("how", FOLDERS)
def test_gdtui_progress_in_a_folder_that_is_read_only_or_full(tmp_path, how):
    root = limited(how, tmp_path / "data")
    out = subprocess.run(
        [sys.executable, "-c", PRELUDE, how, sys.executable, "-m", "gdtui", "progress",
         "--user", "ada"], capture_output=True, text=True, timeout=60,
        env={**os.environ, "GDTUI_DATA_DIR": str(root)})
    root.chmod(0o700)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert out.stderr.count("\n") == 1 and FOLDERS[how] in out.stderr
    assert OTHER in out.stdout  # what it holds, shown
    assert Store(root / "progress.db").progress("ada").lessons[OTHER].opened == 2


@pytest.mark.parametrize("how", FOLDERS)
def test_the_app_in_a_folder_that_is_read_only_or_full(tmp_path, how):
    root = limited(how, tmp_path / "data")
    env = {**app_env(tmp_path), "GDTUI_DATA_DIR": str(root), "LOGNAME": "ada", "USER": "ada"}
    argv = [sys.executable, "-c", PRELUDE, how, GDTUI, LESSON, "--lang", "en"]
    try:
        with PtyApp(argv, cols=120, rows=40, env=env) as app:
            app.wait_for(lambda text: step_shown(text) == 0 and "progress.db" in text, timeout=30)
            for n in range(1, 4):
                app.press(" ")
                app.wait_for(lambda text, n=n: step_shown(text) == n, timeout=10)
            app.press("\x1b")  # the list: what the store holds is shown (six-steps done)
            app.wait_for(lambda text: "Enter opens" in text and "1/2]" in text, timeout=10)
            app.press("q")
            assert app.wait_exit(10) is not None and app.proc.returncode == 0
            assert app.printed_after_exit() == ""
    finally:
        root.chmod(0o700)
    # Nothing was lost: the store is as it was.
    progress = Store(root / "progress.db").progress("ada")
    assert progress.lessons[OTHER].opened == 2 and progress.lessons[LESSON].opened == 1


# -- two processes of one learner ----------------------------------------------------
WRITER = textwrap.dedent("""
    import sys
    from gdtui.practice.predict import Answer
    from gdtui.practice.progress import open_recorder
    recorder = open_recorder("ada")
    assert recorder.warning is None, recorder.warning
    said = []
    recorder.on_problem = said.append
    print("ready", flush=True)
    sys.stdin.readline()
    name = sys.argv[1]
    recorder.opened("learning-steps", 2)
    for n in range(100):
        recorder.answered("learning-steps", Answer(n, "pred", 0.5, 0.5, "right", None), n + 1)
        recorder.ticked("learning-steps", f"{name}-{n}", n)
    assert not said, said
    print("done", flush=True)
""")


def test_two_processes_of_one_learner_saving_100_times_each_lose_nothing(tmp_path):
    root = tmp_path / "data"
    env = {**os.environ, "GDTUI_DATA_DIR": str(root)}
    Store(root / "progress.db").close()
    at_once([[sys.executable, "-c", WRITER, name] for name in ("one", "two")], env)
    out = gdtui_progress(root, "--format", "json")
    entry = json.loads(out.stdout)["lessons"][LESSON]
    assert (entry["opened"], entry["asked"], entry["right"], entry["best_streak"]) == (
        2, 200, 200, 100)
    assert sorted(entry["exercises"]) == sorted(f"{w}-{n}" for w in ("one", "two")
                                                for n in range(100))
    table = gdtui_progress(root).stdout
    assert "200/200" in table and "200/2" in table
