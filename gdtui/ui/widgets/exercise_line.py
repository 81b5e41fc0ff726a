"""The lesson's current exercise, ticked the moment its check holds, and its
hint on `i` (the checks: gdtui.practice.exercises; the ticking: the lesson screen).

    ☐ 2/3  Find the largest alpha that still converges.   i hint  x next
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from gdtui.text.safe import visible
from gdtui.ui.view import View
from gdtui.ui.widgets.view_widget import ViewWidget


def exercise_lines(view: View) -> list[tuple[str, str, str]]:
    """(style, line, keys): the exercise and the keys that go with it, then
    its hint when open (no keys)."""
    exercises = view.lesson.exercises
    if not exercises:
        return []
    done = view.exercises_done
    if all(e.id in done for e in exercises):
        return [("bold green", view.tr("ex_all_done", n=len(exercises)), "")]
    k = view.exercise % len(exercises)
    item = exercises[k]
    ticked = item.id in done
    mark = ("[x]" if ticked else "[ ]") if view.ascii_only else ("✓" if ticked else "☐")
    # The lesson file's text and hint: escapes shown, never sent; a newline
    # shown as \n keeps the line one line.
    text = visible(item.prompt.get(view.lang, item.prompt["en"]))
    lines = [("bold green" if ticked else "bold", f"{mark} {k + 1}/{len(exercises)}  {text}",
              view.tr("ex_keys"))]
    if view.hint_open:
        lines.append(("italic", "  " + view.tr("ex_hint", hint=visible(item.hint.get(view.lang, item.hint["en"]))), ""))
    return lines


class ExerciseLine(ViewWidget):
    DEFAULT_CSS = """
    ExerciseLine { height: 0; padding: 0 1; }
    """

    def rows(self, view: View) -> int:
        return len(exercise_lines(view))

    def signature(self, view: View):
        return tuple(exercise_lines(view))

    def draw(self, view: View) -> Text:
        # A text too long for the line is cut, never its keys: they say how
        # to see the hint and move on (a 400-character text would hide them).
        width = self.content_size.width or 80
        text = Text(no_wrap=True, overflow="ellipsis")
        for k, (style, line, keys) in enumerate(exercise_lines(view)):
            if k:
                text.append("\n")
            room = max(width - cell_len(keys) - 2, 1)
            if keys and cell_len(line) > room:
                cut = Text(line)
                cut.truncate(room, overflow="ellipsis")
                line = cut.plain
            text.append(line + ("  " + keys if keys else ""), style=style)
        return text
