"""Both histories answer records(first, last) alike: the steps' own numbers as arrays."""

import numpy as np
import pytest

from gdtui.engine import DataSet, Settings, Trainer
from gdtui.engine.history import UNDO_STEPS
from gdtui.lessons.loader import load_catalog

CATALOG = load_catalog(use_env=False)


def big(alpha):
    rng = np.random.default_rng(3)
    labels = rng.integers(0, 10, size=7)
    data = DataSet(rng.uniform(0, 1, (7, 784)), np.eye(10)[labels], labels)
    return Trainer(np.zeros((10, 784)), Settings("gradient", alpha=alpha), data)


# (trainer, steps to take, first..last to read back)
CASES = {
    "multi-io, whole Steps": (lambda: CATALOG.lessons["multi-io"].trainer(), 5, (2, 5)),
    "hot-cold, whole Steps": (lambda: CATALOG.lessons["hot-cold"].trainer(), 30, (1, 30)),
    "big network, the ring": (lambda: big(0.01), 40, (3, 40)),
    "the ring after it wrapped": (lambda: big(0.001), UNDO_STEPS + 250, (UNDO_STEPS + 1, UNDO_STEPS + 250)),
    "the ring, overflowed": (lambda: big(50.0), 400, None),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_records_are_the_steps_numbers(case):
    make, steps, span = case
    trainer = make()
    trainer.run(steps)
    first, last = span or (trainer.history.first, trainer.steps_done)
    records = trainer.history.records(first, last)
    kept = [trainer.history.step(n) for n in range(first, last + 1)]
    assert records.pred.shape == records.delta.shape == records.error.shape == (len(kept), trainer.weights.shape[0])
    for name in ("pred", "delta", "error"):
        assert np.array([getattr(s, name) for s in kept]).tobytes() == getattr(records, name).tobytes(), name
    assert records.sample.tolist() == [s.sample for s in kept]
