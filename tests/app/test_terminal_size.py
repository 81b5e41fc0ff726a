"""Screens are laid out at the terminal's size, never at a size it no longer
has (gdtui/ui/screens/terminal_size.py; its canary, test_stale_resize, is in
test_textual_canaries.py)."""

import asyncio
import importlib
import pkgutil

import pytest
from textual import events
from textual.geometry import Size
from textual.screen import Screen

import gdtui.ui
from fuzz_support import Watchdog
from gdtui.lessons.loader import load_catalog
from gdtui.ui.app import make_app
from gdtui.ui.classroom.app import ClassApp
from gdtui.ui.driver import versions
from gdtui.ui.screens.terminal_size import SizedByTerminal, TerminalScreen
from gdtui.ui.screens.too_small import TooSmallScreen


def gdtui_screens() -> list[type]:
    for module in pkgutil.walk_packages(gdtui.ui.__path__, "gdtui.ui."):
        importlib.import_module(module.name)
    found, todo = [], [Screen]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("gdtui."):
                found.append(sub)
    return found


def test_every_gdtui_screen_takes_the_terminals_size():
    screens = gdtui_screens()
    assert len(screens) >= 15  # the walk found them (lesson, list, modals, palette...)
    for screen in screens:
        mro = screen.__mro__
        assert SizedByTerminal in mro, screen
        assert mro.index(SizedByTerminal) < mro.index(Screen), screen  # before Screen's handler


async def test_the_apps_default_screens_take_it_too(tmp_path):
    app = make_app(load_catalog(use_env=False), "learning-steps", lang="en")
    async with app.run_test(size=(80, 24)):
        assert type(app.screen_stack[0]) is TerminalScreen
    instructor = ClassApp(tmp_path)
    assert type(instructor.get_default_screen()) is TerminalScreen


async def until(condition, seconds: float = 10.0) -> bool:
    """Wait (bounded) for condition(); plain sleeps, as a looping layout
    would keep Pilot.pause from ever returning."""
    for _ in range(int(seconds / 0.01)):
        if condition():
            return True
        await asyncio.sleep(0.01)
    return condition()


def resize(width: int, height: int) -> events.Resize:
    return events.Resize(Size(width, height), Size(width, height))


# What reaches a screen, oldest first, while the terminal is 120x40: a stale
# size with a message between it and the current one (so Textual cannot fold
# them into one), several stale sizes, and the stale one last.
STALE = {
    "stale-then-current": [(46, 45), None, (120, 40)],
    "two-stale-then-current": [(46, 45), None, (70, 20), None, (120, 40)],
    "current-then-stale": [(120, 40), None, (46, 45)],
    "stale-only": [(46, 45)],
}


@pytest.mark.parametrize("lesson", ["learning-steps", "multi-io"])
@pytest.mark.parametrize("case", list(STALE))
async def test_a_stale_resize_leaves_the_screen_at_the_terminals_size(lesson, case):
    app = make_app(load_catalog(use_env=False), lesson, lang="en")
    layouts = []
    # Laid out for ever, the app would not even end: the watchdog fails the test.
    with Watchdog(app, lambda: f"{case}: {len(layouts)} layouts", patience=15):
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            screen.screen_layout_refresh_signal.subscribe(screen, layouts.append)
            status = screen.query_one("StatusBar")
            for size in STALE[case]:
                if size is None:
                    screen.call_later(lambda: None)  # any message between two resizes
                else:
                    screen.post_message(resize(*size))
            # Settled: the status line as wide as the terminal, no layout for a while.
            quiet = []

            def settled() -> bool:
                quiet.append(len(layouts))
                return status.region.width == 120 and len(quiet) > 30 and quiet[-30] == quiet[-1]

            assert await until(settled), (f"{case}: status {status.region.width} wide, "
                                          f"{len(layouts)} layouts")
            assert app.size == Size(120, 40)


async def test_the_too_small_notice_names_the_terminals_size():
    app = make_app(load_catalog(use_env=False), "learning-steps", lang="en")
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        app.screen.post_message(resize(30, 10))  # stale: the terminal is 40x20
        await pilot.pause()
        message = str(app.screen.query_one("#message").render())
        assert "40x20" in message and "30x10" not in message


async def test_on_another_textual_the_guard_is_off(monkeypatch):
    """Off with the other patches: a stale size is laid out, as Textual does."""
    monkeypatch.setattr(versions, "installed", lambda: "9.0.0")
    app = make_app(load_catalog(use_env=False), "learning-steps", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        status = app.screen.query_one("StatusBar")
        app.screen.post_message(resize(70, 20))
        assert await until(lambda: status.region.width == 70)
