"""The engine against independent references: finite differences, closed forms,
and its own history (step back must be bit-exact)."""

import warnings

import numpy as np
import pytest

from gdtui.engine import (
    DataSet,
    Settings,
    Trainer,
    error_along_weight,
    gradient_step,
    hot_cold_step,
    predict,
    slope_along_weight,
)


def multi_io_trainer(alpha=0.01):
    weights = np.array([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]])
    data = DataSet(np.array([[8.5, 0.65, 1.2]]), np.array([[0.1, 1.0, 0.1]]))
    return Trainer(weights, Settings("gradient", alpha=alpha), data)


def test_weight_delta_is_outer_product_of_delta_and_input():
    w = np.array([[0.1, 0.2], [0.3, -0.4]])
    x, goal = np.array([2.0, -1.0]), np.array([0.5, 0.0])
    step = gradient_step(w, x, goal, alpha=0.1)
    pred = np.array([0.1 * 2 - 0.2, 0.3 * 2 + 0.4])
    assert step.pred == pytest.approx(pred)
    assert step.delta == pytest.approx(pred - goal)
    assert step.weight_delta == pytest.approx(np.outer(pred - goal, x))
    assert step.weights_after == pytest.approx(w - 0.1 * np.outer(pred - goal, x))


def test_step_arrays_are_read_only_and_not_shared():
    trainer = multi_io_trainer()
    step = trainer.step()
    with pytest.raises(ValueError):
        step.weights[0, 0] = 1.0
    assert step.weights is not trainer.initial_weights


def test_slope_matches_finite_differences():
    rng = np.random.default_rng(1)
    w = rng.normal(size=(3, 4))
    x, goal = rng.normal(size=4), rng.normal(size=3)
    for row in range(3):
        for col in range(4):
            h = 1e-6
            ws = np.array([w[row, col] - h, w[row, col] + h])
            up_down = error_along_weight(w, x, goal, row, col, ws)
            numeric = (up_down[1] - up_down[0]) / (2 * h)
            assert slope_along_weight(w, x, goal, row, col) == pytest.approx(numeric, rel=1e-5)


def test_error_along_weight_at_current_weight_is_the_error():
    w = np.array([[0.1, 0.2, -0.1]])
    x, goal = np.array([8.5, 0.65, 1.2]), np.array([1.0])
    errs = error_along_weight(w, x, goal, 0, 1, np.array([0.2]))
    assert errs[0] == pytest.approx(((predict(w, x) - goal) ** 2).sum())


def test_gradient_step_moves_against_the_slope():
    trainer = multi_io_trainer()
    before = trainer.errors
    trainer.run(5)
    errors = trainer.errors
    assert len(before) == 0 and (np.diff(errors) < 0).all()


def test_step_back_is_bit_exact():
    trainer = multi_io_trainer()
    snapshots = [trainer.weights.copy()]
    for _ in range(10):
        trainer.step()
        snapshots.append(trainer.weights.copy())
    for expected in reversed(snapshots[:-1]):
        assert trainer.back()
        assert np.array_equal(trainer.weights, expected)
        assert trainer.weights.tobytes() == expected.tobytes()
    assert not trainer.back()
    assert trainer.steps_done == 0


def test_step_back_then_forward_repeats_the_same_step():
    trainer = multi_io_trainer()
    trainer.run(3)
    third = trainer.last
    trainer.back()
    again = trainer.step()
    assert again.weights_after.tobytes() == third.weights_after.tobytes()
    assert again.number == 3


def test_coming_is_the_step_that_step_takes():
    trainer = multi_io_trainer()
    trainer.step()
    coming = trainer.coming()
    assert trainer.coming() is coming  # kept, not worked out again
    assert trainer.step() is coming and trainer.last is coming


@pytest.mark.parametrize("seed", range(4))
def test_ahead_is_the_trainer_after_its_coming_step(seed):
    """ahead() is a copy that took the step this trainer then takes, the same
    Step object, and leaves this one as it was; after random ops, each time."""
    trainer = multi_io_trainer()
    rng = np.random.default_rng(seed)
    for i, name in enumerate(rng.choice(sorted(OPS), size=60)):
        OPS[name](trainer, np.random.default_rng([seed, i]))
        state = lambda: (trainer.steps_done, trainer.weights, len(trainer.history),  # noqa: E731
                         trainer.errors.tobytes())
        before = state()
        twin = trainer.ahead()
        assert state() == before  # untouched
        if trainer.stopped:
            assert twin is None
            continue
        step = trainer.step()
        assert twin.last is step and twin.steps_done == trainer.steps_done
        assert twin.weights is trainer.weights and twin.settings is trainer.settings
        assert twin.errors.tobytes() == trainer.errors.tobytes()
        assert twin.history.recent == trainer.history.recent
        assert twin.diverged_at == trainer.diverged_at
        twin.step()  # the copy goes on by itself
        assert trainer.steps_done == twin.steps_done - 1 and trainer.last is step


def test_no_ahead_for_a_big_network():
    weights = np.zeros((10, 784))
    data = DataSet(np.ones((2, 784)), np.eye(10)[:2], np.array([0, 1]))
    assert Trainer(weights, Settings("gradient", alpha=0.01), data).ahead() is None


# Each op changes what a step depends on (or takes one): after it, the step
# coming() gives must be worked out again from the new weights, settings or data.
OPS = {
    "step": lambda t, rng: t.step(),
    "back": lambda t, rng: t.back(),
    "run": lambda t, rng: t.run(3),
    "reset": lambda t, rng: t.reset(),
    "alpha": lambda t, rng: t.change(alpha=float(rng.choice([0.001, 0.01, 0.02]))),
    "freeze": lambda t, rng: t.toggle_frozen(int(rng.integers(3)), int(rng.integers(3))),
    "inputs": lambda t, rng: t.change(inputs=rng.normal(size=(1, 3))),
    "goals": lambda t, rng: t.change(goals=rng.normal(size=(1, 3))),
    "weights": lambda t, rng: t.set_weights(rng.normal(size=(3, 3))),
}


@pytest.mark.parametrize("seed", range(6))
def test_asking_coming_never_changes_a_run(seed):
    """A trainer asked coming() before and after every op takes, bit for bit,
    the steps of one never asked (random ops, each kind many times)."""
    asked, plain = multi_io_trainer(), multi_io_trainer()
    ops = np.random.default_rng(seed).choice(sorted(OPS), size=200)
    for i, name in enumerate(ops):
        asked.coming()
        for trainer in (asked, plain):
            OPS[name](trainer, np.random.default_rng([seed, i]))  # the same values for both
        coming = asked.coming()
        assert (coming is None) == plain.stopped
        assert asked.steps_done == plain.steps_done, (i, name)
        assert asked.weights.tobytes() == plain.weights.tobytes(), (i, name)
        if coming is not None:  # the step as the rule takes it from plain's state now
            number = plain.steps_done + 1
            again = plain.rule.take(plain.weights, plain.settings, plain.data, 0, number, None)
            for field in ("weights_after", "pred", "delta", "error", "weight_delta"):
                got, expected = getattr(coming, field), getattr(again, field)
                assert got.tobytes() == expected.tobytes(), (i, name, field)
    assert [s.weights_after.tobytes() for s in asked.history] == \
        [s.weights_after.tobytes() for s in plain.history]
    assert asked.errors.tobytes() == plain.errors.tobytes()


def test_reset_returns_to_the_start():
    trainer = multi_io_trainer()
    trainer.run(4)
    trainer.reset()
    assert trainer.steps_done == 0
    assert np.array_equal(trainer.weights, trainer.initial_weights)


def test_alpha_change_applies_from_the_next_step():
    trainer = multi_io_trainer()
    first = trainer.step()
    trainer.change(alpha=0.001)
    second = trainer.step()
    assert first.alpha == 0.01 and second.alpha == 0.001
    assert second.weights_after == pytest.approx(second.weights - 0.001 * second.weight_delta)


def test_frozen_weight_never_moves_and_toggle():
    trainer = multi_io_trainer()
    assert trainer.toggle_frozen(1, 2) is True
    trainer.run(3)
    assert all(s.weight_delta[1, 2] == 0 for s in trainer.history)
    assert trainer.weights[1, 2] == 0.0
    assert trainer.toggle_frozen(1, 2) is False
    assert trainer.settings.frozen is None


def test_input_goal_and_weight_changes_apply_next_step():
    trainer = multi_io_trainer()
    trainer.step()
    trainer.change(inputs=np.array([[1.0, 0.0, 0.0]]), goals=np.array([[0.0, 0.0, 0.0]]))
    trainer.set_weights(np.eye(3))
    step = trainer.step()
    assert step.pred.tolist() == [1.0, 0.0, 0.0]


def test_divergence_stops_at_step_326_without_warnings():
    data = DataSet(np.array([[2.0]]), np.array([[0.8]]))
    trainer = Trainer(np.array([[0.5]]), Settings("gradient", alpha=1.0), data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        taken = trainer.run(100_000)
    assert taken == 326 and trainer.diverged_at == 326
    assert np.isinf(trainer.last.error[0]) and np.isfinite(trainer.history[-2].error[0])
    assert trainer.step() is None
    trainer.back()
    assert trainer.diverged_at is None and trainer.steps_done == 325


def test_many_samples_cycle_in_order():
    inputs = np.array([[1.0], [2.0], [3.0]])
    goals = np.array([[0.0], [0.0], [0.0]])
    trainer = Trainer(np.array([[0.0]]), Settings("gradient", alpha=0.01), DataSet(inputs, goals))
    trainer.run(7)
    assert [s.sample for s in trainer.history] == [0, 1, 2, 0, 1, 2, 0]
    assert [s.input[0] for s in trainer.history] == [1, 2, 3, 1, 2, 3, 1]


def test_hot_cold_moves_toward_smaller_error_and_stays_on_tie():
    step = hot_cold_step(np.array([[0.5]]), np.array([0.5]), np.array([0.8]), 0.001)
    assert step.up_error < step.down_error and step.weights_after[0, 0] == 0.501
    tie = hot_cold_step(np.array([[0.5]]), np.array([0.0]), np.array([0.8]), 0.001)
    assert tie.up_error == tie.down_error and tie.weights_after[0, 0] == 0.5


def test_growing_for_counts_the_latest_rises():
    from gdtui.engine.diagnose import growing_for, is_diverging

    assert growing_for(np.array([])) == 0
    assert growing_for(np.array([1.0, 2.0, 3.0, 2.0, 3.0, 4.0])) == 2
    assert growing_for(np.array([0.04, 0.36, 3.24, 29.16])) == 3
    assert is_diverging(np.array([0.04, 0.36, 3.24, 29.16]))
    assert not is_diverging(np.array([0.64, 0.028, 0.0012]))


def big_trainer(alpha=0.01, samples=7):
    from gdtui.engine.trainer import FULL_HISTORY_MAX_WEIGHTS

    rng = np.random.default_rng(3)
    inputs = rng.uniform(0, 1, size=(samples, 784))
    labels = rng.integers(0, 10, size=samples)
    goals = np.eye(10)[labels]
    trainer = Trainer(np.zeros((10, 784)), Settings("gradient", alpha=alpha),
                      DataSet(inputs, goals, labels))
    assert trainer.history.in_place and 10 * 784 > FULL_HISTORY_MAX_WEIGHTS
    return trainer


def test_big_network_steps_back_bit_exact_through_checkpoints():
    trainer = big_trainer()
    states = [trainer.weights.copy()]
    for _ in range(250):
        trainer.step()
        states.append(trainer.weights.copy())
    for expected in reversed(states[:-1]):
        assert trainer.back()
        assert trainer.weights.tobytes() == expected.tobytes()
    assert not trainer.back() and trainer.steps_done == 0


def test_big_network_replays_with_the_settings_and_data_each_step_used():
    goals = np.roll(big_trainer().data.goals, 1, axis=1)
    trainer = big_trainer()
    trainer.run(120)
    trainer.change(alpha=0.001, goals=goals)
    trainer.toggle_frozen(3, 5)
    trainer.run(30)
    at_130 = None
    for _ in range(20):
        trainer.back()
    at_130 = trainer.weights.copy()
    reference = big_trainer()
    reference.run(120)
    reference.change(alpha=0.001, goals=goals)
    reference.toggle_frozen(3, 5)
    reference.run(10)
    assert at_130.tobytes() == reference.weights.tobytes()


def test_big_network_memory_stays_bounded():
    from gdtui.engine.trainer import CHECKPOINT_EVERY, UNDO_STEPS

    trainer = big_trainer(alpha=0.001)
    trainer.run(UNDO_STEPS * 3)
    assert len(trainer.history) <= UNDO_STEPS + CHECKPOINT_EVERY
    assert len(trainer.history.checkpoints) <= (UNDO_STEPS + CHECKPOINT_EVERY) // CHECKPOINT_EVERY + 2
    assert all(s.weights is None for s in trainer.history)
    # The oldest kept step can still be undone, exactly.
    expected = None
    reference = big_trainer(alpha=0.001)
    reference.run(trainer.history[0].number - 1)
    expected = reference.weights
    while trainer.back():
        pass
    assert trainer.weights.tobytes() == expected.tobytes()
    assert trainer.steps_done == reference.steps_done


def test_running_accuracy_counts_guesses_before_the_update():
    trainer = big_trainer(samples=3)
    trainer.run(6)
    guesses = [s.guess == s.label for s in trainer.history]
    assert trainer.accuracy == pytest.approx(np.mean(guesses))


def test_fast_path_equals_whole_steps_bit_for_bit():
    """A big network's fast path (in place, ring records, batch totals) and
    whole gradient_steps give the same weights, errors and guesses."""
    fast, whole = big_trainer(alpha=0.05, samples=9), big_trainer(alpha=0.05, samples=9)
    fast.run(150)
    for _ in range(150):
        whole.step(whole=True)
    assert fast.weights.tobytes() == whole.weights.tobytes()
    assert fast.errors.tobytes() == whole.errors.tobytes()
    assert fast.corrects.tobytes() == whole.corrects.tobytes()
    a, b = fast.last, whole.history[-1]
    assert a.pred.tobytes() == b.pred.tobytes() and a.error.tobytes() == b.error.tobytes()
    assert a.label == b.label and a.number == b.number == 150


def test_fast_path_stops_at_overflow():
    trainer = big_trainer(alpha=50.0, samples=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        taken = trainer.run(10_000)
    assert trainer.diverged_at == taken < 10_000
    assert not np.isfinite(trainer.errors[-1]) and np.isfinite(trainer.errors[:-1]).all()
    assert trainer.step() is None


def test_long_runs_keep_bounded_history_and_a_window_of_errors(monkeypatch):
    from gdtui.engine import trainer as trainer_module

    monkeypatch.setattr(trainer_module, "LOG_WINDOW", 1000)
    trainer = multi_io_trainer(alpha=0.001)
    trainer.run(10_000)
    assert trainer.steps_done == 10_000
    assert len(trainer.history) <= trainer_module.UNDO_STEPS + trainer_module.CHECKPOINT_EVERY
    assert trainer.history[-1].number == 10_000
    assert 1000 <= len(trainer.errors) <= 2000
    assert trainer.errors_from + len(trainer.errors) - 1 == 10_000
    assert trainer.errors[-1] == trainer.last.total_error
    # Step back works through the kept steps, then says no.
    kept = len(trainer.history)
    assert all(trainer.back() for _ in range(kept)) and not trainer.back()
    assert trainer.steps_done == 10_000 - kept


def test_toggle_frozen_of_a_whole_output():
    trainer = multi_io_trainer()
    assert trainer.toggle_frozen(1) is True
    assert trainer.settings.frozen[1].all() and not trainer.settings.frozen[[0, 2]].any()
    assert trainer.toggle_frozen(1) is False and trainer.settings.frozen is None
