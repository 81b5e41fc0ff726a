"""The top line: which lesson, which step, alpha, and whether it is running."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from gdtui.engine.rules import RULES
from gdtui.ui.view import View
from gdtui.ui.widgets.view_widget import ViewWidget
from gdtui.viz.numbers import fmt
from gdtui.viz.weights import weight_label


class StatusBar(ViewWidget):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; }
    """
    AUTO_HEIGHT = False

    def draw(self, view: View) -> Table:
        # The keys a newcomer needs first stay visible even when the footer
        # is cut off at 80 columns.
        bar = Table.grid(expand=True)
        bar.add_column(no_wrap=True, overflow="ellipsis")
        bar.add_column(justify="right", no_wrap=True)
        bar.add_row(self.describe(view), Text("? keys  q quit ", style="dim"))
        return bar

    def describe(self, view: View) -> Text:
        lesson, s = view.lesson, view.settings
        text = Text()
        text.append(f" {lesson.id} ", style="bold reverse")
        text.append(f"  step {view.steps_done}")
        setting = RULES[s.rule].setting  # alpha, step_amount or none
        if setting is not None:
            text.append(f"  {setting} {fmt(getattr(s, setting))}")
        if view.accuracy is not None:
            text.append(f"  accuracy {view.accuracy:.3f}")
        if view.lesson.data is not None:
            text.append(f"  [digit {view.selected[0]}]")
        elif view.lesson.weights.size > 1:
            row, col = view.selected
            name = weight_label(row, col, lesson.input_labels, lesson.output_labels)
            text.append(f"  [{name}]")
        if view.diverged_at is not None:
            text.append(f"  overflow at step {view.diverged_at}", style="bold red")
        elif view.running:
            text.append(f"  running {view.speed}", style="bold green")
        return text
