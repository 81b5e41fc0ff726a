"""One BLAS thread for every gdtui process that draws a lesson.

gdtui's arrays are small (MNIST's 784x10 is the largest), far below the size
at which OpenBLAS would split a product across threads, yet on import NumPy's
OpenBLAS starts a thread per core that spins after each call: on 2 cores,
0.1 s of CPU before the first frame for nothing. Set before NumPy is imported;
a value the user set stays.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def one_thread(env: MutableMapping[str, str] = os.environ) -> None:
    """ONE_THREAD in env wherever env does not say otherwise."""
    for name, value in ONE_THREAD.items():
        env.setdefault(name, value)
