"""The step as a worked chain: the book's formulas with this step's numbers."""

from __future__ import annotations

from dataclasses import replace

from gdtui.engine.ucurve import slope_at
from gdtui.ui.view import RunPart
from gdtui.ui.widgets.part_widget import RowsWidget
from gdtui.viz.chain import Chain, ChainInput

CHAIN_WORDS = ("measure_only", "frozen_line", "frozen_wd", "one_delta",
               "own_delta", "one_input", "output", "hot_cold_next", "tie", "hot_cold_cost", "hot_cold_count", "size",
               "sq_miss", "sq_this", "sq_ratio", "sq_cancel")


def chain_input(part: RunPart) -> ChainInput:
    """What the chain shows, from the last step (or the start, before one),
    with the hidden quantities (gdtui.practice.fade) as `?`."""
    shown = _chain_input(part)
    if not part.hidden:
        return shown
    hide = part.hidden
    return replace(
        shown,
        pred=None if "pred" in hide else shown.pred,
        delta=None if "delta" in hide else shown.delta,
        error=None if "error" in hide else shown.error,
        weight_delta=None if "weight_delta" in hide else shown.weight_delta,
        weights_after=None if "weight" in hide else shown.weights_after,
        # The slope is 2 × delta × input = 2 × weight_delta: it would tell either.
        slope=None if hide & {"delta", "weight_delta"} else shown.slope,
        up_error=None if "weight" in hide else shown.up_error,
        down_error=None if "weight" in hide else shown.down_error,
    )


def _chain_input(part: RunPart) -> ChainInput:
    lesson, run = part.lesson, part.run
    s, last = run.settings, run.last
    words = {key: part.tr(key) for key in CHAIN_WORDS}
    sample = ""
    if run.data.samples > 1:
        shown = last.sample if last is not None and run.coming is None else run.next_sample
        sample = part.tr("sample", i=shown + 1, n=run.data.samples)
    common = dict(
        rule=s.rule, alpha=s.alpha if last is None else last.alpha, step_amount=s.step_amount,
        input_labels=lesson.input_labels, output_labels=lesson.output_labels, words=words,
        selected=part.selected, sample=sample, steps_done=run.steps_done,
    )
    coming = run.coming
    if coming is not None:  # slid: the step Space will take, all but where it lands
        common["alpha"] = s.alpha
        row, col = part.selected
        slope = slope_at(coming.weights, coming.input, coming.goal, row, col)
        by_alpha = s.rule.by_alpha  # hot-cold's weight_delta is its move
        return ChainInput(x=coming.input, goal=coming.goal, weights=coming.weights,
                          pred=coming.pred, delta=coming.delta, error=coming.error,
                          weight_delta=coming.weight_delta if by_alpha else None, slope=slope,
                          frozen=coming.frozen, **common)
    if last is None:  # before the first step: the numbers it will start from
        return ChainInput(x=run.x, goal=run.goal, weights=run.weights, frozen=s.frozen, **common)
    if last.weights is None:  # a big network's light record: no weight arrays kept
        return ChainInput(x=last.input, goal=last.goal, weights=run.weights, pred=last.pred,
                          delta=last.delta, error=last.error, frozen=s.frozen, **common)
    row, col = part.selected
    slope = slope_at(last.weights, last.input, last.goal, row, col)
    return ChainInput(
        x=last.input, goal=last.goal, weights=last.weights, pred=last.pred, delta=last.delta,
        error=last.error, weight_delta=last.weight_delta, weights_after=last.weights_after,
        up_error=last.up_error, down_error=last.down_error, slope=slope, frozen=last.frozen,
        **common,
    )


class ChainView(RowsWidget):
    DEFAULT_CSS = """
    ChainView { height: auto; padding: 0 1; }
    """

    _chain: tuple[RunPart, Chain] | None = None  # built once per part: rows() and draw() share it

    def chain(self, part: RunPart) -> Chain:
        if self._chain is None or self._chain[0] is not part:
            ahead = self.drawn_ahead(part, self.size)  # (then rows() measures what it drew)
            self._chain = part, ahead.drawing if ahead is not None else Chain(chain_input(part))
        return self._chain[1]

    STEADY = True  # a number too long for its line moves the result under it

    def rows(self, part: RunPart) -> int:
        # (the rows drawn: at the same width, made once; before the first layout, 80)
        return len(self.chain(part).render_lines(self.size.width or 80, 0, part.ascii_only))

    def draw(self, part: RunPart) -> Chain:
        return self.chain(part)
