"""Where a start and a step go: the breakdowns behind docs/performance.md.

    python tests/benchmarks/where_time_goes.py start
    python tests/benchmarks/where_time_goes.py step [LESSON]

start: gdtui's modules by their own import time (`python -X importtime`,
bytecode compiled first, the median of 3 fresh interpreters, Textual and
NumPy imported before as the app has them), and the time spent making
dataclasses, per class.
step: per press of Space and b at 120x40, headless, in-process: the
session's change handling (the views and every widget's drawing) and each
rows widget's drawing. The benchmark (test_frames.py) measures what a
learner sees under a pty; this says where it goes.
"""

from __future__ import annotations

import asyncio
import collections
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = 3

START = """
import dataclasses, json, sys, time
import numpy, textual.app
from textual.widgets import Footer, Static
made = []
process = dataclasses._process_class
def timed(cls, *args, **kwargs):
    started = time.perf_counter()
    done = process(cls, *args, **kwargs)
    made.append((cls.__module__ + "." + cls.__qualname__, time.perf_counter() - started))
    return done
dataclasses._process_class = timed
from gdtui.cli.commands import _catalog
_catalog([])
import gdtui.ui.app
from gdtui.practice.progress import open_recorder
open_recorder()
print(json.dumps(made))
"""


def start() -> None:
    compileall.compile_dir(ROOT / "gdtui", quiet=1)
    compileall.compile_dir(ROOT / "scenarios", quiet=1)
    own: dict[str, list[float]] = collections.defaultdict(list)
    made: dict[str, list[float]] = collections.defaultdict(list)
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, GDTUI_DATA_DIR=data)
        for _ in range(RUNS):
            done = subprocess.run([sys.executable, "-X", "importtime", "-c", START], env=env,
                                  capture_output=True, text=True, check=True, timeout=120)
            for line in done.stderr.splitlines():
                fields = line.removeprefix("import time:").split("|")
                if len(fields) == 3 and fields[2].strip().startswith("gdtui"):
                    own[fields[2].strip()].append(int(fields[0]) / 1e3)
            for name, seconds in json.loads(done.stdout.splitlines()[-1]):
                made[name].append(seconds * 1e3)
    mods = sorted(((statistics.median(v), k) for k, v in own.items()), reverse=True)
    classes = sorted(((statistics.median(v), k) for k, v in made.items()), reverse=True)
    print(f"gdtui's {len(mods)} modules: {sum(t for t, _ in mods):.1f} ms of their own import")
    for ms, name in mods[:15]:
        print(f"  {ms:5.1f} ms  {name}")
    print(f"making {len(classes)} dataclasses: {sum(t for t, _ in classes):.1f} ms")
    for ms, name in classes[:10]:
        print(f"  {ms:5.2f} ms  {name}")


def step(lesson: str) -> None:
    sys.path.insert(0, str(ROOT))
    from gdtui.lessons.loader import load_catalog
    from gdtui.ui.app import make_app
    from gdtui.ui.screens.session_screen import SessionScreen
    from gdtui.ui.widgets.part_widget import RowsWidget

    spent: collections.Counter[str] = collections.Counter()
    counting = False

    def timed(cls, name, label):
        original = getattr(cls, name)

        def wrapper(self, *args, **kwargs):
            started = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                if counting:
                    spent[label(self)] += time.perf_counter() - started

        setattr(cls, name, wrapper)

    handled = "a change handled (views and drawing)"
    timed(SessionScreen, "session_changed", lambda _: handled)
    timed(RowsWidget, "_draw", lambda widget: f"  drawing {type(widget).__name__}")
    keys = ["space"] * 12 + ["b"] * 12
    rounds = 4

    async def run() -> None:
        nonlocal counting
        app = make_app(load_catalog([]), lesson, lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for key in keys:  # warm: every step drawn once
                await pilot.press(key)
                await pilot.pause()
            counting = True
            for _ in range(rounds):
                for key in keys:
                    await pilot.press(key)
                    await pilot.pause()
            counting = False

    with tempfile.TemporaryDirectory() as data:
        os.environ["GDTUI_DATA_DIR"] = data  # the progress store, thrown away after
        asyncio.run(run())
    presses = len(keys) * rounds
    print(f"{lesson}, 120x40, ms a press ({presses} presses of Space and b):")
    print(f"  {spent.pop(handled, 0.0) / presses * 1e3:6.3f}  {handled}")
    for label, seconds in spent.most_common():
        print(f"  {seconds / presses * 1e3:6.3f}  {label}")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "start":
        start()
    elif what == "step":
        step(sys.argv[2] if len(sys.argv) > 2 else "multi-io")
    else:
        sys.exit(__doc__)
