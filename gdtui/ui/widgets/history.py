"""Every recent step, one row each; it ends at the current step."""

from __future__ import annotations

import time

from textual.widgets import DataTable

from gdtui.engine import Step
from gdtui.ui.view import View
from gdtui.viz.numbers import fmt

# The newest rows only: a long run must not grow the table without limit, and
# each new row costs ~2 ms (formatting, then DataTable measuring its cells).
MAX_ROWS = 100
# While running, only the rows that fit on screen: at max speed every row is
# new each time, and rebuilding 500 rows four times a second took more than
# the whole event loop had (keys waited seconds; a resize storm hung it).
RUN_ROWS = 16
# While running, rows are brought up to date at most this often: adding
# thousands of rows a second would starve the keys.
RUN_INTERVAL = 0.25


def _cell(values) -> str:
    flat = values.ravel()
    return fmt(flat[0]) if flat.size == 1 else " ".join(fmt(v, 4) for v in flat[:6]) + (
        " …" if flat.size > 6 else ""
    )


def _row(step: Step) -> tuple[str, ...]:
    return (
        str(step.number), _cell(step.pred), _cell(step.error), _cell(step.delta),
        _cell(step.weight_delta), _cell(step.weights_after),
    )


class History(DataTable):
    DEFAULT_CSS = """
    History { height: auto; max-height: 14; margin: 0 1; }
    """

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns("step", "pred", "error", "delta", "weight_delta", "weights after")
        self._shown: dict[int, Step] = {}  # step number -> the Step drawn in that row
        self._updated = 0.0

    def show(self, view: View) -> None:
        """Bring the rows in line with the view: add new steps, drop undone ones."""
        now = time.monotonic()
        if view.running and now - self._updated < RUN_INTERVAL:
            return
        self._updated = now
        steps = view.steps[-(RUN_ROWS if view.running else MAX_ROWS):]
        wanted = {step.number: step for step in steps}
        stale = [n for n, step in self._shown.items() if wanted.get(n) is not step]
        if len(stale) > MAX_ROWS // 2:  # mostly new rows: one rebuild is cheaper
            self.clear()
            self._shown.clear()
        else:  # undone, replaced, or scrolled out
            for number in stale:
                self.remove_row(str(number))
                del self._shown[number]
        new = [step for step in steps if step.number not in self._shown]
        for step in new:
            self.add_row(*_row(step), key=str(step.number))
            self._shown[step.number] = step
        if new:
            self.move_cursor(row=self.row_count - 1)
