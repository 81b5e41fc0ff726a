"""Reading the error history the way the chapter teaches: is it diverging?"""

from __future__ import annotations

import numpy as np

# The chapter's warning sign: error that rises step after step.
GROWING_STEPS = 3


def growing_for(errors: np.ndarray) -> int:
    """How many of the latest steps each had a larger error than the one before."""
    if errors.size < 2:
        return 0
    rising = np.diff(errors[-64:]) > 0
    falls = np.flatnonzero(~rising)
    return int(rising.size if falls.size == 0 else rising.size - 1 - falls[-1])


def is_diverging(errors: np.ndarray) -> bool:
    return growing_for(errors) >= GROWING_STEPS


# An error this small means the lesson has learned what it can.
CONVERGED_ERROR = 1e-6


def first_converged(errors: np.ndarray, after: int = 0) -> int | None:
    """The index of the first error from `after` on that is next to 0 (None: none is)."""
    below = np.flatnonzero(errors[after:] < CONVERGED_ERROR)
    return after + int(below[0]) if below.size else None


def verdict(errors: np.ndarray, diverged_at: int | None, can_diverge: bool = True) -> str | None:
    """What the run is doing, as the chapter would say it: 'overflow' (the
    numbers stopped being finite), 'growing' (error rising step after step:
    alpha too high; only a rule that can diverge), 'converged' (error next to 0),
    or None."""
    if diverged_at is not None:
        return "overflow"
    if can_diverge and is_diverging(errors):
        return "growing"
    if errors.size and errors[-1] < CONVERGED_ERROR:
        return "converged"
    return None
