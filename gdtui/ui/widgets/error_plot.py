"""Error against step, with `l` switching to a log scale; after an alpha
change the run before it stays behind as a faint ghost until reset."""

from __future__ import annotations

from gdtui.ui.view import ErrorPart
from gdtui.ui.widgets.part_widget import PartWidget
from gdtui.viz.curve import ErrorCurve
from gdtui.viz.numbers import fmt


class ErrorPlot(PartWidget):
    DEFAULT_CSS = """
    ErrorPlot { height: 9; padding: 0 1; }
    """
    def draw(self, view: ErrorPart) -> ErrorCurve:
        run = view.run
        title = view.tr("error_per_step") + " " + view.tr("log_on" if view.log_scale else "log_off")
        if view.ghost is not None and view.ghost_alpha is not None:
            # Short enough for 80 columns: which run the faint curve is.
            title = view.tr("error_ghost", alpha=fmt(view.ghost_alpha))
        note = view.tr("overflowed", n=run.diverged_at) if run.diverged_at else None
        words = {"step": view.tr("x_step"), "no_steps": view.tr("no_steps"),
                 "no_finite": view.tr("no_finite")}
        return ErrorCurve(
            run.errors, log=view.log_scale, title=title, note=note, first_step=run.errors_from,
            ghost=view.ghost, words=words,
        )
