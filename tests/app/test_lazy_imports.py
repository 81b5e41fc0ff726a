"""A chapter lesson does not import what only MNIST needs (issue 12).

Each case runs in a fresh interpreter: open the lesson headless, wait for its
first frame, then list which of the MNIST-only modules were imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

MNIST_ONLY = ["pooch", "gdtui.data.fetch", "gdtui.ui.screens.mnist", "gdtui.ui.widgets.mnist_panels",
              "gdtui.viz.digits"]

PROBE = """
import asyncio, json, sys
from gdtui.lessons.loader import load_catalog
from gdtui.ui.app import make_app

async def main():
    app = make_app(load_catalog(use_env=False), sys.argv[1], lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print(json.dumps({"screen": type(app.screen).__name__,
                          "imported": [m for m in json.loads(sys.argv[2]) if m in sys.modules]}))

asyncio.run(main())
"""


def imported_by(lesson_id: str, tmp_path) -> dict:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("GDTUI_MNIST_DIR", None)
    done = subprocess.run([sys.executable, "-c", PROBE, lesson_id, json.dumps(MNIST_ONLY)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("lesson_id", ["learning-steps", "multi-io"])
def test_chapter_lessons_import_nothing_of_mnist(lesson_id, tmp_path):
    got = imported_by(lesson_id, tmp_path)
    assert got["screen"] == "LessonScreen"
    assert got["imported"] == []


def test_the_mnist_lesson_imports_its_screen(tmp_path):
    got = imported_by("mnist", tmp_path)
    assert got["screen"] == "MnistScreen"
    assert "gdtui.ui.screens.mnist" in got["imported"]
