"""Issue 12, "fast and light over SSH": bytes per step at both sizes.

Each lesson runs under a real pty twice in the same test: as shipped (lean
output, gdtui/ui/lean_output.py) and with GDTUI_LEAN_OUTPUT=0 (Textual's own
output), the reference. Opened by id and from the lesson list, as an SSH
learner gets there.
"""

from __future__ import annotations

import os
import re
import statistics
import termios
import time

import pytest

from bench_support import interleaved
from pty_driver import PtyApp, RecordingPty, app_env, gdtui_app, lesson_ready, step_shown

PRESSES = 12
QUIET = 0.03
BYTE_TARGETS = {(80, 24): 2000, (120, 40): 4000}
# lesson id -> (keys pressed before stepping, Down presses in the list to reach it)
LESSONS = {"learning-steps": ("", 4), "frozen-weight": ("", 8), "explosion": ("l", 5),
           "multi-io": ("", 10)}


def bytes_per_step(lesson: str, size: tuple[int, int], env: dict, from_list: bool) -> tuple[list, list]:
    before, downs = LESSONS[lesson]
    argv = gdtui_app() if from_list else gdtui_app(lesson)
    with PtyApp(argv, *size, env=env) as app:
        if from_list:
            app.wait_for(lambda text: lesson in text, timeout=30)
            app.settle(0.2)
            app.press("\x1b[B" * downs + "\r")
        app.wait_for(lesson_ready, timeout=30)
        app.wait_for(lambda text: lesson in text.split("\n")[0], timeout=10)
        app.settle(0.3)
        for key in before:
            app.press(key)
            app.settle(0.3)
        sizes, frames = [], []
        for n in range(1, PRESSES + 1):
            bytes_before, frames_before = app.total_bytes, app.frames
            app.press(" ")
            app.wait_for(lambda text: step_shown(text) == n, timeout=10)
            app.settle(QUIET)
            sizes.append(app.total_bytes - bytes_before)
            frames.append(app.frames - frames_before)
        app.quit()
    return sizes, frames


@pytest.mark.parametrize("size", list(BYTE_TARGETS), ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lesson", list(LESSONS))
def test_bytes_per_step(benchmark, figure, tmp_path, lesson, size):
    env = app_env(tmp_path / "cache")
    plain_env = dict(env, GDTUI_LEAN_OUTPUT="0")
    limit = BYTE_TARGETS[size]

    def measure():
        return {(how, lean): bytes_per_step(lesson, size, lean_env, how == "from the list")
                for how in ("by id", "from the list")
                for lean, lean_env in (("lean", env), ("Textual's output", plain_env))}

    runs = benchmark.pedantic(measure, rounds=1, iterations=1)
    group = f"bytes per step {size[0]}x{size[1]}"
    for (how, lean), (sizes, frames) in runs.items():
        median = statistics.median(sizes)
        shipped = lean == "lean"
        figure(group, f"{lesson} {how}, {lean}", median, "B",
               f"<= {limit / 1000:g} KB" if shipped else "", median <= limit if shipped else None,
               f"{PRESSES} Space; max {max(sizes):,} B; {statistics.median(frames):g} frames")


# -- q: the terminal back at once, left as it was -------------------------------

QUITS = 5
QUIT_TARGET = 0.1
MODE = re.compile(rb"\x1b\[\?([0-9;]+)([hl])")


def left_as_it_was(written: bytes, attrs_before: list, attrs_after: list) -> list[str]:
    """What the program left changed: private modes still set, the cursor
    hidden, keyboard-protocol levels still pushed, termios flags."""
    last: dict[str, bytes] = {}
    for numbers, state in MODE.findall(written):
        for mode in numbers.split(b";"):
            last[mode.decode()] = state
    on_by_default = {"7": "autowrap", "25": "cursor"}  # the others are off in a fresh terminal
    problems = [f"mode ?{mode} left set" for mode, state in last.items()
                if state == b"h" and mode not in on_by_default]
    problems += [f"{name} (?{mode}) left off" for mode, name in on_by_default.items()
                 if last.get(mode) == b"l"]
    pushed, popped = len(re.findall(rb"\x1b\[>\d*u", written)), written.count(b"\x1b[<u")
    if pushed > popped:
        problems.append(f"keyboard protocol pushed {pushed}x, popped {popped}x")
    if attrs_before != attrs_after:
        problems.append("termios settings changed")
    return problems


def quit_once(argv, env) -> tuple[float | None, float | None, list[str]]:
    with RecordingPty(argv, *SIZE_QUIT, env=env) as app:
        before = termios.tcgetattr(app.master)
        app.wait_for(lesson_ready, timeout=30)
        app.settle(0.1)
        restored, exited = app.quit()
        after = termios.tcgetattr(app.master)
        return restored, exited, left_as_it_was(bytes(app.written), before, after)


SIZE_QUIT = (120, 40)


def test_quit(benchmark, figure, tmp_path, minimal_app):
    env = app_env(tmp_path / "cache")
    commands = {"gdtui learning-steps": gdtui_app("learning-steps"),
                "minimal Textual app": minimal_app}
    runs = benchmark.pedantic(interleaved, args=(commands, QUITS, lambda argv: quit_once(argv, env)),
                              rounds=1, iterations=1)
    exits = {}
    for name, results in runs.items():
        assert all(r[1] is not None for r in results), f"{name} did not exit on q"
        exits[name] = statistics.median(r[1] for r in results)
        restored = statistics.median(r[0] for r in results)
        gdtui = name.startswith("gdtui")
        figure("quit", f"q to terminal restored: {name}", restored, "s")
        figure("quit", f"q to process gone: {name}", exits[name], "s",
               f"<= {QUIT_TARGET * 1e3:.0f} ms" if gdtui else "",
               exits[name] <= QUIT_TARGET if gdtui else None, f"median of {QUITS}")
    ratio = exits["gdtui learning-steps"] / exits["minimal Textual app"]
    figure("quit", "gdtui / minimal Textual app", ratio, "x", "< 1", ratio < 1)
    problems = [p for r in runs["gdtui learning-steps"] for p in r[2]]
    assert not problems, problems


# -- run mode at the default speed ------------------------------------------------

RUN_SECONDS = 3.0


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


@pytest.mark.parametrize("lesson", ["learning-steps", "multi-io"])
def test_run_mode_default_speed(benchmark, figure, tmp_path, lesson):
    env = app_env(tmp_path / "cache")

    def measure():
        with PtyApp(gdtui_app(lesson), 120, 40, env=env) as app:
            app.wait_for(lesson_ready, timeout=30)
            app.settle(0.3)
            app.press("r")
            app.wait_for(lambda text: "running" in text.split("\n")[0], timeout=5, latest_frame=True)
            cpu0, frames0, t0 = cpu_seconds(app.proc.pid), app.frames, time.perf_counter()
            app.pump(RUN_SECONDS)
            elapsed = time.perf_counter() - t0
            got = ((cpu_seconds(app.proc.pid) - cpu0) / elapsed, (app.frames - frames0) / elapsed)
            app.quit()
        return got

    cpu, fps = benchmark.pedantic(measure, rounds=1, iterations=1)
    group = f"{lesson} run mode, default speed"
    figure(group, "CPU, share of one core", cpu, "x", "<= 0.15", cpu <= 0.15, f"{RUN_SECONDS:.0f} s")
    figure(group, "frames per second", fps, "fps", "<= 15", fps <= 15)
