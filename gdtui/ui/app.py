"""The gdtui app: the lesson list, a screen per lesson, help, and the palette."""

from __future__ import annotations

import os

from textual import events
from textual.app import App
from textual.binding import Binding

from gdtui.data import DataError
from gdtui.engine.trainer import FULL_HISTORY_MAX_WEIGHTS as MAX_DRAWN_WEIGHTS
from gdtui.lessons.loader import Catalog
from gdtui.progress import open_book
from gdtui.ui.commands import LessonCommands
from gdtui.ui.screens.help import HelpScreen
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.lesson_list import LessonListScreen
from gdtui.ui.screens.mnist import MnistScreen
from gdtui.ui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen


def default_lang() -> str:
    """Chinese notes when the locale says Chinese (LC_ALL wins over LANG)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class GdtuiApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "gdtui"
    COMMANDS = App.COMMANDS | {LessonCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help", key_display="?", priority=True),
    ]

    def __init__(
        self,
        catalog: Catalog,
        *,
        lesson_id: str | None = None,
        lang: str | None = None,
        ascii_only: bool = False,
        served: bool = False,
        mnist_dir: str | None = None,
    ) -> None:
        super().__init__()
        self.mnist_dir = mnist_dir
        self.catalog = catalog
        self.start_lesson = lesson_id
        self.lang = lang or default_lang()
        self.ascii_only = ascii_only
        self.served = served  # on a shared server: nothing touches the learner's paths
        # Progress (gdtui.progress); a shared server keys it by learner later.
        self.progress = None if served else open_book()

    def on_mount(self) -> None:
        self.set_class(self.ascii_only, "-ascii")
        self.push_screen(LessonListScreen(self.catalog))
        if self.start_lesson:
            self.open_lesson(self.start_lesson)

    def open_lesson(self, lesson_id: str) -> None:
        lesson = self.catalog.lessons[lesson_id]
        if lesson.data is None and lesson.weights.size > MAX_DRAWN_WEIGHTS:
            # The lesson screen keeps every step's weights; past this it cannot.
            self.notify(
                f"{lesson_id} has {lesson.weights.size:,} weights, too many to draw (at most "
                f"{MAX_DRAWN_WEIGHTS:,}); gdtui run {lesson_id} runs it",
                title="Cannot open the lesson", severity="error", markup=False,
            )
            return
        if lesson.data is not None:
            try:
                lesson = lesson.loaded(self.mnist_dir)
            except DataError as exc:
                self.notify(str(exc), title="Cannot open the lesson", severity="error", timeout=15)
                return
            self.catalog.lessons[lesson_id] = lesson  # read the data once
        # Back to the list first, so Escape from any lesson returns there.
        while isinstance(self.screen, (LessonScreen, HelpScreen)):
            self.pop_screen()
        self.push_screen(MnistScreen(lesson) if lesson.data else LessonScreen(lesson))

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

    def action_help(self) -> None:
        if not isinstance(self.screen, (HelpScreen, TooSmallScreen)):
            self.push_screen(HelpScreen())


def make_app(catalog: Catalog, lesson_id: str | None = None, **options) -> GdtuiApp:
    """The one way the CLI, the tests and the snapshots build the app.

    options: lang, ascii_only, served, mnist_dir (see GdtuiApp)."""
    return GdtuiApp(catalog, lesson_id=lesson_id, **options)


def run_app(catalog: Catalog, lesson_id: str | None = None, **options) -> int:
    # No mouse tracking: nothing needs it, it saves bytes over SSH, and the
    # terminal's own selection keeps working for copying numbers.
    app = make_app(catalog, lesson_id, **options)
    app.run(mouse=False)
    return app.return_code or 0  # Textual sets 1 when the app crashed
