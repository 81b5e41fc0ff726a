"""Run mode's frames: at most 10 a second, within a CPU budget, at least two
a second (gdtui.ui.run_mode). Pure arithmetic: no clock is read here."""

import pytest

from gdtui.ui.run_mode import FRAME, FRAME_BUDGET, SLOWEST, RunMode

CHEAP = 0.2 * FRAME_BUDGET * FRAME  # CPU well within the budget over one frame's time
B = FRAME_BUDGET

# (what, seconds since the last frame, CPU spent on all but stepping since,
#  seconds until the next frame is due)
CASES = [
    ("just drawn, however cheap", 0.0, 0.0, FRAME),
    ("most of a frame's time, cheap", FRAME * 0.75, CHEAP, FRAME * 0.25),
    ("a frame's time, cheap: now", FRAME, CHEAP, 0.0),
    ("later, cheap: overdue", 3 * FRAME, CHEAP, -2 * FRAME),
    ("a frame's time, twice the budget: as long again", FRAME, 2 * B * FRAME, FRAME),
    ("a frame's time, 1.5x the budget: half as long again", FRAME, 1.5 * B * FRAME, FRAME / 2),
    ("back within the budget: now", 2 * FRAME, 2 * B * FRAME, 0.0),
    ("very dear: the slowest rate", 0.0, 10.0, SLOWEST),
    ("very dear, at the slowest rate: now", SLOWEST, 10.0, 0.0),
]


@pytest.mark.parametrize("what, since, drawing, wait", CASES, ids=[c[0] for c in CASES])
def test_when_the_next_frame_is_due(what, since, drawing, wait):
    assert RunMode.frame_wait(since, drawing) == pytest.approx(wait, abs=1e-12)

