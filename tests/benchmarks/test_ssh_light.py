"""Issue 12, "fast and light over SSH": bytes per step at both sizes.

Each lesson runs under a real pty twice in the same test: as shipped (lean
output, gdtui/ui/lean_output.py) and with GDTUI_LEAN_OUTPUT=0 (Textual's own
output), the reference. Opened by id and from the lesson list, as an SSH
learner gets there.
"""

from __future__ import annotations

import statistics

import pytest

from pty_driver import PtyApp, app_env, gdtui_app, lesson_ready, step_shown

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
