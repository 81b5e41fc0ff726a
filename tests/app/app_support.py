"""Reading what the app shows, for Pilot tests."""

import io
import weakref

from rich.console import Console
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.errors import NoWidget
from textual.notifications import Notification

from hostile_text import RAW
from gdtui.lessons.loader import load_catalog
from gdtui.ui.app import make_app

CATALOG = load_catalog(use_env=False)


def app_for(lesson_id=None, catalog=None, **kwargs):
    """The app on CATALOG (shared: the app keeps the MNIST data it has read
    there), or on `catalog`."""
    return make_app(catalog or CATALOG, lesson_id, lang=kwargs.pop("lang", "en"), **kwargs)


# app -> the notices it was asked to show since it last cleared them, in
# order (conftest records them through App.notify, which gdtui's own notify
# ends in, and App.clear_notifications): Textual keeps its list private.
NOTICES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
TEXTUAL_NOTIFY, TEXTUAL_CLEAR = App.notify, App.clear_notifications


def recording_notify(self, message, *, title="", severity="information", timeout=None,
                     markup=True) -> None:
    timeout = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
    NOTICES.setdefault(self, []).append(
        Notification(message, title, severity, timeout, markup=markup))
    TEXTUAL_NOTIFY(self, message, title=title, severity=severity, timeout=timeout, markup=markup)


def recording_clear(self) -> None:
    NOTICES.pop(self, None)
    TEXTUAL_CLEAR(self)


def notices(app) -> list[Notification]:
    """The notices `app` shows, oldest first: cleared and timed-out ones
    gone, as Textual drops them."""
    return [notice for notice in NOTICES.get(app, []) if not notice.has_expired]


async def until(pilot, condition, pauses=400):
    """Wait for the app to get there (no fixed sleeps). An app that has
    stopped (a crash in a handler or a render) never will: fail at once, and
    run_test raises the app's own error, rather than pausing 400 times more."""
    for _ in range(pauses):
        if condition():
            return
        if not pilot.app.is_running:
            raise AssertionError(f"the app stopped (return code {pilot.app.return_code}) before it got there")
        await pilot.pause()
    raise AssertionError("the app never got there")


def shown(widget) -> str:
    """The text a widget draws, rendered the way Textual renders it."""
    console = Console(file=io.StringIO(), width=max(widget.size.width, 20), color_system=None,
                      legacy_windows=False)
    console.print(widget.render())
    return console.file.getvalue()


def listed(options, option_id_or_index) -> str:
    """One OptionList option as drawn, without colour (a prompt may be a
    Rich table: the lesson list's), at the list's width."""
    option = (options.get_option(option_id_or_index) if isinstance(option_id_or_index, str)
              else options.get_option_at_index(option_id_or_index))
    console = Console(file=io.StringIO(), width=max(options.size.width, 20), color_system=None,
                      legacy_windows=False)
    console.print(option.prompt)
    return console.file.getvalue().rstrip("\n")


def shown_content(static) -> str:
    """What a Static holds (a Rich table too), rendered without colour."""
    console = Console(file=io.StringIO(), width=max(static.size.width, 20), color_system=None,
                      legacy_windows=False)
    console.print(static.content)
    return console.file.getvalue()


def screen_text(screen) -> str:
    """Everything the lesson screen shows (history only when it is open), with
    the chain's minus sign (−) read as ASCII."""
    return "\n".join(
        shown(w) for w in screen.query(
            "StatusBar, LessonNote, ChainView, MatrixView, PromptLine, WeightPlots, ErrorPlot, "
            "History, KeyBar"
        ) if w.display
    ).replace("−", "-")


async def search_palette(pilot, words: str) -> CommandList:
    """Ctrl+P, type `words`, and wait until the palette has found something
    (it searches in the background): its list."""
    await pilot.press("ctrl+p", *words)
    assert isinstance(pilot.app.screen, CommandPalette), type(pilot.app.screen).__name__
    commands = pilot.app.screen.query_one(CommandList)
    for _ in range(100):
        if commands.option_count:
            break
        await pilot.pause(0.05)
    return commands


def strips(app):
    """(screen, strip) for each line each widget shown draws, on every screen
    in the stack: the strips the compositor joins (Widget.render_lines over
    the part of the widget its container shows)."""
    for screen in app.screen_stack:
        for widget in screen.walk_children(with_self=True):
            try:
                where = screen.find_widget(widget)
            except NoWidget:  # not laid out: hidden, or not shown yet
                continue
            if where.visible_region.area:
                shown_part = where.visible_region.translate(-where.region.offset)
                for strip in widget.render_lines(shown_part):
                    yield screen, strip


def leaks(app) -> list[str]:
    """What would reach the terminal raw, or as a live link/action."""
    found = []
    for screen, strip in strips(app):
        for segment in strip:
            style = segment.style
            if RAW.search(segment.text):
                found.append(f"{type(screen).__name__}: raw {segment.text!r}")
            if style is not None and (style.link or "@click" in (style.meta or {}) or style.blink):
                found.append(f"{type(screen).__name__}: markup parsed {segment.text!r}: {style}")
    return found
