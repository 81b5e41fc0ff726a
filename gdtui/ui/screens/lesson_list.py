"""The first screen: every lesson, in the course's order."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from gdtui.i18n import title_of, tr
from gdtui.lessons.loader import Catalog


class LessonListScreen(Screen):
    DEFAULT_CSS = """
    LessonListScreen > #title { height: auto; padding: 0 1; background: $panel; }
    LessonListScreen OptionList, LessonListScreen OptionList:focus {
        height: 1fr; border: none; text-wrap: nowrap; text-overflow: ellipsis;
    }
    LessonListScreen > #problems { height: auto; max-height: 5; color: $warning; padding: 0 1; }
    """

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        yield Static(Text(tr("list_title", lang)), id="title")
        width = max(len(i) for i in self.catalog.lessons)
        # One line each, cut with an ellipsis: a long title never wraps.
        yield OptionList(
            *(
                # Text, not markup: a title such as "[b]x" or "[/]" shows as written.
                Option(
                    Text(f"{lesson.id:<{width}}  {title_of(lesson.id, lesson.title, lang)}",
                         no_wrap=True, overflow="ellipsis"),
                    id=lesson.id,
                )
                for lesson in self.catalog.lessons.values()
            )
        )
        if self.catalog.problems:
            yield Static(
                Text("\n".join(tr("skipped", lang, problem=p) for p in self.catalog.problems)),
                id="problems",
            )
        yield Footer()

    @on(OptionList.OptionSelected)
    def open_lesson(self, event: OptionList.OptionSelected) -> None:
        self.app.open_lesson(event.option.id)
