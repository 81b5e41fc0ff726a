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
    lines = [exercise_row(view, k)]
    if view.hint_open:
        item = exercises[k]
        lines.append(("italic", view.tr("ex_hint", hint=visible(item.hint.get(view.lang, item.hint["en"]))), ""))
    return lines


def exercise_row(view: ExercisePart, k: int) -> tuple[str, str, str]:
    """(style, line, keys) of exercise `k`."""
    exercises = view.lesson.exercises
    item = exercises[k]
    ticked = item.id in view.done
    mark = glyphs(view.ascii_only)["done" if ticked else "todo"]
    # The lesson file's text and hint: escapes shown, never sent; a newline
    # shown as \n keeps the line one line.
    text = visible(item.prompt.get(view.lang, item.prompt["en"]))
    return ("bold green" if ticked else "bold", f"{mark} {k + 1}/{len(exercises)}  {text}",
            view.tr("ex_keys"))


def exercise_rows(line: str, keys: str, width: int, console) -> list[str]:
    """The exercise and its keys in one row, or over two: the text wrapped,
    the keys at the end (they say how to see the hint and move on, so never
    cut); a text longer than that is cut at the end of its second row."""
    if cell_len(line) + 2 + cell_len(keys) <= width:
        return [f"{line}  {keys}"]
    first, *rest = [row.plain.rstrip() for row in Text(line).wrap(console, width)]
    second = " ".join(rest)
    room = max(width - cell_len(keys) - 2 - len(INDENT), 1)
    if cell_len(second) > room:
        cut = Text(second)
        cut.truncate(room, overflow="ellipsis")
        second = cut.plain
    return [first, INDENT + (f"{second}  {keys}" if second else keys)]


INDENT = "  "  # the rows under an exercise's first


class ExerciseLine(PartWidget):
    DEFAULT_CSS = """
    ExerciseLine { height: 0; padding: 0 1; }
    """

    def laid_out(self, view: ExercisePart) -> list[tuple[str, str]]:
        """(style, row) as drawn at this width. The exercise takes one row or
        two (exercise_rows). The hint is drawn in full, over as many rows as
        it needs (the lesson's body scrolls if it must)."""
        width = self.content_size.width or 80
        rows = []
        for style, line, keys in exercise_lines(view):
            if keys:
                rows += [(style, row) for row in exercise_rows(line, keys, width, self.app.console)]
                continue
            wrapped = Text(line).wrap(self.app.console, max(width - len(INDENT), 1))
            rows += [(style, INDENT + row.plain.rstrip()) for row in wrapped]
        return rows

    STEADY = True  # the next exercise, ticked while stepping, may take fewer rows

    def rows(self, view: ExercisePart) -> int:
        """As many rows as the lesson's longest exercise needs, from the
        start: ticking one off or moving on (x) never moves the plots."""
        width = self.content_size.width or 80
        tallest = max((len(exercise_rows(*exercise_row(view, k)[1:], width, self.app.console))
                       for k in range(len(view.lesson.exercises))), default=0)
        # Its second row comes out of the plots' least height (app.tcss), so
        # the body does not scroll where it was full (multi-io's matrices).
        self.screen.set_class(tallest > 1, "-long-exercise")
        return max(len(self.laid_out(view)), tallest)

    def steady_key(self, view: ExercisePart) -> object:
        return super().steady_key(view), view.hint_open  # i: the hint comes and goes at once

    def draw(self, view: ExercisePart) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for k, (style, row) in enumerate(self.laid_out(view)):
            if k:
                text.append("\n")
            text.append(row, style=style)
        return text
