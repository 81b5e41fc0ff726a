"""What the run is doing and what to try: the engine's verdict (diverging,
overflow) as a banner, the lesson's prompt, and at the end of its steps the
next lesson."""

from __future__ import annotations

from rich.text import Text

from gdtui.engine.diagnose import growing_for
from gdtui.text.safe import visible
from gdtui.ui.view import View
from gdtui.ui.widgets.view_widget import ViewWidget
from gdtui.viz.wrap import wrap

MAX_ROWS = 4


def banner_text(view: View) -> str:
    if view.verdict == "overflow":
        return view.tr("overflow", n=view.diverged_at)
    if view.verdict == "growing":
        return view.tr("growing", k=growing_for(view.errors))
    return ""


def parts(view: View) -> list[tuple[str, str]]:
    """(glyph, text) of each part shown, most urgent first."""
    out = []
    banner = banner_text(view)
    # A lesson's own prompt for this very condition says it better.
    if banner and view.prompt_when not in ("diverging", "overflowed"):
        out.append(("!", banner))
    if view.prompt:  # the lesson file's: escapes shown, never sent
        out.append(("?" if view.ascii_only else "▸", visible(view.prompt)))
    lesson = view.lesson
    if lesson.data is None and view.steps_done >= lesson.steps and view.steps_done > 0:
        if view.next_title is not None:
            text = view.tr("lesson_end", n=lesson.steps, title=view.next_title)
        else:
            text = view.tr("course_end", n=lesson.steps)
        out.append((">", text))
    if not out and view.steps_done == 0:
        out.append(("?" if view.ascii_only else "▸", view.tr("first_step")))
    return out


class PromptLine(ViewWidget):
    DEFAULT_CSS = """
    PromptLine { height: 1; padding: 0 1; }
    """

    def lines(self, view: View) -> list[tuple[bool, str]]:
        width = max(10, (self.size.width or 80) - 2)
        lines = []
        for glyph, text in parts(view):
            for k, line in enumerate(wrap(text, width - 2)):
                lines.append((glyph == "!", (glyph if k == 0 else " ") + " " + line))
        return lines[:MAX_ROWS]

    def rows(self, view: View) -> int:
        return max(1, len(self.lines(view)))

    def signature(self, view: View):
        return tuple(self.lines(view))

    def draw(self, view: View) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        for k, (urgent, line) in enumerate(self.lines(view)):
            if k:
                text.append("\n")
            text.append(line, style="bold reverse" if urgent else "italic")
        return text
