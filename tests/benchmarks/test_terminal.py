"""What a learner's terminal sees: start-up, keypress latency, bytes, run mode.

Each app runs under a real pseudo-terminal at 120x40 (pty_driver.py) and the
times are taken at the terminal's end: from writing a key to the bytes that
show its effect. Targets are reported, not asserted; the asserts only check
that the screens we wait for appeared.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import numpy as np
import pytest

from bench_support import interleaved
from pty_driver import (
    GDTUI, PtyApp, app_env, gdtui_app, lesson_ready, mnist_args, step_shown, to_max_speed,
)

SIZE = (120, 40)
LAUNCHES = 5
PRESSES = 30
QUIET = 0.03  # no bytes for this long = the screen has settled
QUIT_TARGET = 0.2

@pytest.fixture
def env(tmp_path):
    return app_env(tmp_path / "cache")


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.0f} ms"


def launch(argv, env) -> tuple[float, float | None, float | None]:
    """Seconds to the first whole frame, then from q to the terminal given
    back and to the process gone."""
    with PtyApp(argv, *SIZE, env=env) as app:
        shown = app.wait_for(lesson_ready, timeout=30) - app.started
        app.settle(0.1)
        restored, exited = app.quit()
    return shown, restored, exited


def test_launch_to_first_frame(benchmark, figure, env, minimal_app):
    commands = {"gdtui": gdtui_app("learning-steps"), "minimal": minimal_app}

    runs = benchmark.pedantic(interleaved, args=(commands, LAUNCHES, lambda argv: launch(argv, env)),
                              rounds=1, iterations=1)
    first = {name: statistics.median(r[0] for r in rs) for name, rs in runs.items()}
    ratio = first["gdtui"] / first["minimal"]
    figure("start-up", "gdtui learning-steps to first frame", first["gdtui"], "s",
           note=f"median of {LAUNCHES}, 120x40 pty")
    figure("start-up", "minimal Textual app to first frame", first["minimal"], "s",
           note="Static + Footer")
    figure("start-up", "gdtui / minimal Textual app", ratio, "x", "<= 1.5x", ratio <= 1.5)
    # Quitting when idle: Textual's own floor for the run-mode figure below.
    for name, label in (("gdtui", "gdtui, idle"), ("minimal", "minimal Textual app")):
        exits = [r[2] for r in runs[name]]
        assert None not in exits, f"{name} did not exit on q"
        restored = statistics.median(r[1] for r in runs[name])
        figure("quit", f"q to exit: {label}", statistics.median(exits), "s",
               note=f"terminal given back after {ms(restored)}")


LESSONS = {"learning-steps": [], "multi-io": [], "mnist": mnist_args(), "mnist maps": mnist_args(),
           "minimal Textual app": None}
TARGETS = {"learning-steps": 0.05, "multi-io": 0.05, "mnist": 0.1, "mnist maps": 0.1}
# Bytes a Space step may write at 120x40 (over SSH, every KB is felt).
BYTE_TARGETS = {"mnist": 30_000, "mnist maps": 30_000}
# Figures taken on another page of a lesson: (lesson id, key that opens it).
PAGES = {"mnist maps": ("mnist", "m")}  # the ten weight maps


@pytest.mark.parametrize("lesson", list(LESSONS))
def test_keypress_to_settled_screen(benchmark, figure, env, minimal_app, lesson):
    """Space takes one step: how long until the terminal shows it and goes
    quiet, and how many bytes (and frames) that took."""
    args = LESSONS[lesson]
    lesson_id, page = PAGES.get(lesson, (lesson, None))
    argv = minimal_app if args is None else gdtui_app(lesson_id, *args)

    def measure():
        latencies, sizes, frames = [], [], []
        with PtyApp(argv, *SIZE, env=env) as app:
            app.wait_for(lesson_ready, timeout=30)
            app.settle(0.3)
            if page:
                app.press(page)
                app.settle(0.3)
            for n in range(1, PRESSES + 1):
                bytes_before, frames_before = app.total_bytes, app.frames
                sent = app.press(" ")
                app.wait_for(lambda text: step_shown(text) == n, timeout=10)
                latencies.append(app.settle(QUIET) - sent)
                sizes.append(app.total_bytes - bytes_before)
                frames.append(app.frames - frames_before)
            app.quit()
        return latencies, sizes, frames

    latencies, sizes, frames = benchmark.pedantic(measure, rounds=1, iterations=1)
    median, p95 = statistics.median(latencies), float(np.percentile(latencies, 95))
    target = TARGETS.get(lesson)
    data = " (MNIST test split)" if args else ""
    figure("keypress to settled", f"{lesson} Space, median", median, "s",
           f"<= {ms(target)}" if target else "", None if target is None else median <= target,
           f"{PRESSES} presses{data}")
    figure("keypress to settled", f"{lesson} Space, p95", p95, "s")
    limit = BYTE_TARGETS.get(lesson)
    figure("bytes per step", f"{lesson} Space, median", statistics.median(sizes), "B",
           f"max <= {limit / 1000:g} KB" if limit else "", None if limit is None else max(sizes) <= limit,
           note=f"max {max(sizes):,} B; {statistics.median(frames):g} frames (max {max(frames)})")


def engine_steps_per_second(lesson_id: str, seconds: float = 1.0) -> float:
    """The lesson's engine alone, in this process: the ceiling for run mode."""
    from gdtui.lessons.loader import load_catalog

    lesson = load_catalog(use_env=False).lessons[lesson_id]
    if lesson.is_image_lesson:
        lesson = lesson.loaded(*mnist_args()[1:])
    trainer = lesson.trainer()
    taken, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        taken += trainer.run(200)
    return taken / (time.perf_counter() - start)


# mnist: 7,840 weights and light step records. learning-steps: one weight,
# whole step records, and a history table to keep up to date.
RUN_LESSONS = {"mnist": mnist_args(), "learning-steps": []}


@pytest.mark.parametrize("lesson", list(RUN_LESSONS))
def test_run_mode_at_max_speed(benchmark, figure, env, monkeypatch, tmp_path, lesson):
    """Run mode at max speed for ~3 s: engine steps, frames and bytes per
    second on screen, memory; then q must still answer quickly."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # for the engine ceiling
    monkeypatch.delenv("GDTUI_MNIST_DIR", raising=False)
    seconds, quit_wait = 3.0, 5.0

    def measure():
        with PtyApp(gdtui_app(lesson, *RUN_LESSONS[lesson]), *SIZE, env=env) as app:
            app.wait_for(lesson_ready, timeout=30)
            to_max_speed(app)
            app.press("r")
            app.wait_for(lambda text: "running max speed" in text.split("\n")[0], timeout=5,
                         latest_frame=True)
            step0 = step_shown(app.text(latest_frame=True))
            bytes0, frames0, rss0 = app.total_bytes, app.frames, app.memory()["VmRSS"]
            t0 = time.perf_counter()
            app.pump(seconds)
            elapsed = time.perf_counter() - t0
            step1 = step_shown(app.text(latest_frame=True))
            rss1 = app.memory()["VmRSS"]
            restored, exited = app.quit(timeout=quit_wait)
        return {
            "steps/s": (step1 - step0) / elapsed,
            "fps": (app.frames - frames0) / elapsed,
            "B/s": (app.total_bytes - bytes0) / elapsed,
            "MB/s": (rss1 - rss0) / elapsed,
            "rss": rss1,
            "restored": restored,
            "exited": exited,
        }

    got = benchmark.pedantic(measure, rounds=1, iterations=1)
    ceiling = engine_steps_per_second(lesson)
    group = f"{lesson} run mode"
    data = {"mnist": "MNIST test split" if mnist_args() else "the shipped MNIST subset"}.get(lesson, "")
    figure(group, "steps per second shown", got["steps/s"], "steps/s",
           note=", ".join(filter(None, ["max speed", data])))
    figure(group, "share of the bare engine's speed", got["steps/s"] / ceiling, "x",
           note=f"engine alone: {ceiling:,.0f} steps/s")
    figure(group, "frames per second", got["fps"], "fps", note="sync-output frames")
    if lesson == "mnist":  # pictures redrawn twice a second, numbers at the frame rate
        figure(group, "bytes per second", got["B/s"], "B", "<= 50 KB/s", got["B/s"] <= 50_000)
    else:
        figure(group, "bytes per second", got["B/s"], "B")
    figure(group, f"memory growth over the first {seconds:.0f} s", got["MB/s"], "MB/s",
           note=f"VmRSS {got['rss']:.0f} MB then (test_memory: the long run)")
    if got["exited"] is None:
        figure(group, "q to exit while running", quit_wait, "s", f"<= {ms(QUIT_TARGET)}", False,
               f"no exit within {quit_wait:.0f} s: killed")
    else:
        restored = "never" if got["restored"] is None else ms(got["restored"])
        figure(group, "q to exit while running", got["exited"], "s", f"<= {ms(QUIT_TARGET)}",
               got["exited"] <= QUIT_TARGET, f"terminal given back after {restored}")
    assert got["exited"] is not None, f"q did not end {lesson} in run mode within {quit_wait} s"


def test_headless_startup(benchmark, figure, env):
    """`gdtui run` must start about as fast as Python + NumPy: no Textual."""
    commands = {
        "gdtui run measure-error": [GDTUI, "run", "measure-error"],
        'python -c "import numpy"': [sys.executable, "-c", "import numpy"],
    }

    def measure():
        times = {name: [] for name in commands}
        for _ in range(10):
            for name, argv in commands.items():
                start = time.perf_counter()
                subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
                times[name].append(time.perf_counter() - start)
        return {name: statistics.median(t) for name, t in times.items()}

    medians = benchmark.pedantic(measure, rounds=1, iterations=1)
    (cli, cli_time), (numpy_name, numpy_time) = medians.items()
    ratio = cli_time / numpy_time
    figure("headless start-up", cli, cli_time, "s", note="median of 10")
    figure("headless start-up", numpy_name, numpy_time, "s", note="median of 10")
    figure("headless start-up", "gdtui run / import numpy", ratio, "x", "<= 2.5x", ratio <= 2.5)

    imports = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "gdtui", "run", "measure-error"],
        env=env, capture_output=True, text=True, check=True,
    ).stderr
    assert "textual" not in imports, "the headless CLI imports Textual"
