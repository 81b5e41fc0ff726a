"""How fast `gdtui run mnist` is as a whole process, against the plain NumPy loop.

Per step, start-up taken out: (time for 21,000 steps - time for 1,000) / 20,000,
against `W -= alpha * np.outer(W @ x - goal, x)` over the same images,
measured in the same rounds. Times are CPU
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

from gdtui.lessons.loader import load_catalog

SHARED_MNIST = Path(__file__).resolve().parents[3] / "shared" / "mnist"
SHORT, LONG = 1000, 21_000
ROUNDS = 7


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


FORMATS = ["summary", "book", "json", "table"]


def numpy_loop_once(inputs, goals, alpha) -> float:
    """Seconds per step of the plain NumPy loop, over LONG - SHORT steps."""
    samples = len(inputs)
    W = np.zeros((10, 784))
    start = time.process_time()
    for i in range(LONG - SHORT):
        x = inputs[i % samples]
        W -= alpha * np.outer(W @ x - goals[i % samples], x)
    return (time.process_time() - start) / (LONG - SHORT)


def measure_all() -> dict[str, list[float]]:
    """Per round: the loop, then each format's short and long run, back to
    back. The speed of a shared machine drifts by tens of percent within a
    minute, so each ratio is taken within a round and the median of the
    rounds' ratios is reported."""
    mnist_dir = str(SHARED_MNIST) if SHARED_MNIST.is_dir() else None
    lesson = load_catalog(use_env=False).lessons["mnist"].loaded(mnist_dir)
    data, alpha = lesson.dataset, lesson.settings.alpha
    runs: dict[str, list[float]] = {"loop": [], **{f: [] for f in FORMATS},
                                    **{f"{f} whole": [] for f in FORMATS}}
    for _ in range(ROUNDS):
        runs["loop"].append(numpy_loop_once(data.inputs, data.goals, alpha))
        for fmt in FORMATS:
            short = whole_run(fmt, SHORT)
            runs[fmt].append((whole_run(fmt, LONG) - short) / (LONG - SHORT))
            runs[f"{fmt} whole"].append(short)
    return runs


def ratio(runs, top: str, bottom: str) -> float:
    return statistics.median(a / b for a, b in zip(runs[top], runs[bottom]))


def test_run_mnist_per_step(benchmark, figure):
    runs = benchmark.pedantic(measure_all, rounds=1, iterations=1)
    group = "gdtui run mnist"
    figure(group, "NumPy loop, per step", statistics.median(runs["loop"]) * 1e6, "µs",
           note=f"median of {ROUNDS} rounds")
    for fmt in FORMATS:
        figure(group, f"--format {fmt}, per step", statistics.median(runs[fmt]) * 1e6, "µs")
        r = ratio(runs, fmt, "loop")
        if fmt in ("summary", "book"):
            figure(group, f"{fmt} / NumPy loop", r, "x", "<= 0.8", r <= 0.8, "per round, median")
        else:
            figure(group, f"{fmt} / NumPy loop", r, "x", note="per round, median")
    whole = ratio(runs, "json whole", "summary whole")
    figure(group, "json / summary, whole process, 1,000 steps", whole, "x")
    r = ratio(runs, "json", "summary")
    figure(group, "json / summary, per step", r, "x", "<= 1.5", r <= 1.5, "per round, median")
