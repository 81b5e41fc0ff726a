"""How fast `gdtui run mnist` is as a whole process, against the plain NumPy loop.

Per step, start-up taken out: (time for 21,000 steps - time for 1,000) / 20,000,
each the median of interleaved runs, against `W -= alpha * np.outer(W @ x -
goal, x)` over the same images, measured in the same run. Times are CPU
seconds (the child's user + system; the loop's process time), which a busy
shared machine disturbs far less than wall time.

Targets (issue "Core v2"): book and summary <= 0.8x the loop; json <= 1.5x
summary, per step. json prints 30 floats a step as repr spells them; repr
alone would take about a microsecond each, so they are written by orjson and
respelled where it differs (gdtui.output.jsonl.float_rows).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from gdtui.lessons.loader import load_catalog

SHARED_MNIST = Path(__file__).resolve().parents[3] / "shared" / "mnist"
SHORT, LONG = 1000, 21_000
ROUNDS = 5
PER_STEP: dict[str, float] = {}  # seconds per step, by format and for the loop


def mnist_args() -> list[str]:
    return ["--mnist-dir", str(SHARED_MNIST)] if SHARED_MNIST.is_dir() else []


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def whole_run(fmt: str, steps: int) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("GDTUI_SCENARIOS", "GDTUI_MNIST_DIR")}
    start = child_cpu()
    subprocess.run(
        [sys.executable, "-m", "gdtui", "run", "mnist", "--steps", str(steps), "--format", fmt,
         *mnist_args()],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env,
    )
    return child_cpu() - start


WHOLE: dict[str, float] = {}  # median CPU seconds of the whole 1,000-step process, by format


def per_step(fmt: str) -> float:
    short, long = [], []
    for _ in range(ROUNDS):  # interleaved, so drift on a shared machine hits both
        short.append(whole_run(fmt, SHORT))
        long.append(whole_run(fmt, LONG))
    WHOLE[fmt] = statistics.median(short)
    return (statistics.median(long) - statistics.median(short)) / (LONG - SHORT)


def numpy_loop_per_step() -> float:
    mnist_dir = str(SHARED_MNIST) if SHARED_MNIST.is_dir() else None
    lesson = load_catalog(use_env=False).lessons["mnist"].loaded(mnist_dir)
    inputs, goals, alpha = lesson.dataset.inputs, lesson.dataset.goals, lesson.settings.alpha
    samples = len(inputs)
    times = []
    for _ in range(ROUNDS):
        W = np.zeros((10, 784))
        start = time.process_time()
        for i in range(LONG - SHORT):
            x = inputs[i % samples]
            W -= alpha * np.outer(W @ x - goals[i % samples], x)
        times.append(time.process_time() - start)
    return statistics.median(times) / (LONG - SHORT)


def test_run_numpy_loop(benchmark, figure):
    PER_STEP["loop"] = benchmark.pedantic(numpy_loop_per_step, rounds=1, iterations=1)
    figure("gdtui run mnist", "NumPy loop, per step", PER_STEP["loop"] * 1e6, "µs")


@pytest.mark.parametrize("fmt", ["summary", "book", "json", "table"])
def test_run_mnist_per_step(benchmark, figure, fmt):
    PER_STEP[fmt] = seconds = benchmark.pedantic(per_step, args=(fmt,), rounds=1, iterations=1)
    loop = PER_STEP.get("loop")
    figure("gdtui run mnist", f"--format {fmt}, per step", seconds * 1e6, "µs")
    if loop is None:
        return
    ratio = seconds / loop
    if fmt in ("summary", "book"):
        figure("gdtui run mnist", f"{fmt} / NumPy loop", ratio, "x", "<= 0.8", ratio <= 0.8)
    else:
        figure("gdtui run mnist", f"{fmt} / NumPy loop", ratio, "x")
    if fmt == "json" and "summary" in PER_STEP:
        whole = WHOLE["json"] / WHOLE["summary"]
        figure("gdtui run mnist", "json / summary, whole process, 1,000 steps", whole, "x")
        ratio = seconds / PER_STEP["summary"]
        figure("gdtui run mnist", "json / summary, per step", ratio, "x", "<= 1.5", ratio <= 1.5)
