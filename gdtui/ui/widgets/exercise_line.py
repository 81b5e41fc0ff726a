"""The lesson's current exercise, ticked the moment its check holds, and its
hint on `i` (the checks: gdtui.practice.exercises; the ticking: the lesson screen).

    ☐ 2/3  Find the largest alpha that still converges.   i hint  x next
"""

from __future__ import annotations

from rich.text import Text

from gdtui.text.safe import visible
from gdtui.ui.view import View
from gdtui.ui.widgets.view_widget import ViewWidget


def exercise_lines(view: View) -> list[tuple[str, str]]:
    """(style, line): the exercise, then its hint when open."""
    exercises = view.lesson.exercises
    if not exercises:
        return []
    done = view.exercises_done
    if all(e.id in done for e in exercises):
        return [("bold green", view.tr("ex_all_done", n=len(exercises)))]
    k = view.exercise % len(exercises)
    item = exercises[k]
    ticked = item.id in done
    mark = ("[x]" if ticked else "[ ]") if view.ascii_only else ("✓" if ticked else "☐")
    # The lesson file's text and hint: escapes shown, never sent; a newline
    # shown as \n keeps the line one line, so its keys stay in view.
    text = visible(item.prompt.get(view.lang, item.prompt["en"]))
    lines = [("bold green" if ticked else "bold",
              f"{mark} {k + 1}/{len(exercises)}  {text}  " + view.tr("ex_keys"))]
    if view.hint_open:
        lines.append(("italic", "  " + view.tr("ex_hint", hint=visible(item.hint.get(view.lang, item.hint["en"])))))
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
        text = Text(no_wrap=True, overflow="ellipsis")
        for k, (style, line) in enumerate(exercise_lines(view)):
            if k:
                text.append("\n")
            text.append(line, style=style)
        return text
