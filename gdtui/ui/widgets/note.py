"""The lesson note, in the chosen language."""

from __future__ import annotations

from rich.text import Text

from gdtui.ui.view import View
from gdtui.ui.widgets.view_widget import ViewWidget


class LessonNote(ViewWidget):
    DEFAULT_CSS = """
    LessonNote { height: auto; padding: 0 1; color: $text-muted; }
    """

    def signature(self, view: View):
        return view.lesson.id, view.lang

    def draw(self, view: View) -> Text:
        return Text(view.lesson.notes[view.lang])
