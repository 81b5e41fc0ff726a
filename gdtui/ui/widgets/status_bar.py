"""The top line: lesson, step, alpha, mode, and the last message.

Messages that pile up (run speed, freeze, alpha, saved) end this line
instead of stacking toasts over the plots.
"""

from __future__ import annotations

from rich.text import Text

from gdtui.ui.view import StatusPart
from gdtui.ui.widgets.predict_line import quantity_name
from gdtui.ui.widgets.part_widget import PartWidget
from gdtui.viz.grid import Grid
from gdtui.viz.numbers import fixed_or_compact, fmt
from gdtui.viz.weights import weight_label


class StatusBar(PartWidget):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; }
    """
    def draw(self, part: StatusPart) -> Grid:
        bar = Grid(expand=True)
        bar.add_column()
        bar.add_column(justify="right", ratio=1)
        bar.add_row(self.describe(part), Text(part.spell(part.message) + " ", style="italic"))
        return bar

    def describe(self, view: StatusPart) -> Text:
        lesson, run = view.lesson, view.run
        s = run.settings
        text = Text(no_wrap=True)
        text.append(f" {lesson.id} ", style="bold reverse")
        if not lesson.is_image_lesson and 1 < lesson.steps and run.steps_done <= lesson.steps:
            text.append("  " + view.tr("step_n_of", n=run.steps_done, total=lesson.steps))
        else:
            text.append("  " + view.tr("step_n", n=run.steps_done))
        setting = s.rule.setting  # alpha (live: [ ]), step_amount or none
        if setting is not None:
            text.append(f"  {setting} {fmt(getattr(s, setting))}",
                        style="bold" if s.rule.by_alpha else "")
        if run.data.samples > 1 and not lesson.is_image_lesson:
            text.append("  " + view.tr("sample", i=run.next_sample + 1, n=run.data.samples))
        if run.accuracy is not None:
            text.append("  " + view.tr("accuracy", a=fixed_or_compact(run.accuracy, 3)))
        if view.lesson.is_image_lesson:
            text.append(f"  [digit {view.selected[0]}]")
        elif view.lesson.weights.size > 1:
            row, col = view.selected
            text.append("  " + weight_label(row, col, lesson.input_labels, lesson.output_labels))
        if view.predicting:
            right, asked, streak = view.score
            text.append("  " + view.tr("predict_status", quantity=quantity_name(view.quantity, view.lang),
                                       right=right, asked=asked, streak=streak), style="bold magenta")
        if run.diverged_at is not None:
            text.append("  " + view.tr("overflowed", n=run.diverged_at), style="bold red")
        elif view.running:
            text.append("  " + view.tr("running", speed=view.speed), style="bold green")
        text.append("  ")
        return text
