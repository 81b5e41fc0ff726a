"""One canary per patch in gdtui/ui/driver/versions.py: stock Textual still
has the bug. When a canary fails, upstream has fixed it: drop the patch (and
its entry), then the canary. Plus the hashes of the upstream code gdtui
copies or relies on, and the fallback on any other Textual."""

import asyncio
import hashlib
import importlib
import inspect
import os
import selectors
import shutil
import threading

import pytest
import textual
from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.drivers.headless_driver import HeadlessDriver
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from gdtui.ui import driver
from gdtui.ui.driver import versions
from gdtui.ui.driver.versions import PATCHES, UPSTREAM_SOURCES, fallback_line, patched


def stock_parse(text: str) -> list:
    parser = XTermParser()
    return [*parser.feed(text), *parser.tick()]


def test_kitty_key_overflow():
    with pytest.raises((OverflowError, ValueError)):
        stock_parse("\x1b[99999999999999999999A")


def test_zero_window_mouse():
    with pytest.raises(ZeroDivisionError):
        stock_parse("\x1b[48;0;0;0;0t\x1b[<0;5;5M")


def test_in_band_resize():
    (resize,) = stock_parse("\x1b[48;0;0;0;0t")
    assert isinstance(resize, events.Resize) and tuple(resize.size) == (0, 0)


def test_typed_run_keys():
    """Not wrong, slow: every plain character of a long run is its own Key,
    each a step of the parser's generator (what SafeXTermParser.feed skips)."""
    parsed = stock_parse("7" * 5000)
    assert len(parsed) == 5000 and all(isinstance(m, events.Key) and m.key == "7" for m in parsed)


def stock_driver(fileno: int) -> LinuxDriver:  # in a running loop, as Driver needs
    linux = LinuxDriver(App(), mouse=False)
    linux.fileno = fileno
    return linux


async def test_strict_utf8():
    read, write = os.pipe()
    try:
        os.write(write, b"\xff")
        with pytest.raises(UnicodeDecodeError):
            stock_driver(read).run_input_thread()
    finally:
        os.close(read), os.close(write)


async def test_input_thread_wait(monkeypatch):
    """The input thread selects on stdin alone, 0.1 s at a time, and once told
    to stop selects once more: nothing can wake it, so a quit waits ~0.2 s."""
    read, write = os.pipe()
    linux = stock_driver(read)
    registered, timeouts = [], []

    class Recording:
        def register(self, fd, mask):
            registered.append(fd)

        def unregister(self, fd):
            pass

        def select(self, timeout=None):
            timeouts.append(timeout)
            linux.exit_event.set()  # "stop" arrives during the first wait
            return []

        def close(self):
            pass

    monkeypatch.setattr(selectors, "SelectSelector", Recording)
    try:
        linux.run_input_thread()
    finally:
        os.close(read), os.close(write)
    assert registered == [read]
    assert timeouts == [0.1, 0.1]


async def test_unclamped_size(monkeypatch):
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *a: os.terminal_size((65535, 65535)))
    assert stock_driver(0)._get_terminal_size() == (65535, 65535)


class Recording(HeadlessDriver):
    """A driver that notes what App._shutdown asks of it, and when."""

    calls: list = []

    def disable_input(self) -> None:
        Recording.calls.append(("disable_input", self._app.is_running))
        super().disable_input()

    def stop_application_mode(self) -> None:
        Recording.calls.append(("stop_application_mode", self._app.is_running))
        super().stop_application_mode()


class Quits(App):
    def on_mount(self) -> None:
        self.exit()


async def test_restore_after_join(monkeypatch):
    """stop_application_mode leaves the alternate screen only after
    disable_input, which joins the input thread (see test_input_thread_wait)."""
    linux = stock_driver(0)
    done = []
    monkeypatch.setattr(linux, "disable_input", lambda: done.append("disable_input"))
    monkeypatch.setattr(linux, "write", done.append)
    monkeypatch.setattr(linux, "flush", lambda: None)
    linux.stop_application_mode()
    assert done.index("disable_input") < done.index("\x1b[?1049l")


async def test_quit_is_told_from_suspend_by_is_running():
    """Not a bug: the order GdtuiDriver.disable_input relies on. At a quit the
    app is no longer running when the driver stops application mode (while
    suspending, with Ctrl+Z, it still is)."""
    Recording.calls = []
    await Quits(driver_class=Recording).run_async(headless=False)
    assert Recording.calls[0] == ("stop_application_mode", False)


async def test_input_crash_exit_0():
    class CrashingInput(HeadlessDriver):
        def start_application_mode(self) -> None:
            super().start_application_mode()
            threading.Thread(target=LinuxDriver._run_input_thread, args=(self,)).start()

        def run_input_thread(self) -> None:
            raise RuntimeError("the input thread broke")

    panicked = []

    class Panics(App):
        def panic(self, *renderables) -> None:
            panicked.append(renderables)
            super().panic(*renderables)

    app = Panics(driver_class=CrashingInput)
    await asyncio.wait_for(app.run_async(headless=False), 30)
    assert panicked and (app.return_code or 0) == 0


class Top(Screen):
    def compose(self):
        yield Static("top")


class Under(Screen):
    def compose(self):
        yield Static("under")


async def test_dismiss_pops_top():
    app = App()
    async with app.run_test() as pilot:
        under, top = Under(), Top()
        await app.push_screen(under)
        await app.push_screen(top)
        await Screen.dismiss(under)  # Textual's own dismiss, not DismissesItself
        await pilot.pause()
        assert app.screen is under  # the one dismissed is still there; top went


class Options(App):
    def compose(self):
        options = OptionList("a", "b", "c")
        options.display = False  # so it never gets a size
        yield options


async def test_palette_page_keys():
    """PageDown on an option list with a highlight but no size yet (the
    palette's, when Ctrl+P and PageDown come in one read). Hidden here, so no
    layout can win a race against the key under load."""
    app = Options()
    with pytest.raises(KeyError):
        async with app.run_test() as pilot:
            options = app.query_one(OptionList)
            options.highlighted = 0
            options.action_page_down()
            await pilot.pause()


class OneInput(App):
    def compose(self):
        yield Input("1.0")


async def test_input_key_order():
    """Backspace x3 then 2.7, parsed from one read and posted in a burst, as
    the driver does: stock Input applies the characters first, then the
    Backspaces, and 1.0 is left as it was (gdtui's Field: 2.7)."""
    app = OneInput()
    async with app.run_test() as pilot:
        field = app.query_one(Input)
        field.focus()
        await pilot.pause()
        field.cursor_position = 3  # after 1.0, nothing selected
        changes = []
        field.watch(field, "value", lambda value: changes.append(value), init=False)
        for key in stock_parse("\x7f\x7f\x7f2.7"):
            app.post_message(key)
        for _ in range(400):
            if len(changes) == 6:
                break
            await pilot.pause()
        assert changes == ["1.02", "1.02.", "1.02.7", "1.02.", "1.02", "1.0"]


class Stacked(App):
    def compose(self):
        for name in ("top", "middle", "bottom"):
            yield Static(name, id=name)


async def test_partial_update_renders_box(monkeypatch):
    """The top line and the bottom line dirty: stock Textual renders the
    widget between them too, for lines it does not send (what
    gdtui.ui.driver.compositor.LineCompositor skips)."""
    asked = []
    real = Static.render_lines
    monkeypatch.setattr(Static, "render_lines", lambda self, crop: asked.append(self.id) or real(self, crop))
    async with Stacked().run_test(size=(20, 3)) as pilot:
        await pilot.pause()
        asked.clear()
        for name in ("top", "bottom"):
            pilot.app.query_one(f"#{name}").refresh()
        await pilot.pause()
    assert "middle" in asked


async def test_refresh_wakes_widget():
    """A refreshed widget is put on its screen's next frame only by its own
    task, at its next idle: refresh() leaves a Prompt on the widget's queue
    and nothing on the screen's (what gdtui.ui.driver.refresh skips)."""
    async with Stacked().run_test(size=(20, 3)) as pilot:
        await pilot.pause()
        top, screen = pilot.app.query_one("#top"), pilot.app.screen
        top.refresh()
        assert [type(m).__name__ for m in top._message_queue.values] == ["Prompt"]
        assert not screen._message_queue.values


class OneLine(Screen):
    def compose(self):
        yield Static("x")


async def test_stale_resize():
    """A stale size and the current one queued for a screen, any message
    between them (so Textual does not fold them into one): the stale layout
    posts the screen its own Resize, which replaces the current one, and the
    screen stays laid out at the size the terminal no longer has."""
    app = App()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(OneLine())
        await pilot.pause()
        screen = app.screen
        screen.post_message(events.Resize(Size(50, 20), Size(50, 20)))
        screen.call_later(lambda: None)
        screen.post_message(events.Resize(Size(80, 24), Size(80, 24)))
        line = screen.query_one(Static)
        # Plain sleeps, bounded: Pilot.pause() lays the screen out again itself.
        for _ in range(1000):
            await asyncio.sleep(0.01)
            if line.region.width == 50 and not screen._message_queue.values:
                break
        assert app.size == Size(80, 24)
        assert line.region.width == 50


def test_every_patch_has_a_canary():
    names = {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
    assert {patch.name.replace("-", "_") for patch in PATCHES} <= names


@pytest.mark.parametrize("where", sorted(UPSTREAM_SOURCES))
def test_upstream_source_is_what_the_patches_were_written_against(where):
    module, qualname = where.split(":")
    target = importlib.import_module(module)
    for part in qualname.split("."):
        target = getattr(target, part)
    digest = hashlib.sha256(inspect.getsource(target).encode()).hexdigest()
    assert digest == UPSTREAM_SOURCES[where], f"{where} changed upstream: review its patch"


def test_the_pinned_textual_is_the_one_patched():
    assert patched()
    assert fallback_line() is None
    assert driver.choose(LinuxDriver).__name__ == "GdtuiDriver"
    assert driver.choose(HeadlessDriver) is HeadlessDriver  # tests, TEXTUAL_DRIVER: as they are


def test_the_version_is_read_as_textual_says_it():
    assert versions.installed() == textual.__version__


def test_another_textual_runs_stock(monkeypatch):
    monkeypatch.setattr(versions, "installed", lambda: "9.0.0")
    assert not patched()
    assert driver.choose(LinuxDriver) is LinuxDriver
    line = fallback_line()
    assert line.count("\n") == 0 and "Textual 9.0.0" in line and "8.2.8" in line
