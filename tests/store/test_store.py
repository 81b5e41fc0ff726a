"""The store: events in, progress out; what is found at the store's path
(a FIFO, a symlink to a device, a sparse 2 GB file, a foreign or damaged
database); writes that fail (a full disk, a read-only store, no folder);
two processes of one learner; kill -9 mid-write; a huge history."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gdtui.practice.predict import Answer
from gdtui.practice.progress import Recorder
from gdtui.store.db import Store
from gdtui.store.events import Event
from gdtui.store.progress import Progress, apply

from store_support import at_once, deadline, fifo, link, sparse


def answer(step=1, verdict="right", slip=None):
    return Event("answer", "learning-steps", step=step, quantity="pred", answer=0.5, truth=0.5,
                 verdict=verdict, slip=slip, streak=1 if verdict == "right" else 0)


def test_progress_comes_back_from_a_new_store(tmp_path):
    store = Store(tmp_path / "p.db")
    assert store.warning is None
    for event in [Event("open", "learning-steps", step=0, total=2), answer(1), answer(2, "wrong"),
                  Event("tick", "learning-steps", step=2, exercise="six-steps")]:
        assert store.record("ada", event) is None
    store.close()
    again = Store(tmp_path / "p.db").progress("ada")
    entry = again.lessons["learning-steps"]
    assert (entry.opened, entry.right, entry.asked, entry.best_streak, entry.exercises) == (
        1, 1, 2, 1, ["six-steps"])
    assert Store(tmp_path / "p.db").progress("bo").lessons == {}


def test_what_a_learner_said_went_wrong_comes_back_from_a_new_store(tmp_path):
    """Explain after a slip: a count per quantity and choice, kept across reopening
    (gdtui.practice.explain); a store made before it reads as nothing explained."""
    assert Store(tmp_path / "p.db").progress("ada").lessons == {}  # no explained table yet
    store = Store(tmp_path / "p.db")
    for event in [answer(1, "wrong", "forgot_alpha"),
                  Event("explain", "learning-steps", step=1, quantity="weight", slip="forgot_alpha"),
                  answer(2, "wrong"),
                  Event("explain", "learning-steps", step=2, quantity="weight", slip="not_sure"),
                  Event("explain", "learning-steps", step=3, quantity="weight", slip="forgot_alpha"),
                  Event("explain", "hot-cold", step=1, quantity="pred", slip="sign")]:
        assert store.record("ada", event) is None
    store.close()
    again = Store(tmp_path / "p.db").progress("ada")
    assert again.lessons["learning-steps"].explained == {"weight": {"forgot_alpha": 2, "not_sure": 1}}
    assert again.lessons["hot-cold"].explained == {"pred": {"sign": 1}}
    assert Store(tmp_path / "p.db").progress("bo").lessons == {}
    # The server's hello carries it to a served learner's app.
    assert Progress.from_json(again.to_json(), "ada").lessons["learning-steps"].explained == {
        "weight": {"forgot_alpha": 2, "not_sure": 1}}


def random_events(seed, n=300):
    rng = random.Random(seed)
    lessons = ["a", "b", "[/]", "\x1b]0;x\x07"]
    out = []
    for _ in range(n):
        lesson = rng.choice(lessons)
        kind = rng.choice(["open", "answer", "tick", "untick", "step", "alpha", "diverged", "explain"])
        if kind == "explain":
            out.append(Event("explain", lesson, step=rng.randrange(9),
                             quantity=rng.choice(["pred", "weight"]),
                             slip=rng.choice(["sign", "not_sure", "[/b]"])))
        elif kind == "answer":
            verdict = rng.choice(["right", "close", "wrong"])
            out.append(Event("answer", lesson, step=rng.randrange(9), quantity="pred",
                             answer=1.0, truth=2.0, verdict=verdict, streak=rng.randrange(6)))
        elif kind == "tick":
            out.append(Event("tick", lesson, step=1, exercise=rng.choice(["x", "y", "z"])))
        else:
            out.append(Event(kind, lesson, step=None if kind == "untick" else 3))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_the_store_and_the_copy_in_memory_agree(tmp_path, seed):
    store, memory = Store(tmp_path / "p.db"), Progress("ada")
    for event in random_events(seed):
        store.record("ada", event)
        apply(memory, event)
    stored = Store(tmp_path / "p.db").progress("ada")
    assert {k: (v.opened, v.right, v.asked, v.best_streak, sorted(v.exercises), v.explained)
            for k, v in stored.lessons.items()} == {
        k: (v.opened, v.right, v.asked, v.best_streak, sorted(v.exercises), v.explained)
        for k, v in memory.lessons.items()}


# -- what may be found where the store should be --------------------------------
def garbage(path):
    path.write_bytes(b"not sqlite at all\n" * 1000)


def foreign(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER, name TEXT)")
    conn.execute("INSERT INTO photos VALUES (1, 'cat')")
    conn.commit()
    conn.close()


def damaged(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (name VARCHAR(200) PRIMARY KEY, value VARCHAR(300))")
    conn.execute("INSERT INTO meta VALUES ('format', 'gdtui-store'), ('version', '1')")
    conn.commit()
    conn.close()


def truncated_store(path):
    Store(path).record("ada", answer())
    data = path.read_bytes()
    path.write_bytes(data[:200])
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def fifo_wal(path):
    os.mkfifo(f"{path}-wal")


def shm_to_zero(path):
    os.symlink("/dev/zero", f"{path}-shm")


FOUND = {
    "a FIFO": (fifo, "FIFO"),
    "a symlink to /dev/zero": (link("/dev/zero"), "symbolic link"),
    "a symlink to /dev/urandom": (link("/dev/urandom"), "symbolic link"),
    "a dangling symlink": (link("/nonexistent/x.db"), "symbolic link"),
    "a folder": (lambda p: p.mkdir(), "folder"),
    "a sparse 2 GB file": (sparse, "not a database"),
    "garbage": (garbage, "not a database"),
    "a foreign database": (foreign, "not a gdtui store"),
    "a damaged store": (damaged, "damaged"),
    "a truncated store": (truncated_store, ""),
    "a FIFO as the WAL": (fifo_wal, "FIFO"),
    "the shared memory file a symlink to /dev/zero": (shm_to_zero, "symbolic link"),
}


@pytest.mark.parametrize("case", FOUND)
def test_whatever_is_found_is_one_line_moved_aside_and_a_fresh_store_starts(tmp_path, case):
    make, said = FOUND[case]
    path = tmp_path / "[" / "]\x1b[2J" / "p.db"  # its path holds `[/]` and an escape
    path.parent.mkdir(parents=True)
    make(path)
    before = sorted(p.name for p in path.parent.iterdir())
    with deadline(20):
        store = Store(path)
        warning = store.warning
        if case != "a truncated store" or warning is not None:
            assert warning and "\n" not in warning and said in warning, warning
            assert "\x1b" not in warning and "\\x1b" in warning and "[/]" in warning
            assert "starting afresh" in warning
        assert store.record("ada", answer()) is None
        assert Store(path).progress("ada").lessons["learning-steps"].asked == 1
    # What was there is kept beside, under another name.
    kept = [p for p in path.parent.iterdir() if ".not-a-file-" in p.name or ".corrupt-" in p.name
            or ".foreign-" in p.name]
    assert len(kept) >= (1 if warning else 0), before


def test_a_store_of_a_newer_gdtui_is_left_alone(tmp_path):
    path = tmp_path / "p.db"
    Store(path).record("ada", answer())
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE name = 'version'")
    conn.commit()
    conn.close()
    data = path.read_bytes()
    store = Store(path)
    assert "newer gdtui" in store.warning
    assert "not kept" in store.record("ada", answer(2))
    assert store.progress("ada").lessons["learning-steps"].asked == 1  # the copy in memory
    assert path.read_bytes() == data


def fill_disk(store):
    """SQLite's own 'database or disk is full', as a full disk gives it."""
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def read_only(store):
    store.conn.execute("PRAGMA query_only = 1")


@pytest.mark.parametrize("break_it, mend", [
    (fill_disk, lambda s: s.conn.execute("PRAGMA max_page_count = 1073741823")),
    (read_only, lambda s: s.conn.execute("PRAGMA query_only = 0")),
])
def test_a_write_that_fails_is_one_line_kept_in_memory_and_written_later(tmp_path, break_it, mend):
    store = Store(tmp_path / "p.db")
    store.record("ada", answer(1))
    break_it(store)
    lines = [store.record("ada", answer(n, slip=f"s{n}")) for n in range(2, 400)]
    said = [line for line in lines if line]  # a full disk may still take a few rows
    assert len(said) == 1 and "\n" not in said[0] and "kept in memory" in said[0]
    assert store.pending == len(lines) - lines.index(said[0]) > 300
    assert store.progress("ada").lessons["learning-steps"].asked == 399  # shown all the same
    mend(store)
    assert store.record("ada", answer(400)) is None and store.pending == 0
    assert Store(tmp_path / "p.db").progress("ada").lessons["learning-steps"].asked == 400


def test_a_folder_that_cannot_be_made_then_can(tmp_path):
    (tmp_path / "data").write_text("a file where the folder should be")
    store = Store(tmp_path / "data" / "p.db")
    assert store.warning and "cannot make the folder" in store.warning  # said once ...
    assert "kept in memory" in store.warning
    assert store.record("ada", answer(1)) is None  # ... not again
    assert store.record("ada", answer(2)) is None
    (tmp_path / "data").unlink()
    store._last_try = -1e9  # the next write tries to open it again now
    assert store.record("ada", answer(3)) is None
    assert Store(tmp_path / "data" / "p.db").progress("ada").lessons["learning-steps"].asked == 3


# -- two processes of one learner, and kill -9 ----------------------------------------
WRITER = """
import sys, time
from gdtui.store.db import Store
from gdtui.store.events import Event
store = Store(sys.argv[1])
assert store.warning is None, store.warning
print("ready", flush=True)
sys.stdin.readline()  # go
for n in range(int(sys.argv[2])):
    line = store.record("ada", Event("answer", sys.argv[3], step=n, quantity="pred",
                                      answer=1.0, truth=1.0, verdict="right", streak=n))
    assert line is None, line
    store.record("ada", Event("tick", "shared", step=n, exercise=f"{sys.argv[3]}-{n}"))
print("done", flush=True)
"""


def test_two_processes_of_one_learner_lose_nothing(tmp_path):
    path = tmp_path / "p.db"
    Store(path).close()
    at_once([[sys.executable, "-c", WRITER, str(path), "100", name] for name in ("one", "two")])
    progress = Store(path).progress("ada")
    assert progress.lessons["one"].asked == progress.lessons["two"].asked == 100
    assert len(progress.lessons["shared"].exercises) == 200
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM events WHERE kind = 'answer'").fetchone() == (200,)


def test_kill_9_mid_write_leaves_a_whole_store(tmp_path):
    path = tmp_path / "p.db"
    Store(path).close()
    for seed in range(4):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "100000", f"l{seed}"],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline() == "ready\n"
        child.stdin.write("go\n")
        child.stdin.flush()
        time.sleep(0.2 + 0.1 * seed)  # somewhere inside some transaction
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stdin.close()
        store = Store(path)
        assert store.warning is None
        conn = sqlite3.connect(path)
        answers = conn.execute("SELECT COUNT(*) FROM events WHERE kind = 'answer' AND lesson = ?",
                               (f"l{seed}",)).fetchone()[0]
        assert store.progress("ada").lessons[f"l{seed}"].asked == answers > 0
        conn.close()


# -- a huge history costs nothing per event ---------------------------------------------
def statements_of_one_answer(store):
    seen = []
    store.conn.set_trace_callback(seen.append)
    store.record("ada", answer(7))
    store.conn.set_trace_callback(None)
    return seen


def test_a_huge_history_costs_the_same_few_statements_per_event_and_no_scan(tmp_path):
    small = Store(tmp_path / "small.db")
    big = Store(tmp_path / "big.db")
    conn = big.conn
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO events (session_id, seq, learner, at, kind, lesson) VALUES (?, ?, ?, ?, ?, ?)",
        (("old", n, "ada", float(n), "step", f"lesson-{n % 5000}") for n in range(200_000)))
    conn.executemany(
        "INSERT INTO lessons VALUES (?, ?, 1, 1, 1, 1)", (("ada", f"lesson-{n}",) for n in range(5000)))
    conn.execute("COMMIT")
    few = statements_of_one_answer(small)
    many = statements_of_one_answer(big)
    assert len(few) == len(many) <= 6
    for statement in many:
        if statement.startswith(("INSERT", "UPDATE", "DELETE", "SELECT")):
            plan = " ".join(str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + statement.replace(
                "?", "NULL")))
            assert "SCAN" not in plan, (statement, plan)


# -- the Recorder the lesson screen reports to --------------------------------------------
def test_the_recorder_keeps_its_copy_and_says_a_problem_once(tmp_path):
    store = Store(tmp_path / "p.db")
    said = []
    recorder = Recorder(Progress("ada"), lambda e: store.record("ada", e))
    recorder.on_problem = said.append
    before = recorder.opened("learning-steps", 2)
    assert before.opened == 0
    recorder.answered("learning-steps", Answer(1, "pred", 0.5, float("inf"), "wrong", "sign"), 0)
    fill_disk(store)
    for n in range(300):
        recorder.ticked("learning-steps", f"x{n}", n)
    assert len(said) == 1 and store.pending
    entry = recorder.progress.lessons["learning-steps"]
    assert (entry.opened, entry.asked, len(entry.exercises)) == (1, 1, 300)
    assert recorder.opened("learning-steps", 2).exercises == [f"x{n}" for n in range(300)]


# -- text the store cannot hold: a lone surrogate (a file name's undecodable byte) ---------
NOT_UTF8 = {
    "lesson": ("ada", Event("open", "bad\udcffname", step=0, total=1), "the lesson 'bad\\udcffname'"),
    "exercise": ("ada", Event("tick", "x", step=1, exercise="e\ud800"), "the exercise 'e\\ud800'"),
    "quantity": ("ada", Event("answer", "x", step=1, quantity="\udfff", verdict="wrong"),
                 "the quantity '\\udfff'"),
    "slip": ("ada", Event("answer", "x", step=1, quantity="pred", verdict="wrong", slip="s\udc80"),
             "the slip 's\\udc80'"),
    "note": ("ada", Event("login", note="from \udcff"), "the note 'from \\udcff'"),
    "learner": ("a\udcffda", Event("open", "x", step=0, total=1), "the learner 'a\\udcffda'"),
}


@pytest.mark.parametrize("case", NOT_UTF8)
def test_text_that_is_not_utf8_is_refused_in_one_line_and_the_rest_is_kept(tmp_path, case):
    learner, event, named = NOT_UTF8[case]
    store = Store(tmp_path / "p.db")
    store.record("ada", Event("open", "before", step=0, total=0))
    line = store.record(learner, event)
    assert line == f"progress not kept: {named} holds a lone surrogate, which is not UTF-8 text"
    line.encode("utf-8")  # the line itself can be shown anywhere
    assert store.pending == 0 and not store.failing
    assert store.record("ada", Event("open", "after", step=0, total=0)) is None
    store.close()
    assert set(Store(tmp_path / "p.db").progress("ada").lessons) == {"before", "after"}


def test_the_recorder_says_it_once_and_keeps_the_lesson_in_memory(tmp_path):
    store = Store(tmp_path / "p.db")
    said = []
    recorder = Recorder(Progress("ada"), lambda e: store.record("ada", e))
    recorder.on_problem = said.append
    recorder.opened("bad\udcffname", 1)
    recorder.ticked("bad\udcffname", "one", 1)
    recorder.opened("learning-steps", 2)
    assert said == ["progress not kept: the lesson 'bad\\udcffname' holds a lone surrogate, "
                    "which is not UTF-8 text"]
    assert recorder.progress.lessons["bad\udcffname"].exercises == ["one"]
    assert set(store.progress("ada").lessons) == {"learning-steps"}
