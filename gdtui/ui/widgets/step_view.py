"""The current step: inputs, weights and their weight_delta; pred, error, delta."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from gdtui.ui.view import View
from gdtui.ui.widgets.view_widget import ViewWidget
from gdtui.viz.numbers import fmt
from gdtui.viz.tables import output_table, step_table


class StepView(ViewWidget):
    DEFAULT_CSS = """
    StepView { height: auto; padding: 0 1; }
    """

    def draw(self, view: View) -> RenderableType:
        lesson, last = view.lesson, view.last
        parts: list[RenderableType] = []
        frozen = view.settings.frozen
        # Too many weights for a row each (MNIST): the weight views show them.
        if lesson.weights.size <= 12:
            parts.append(
                step_table(
                    last, view.weights, view.x, lesson.input_labels, lesson.output_labels,
                    frozen=frozen, selected=view.selected if lesson.weights.size > 1 else None,
                )
            )
        parts.append(output_table(last, view.goal, lesson.output_labels))
        if last is not None and last.up_error is not None:
            moved = "up" if last.weight_delta[0, 0] < 0 else (
                "down" if last.weight_delta[0, 0] > 0 else "nowhere (a tie)"
            )
            parts.append(
                Text(
                    f"probes: up_error {fmt(last.up_error, 8)}  down_error "
                    f"{fmt(last.down_error, 8)}  → moved {moved}"
                )
            )
        elif last is None:
            parts.append(Text("Press Space to take the first step.", style="italic"))
        return Group(*parts)
