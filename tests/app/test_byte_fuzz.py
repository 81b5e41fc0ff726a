"""Byte fuzz, the short run: SHORT fragments a screen, every screen in
byte_fuzz.TARGETS (what is fed, and what fails: tests/app/byte_fuzz.py; the
long run: tests/benchmarks/test_byte_fuzz_long.py).

Seeded; a failure prints the seed and the shortest sequence found that still
fails. Rerun one with `pytest tests/app/test_byte_fuzz.py -k <screen>`.
"""

from __future__ import annotations

import traceback

import pytest
from textual.widgets import Static

import byte_fuzz
from byte_fuzz import TARGETS, fuzz, private_paths  # noqa: F401 (a fixture)
from gdtui.ui.screens.lesson import LessonScreen

SHORT = 300  # fragments a screen: a few seconds of CPU each


@pytest.mark.parametrize("screen", list(TARGETS))
async def test_byte_fuzz(screen, tmp_path, capfd):
    failure = await fuzz(screen, SHORT, tmp_path / "class", capfd)
    if failure is not None:
        pytest.fail(failure, pytrace=False)


def crash(screen) -> None:
    raise RuntimeError("planted")


def draw_raw(screen) -> None:
    screen.mount(Static("planted \x1b]0;title\x07", markup=False))


def print_traceback(screen) -> None:
    try:
        raise RuntimeError("planted")
    except RuntimeError:
        traceback.print_exc()


@pytest.mark.parametrize("plant, said", [
    (crash, "RuntimeError: planted"),
    (draw_raw, "drawn raw: "),
    (print_traceback, "a traceback printed"),
])
async def test_the_fuzz_fails_when_the_app_does(monkeypatch, tmp_path, capfd, plant, said):
    """Space (a step) on the lesson screen does what a bug would: the run fails, saying what."""
    monkeypatch.setattr(LessonScreen, "action_step", plant)
    monkeypatch.setattr(byte_fuzz, "fragments_for", lambda screen, seed, count: [b" "] * count)
    failure = await fuzz("lesson", 3, tmp_path / "class", capfd)
    assert failure is not None and said in failure, failure
