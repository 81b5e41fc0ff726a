"""The app and its progress: warnings about what was found are drawn as
written (never as markup), a store that stops taking writes is said once and
learning goes on, and what a learner did is there after a restart."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from app_support import app_for, notices, shown
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.lesson_list import LessonListScreen


def toasts(app) -> str:
    return " ".join(" ".join(shown(t).split()) for t in app.screen.query("Toast"))


def corrupt_naming_markup(root):
    path = root / "progress" / "learner.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 1, "lessons": {"[/]": 3}}))


def fifo_store(root):
    root.mkdir(parents=True, exist_ok=True)
    os.mkfifo(root / "progress.db")


@pytest.mark.parametrize("folder, make, said", [
    ("data", corrupt_naming_markup, "lesson '[/]' is not a table"),
    ("[b]data[/]", corrupt_naming_markup, "[b]data[/]"),
    ("[b]data[/]", fifo_store, "FIFO"),
    ("[@click=app.quit]x", fifo_store, "[@click=app.quit]x"),
])
async def test_a_warning_is_drawn_as_written(tmp_path, monkeypatch, folder, make, said):
    root = tmp_path / folder
    monkeypatch.setenv("GDTUI_DATA_DIR", str(root))
    monkeypatch.setenv("USER", "learner")
    make(root)
    app = app_for()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        (message,) = [n.message for n in notices(app)]
        assert said in message and "\n" not in message
        assert str(tmp_path)[:20] in toasts(app)  # drawn, not parsed as markup
        await pilot.press("enter")  # and the app goes on
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
    assert app.return_code in (None, 0)


async def test_a_store_that_stops_taking_writes_is_said_once(tmp_path, monkeypatch):
    app = app_for("learning-steps")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        # What a full disk does to SQLite, from here on.
        store_sink = app.recorder.sink
        calls = []

        def full(event):
            calls.append(event)
            return "could not save progress to x: database or disk is full" if len(calls) == 1 else None

        app.recorder.sink = full
        for _ in range(5):
            await pilot.press("space")
        await pilot.pause()
        assert len(calls) == 5
        assert [n.message for n in notices(app)] == [
            "could not save progress to x: database or disk is full"]
        assert "step 5" in shown(app.screen.query_one("StatusBar"))
        app.recorder.sink = store_sink



@pytest.fixture
def own_store(tmp_path, monkeypatch):
    """The learner's store in tmp_path; a function giving its events, (kind, step) in order."""
    monkeypatch.setenv("GDTUI_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("USER", "learner")

    def kept() -> list[tuple[str, int]]:
        with sqlite3.connect(tmp_path / "progress.db") as conn:
            return conn.execute("SELECT kind, step FROM events ORDER BY seq").fetchall()

    return kept


async def test_every_event_reaches_the_store_after_its_frame_and_at_the_end(own_store):
    """The store is written once a step's frame is out (gdtui.practice.progress,
    Recorder.later), in order; what waits when the app ends is written too."""
    app = app_for("learning-steps")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for n in (1, 2, 3):
            await pilot.press("space")
            await pilot.pause()
            assert own_store()[-1] == ("step", n)  # written with its frame, not left waiting
        await pilot.press("space", "space", "b")  # three changes before any frame
        await pilot.press("q")
    assert own_store() == [("open", 0), ("step", 1), ("step", 2), ("step", 3),
                           ("step", 4), ("step", 5), ("step", 4), ("leave", 4)]


async def test_what_waits_when_the_app_ends_is_written(own_store):
    """The worst case of an ending app: a flush put off that never comes
    (its message dropped as the app closes). The app's unmount writes it."""
    app = app_for("learning-steps")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.recorder.later = lambda flush: True  # accepted, never run
        await pilot.press("space", "space")
        await pilot.pause()
        await pilot.press("q")
    assert own_store() == [("open", 0), ("step", 1), ("step", 2), ("leave", 2)]
