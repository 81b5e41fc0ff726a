"""engine/fast.py is gradient_step, many at a time and in place: held to it
bit for bit, weights and every recorded number, with frozen weights, a
change of alpha mid-run, and overflow."""

import numpy as np
import pytest

from gdtui.engine import DataSet, Settings, Trainer, gradient_step
from gdtui.engine.fast import gradient_steps
from gdtui.engine.history import RingHistory


def big_data(samples=9):
    rng = np.random.default_rng(11)
    inputs = rng.uniform(0, 1, size=(samples, 784))
    labels = rng.integers(0, 10, size=samples)
    return DataSet(inputs, np.eye(10)[labels], labels)


def big_settings(alpha, frozen=False):
    mask = None
    if frozen:
        mask = np.zeros((10, 784), bool)
        mask[2, :300] = mask[7, 5] = True
    return Settings("gradient", alpha=alpha, frozen=mask)


@pytest.mark.parametrize("alpha, frozen", [(0.01, False), (0.005, True), (50.0, False)])
def test_fast_steps_are_gradient_steps_bit_for_bit(alpha, frozen):
    settings, data = big_settings(alpha, frozen=frozen), big_data()
    weights = np.random.default_rng(5).normal(0, 0.01, (10, 784))
    history = RingHistory(500, 10)
    fast_weights = weights.copy()
    last = gradient_steps(fast_weights, settings, data, history, 1, 400)
    for number in range(1, last + 1):
        sample = (number - 1) % data.samples
        step = gradient_step(weights, data.inputs[sample], data.goals[sample], alpha,
                             settings.frozen, number=number, sample=sample)
        kept = history.records(number, number)
        assert kept.pred[0].tobytes() == step.pred.tobytes()
        assert kept.delta[0].tobytes() == step.delta.tobytes()
        assert kept.error[0].tobytes() == step.error.tobytes() and kept.sample[0] == sample
        weights = step.weights_after
    assert fast_weights.tobytes() == weights.tobytes()
    if alpha == 50.0:  # this one overflows: the batch stops at that step
        assert last < 400 and not np.isfinite(step.error).all()
    else:
        assert last == 400


def test_trainer_fast_and_step_by_step_agree_across_a_change_of_alpha():
    fast = Trainer(np.zeros((10, 784)), big_settings(0.02), big_data())
    slow = Trainer(np.zeros((10, 784)), big_settings(0.02), big_data())
    whole_steps = lambda n: [slow.step(whole=True).weights.shape for _ in range(n)]  # noqa: E731
    for trainer, run in ((fast, fast.run), (slow, whole_steps)):
        run(130)
        trainer.change(alpha=0.004)
        trainer.toggle_frozen(4)
        run(90)
    assert fast.weights.tobytes() == slow.weights.tobytes()
    assert fast.errors.tobytes() == slow.errors.tobytes()
    assert fast.corrects.tobytes() == slow.corrects.tobytes()
