"""Every step so far, one row each; it ends at the current step."""

from __future__ import annotations

from textual.widgets import DataTable

from gdtui.ui.view import View
from gdtui.viz.numbers import fmt

# The newest rows only: a long run (MNIST) must not grow the table without limit.
MAX_ROWS = 1000


def _cell(values) -> str:
    flat = values.ravel()
    return fmt(flat[0]) if flat.size == 1 else " ".join(fmt(v, 4) for v in flat[:6]) + (
        " …" if flat.size > 6 else ""
    )


class History(DataTable):
    DEFAULT_CSS = """
    History { height: auto; max-height: 14; margin: 0 1; }
    """

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns("step", "pred", "error", "delta", "weight_delta", "weights after")
        self._shown: dict[int, object] = {}  # step number -> the Step drawn in that row

    def show(self, view: View) -> None:
        """Bring the rows in line with the view: add new steps, drop undone ones."""
        steps = view.steps[-MAX_ROWS:]
        wanted = {step.number: step for step in steps}
        for number, step in list(self._shown.items()):
            if wanted.get(number) is not step:  # undone, replaced, or scrolled out
                self.remove_row(str(number))
                del self._shown[number]
        added = False
        for step in steps:
            if step.number in self._shown:
                continue
            self.add_row(
                str(step.number), _cell(step.pred), _cell(step.error), _cell(step.delta),
                _cell(step.weight_delta), _cell(step.weights_after), key=str(step.number),
            )
            self._shown[step.number] = step
            added = True
        if added:
            self.move_cursor(row=self.row_count - 1)
