"""Error against step, with `l` switching to a log scale."""

from __future__ import annotations

from gdtui.ui.view import View
from gdtui.ui.widgets.view_widget import ViewWidget
from gdtui.viz.curve import ErrorCurve


class ErrorPlot(ViewWidget):
    DEFAULT_CSS = """
    ErrorPlot { height: 9; padding: 0 1; }
    """
    AUTO_HEIGHT = False

    def draw(self, view: View) -> ErrorCurve:
        title = "error per step" + (" (log scale, l: linear)" if view.log_scale else " (l: log scale)")
        note = f"overflow at step {view.diverged_at}" if view.diverged_at else None
        return ErrorCurve(
            view.errors, log=view.log_scale, title=title, note=note, first_step=view.errors_from
        )
