"""The first frame imports only what it draws (issues 12 and 19).

Each case runs in a fresh interpreter: open the app headless (in a lesson, or
on the list), wait for its first frame, then list which of the modules below
were imported and which screens were built, and see the garbage collector,
off for the start-up, on again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# What the first frame of a chapter lesson or the list needs none of, and
# when it is imported instead.
LATER = {
    "pooch": "MNIST's download",
    "gdtui.data": "MNIST's data files, when the MNIST lesson opens",
    "gdtui.data.fetch": "MNIST's download",
    "gdtui.ui.screens.mnist": "the MNIST lesson",
    "gdtui.ui.widgets.mnist_panels": "the MNIST lesson",
    "gdtui.viz.digits": "the MNIST lesson",
    "gdtui.ui.screens.edit": "e: the edit form",
    "gdtui.output.trace": "s: saving the steps",
    "gdtui.ui.screens.followed": "served: the instructor's lesson, when one is presented",
    "gdtui.practice.poll": "served: a class poll, when one is asked",
    "gdtui.serve": "gdtui serve",
    "gdtui.classroom": "gdtui class",
    "gdtui.ui.classroom": "gdtui class",
    "gdtui.store.legacy": "an old JSON progress file (gdtui before the store), taken in once",
    "importlib.resources": "never: the built-in lessons' folder comes from the package's spec",
}
MNIST_SCREEN = {"gdtui.data", "gdtui.ui.screens.mnist", "gdtui.ui.widgets.mnist_panels",
                "gdtui.viz.digits"}

PROBE = """
import asyncio, gc, json, sys
gc.disable()  # as gdtui's start-up leaves it (gdtui.cli.commands.cmd_app)
from gdtui.lessons.loader import load_catalog
from gdtui.ui.app import make_app
from gdtui.ui.collector import QuietCollector

async def main():
    app = make_app(load_catalog(use_env=False), sys.argv[1] or None, lang="en")
    app.collector = QuietCollector()  # as launch gives it
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print(json.dumps({"screens": [type(s).__name__ for s in app.screen_stack],
                          "imported": [m for m in json.loads(sys.argv[2]) if m in sys.modules],
                          "frozen": gc.get_freeze_count(),
                          "collector timer": app.collector.timer is not None}))

asyncio.run(main())
"""


def first_frame(lesson_id: str | None, tmp_path) -> dict:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("GDTUI_MNIST_DIR", None)
    done = subprocess.run([sys.executable, "-c", PROBE, lesson_id or "", json.dumps(list(LATER))],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


# lesson (None: the list) -> the screens built by the first frame, what of LATER it imports
CASES = {
    "learning-steps": (["TerminalScreen", "LessonScreen"], set()),
    "multi-io": (["TerminalScreen", "LessonScreen"], set()),
    None: (["TerminalScreen", "LessonListScreen"], set()),
    "mnist": (["TerminalScreen", "MnistScreen"], MNIST_SCREEN),
}


@pytest.mark.parametrize("lesson_id", list(CASES), ids=lambda i: i or "the list")
def test_the_first_frame_imports_only_what_it_draws(lesson_id, tmp_path):
    screens, imported = CASES[lesson_id]
    got = first_frame(lesson_id, tmp_path)
    # Opened in a lesson, the list is built only when Escape first goes there.
    assert got["screens"] == screens
    # What start-up built is frozen, and the app's collector has taken over (gdtui.ui.collector).
    assert got["frozen"] > 10_000 and got["collector timer"]
    assert {m: LATER[m] for m in got["imported"]} == {m: LATER[m] for m in imported}
