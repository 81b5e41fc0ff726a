"""The edit form shows each number as the chain does, keeps the exact value
of a field left as it is, and names its fields by what they hold."""

import numpy as np
import pytest
from textual.widgets import Input, Label

from app_support import app_for, shown
from gdtui.lessons.edits import show_numbers
from gdtui.viz.numbers import fmt

# (lesson, steps taken first, field, its label, its text)
FIELDS = [
    ("learning-steps", 0, "alpha", "alpha", "1"),
    ("learning-steps", 0, "inputs", "input", "1.1"),
    ("learning-steps", 0, "goals", "goal", "0.8"),
    ("learning-steps", 2, "weights", "weights", "0.6952"),  # 0.6951999999999999 in the engine
    ("learning-steps", 3, "weights", "weights", "0.734008"),
    ("hot-cold", 0, "step_amount", "step_amount", "0.001"),
    ("multi-input", 0, "inputs", "input (toes, %win, #fans)", "8.5 0.65 1.2"),
    ("multi-input", 0, "goals", "goal (win)", "1"),
    ("multi-output", 0, "inputs", "input (%win)", "0.65"),
    ("multi-output", 0, "goals", "goal (hurt, win, sad)", "0.1 1 0.1"),
]


@pytest.mark.parametrize("lesson_id, steps, field, label, text", FIELDS,
                         ids=[f"{f[0]}-{f[1]}-{f[2]}" for f in FIELDS])
async def test_each_field_reads_as_the_chain_and_says_what_it_holds(lesson_id, steps, field, label,
                                                                   text):
    app = app_for(lesson_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["space"] * steps, "e")
        form = app.screen
        assert form.query_one(f"#{field}", Input).value == text
        labels = [str(w.render()) for w in form.query(Label)]
        assert label in labels, labels


@pytest.mark.parametrize("lesson_id, steps", [("learning-steps", 2), ("multi-io", 3),
                                              ("multi-input", 1), ("hot-cold", 7)])
async def test_enter_on_an_untouched_form_changes_no_number(lesson_id, steps):
    app = app_for(lesson_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["space"] * steps)
        trainer = app.screen.session.trainer
        weights, settings = trainer.weights.tobytes(), trainer.settings
        data = trainer.data.inputs.tobytes(), trainer.data.goals.tobytes()
        await pilot.press("e", "enter")
        trainer = app.screen.session.trainer
        assert trainer.weights.tobytes() == weights  # bit for bit, not their 8 digits
        assert (trainer.settings.alpha, trainer.settings.step_amount) == (
            settings.alpha, settings.step_amount)
        assert (trainer.data.inputs.tobytes(), trainer.data.goals.tobytes()) == data


async def test_a_number_typed_over_the_shown_one_is_taken_as_typed():
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space", "e")
        app.screen.query_one("#weights", Input).value = "0.69520001"
        await pilot.press("enter")
        assert app.screen.session.trainer.weights[0, 0] == 0.69520001


@pytest.mark.parametrize("value", [0.6951999999999999, -0.03528, 5.4890317e-05, 1e-12, 1.0,
                                   4.7101287e+26, -1.4130386e+27, 0.0, float("inf")])
def test_the_form_shows_numbers_as_the_chain_does(value):
    assert show_numbers(np.array([value])) == fmt(value, 8)


async def test_normalising_toes_in_the_edit_form_ticks_the_exercise():
    """multi-input, issue 20: e, input 0.85 0.65 1.2, Enter, Space: every
    weight learns (each weight_delta within 2x of the largest), exercise done."""
    app = app_for("multi-input")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("space", "e", "tab", "ctrl+u", *"0.85 0.65 1.2", "enter")
        await pilot.pause()
        assert screen.session.trainer.data.inputs[0].tolist() == [0.85, 0.65, 1.2]
        assert "normalise" not in screen.session.exercises_done  # no step taken with it yet
        await pilot.press("space")
        await pilot.pause()
        assert "normalise" in screen.session.exercises_done
        sizes = abs(screen.session.trainer.last.weight_delta[0])
        assert sizes.min() >= 0.5 * sizes.max()
