"""What the run is doing and what to try: the engine's verdict (diverging,
overflow) as a banner, the lesson's prompt, and at the end of its steps the
next lesson."""

from __future__ import annotations

import numpy as np
from rich.text import Text

from gdtui.engine.diagnose import growing_for
from gdtui.lessons.lesson import Scenario
from gdtui.text.i18n import tr
from gdtui.text.safe import visible
from gdtui.ui.view import PromptPart
from gdtui.ui.widgets.part_widget import PartWidget
from gdtui.viz.ascii import spelled
from gdtui.viz.glyphs import glyphs
from gdtui.viz.wrap import wrap

MAX_ROWS = 4


def banner_text(judged: str | None, errors: np.ndarray, diverged_at: int | None, lang: str) -> str:
    if judged == "overflow":
        return tr("overflow", lang, n=diverged_at)
    if judged == "growing":
        return tr("growing", lang, k=growing_for(errors))
    return ""


def prompt_parts(lesson: Scenario, steps_done: int, banner: str, prompt: str,
                 prompt_when: str | None, next_id: str | None, lang: str,
                 ascii_only: bool) -> tuple[tuple[str, str], ...]:
    """(glyph, text) of each part shown, most urgent first."""
    out = []
    mark = glyphs(ascii_only)["prompt"]
    # A lesson's own prompt for this very condition says it better.
    if banner and prompt_when not in ("diverging", "overflowed"):
        out.append(("!", banner))
    if prompt:
        out.append((mark, visible(prompt)))  # the lesson file's: escapes shown, never sent
    if not lesson.is_image_lesson and steps_done >= lesson.steps and steps_done > 0:
        if next_id is not None:
            text = tr("lesson_end", lang, n=lesson.steps, title=next_id)
        else:
            text = tr("course_end", lang, n=lesson.steps)
        out.append((">", text))
    if not out and steps_done == 0:
        out.append((mark, tr("first_step", lang)))
    return tuple((glyph, spelled(text)) for glyph, text in out) if ascii_only else tuple(out)


class PromptLine(PartWidget):
    DEFAULT_CSS = """
    PromptLine { height: 1; padding: 0 1; }
    """

    def lines(self, part: PromptPart) -> list[tuple[bool, str]]:
        width = max(10, (self.size.width or 80) - 2)
        lines = []
        for glyph, text in part.parts:
            for k, line in enumerate(wrap(text, width - 2)):
                lines.append((glyph == "!", (glyph if k == 0 else " ") + " " + line))
        return lines[:MAX_ROWS]

    STEADY = True
    # Most prompts wrap to two rows at 80 columns: both kept from the start,
    # so the first one that wraps does not move the plots.
    RESERVED = 2

    def rows(self, part: PromptPart) -> int:
        return max(self.RESERVED, len(self.lines(part)))

    def draw(self, part: PromptPart) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        for k, (urgent, line) in enumerate(self.lines(part)):
            if k:
                text.append("\n")
            text.append(line, style="bold reverse" if urgent else "italic")
        return text
