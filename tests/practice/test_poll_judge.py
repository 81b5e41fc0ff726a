"""The class poll judged, without an app: each answer by the predict judge
against the book's step, the counts and slips kept, the histogram's bars,
and the poll as a learner's app reads it off the channel."""

import numpy as np
import pytest

from gdtui.engine.network import gradient_step
from gdtui.practice.poll import Bin, PollQuestion, judge_poll


def book_step():
    """learning-steps' second step: weight 0.88, input 1.1, goal 0.8 (pred 0.968,
    delta 0.168, weight_delta 0.1848, the new weight 0.6952)."""
    return gradient_step(np.array([[0.88]]), np.array([1.1]), np.array([0.8]), 1.0, None, number=2)


# Each family: the quantity, the class's answers, then (right, close, wrong) and the slips.
JUDGED = {
    "all right": ("weight_delta", {"ada": 0.1848, "bo": 0.185}, (2, 0, 0), {}),
    "one right, one forgot the input": ("weight_delta", {"ada": 0.1848, "bo": 0.168},
                                        (1, 0, 1), {"forgot_input": 1}),
    "slips counted, the most made first": ("weight", {"a": 0.88, "b": 0.88, "c": 0.88 + 0.1848,
                                                      "d": 0.6952, "e": 0.712, "f": 0.68},
                                           (1, 1, 4), {"unchanged": 2, "forgot_input": 1,
                                                       "goal_minus_pred": 1}),
    "close is not right": ("pred", {"ada": 0.968 * 1.03}, (0, 1, 0), {}),
    "a direction": ("direction", {"ada": -1.0, "bo": 1.0, "cy": 0.0}, (1, 0, 2), {"sign": 1}),
    "nobody": ("delta", {}, (0, 0, 0), {}),
}


@pytest.mark.parametrize("name", JUDGED)
def test_each_answer_is_judged_as_predict_mode_judges_it(name):
    quantity, given, (right, close, wrong), slips = JUDGED[name]
    result = judge_poll(book_step(), quantity, list(given.items()), lesson="learning-steps",
                        of="a: input")
    assert (result.right, result.verdicts["close"], result.verdicts["wrong"]) == (right, close, wrong)
    assert result.slips == slips and list(result.slips) == list(slips)
    kept = result.to_json()
    assert (kept["answers"], kept["right"], kept["close"], kept["wrong"], kept["slips"]) == (
        len(given), right, close, wrong, slips)
    assert kept["step"] == 2 and kept["quantity"] == quantity and kept["of"] == "a: input"
    assert [a["user"] for a in kept["by_learner"]] == sorted(given)


# The bars: answers (and the truth, 0.1848 for weight_delta) spread over BINS of one width.
BARS = {
    "spread": ({"a": 0.0, "b": 0.1848, "c": 0.4}, 8, [1, 0, 0, 1, 0, 0, 0, 1], 3),
    "all at the truth": ({"a": 0.1848, "b": 0.1848}, 8, [2], 0),
    "all within right of it": ({"a": 0.1848, "b": 0.187}, 8, [2], 0),
    "the highest falls in the last bar": ({"a": 0.0, "b": 0.1848}, 2, [1, 1], 1),
    "nobody": ({}, 8, [0], 0),
}


@pytest.mark.parametrize("name", BARS)
def test_the_histogram_spreads_the_answers_over_bars(name):
    given, n, counts, truth_bar = BARS[name]
    result = judge_poll(book_step(), "weight_delta", list(given.items()))
    bins = result.bins(n)
    assert [b.count for b in bins] == counts
    assert [b.truth_in for b in bins].index(True) == truth_bar
    assert sum(b.right for b in bins) == result.right
    assert all(b.low <= b.high for b in bins)


def test_an_edge_next_to_zero_is_zero():
    # -0.18476 to the truth 0.1848 in 8 bars: the middle edge is 2e-05, drawn as 0.
    result = judge_poll(book_step(), "weight_delta", [("a", -0.18476)])
    bins = result.bins()
    assert bins[4].low == bins[3].high == 0.0 and bins[3].low < 0 < bins[4].high


def test_a_direction_has_one_bar_each_way():
    result = judge_poll(book_step(), "direction", [("a", -1.0), ("b", -1.0), ("c", 1.0)])
    assert result.bins() == [Bin(-1.0, -1.0, 2, True, 2), Bin(0.0, 0.0, 0, False, 0),
                             Bin(1.0, 1.0, 1, False, 0)]


GOOD = {"id": 7, "lesson": "learning-steps", "step": 3, "quantity": "pred", "selected": [0, 1]}


def test_a_poll_from_the_channel():
    assert PollQuestion.from_json(GOOD) == PollQuestion(7, "learning-steps", 3, "pred", (0, 1))


@pytest.mark.parametrize("poll, why", [
    (None, "an object"), ([], "an object"),
    (dict(GOOD, id="7"), "id and step"), (dict(GOOD, id=7.0), "id and step"),
    (dict(GOOD, step=0), "id and step"), (dict(GOOD, step=True), "id and step"),
    (dict(GOOD, lesson=""), "lesson"), (dict(GOOD, lesson=None), "lesson"),
    (dict(GOOD, lesson="x" * 101), "lesson"),
    (dict(GOOD, quantity="loss"), "quantity"), (dict(GOOD, quantity=["pred"]), "quantity"),
    (dict(GOOD, selected=[0]), "selected"), (dict(GOOD, selected=[0, -1]), "selected"),
    (dict(GOOD, selected=None), "selected"), (dict(GOOD, selected=[0, 10**7]), "selected"),
])
def test_a_bad_poll_is_refused_saying_which_field(poll, why):
    with pytest.raises(ValueError, match=why):
        PollQuestion.from_json(poll)
