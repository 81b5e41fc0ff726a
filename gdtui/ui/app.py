"""The gdtui app: the lesson list, a screen per lesson, help, and the palette."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Callable
from typing import NoReturn

from textual import events
from textual.app import App
from textual.widgets import Input

from gdtui.engine.trainer import FULL_HISTORY_MAX_WEIGHTS as MAX_DRAWN_WEIGHTS
from gdtui.lessons.loader import Catalog
from gdtui.practice.progress import Recorder, memory_recorder, open_recorder
from gdtui.text import charset
from gdtui.text.safe import visible
from gdtui.ui import driver
from gdtui.ui.collector import QuietCollector
from gdtui.ui.commands import LessonCommands
from gdtui.ui.following import FollowsInstructor
from gdtui.ui.keys import APP, bindings
from gdtui.ui.language import SwitchesLanguage
from gdtui.ui.leave import leave
from gdtui.ui.palette import open_palette
from gdtui.ui.screens.help import HelpScreen, screen_of
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.session_screen import SessionScreen
from gdtui.ui.screens.lesson_list import LessonListScreen
from gdtui.ui.screens.terminal_size import TerminalScreen
from gdtui.ui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from gdtui.ui.spotlit import Spotlit
from gdtui.ui.widgets.field import CapsPastes


def default_lang() -> str:
    """Chinese notes when the locale says Chinese (LC_ALL wins over LANG)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class GdtuiApp(SwitchesLanguage, CapsPastes, FollowsInstructor, Spotlit, App):
    CSS_PATH = "app.tcss"
    TITLE = "gdtui"
    COMMANDS = App.COMMANDS | {LessonCommands}
    BINDINGS = bindings(APP)  # (gdtui.ui.keys)

    def __init__(
        self,
        catalog: Catalog,
        *,
        lesson_id: str | None = None,
        lang: str | None = None,
        ascii_only: bool = False,
        served: bool = False,
        mnist_dir: str | None = None,
        recorder: Recorder | None = None,
        terminal: charset.Terminal | None = None,
    ) -> None:
        super().__init__()
        self.mnist_dir = mnist_dir
        self.catalog = catalog
        self.start_lesson = lesson_id
        self.lang = lang or default_lang()
        # A terminal that is not UTF-8 (text/charset.py) gets ASCII only, and
        # English: one line at start says why, and L says it again.
        self.terminal = terminal or charset.this_terminal(served)
        self.charset_line = None
        self.ascii_only = ascii_only or not self.terminal.utf8
        if self.ascii_only:  # and English: Chinese in ASCII would be all ?s
            asked_zh, self.lang = self.lang == "zh", "en"
            if not self.terminal.utf8:
                self.charset_line = self.chinese_refused() if asked_zh else self.ascii_said()
            elif asked_zh:
                self.charset_line = self.chinese_refused()
        self.served = served  # on a shared server: nothing touches the learner's paths
        self.crashed = False
        # Where the learner's progress goes (gdtui.practice.progress): the store
        # here, the class server's store when served (its recorder is given).
        if recorder is None:
            recorder = memory_recorder() if served else open_recorder()
        self.recorder = recorder
        recorder.on_problem = self.progress_problem
        recorder.later = self.call_after_refresh  # written once the frame is out
        # In a process of its own (launch): the collector runs between keys.
        self.collector: QuietCollector | None = None

    def on_unmount(self) -> None:
        self.recorder.flush()  # what waited for a frame: the screens have unmounted

    async def on_event(self, event: events.Event) -> None:
        if self.collector is not None and isinstance(event, events.Key):
            self.collector.keyed()
        await super().on_event(event)

    def progress_problem(self, line: str) -> None:
        """Progress could not be kept: said once (the recorder keeps trying)."""
        from gdtui.text.safe import visible

        self.notify(visible(line), severity="warning", timeout=10, markup=False)

    def teacher_says(self, text: str, sender: str = "teacher") -> None:
        """A message from the class server: a notice, and the lesson's status line."""
        from gdtui.text.safe import visible

        line = visible(f"{sender}: {text}")
        self.notify(line, title="✉", timeout=20, markup=False)
        if isinstance(self.screen, SessionScreen):
            self.screen.message = f"✉ {line}"

    def repaint_all(self) -> None:
        """Draw the whole screen again, every cell (a watcher has just joined)."""
        driver.forget_screen()
        self.screen.refresh()
        self.refresh(layout=True)

    def get_driver_class(self):
        return driver.choose(super().get_driver_class())

    def panic(self, *renderables) -> None:
        # Textual's input thread reports its crash through panic() and leaves
        # the return code at 0 (textual/drivers/linux_driver.py,
        # LinuxDriver._run_input_thread); the README promises non-zero.
        self.crashed = driver.patched()  # patch input-crash-exit-0 (driver/versions.py)
        super().panic(*renderables)

    def notify(self, message: str, *, title: str = "", severity: str = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notice (Widget.notify and Screen.notify come here too) is
        shown as written: escapes visible, never markup, whatever the caller
        passed. A notice often names a path, a lesson or an error message."""
        super().notify(visible(str(message), keep="\n"), title=visible(str(title)),
                       severity=severity, timeout=timeout, markup=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Served, a blinking cursor is bytes twice a second that show nothing
        # new: waste on a slow link, and the server counts the app's output as
        # the learner's activity (a running lesson writes; an idle one does not).
        if self.served and isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    def get_default_screen(self) -> TerminalScreen:
        return TerminalScreen(id="_default")

    def on_mount(self) -> None:
        if self.collector is not None:  # once the first frame is out
            self.call_after_refresh(self.collector.start, self)
        self.set_class(self.ascii_only, "-ascii")
        if self.charset_line:
            self.notify(self.charset_line, severity="warning", timeout=10)
        if self.recorder.warning:
            # Escaped, never markup: the line names paths and lessons from a file ("[/]").
            self.notify(visible(self.recorder.warning), severity="warning", timeout=10,
                        markup=False)
        # Opened in a lesson, the app builds the list only when Escape first
        # goes there (show_lesson_list): its first frame is the lesson's alone.
        if not (self.start_lesson and self.open_lesson(self.start_lesson)):
            self.push_screen(LessonListScreen(self.catalog))
        self.show_presented()  # a lesson presented before the app ran

    def action_toggle_follow(self) -> None:
        if self.served:
            self.toggle_follow()

    def open_lesson(self, lesson_id: str) -> bool:
        """Show the lesson's screen; False (and a notice why) if it cannot open."""
        lesson = self.catalog.lessons[lesson_id]
        if not lesson.is_image_lesson and lesson.weights.size > MAX_DRAWN_WEIGHTS:
            # The lesson screen keeps every step's weights; past this it cannot.
            self.notify(
                f"{lesson_id} has {lesson.weights.size:,} weights, too many to draw (at most "
                f"{MAX_DRAWN_WEIGHTS:,}); gdtui run {lesson_id} runs it",
                title="Cannot open the lesson", severity="error", markup=False,
            )
            return False
        if lesson.is_image_lesson:
            from gdtui.data import DataError  # MNIST's data: only for this lesson

            try:
                lesson = lesson.loaded(self.mnist_dir)
            except DataError as exc:
                self.notify(str(exc), title="Cannot open the lesson", severity="error", timeout=15,
                            markup=False)
                return False
            self.catalog.lessons[lesson_id] = lesson  # read the data once
        if lesson.data:
            from gdtui.ui.screens.mnist import MnistScreen  # only this lesson needs it

            self.show_lesson_screen(MnistScreen(lesson))
        else:
            self.show_lesson_screen(LessonScreen(lesson))
        return True

    def show_lesson_screen(self, screen) -> None:
        # Back to the list first, so Escape from any lesson returns there; a
        # question, the edit form or help over the old lesson go too, unanswered
        # (left under the new lesson, Escape brought the old question back).
        while len(self.screen_stack) > 1 and not isinstance(self.screen, LessonListScreen):
            self.pop_screen()
        self.push_screen(screen)

    def show_lesson_list(self) -> None:
        """Escape from a lesson: the list under it, or, when the app opened in
        this lesson, a list built now in its place."""
        if any(isinstance(s, LessonListScreen) for s in self.screen_stack):
            self.pop_screen()
        else:
            self.switch_screen(LessonListScreen(self.catalog))

    def on_resize(self, event: events.Resize) -> None:
        # event.size: self.size only catches up a moment later.
        too_small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not too_small:
            self.pop_screen()

    def get_system_commands(self, screen):
        # Served, the palette offers nothing that writes on the server (Screenshot)
        # or reaches past the lesson: only Quit and Keys.
        for command in super().get_system_commands(screen):
            if not self.served or command.title in ("Quit", "Keys"):
                yield command

    def action_command_palette(self) -> None:
        if not isinstance(self.screen, TooSmallScreen):  # none over the too-small notice
            open_palette(self)

    def action_help(self) -> None:
        if not isinstance(self.screen, (HelpScreen, TooSmallScreen)):
            self.push_screen(HelpScreen(screen_of(self.screen)))


def make_app(catalog: Catalog, lesson_id: str | None = None, **options) -> GdtuiApp:
    """The one way the CLI, the tests and the snapshots build the app.

    options: lang, ascii_only, served, mnist_dir, recorder, terminal (see GdtuiApp)."""
    return GdtuiApp(catalog, lesson_id=lesson_id, **options)


def run_app(catalog: Catalog, lesson_id: str | None = None, **options) -> NoReturn:
    """Run the app on this terminal, then end the process with its status."""
    leave(launch(make_app(catalog, lesson_id, **options)))


def launch(app: App, attach: Callable[[asyncio.AbstractEventLoop], None] | None = None) -> int:
    """Run app on this terminal until it ends; its exit status. The one way
    gdtui runs an app, alone (run_app) or served (gdtui.serve.learner, whose
    `attach` listens to the server on the app's loop)."""
    app.driver_class = driver.choose(app.driver_class)
    if isinstance(app, GdtuiApp):
        app.collector = QuietCollector()
    asyncio.run(_run(app, attach))
    fallback = driver.fallback_line()
    if fallback:
        print(fallback, file=sys.stderr)  # once the terminal is given back
    # Textual leaves 0 after a crash in its input thread (see panic) and 1 after others.
    return 1 if getattr(app, "crashed", False) else app.return_code or 0


async def _run(app: App, attach) -> None:
    loop = asyncio.get_running_loop()
    # Asked to stop (a server's idle timeout, a shutdown, kill): leave as after
    # q, through Textual's teardown, which gives the terminal back.
    loop.add_signal_handler(signal.SIGTERM, app.exit)
    if attach is not None:
        attach(loop)
    # No mouse tracking: nothing needs it, it saves bytes over SSH, and the
    # terminal's own selection keeps working for copying numbers.
    await app.run_async(mouse=False)
