"""Keys in one read in the class view (what its byte fuzz found): each run of
keys arrives at once, as a fast typist's or a laggy link's would, and the
view must neither crash nor lose its own screen."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList

from press_support import key_event
from fuzz_support import resize
from gdtui.text.charset import Terminal
from gdtui.ui.classroom.app import ClassApp
from gdtui.ui.classroom.present import PresentingScreen, PresentListScreen

PRESENT = ["P", "enter"]  # the first lesson
# name: (the reads, each its keys, and the screen the view is on after; None: the view's own)
RUNS = {
    "Ctrl+P then PageUp: the palette, its list not laid out yet": ([["ctrl+p", "pageup"]], CommandPalette),
    "Ctrl+P then PageDown": ([["ctrl+p", "pagedown"]], CommandPalette),
    "a message sent with two Enters": ([["M", "h", "i", "enter", "enter"]], None),
    "a message cancelled with two Escapes": ([["M", "escape", "escape"]], None),
    "the lessons to present, left with two Escapes": ([["P", "escape", "escape"]], None),
    "presenting, left with two Escapes": ([PRESENT + ["escape", "escape"]], None),
    "L while presenting": ([PRESENT, ["L"]], PresentingScreen),
    "L twice while presenting": ([PRESENT, ["L", "L"]], PresentingScreen),
}


@pytest.mark.parametrize("name", RUNS)
@pytest.mark.parametrize("utf8", [True, False], ids=["utf-8", "C locale"])
async def test_keys_in_one_read(tmp_path, name, utf8):
    reads, ends_on = RUNS[name]
    app = ClassApp(tmp_path / "no-server", presenter="ms-lee",
                   terminal=Terminal("C.UTF-8" if utf8 else "C", utf8))
    sent = []
    app.present_state = sent.append  # what would go to the server
    async with app.run_test(size=(100, 30)) as pilot:
        for keys in reads:
            await pilot.pause()
            for key in keys:
                app.post_message(key_event(key))
            for _ in range(5):
                await pilot.pause()
        if ends_on is None:
            assert len(app.screen_stack) == 1  # the class view itself
        else:
            assert isinstance(app.screen, ends_on)
        presses = reads[-1].count("L")  # L: Chinese where the terminal shows it, else a notice
        assert app.lang == ("zh" if presses % 2 and utf8 else "en")


@pytest.mark.parametrize("key", ["pageup", "pagedown"])
@pytest.mark.parametrize("size", [(20, 1), (1, 6)], ids=["a row high", "a column wide"])
async def test_page_keys_on_the_lessons_to_present_with_no_room(tmp_path, key, size):
    """The class view has no too-small notice: its list of lessons gets no
    size at all, and PageUp / PageDown wait for one."""
    app = ClassApp(tmp_path / "no-server", presenter="ms-lee")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("P")
        await resize(pilot, *size)
        app.post_message(key_event(key))
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, PresentListScreen)
        await resize(pilot, 100, 30)
        options = app.screen.query_one(OptionList)
        for _ in range(20):  # laid out again
            if options.scrollable_content_region:
                break
            await pilot.pause()
        options.highlighted = 0 if key == "pagedown" else options.option_count - 1
        await pilot.press(key)  # with room again, the key moves the list
        assert options.highlighted == (options.option_count - 1 if key == "pagedown" else 0)
