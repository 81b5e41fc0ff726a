"""The lesson's current exercise, ticked the moment its check holds, and its
hint on `i` (the checks: gdtui.practice.exercises; the ticking: the lesson screen).

    ☐ 2/3  Find the largest alpha that still converges.   i hint  x next
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from gdtui.text.safe import visible
from gdtui.ui.view import ExercisePart
from gdtui.ui.widgets.part_widget import PartWidget
from gdtui.viz.glyphs import glyphs


def exercise_lines(view: ExercisePart) -> list[tuple[str, str, str]]:
    """(style, line, keys): the exercise and the keys that go with it, then
    its hint when open (no keys)."""
    exercises = view.lesson.exercises
    if not exercises:
        return []
    done = view.done
    if all(e.id in done for e in exercises):
        return [("bold green", view.tr("ex_all_done", n=len(exercises)), "")]
    k = view.exercise % len(exercises)
    item = exercises[k]
    ticked = item.id in done
    mark = glyphs(view.ascii_only)["done" if ticked else "todo"]
    # The lesson file's text and hint: escapes shown, never sent; a newline
    # shown as \n keeps the line one line.
    text = visible(item.prompt.get(view.lang, item.prompt["en"]))
    lines = [("bold green" if ticked else "bold", f"{mark} {k + 1}/{len(exercises)}  {text}",
              view.tr("ex_keys"))]
    if view.hint_open:
        lines.append(("italic", view.tr("ex_hint", hint=visible(item.hint.get(view.lang, item.hint["en"]))), ""))
    return lines


class ExerciseLine(PartWidget):
    DEFAULT_CSS = """
    ExerciseLine { height: 0; padding: 0 1; }
    """

    INDENT = "  "  # the hint's rows, under the exercise

    def laid_out(self, view: ExercisePart) -> list[tuple[str, str]]:
        """(style, row) as drawn at this width. The exercise is one row: a
        text too long for it is cut, never its keys (they say how to see the
        hint and move on). The hint is drawn in full, over as many rows as
        it needs (the lesson's body scrolls if it must)."""
        width = self.content_size.width or 80
        rows = []
        for style, line, keys in exercise_lines(view):
            if keys:
                room = max(width - cell_len(keys) - 2, 1)
                if cell_len(line) > room:
                    cut = Text(line)
                    cut.truncate(room, overflow="ellipsis")
                    line = cut.plain
                rows.append((style, f"{line}  {keys}"))
                continue
            wrapped = Text(line).wrap(self.app.console, max(width - len(self.INDENT), 1))
            rows += [(style, self.INDENT + row.plain.rstrip()) for row in wrapped]
        return rows

    STEADY = True  # the next exercise, ticked while stepping, may take fewer rows

    def rows(self, view: ExercisePart) -> int:
        return len(self.laid_out(view))

    def steady_key(self, view: ExercisePart) -> object:
        return super().steady_key(view), view.hint_open  # i: the hint comes and goes at once

    def draw(self, view: ExercisePart) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for k, (style, row) in enumerate(self.laid_out(view)):
            if k:
                text.append("\n")
            text.append(row, style=style)
        return text
