"""The first screen: every lesson, in the course's order."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gdtui.text.i18n import title_of, tr
from gdtui.lessons.loader import Catalog
from gdtui.ui.palette import PagedOptionList
from gdtui.ui.keys import LIST, named
from gdtui.ui.screens.terminal_size import SizedByTerminal
from gdtui.ui.widgets.key_bar import key_text
from gdtui.viz.glyphs import glyphs



class LessonListScreen(SizedByTerminal, Screen):
    KEYS_OF = LIST  # (the help shows these)
    DEFAULT_CSS = """
    LessonListScreen > #title { height: auto; padding: 0 1; background: $panel; }
    LessonListScreen OptionList, LessonListScreen OptionList:focus {
        height: 1fr; border: none;
    }
    LessonListScreen > #problems { height: auto; max-height: 5; color: $warning; padding: 0 1; }
    LessonListScreen > #keys { dock: bottom; height: 1; background: $panel; }
    """

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        yield Static(Text(tr("list_title", lang)), id="title")
        yield PagedOptionList(*self.options())
        if self.catalog.problems:
            yield Static(
                Text("\n".join(tr("skipped", lang, problem=p) for p in self.catalog.problems)),
                id="problems",
            )
        yield Static(self.keys_text(), id="keys")

    def keys_text(self) -> Text:
        lang = getattr(self.app, "lang", "en")
        return key_text([(key, tr(word, lang)) for key, word in self.footer_keys()])

    def footer_keys(self) -> list[tuple[str, str]]:
        """(key, word) for our own bar (Textual's Footer would say its bindings'
        English descriptions)."""
        return [(k.shown, k.word) for k in named(LIST)]

    def options(self) -> list[Option]:
        lang = getattr(self.app, "lang", "en")
        width = max(len(i) for i in self.catalog.lessons)
        done = {i: self.done(lesson) for i, lesson in self.catalog.lessons.items()}
        done_width = max(len(d) for d in done.values())  # a column, when there is any
        return [Option(listed(lesson.id, width + 2, done[lesson.id], done_width,
                              title_of(lesson.id, lesson.title, lang)), id=lesson.id)
                for lesson in self.catalog.lessons.values()]

    def done(self, lesson) -> str:
        """From the learner's progress: exercises done and predict score."""
        recorder = getattr(self.app, "recorder", None)
        entry = None if recorder is None else recorder.progress.lessons.get(lesson.id)
        if entry is None or not entry.opened:
            return ""
        ascii_only = getattr(self.app, "ascii_only", False)
        parts = []
        if lesson.exercises:
            ticks = len(entry.exercises) == len(lesson.exercises)
            mark = glyphs(ascii_only)["done" if ticks else "todo"]
            parts.append(f"{mark}{len(entry.exercises)}/{len(lesson.exercises)}")
        if entry.asked:
            parts.append(f"p {entry.right}/{entry.asked}")
        return "[" + " ".join(parts) + "]  " if parts else ""

    def on_screen_resume(self) -> None:
        """Back from a lesson: its ticks and score may have changed (and another
        process of this learner may have added some)."""
        recorder = getattr(self.app, "recorder", None)
        if recorder is not None:
            recorder.reload()
        # L in a lesson may have changed the language.
        self.query_one("#title", Static).update(Text(tr("list_title", getattr(self.app, "lang", "en"))))
        self.query_one("#keys", Static).update(self.keys_text())
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(self.options())
        options.highlighted = highlighted

    @on(OptionList.OptionSelected)
    def open_lesson(self, event: OptionList.OptionSelected) -> None:
        self.app.open_lesson(event.option.id)


def listed(lesson_id: str, id_width: int, done: str, done_width: int, title: str) -> Table:
    """One lesson's line: its id, its progress, its title, which wraps under
    itself when it does not fit (at 80 columns a title says the lesson's
    point, and its end was the part cut). Text, not markup: a title such as
    "[b]x" or "[/]" shows as written."""
    line = Table.grid()
    line.add_column(width=id_width, no_wrap=True)
    line.add_column(width=done_width, no_wrap=True)
    line.add_column(overflow="fold")  # wraps; a word longer than the room is folded, not lost
    line.add_row(Text(lesson_id), Text(done), Text(title))
    return line
