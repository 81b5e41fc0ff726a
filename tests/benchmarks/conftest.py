"""The benchmark suite: `pytest tests/benchmarks --benchmark-only`.

Every benchmark records its figures with the `figure` fixture; at the end the
run prints one comparison table and writes the figures as JSON
(benchmark-results.json, or the path in GDTUI_BENCH_JSON). The normal test
run skips all of this (--benchmark-skip in pyproject.toml).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from dataclasses import asdict

import pytest

from bench_support import FIGURES, Figure, shown


# The smallest app that draws what lesson_ready waits for, and counts steps
# on Space: the baseline cost of Python + Textual, for start-up, a keypress
# and quitting. mouse=False as gdtui runs, so both write the same setup.
MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Static


class Minimal(App):
    BINDINGS = [("space", "step", "Step"), ("q", "quit", "Quit")]
    steps = 0

    def compose(self):
        yield Static("step 0")
        yield Footer()

    def action_step(self):
        self.steps += 1
        self.query_one(Static).update(f"step {self.steps}")


Minimal().run(mouse=False)
"""


# The floor of any app whose first frame needs NumPy's numbers: the minimal
# app that imports NumPy first, with one BLAS thread as gdtui runs (gdtui.blas);
# and the same started as gdtui starts, the garbage collector off (it is not
# turned on again: the first frame is all that is measured of it).
MINIMAL_NUMPY_APP = """
import os
for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(name, "1")
import numpy
""" + MINIMAL_APP
COLLECTOR_OFF = """
import gc
gc.disable()
"""


def _script(tmp_path_factory, name: str, text: str) -> list[str]:
    script = tmp_path_factory.mktemp("minimal") / name
    script.write_text(text)
    return [sys.executable, str(script)]


@pytest.fixture(scope="module")
def minimal_app(tmp_path_factory) -> list[str]:
    return _script(tmp_path_factory, "minimal_app.py", MINIMAL_APP)


@pytest.fixture(scope="module")
def numpy_floors(tmp_path_factory) -> dict[str, list[str]]:
    return {"minimal + numpy": _script(tmp_path_factory, "numpy_app.py", MINIMAL_NUMPY_APP),
            "minimal + numpy, gc off": _script(tmp_path_factory, "numpy_app_gc_off.py",
                                               COLLECTOR_OFF + MINIMAL_NUMPY_APP)}


@pytest.fixture(scope="session", autouse=True)
def compiled_gdtui() -> None:
    """gdtui's bytecode written, as `pip install` writes it: a worktree run
    under PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module of
    gdtui from source at each start (~90 ms of a launch that is not the app's).
    The built-in lessons too: pip installs them inside the package."""
    import compileall

    import gdtui
    from gdtui.lessons.loader import builtin_dir

    compileall.compile_dir(os.path.dirname(gdtui.__file__), quiet=1)
    compileall.compile_dir(builtin_dir(), quiet=1)


@pytest.fixture
def figure():
    """figure(group, name, value, unit, target="", met=None, note="")"""

    def record(group, name, value, unit, target="", met=None, note=""):
        FIGURES.append(Figure(group, name, float(value), unit, target, met, note))

    return record


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not FIGURES:
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="gdtui benchmarks", show_lines=False)
    for column in ("group", "figure", "value", "target", "met", "note"):
        table.add_column(column, overflow="fold")
    for f in FIGURES:
        met = {True: "yes", False: "NO", None: ""}[f.met]
        table.add_row(f.group, f.name, shown(f.value, f.unit), f.target, met, f.note)
    Console(width=max(120, Console().width)).print(table)
    path = os.environ.get("GDTUI_BENCH_JSON", "benchmark-results.json")
    with open(path, "w", encoding="utf-8") as out:
        json.dump(
            {
                "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                            "platform": platform.platform()},
                "figures": [asdict(f) for f in FIGURES],
            },
            out,
            indent=1,
        )
    terminalreporter.write_line(f"figures written to {path}")
