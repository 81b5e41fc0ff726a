"""The lesson note, in the chosen language: one line, or all of it (n)."""

from __future__ import annotations

from rich.text import Text

from gdtui.ui.view import View
from gdtui.ui.widgets.view_widget import ViewWidget
from gdtui.viz.wrap import wrap


class LessonNote(ViewWidget):
    DEFAULT_CSS = """
    LessonNote { height: 1; padding: 0 1; color: $text-muted; }
    """

    def lines(self, view: View) -> list[str]:
        width = max(10, self.size.width - 2 or 78)
        lines = wrap(view.lesson.notes[view.lang], width)
        if view.note_open or len(lines) == 1:
            return lines
        glyph = "~" if view.ascii_only else "…"
        first = wrap(view.lesson.notes[view.lang], width - 1 - len(" (n)"))[0]
        return [first + glyph + " (n)"]

    def rows(self, view: View) -> int:
        return len(self.lines(view))

    def signature(self, view: View):
        return view.lesson.id, view.lang, view.note_open, self.size.width

    def draw(self, view: View) -> Text:
        return Text("\n".join(self.lines(view)), no_wrap=True, overflow="crop")
