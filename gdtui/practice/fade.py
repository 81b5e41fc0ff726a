"""The faded worked chain: what the chain leaves to the learner.

Worked examples, then fading them, is among the best-supported findings on
learning a procedure. Here the worked example is the chain of the step on
screen; once a learner has predicted a quantity right FADE_AFTER times in a
row (in predict mode), the chain shows that quantity as `?` while the next
question is open, so the step on screen is theirs to complete before they
predict the next; the step taken, every number is shown again. A wrong
prediction of it ends the run of right answers, and the number is back.

While the question is open the coming step itself is never shown: after the
slider (gdtui.ui.slider) the chain shows the coming step, so then every
quantity is hidden. No UI here: the chain, the matrices and the U read
`hidden`.
"""

from __future__ import annotations

from gdtui.practice.predict import Score

FADE_AFTER = 3
# The quantities a chain shows, in the book's order.
SHOWN = ("pred", "delta", "error", "weight_delta", "weight")


def faded(score: Score, quantities: tuple[str, ...]) -> frozenset[str]:
    """The quantities predicted right FADE_AFTER times in a row, or more."""
    return frozenset(q for q in quantities if score.in_a_row(q) >= FADE_AFTER)


def hidden(score: Score, quantities: tuple[str, ...], *, fading: bool, asking: bool,
           coming: bool) -> frozenset[str]:
    """What the screen leaves as `?` now: nothing unless a question is open;
    then every quantity of a coming step on screen (it is the one asked
    about), else the faded ones (if fading is on)."""
    if not asking:
        return frozenset()
    if coming:
        return frozenset(SHOWN)
    return faded(score, quantities) if fading else frozenset()
