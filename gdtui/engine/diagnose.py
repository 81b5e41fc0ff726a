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
