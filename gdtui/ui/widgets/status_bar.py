"""The top line: lesson, step, alpha, mode, and the last message.

Messages that pile up (run speed, freeze, alpha, saved) end this line
instead of stacking toasts over the plots. A message is never cut while the
line can make room: the predict streak goes first, then the selected
weight's name (the chain marks it too), then hot-cold's fixed step_amount
(its chain shows it), then the word "predict" (what is asked and the score
stay), then the lesson's step count; last, only the lesson and the step are
left beside it. A message lasts until the next step, so the line is whole
again when the learner steps on.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from gdtui.ui.view import StatusPart
from gdtui.ui.widgets.predict_line import quantity_name
from gdtui.ui.widgets.part_widget import RowsWidget
from gdtui.viz.grid import Grid
from gdtui.viz.numbers import fixed_or_compact, fmt
from gdtui.viz.weights import weight_label


LEVELS = 7  # describe()'s levels, each shorter than the last


class StatusBar(RowsWidget):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; }
    """
    def draw(self, part: StatusPart) -> Grid:
        bar = Grid(expand=True)
        bar.add_column()
        bar.add_column(justify="right", ratio=1)
        message = Text(part.spell(part.message) + " ", style="italic")
        width = self.size.width or 80
        for level in range(LEVELS):
            described = self.describe(part, level)
            if cell_len(described.plain) + message.cell_len <= width:
                break
        bar.add_row(described, message)
        return bar

    def describe(self, view: StatusPart, level: int = 0) -> Text:
        """The line's start; `level` 1 leaves out the streak, 2 also the
        selected weight's name, 3 a setting no key changes (step_amount),
        4 the word "predict", 5 the lesson's step count, 6 everything but
        the lesson and the step."""
        lesson, run = view.lesson, view.run
        s = run.settings
        text = Text(no_wrap=True)
        text.append(f" {lesson.id} ", style="bold reverse")
        if (not lesson.is_image_lesson and 1 < lesson.steps and run.steps_done <= lesson.steps
                and level < 5):
            text.append("  " + view.tr("step_n_of", n=run.steps_done, total=lesson.steps))
        else:
            text.append("  " + view.tr("step_n", n=run.steps_done))
        if level >= 6:
            text.append("  ")
            return text
        setting = s.rule.setting  # alpha (live: [ ]), step_amount or none
        if setting is not None and (level < 3 or s.rule.by_alpha):
            text.append(f"  {setting} {fmt(getattr(s, setting))}",
                        style="bold" if s.rule.by_alpha else "")
        if run.data.samples > 1 and not lesson.is_image_lesson:
            text.append("  " + view.tr("sample", i=run.next_sample + 1, n=run.data.samples))
        if run.accuracy is not None:
            text.append("  " + view.tr("accuracy", a=fixed_or_compact(run.accuracy, 3)))
        if view.lesson.is_image_lesson:
            text.append("  " + view.tr("mn_digit", d=view.selected[0]))
        elif view.lesson.weights.size > 1 and level < 2:
            row, col = view.selected
            text.append("  " + weight_label(row, col, lesson.input_labels, lesson.output_labels))
        if view.predicting:
            right, asked, streak = view.score
            key = ("predict_status", "predict_status_short")[min(level, 1)] if level < 4 else "predict_status_bare"
            text.append("  " + view.tr(key, quantity=quantity_name(view.quantity, view.lang),
                                       right=right, asked=asked, streak=streak), style="bold magenta")
        if run.diverged_at is not None:
            text.append("  " + view.tr("overflowed", n=run.diverged_at), style="bold red")
        elif view.running:
            text.append("  " + view.tr("running", speed=view.speed), style="bold green")
        text.append("  ")
        return text
