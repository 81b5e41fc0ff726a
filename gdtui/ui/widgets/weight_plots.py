"""The U-curve of each weight; for bigger networks the weight matrix and the
U-curve of the selected weight."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table

from gdtui.ui.view import View
from gdtui.ui.widgets.view_widget import ViewWidget
from gdtui.viz.weights import weight_label, weight_matrix, weight_ucurve

# Up to this many weights get a U-curve each, side by side.
MAX_CURVES = 4


class WeightPlots(ViewWidget):
    DEFAULT_CSS = """
    WeightPlots { height: auto; padding: 0 1; }
    """

    def _ucurve(self, view: View, row: int, col: int, height: int):
        lesson = view.lesson
        path = [(float(s.weights[row, col]), s.total_error) for s in view.steps[-50:]]
        return weight_ucurve(
            view.weights, view.x, view.goal, row, col, path,
            label=weight_label(row, col, lesson.input_labels, lesson.output_labels),
            frozen=view.is_frozen(row, col), height=height,
        )

    def draw(self, view: View) -> RenderableType:
        outputs, inputs = view.weights.shape
        if outputs * inputs <= MAX_CURVES:
            grid = Table.grid(expand=True, padding=(0, 1))
            cells = []
            for row in range(outputs):
                for col in range(inputs):
                    grid.add_column(ratio=1)
                    cells.append(self._ucurve(view, row, col, 9))
            grid.add_row(*cells)
            return Group("error as each weight varies, the others held", grid)
        row, col = view.selected
        return Group(
            weight_matrix(
                view.weights, view.last, view.lesson.input_labels, view.lesson.output_labels,
                frozen=view.settings.frozen, selected=view.selected,
            ),
            self._ucurve(view, row, col, 9),
        )
