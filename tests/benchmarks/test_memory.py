"""Long runs in the app's run mode, under a real pseudo-terminal: memory stays
bounded and flat, the run stops where the engine says, nothing is printed
behind the screen, and q still answers at the end.

Memory is the app process's own: VmRSS (now) and VmHWM (peak) from
/proc/PID/status. Each run is bounded by a timeout.
"""

from __future__ import annotations

import sys
import time

import pytest

from pty_driver import (
    PtyApp, app_env, gdtui_app, lesson_ready, mnist_args, run_past_convergence, step_shown,
    to_max_speed,
)

SIZE = (120, 40)
MEMORY_TARGET = 200  # MB
FLAT_TARGET = 5  # MB more between the last two marks: room for allocator noise
QUIT_TARGET = 0.2
DATA = "MNIST test split" if mnist_args() else "the shipped MNIST subset"

# Runs gdtui with Python's warnings written to a file. Textual swallows what
# is printed to stderr while the app runs (the terminal is the screen), so a
# warning would otherwise go unseen. Default filters, as a learner runs it.
WATCH_WARNINGS = """
import sys, warnings

log = open(sys.argv.pop(1), "w")

def record(message, category, filename, lineno, file=None, line=None):
    log.write(warnings.formatwarning(message, category, filename, lineno, line))
    log.flush()

warnings.showwarning = record
from gdtui.cli import main
sys.exit(main())
"""


@pytest.fixture
def env(tmp_path):
    return app_env(tmp_path / "cache")


def start_running(app: PtyApp, converges: bool = False) -> float:
    """Wait for the lesson, go to max speed and press r (again past the
    convergence pause, for a lesson that converges); returns when."""
    app.wait_for(lesson_ready, timeout=30)
    to_max_speed(app)
    return run_past_convergence(app) if converges else app.press("r")


def run_until(app: PtyApp, steps: int, timeout: float) -> int:
    """Keep the terminal read until the status bar shows `steps` or more."""
    app.wait_for(lambda text: (step_shown(text) or 0) >= steps, timeout=timeout,
                 latest_frame=True)
    return step_shown(app.text(latest_frame=True))


# mnist: the brief's marks. learning-steps: a one-weight lesson runs ~30 times
# faster, so its marks go past both of the trainer's windows (2,000 steps kept
# for step back, the newest 100,000+ errors for the curve).
FLAT_RUNS = {
    "mnist": (mnist_args(), (2_000, 10_000, 20_000)),
    "learning-steps": ([], (100_000, 250_000, 500_000)),
}


@pytest.mark.parametrize("lesson", list(FLAT_RUNS))
def test_memory_stays_flat(benchmark, figure, env, lesson):
    """Run mode at max speed: memory at each mark, peak, growth between the
    last two marks, and the frame rate late in the run."""
    args, marks = FLAT_RUNS[lesson]

    def measure():
        seen = {}
        with PtyApp(gdtui_app(lesson, *args), *SIZE, env=env) as app:
            start_running(app, converges=lesson != "mnist")
            for mark in marks:
                step = run_until(app, mark, timeout=300)
                seen[mark] = (step, app.memory(), app.frames, time.perf_counter())
            restored, exited = app.quit()
        return seen, exited

    seen, exited = benchmark.pedantic(measure, rounds=1, iterations=1)
    group = f"{lesson} memory"
    data = f"; {DATA}" if lesson == "mnist" else ""
    for mark, (step, memory, _, _) in seen.items():
        figure(group, f"VmRSS after {mark:,} steps", memory["VmRSS"], "MB",
               note=f"read at step {step:,}{data}")
    (_, mid, mid_frames, mid_time), (_, last, last_frames, last_time) = \
        seen[marks[-2]], seen[marks[-1]]
    peak, growth = last["VmHWM"], last["VmRSS"] - mid["VmRSS"]
    figure(group, f"VmHWM (peak) after {marks[-1]:,} steps", peak, "MB",
           f"<= {MEMORY_TARGET} MB", peak <= MEMORY_TARGET)
    figure(group, f"VmRSS growth {marks[-2]:,} to {marks[-1]:,} steps", growth, "MB",
           f"<= {FLAT_TARGET} MB", growth <= FLAT_TARGET)
    if last_time - mid_time >= 1:  # a frame rate over a few frames says little
        figure(group, f"frames per second, {marks[-2]:,} to {marks[-1]:,}",
               (last_frames - mid_frames) / (last_time - mid_time), "fps",
               note=f"over {last_time - mid_time:.1f} s")
    assert exited is not None, f"q did not end {lesson} after {marks[-1]:,} steps"


def test_explosion_stops_on_overflow(benchmark, figure, env):
    """Run mode asked for endless steps stops at the overflow, says where, and
    stays stopped; q then ends the app."""

    def measure():
        with PtyApp(gdtui_app("explosion"), *SIZE, env=env) as app:
            pressed = start_running(app)
            shown = app.wait_for(lambda text: "overflow at step" in text.split("\n")[0],
                                 timeout=60, latest_frame=True)
            app.pump(1.0)  # a second later: still there, not running
            status = app.text().split("\n")[0]
            restored, exited = app.quit()
        return shown - pressed, status, restored, exited

    took, status, restored, exited = benchmark.pedantic(measure, rounds=1, iterations=1)
    assert "overflow at step 326" in status and step_shown(status) == 326, status
    assert "running" not in status, status
    figure("long runs", "explosion: r to overflow shown", took, "s", note="max speed, 326 steps")
    assert exited is not None, "q did not end the app after the overflow"
    figure("long runs", "explosion: q to exit after overflow", exited, "s",
           f"<= {QUIT_TARGET * 1e3:.0f} ms", exited <= QUIT_TARGET,
           f"terminal given back after {restored * 1e3:.0f} ms")


def test_mnist_long_run(benchmark, figure, env, tmp_path):
    """50,000 steps: memory stays under the bound, no warnings, nothing printed
    after the app ends, and q answers at the end."""
    warnings_log = tmp_path / "warnings.txt"
    argv = [sys.executable, "-c", WATCH_WARNINGS, str(warnings_log),
            *gdtui_app("mnist", *mnist_args())[1:]]  # [1:]: main() takes the args

    def measure():
        with PtyApp(argv, *SIZE, env=env) as app:
            pressed = start_running(app)
            step = run_until(app, 50_000, timeout=600)
            took = time.perf_counter() - pressed
            memory = app.memory()
            restored, exited = app.quit()
            printed = app.printed_after_exit()
        return step, took, memory, restored, exited, printed

    step, took, memory, restored, exited, printed = benchmark.pedantic(
        measure, rounds=1, iterations=1)
    figure("long runs", "mnist: 50,000 steps took", took, "s", note=f"max speed, {DATA}")
    figure("long runs", "mnist: VmHWM (peak) after 50,000 steps", memory["VmHWM"], "MB",
           f"<= {MEMORY_TARGET} MB", memory["VmHWM"] <= MEMORY_TARGET,
           f"VmRSS {memory['VmRSS']:.1f} MB at step {step:,}")
    assert exited is not None, "q did not end the app after 50,000 steps"
    figure("long runs", "mnist: q to exit while running", exited, "s",
           f"<= {QUIT_TARGET * 1e3:.0f} ms", exited <= QUIT_TARGET,
           f"terminal given back after {restored * 1e3:.0f} ms")
    assert warnings_log.read_text() == "", "warnings while running:\n" + warnings_log.read_text()
    assert printed == "", "written to the terminal after the app ended:\n" + printed
