"""The step as a worked chain: the book's formulas with this step's numbers."""

from __future__ import annotations

from gdtui.engine.ucurve import ucurve
from gdtui.ui.view import View
from gdtui.ui.widgets.view_widget import ViewWidget
from gdtui.viz.chain import Chain, ChainInput

CHAIN_WORDS = ("same_error", "measure_only", "frozen_line", "frozen_wd", "one_delta",
               "own_delta", "one_input", "output", "hot_cold_next", "tie", "hot_cold_cost")


def chain_input(view: View) -> ChainInput:
    """What the chain shows, from the last step (or the start, before one)."""
    lesson, s, last = view.lesson, view.settings, view.last
    words = {key: view.tr(key) for key in CHAIN_WORDS}
    sample = ""
    if view.data.samples > 1:
        shown = last.sample if last is not None else view.next_sample
        sample = view.tr("sample", i=shown + 1, n=view.data.samples)
    common = dict(
        rule=s.rule, alpha=s.alpha if last is None else last.alpha, step_amount=s.step_amount,
        input_labels=lesson.input_labels, output_labels=lesson.output_labels, words=words,
        selected=view.selected, sample=sample,
    )
    if last is None:  # before the first step: the numbers it will start from
        return ChainInput(x=view.x, goal=view.goal, weights=view.weights, frozen=s.frozen, **common)
    if last.weights is None:  # a big network's light record: no weight arrays kept
        return ChainInput(x=last.input, goal=last.goal, weights=view.weights, pred=last.pred,
                          delta=last.delta, error=last.error, frozen=s.frozen, **common)
    row, col = view.selected
    slope = ucurve(last.weights, last.input, last.goal, row, col, 0.0, 0.0, points=1).slope
    return ChainInput(
        x=last.input, goal=last.goal, weights=last.weights, pred=last.pred, delta=last.delta,
        error=last.error, weight_delta=last.weight_delta, weights_after=last.weights_after,
        up_error=last.up_error, down_error=last.down_error, slope=slope, frozen=last.frozen,
        **common,
    )


class ChainView(ViewWidget):
    DEFAULT_CSS = """
    ChainView { height: auto; padding: 0 1; }
    """

    def rows(self, view: View) -> int:
        width = max(20, (self.size.width or 80) - 2)
        return len(Chain(chain_input(view)).lines(width, view.ascii_only))

    def draw(self, view: View) -> Chain:
        return Chain(chain_input(view))

