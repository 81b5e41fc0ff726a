import asyncio

import pytest
from textual.app import App
from textual.pilot import Pilot

from app_support import recording_clear, recording_notify
from fuzz_support import handled
from press_support import key_event


@pytest.fixture(autouse=True)
def no_mnist_cache(tmp_path, monkeypatch):
    """The app's tests never pick up a developer's MNIST cache: without
    --mnist-dir the mnist lesson runs on the MNIST images shipped with gdtui."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GDTUI_MNIST_DIR", raising=False)


@pytest.fixture
def fresh_mnist_lesson():
    """The shared catalog's mnist lesson as it was before the test (the app
    keeps the lesson it has loaded there, its images read)."""
    from app_support import CATALOG

    lesson = CATALOG.lessons["mnist"]
    yield
    CATALOG.lessons["mnist"] = lesson


async def press_when_handled(self: Pilot, *keys: str) -> None:
    """Pilot.press, waiting on a condition instead of on the CPU.

    Textual's press waits for the process to look idle twice per key, each
    wait at least 20 ms of sleep (more while anything runs): most of the app
    tier's time was spent there. Here each key goes straight into the app's
    queue and the next is sent once the app and the screen's widgets have
    handled it and what it posted (a pushed screen's mount, a redraw)."""
    for key in keys:
        self.app.post_message(key_event(key))
        await settled(self)


async def settled(pilot: Pilot, rounds: int = 50) -> None:
    """Until the screen stays the same and every queue on it is empty (a
    dismissed form's callback, a mount, a redraw are messages too)."""
    app = pilot.app
    for _ in range(rounds):
        screen = app.screen
        await handled(pilot)
        await app.animator.wait_until_complete()
        await asyncio.sleep(0)
        nodes = [app, *app.screen.walk_children(with_self=True)]
        if app.screen is screen and all(node.message_queue_size == 0 for node in nodes):
            break
    # Lay out and draw now (a widget just shown gets its size), and let that land.
    await handled(pilot)


@pytest.fixture(autouse=True)
def keys_wait_on_conditions(monkeypatch):
    monkeypatch.setattr(Pilot, "press", press_when_handled)


@pytest.fixture(autouse=True)
def notices_are_recorded(monkeypatch):
    monkeypatch.setattr(App, "notify", recording_notify)
    monkeypatch.setattr(App, "clear_notifications", recording_clear)
