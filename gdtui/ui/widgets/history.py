"""The steps so far, one line each, newest at the bottom (h shows it).

Plain lines of text in a fixed height, not a table that repaints itself
whole on every step: only the rows that fit are drawn. Several outputs or
weights: the selected weight's output and the selected weight.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from gdtui.engine import Step
from gdtui.ui.view import RunPart
from gdtui.ui.widgets.part_widget import PartWidget
from gdtui.viz.numbers import fmt
from gdtui.viz.weights import weight_label

COLUMNS = ("pred", "error", "delta", "weight_delta", "weight")
WIDTH = 15  # cells per number column: "-5.4890317e-05" and a space
STEP_WIDTH = 5  # the step column: up to 99,999 steps


def fitted(width: int) -> tuple[int, int]:
    """(cells per number column, significant digits) that fit `width` cells:
    8 digits in 15 cells, or 7 in 14 (80 columns: 5 + 5 x 14 = 75 of 78)."""
    if STEP_WIDTH + len(COLUMNS) * WIDTH <= width:
        return WIDTH, 8
    return WIDTH - 1, 7


def row_values(step: Step, row: int, col: int, digits: int = 8) -> tuple[str, ...]:
    """One step's numbers as the history shows them (also what tests compare)."""
    values = [step.pred[row], step.error[row], step.delta[row]]
    if step.weight_delta is not None and step.weights_after is not None:
        values += [step.weight_delta[row, col], step.weights_after[row, col]]
    return tuple(fmt(v, digits) for v in values)


class History(PartWidget):
    DEFAULT_CSS = """
    History { height: 1fr; padding: 0 1; display: none; }
    """
    def draw(self, view: RunPart) -> Text:
        # The screen gives no run while the history is hidden: nothing to draw.
        if view.run is None:
            return Text()
        steps_so_far = view.run.steps
        row, col = view.selected
        lesson = view.lesson
        header = Text(view.tr("h_title"), style="bold", no_wrap=True)
        if lesson.weights.size > 1:
            name = weight_label(row, col, lesson.input_labels, lesson.output_labels)
            header.append(f"  [{name}]")
        step = view.tr("h_step")
        width, digits = fitted(self.content_size.width or 78)
        names = Text(" " * (STEP_WIDTH - cell_len(step)) + step
                     + "".join(" " + c.rjust(width - 1) for c in COLUMNS), style="dim", no_wrap=True)
        room = max(0, (self.size.height or 10) - 2)
        lines = [header, names]
        steps = steps_so_far[-room:] if room else ()
        if not steps_so_far:
            lines.append(Text(view.tr("h_empty"), style="italic"))
        for step in steps:
            cells = row_values(step, row, col, digits)
            if step is steps_so_far[-1] and view.hidden:  # the step on screen, faded (practice.fade)
                cells = tuple("?" if name in view.hidden else c for name, c in zip(COLUMNS, cells))
            lines.append(Text(str(step.number).rjust(STEP_WIDTH) + "".join(" " + c.rjust(width - 1) for c in cells),
                              no_wrap=True))
        return Text("\n", no_wrap=True).join(lines)
