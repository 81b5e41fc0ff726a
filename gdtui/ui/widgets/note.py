"""The lesson note, in the chosen language: one line, or all of it (n),
with what the screen adds to it (MNIST: where its images come from)."""

from __future__ import annotations

from rich.text import Text

from gdtui.ui.view import NotePart
from gdtui.ui.widgets.part_widget import PartWidget
from gdtui.viz.wrap import wrap


class LessonNote(PartWidget):
    DEFAULT_CSS = """
    LessonNote { height: 1; padding: 0 1; color: $text-muted; }
    """

    def lines(self, view: NotePart) -> list[str]:
        width = max(10, self.size.width - 2 or 78)
        notes = view.spell(view.lesson.notes[view.lang])
        lines = wrap(notes, width)
        if view.note_open and view.more:
            return [*lines, "", *(line for part in view.spell(view.more).split("\n")
                                  for line in wrap(part, width))]
        if view.note_open or (len(lines) == 1 and not view.more):
            return lines
        glyph = view.spell("…")  # ASCII: ...
        first = wrap(notes, width - len(glyph) - len(" (n)"))[0]
        return [first + glyph + " (n)"]

    def rows(self, part: NotePart) -> int:
        return len(self.lines(part))

    def draw(self, view: NotePart) -> Text:
        return Text("\n".join(self.lines(view)), no_wrap=True, overflow="crop")
