"""The terminal slider: `,` `.` (Shift `<` `>`: ten times as far) move the
selected weight along its U without a step; the chain and the U show the
coming step at that weight; Space steps from there; 0 resets.

Every number is held to the engine's own step at the slid weight
(gdtui.engine.network.gradient_step and the rules), computed apart.
"""

import numpy as np
import pytest

from gdtui.engine.rules import RULES, rule_of
from gdtui.ui.slider import SHIFT, nice_step
from gdtui.ui.widgets.chain_view import ChainView, chain_input
from gdtui.ui.widgets.weight_plots import Curve
from app_support import CATALOG, app_for, shown, until


@pytest.mark.parametrize("width, step", [
    (1.89, 0.05), (2.0, 0.05), (0.4, 0.01), (0.6, 0.02), (8.0, 0.2), (1e-3, 2e-5),
    (0.0, 0.01), (float("inf"), 0.01), (float("nan"), 0.01),
])
def test_the_step_is_a_fortieth_of_the_view_in_1_2_5(width, step):
    assert nice_step(width) == pytest.approx(step)


def engine_step(lesson_id, steps, row, col, weight):
    """The step a trainer of the lesson takes after `steps` steps with weight
    [row][col] set to `weight` (by hand, apart from any screen)."""
    trainer = CATALOG.lessons[lesson_id].trainer()
    trainer.run(steps)
    weights = trainer.weights.copy()
    weights[row, col] = weight
    trainer.set_weights(weights)
    return trainer.step()


def chain_text(screen) -> str:
    return shown(screen.query_one(ChainView)).replace("−", "-")


# (lesson, steps first, → presses, keys, presses of the step they add up to)
SLIDES = [
    ("learning-steps, . once", "learning-steps", 0, 0, ["full_stop"], 1),
    ("learning-steps, , once", "learning-steps", 0, 0, ["comma"], -1),
    ("learning-steps, > (Shift)", "learning-steps", 1, 0, ["greater_than_sign"], SHIFT),
    ("learning-steps, < (Shift)", "learning-steps", 1, 0, ["less_than_sign"], -SHIFT),
    ("learning-steps, . . , >", "learning-steps", 2, 0,
     ["full_stop", "full_stop", "comma", "greater_than_sign"], 1 + SHIFT),
    ("multi-input, toes weight", "multi-input", 1, 0, ["full_stop"] * 3, 3),
    ("multi-input, #fans weight (→ → )", "multi-input", 1, 2, ["less_than_sign"], -SHIFT),
    ("multi-output, sad weight", "multi-output", 2, 2, ["comma", "comma"], -2),
    ("multi-io, centre weight", "multi-io", 1, 4, ["greater_than_sign", "full_stop"], SHIFT + 1),
    ("frozen-weight, the frozen a", "frozen-weight", 1, 0, ["full_stop"] * 2, 2),
    ("alpha-fix", "alpha-fix", 3, 0, ["comma"] * 4, -4),
    ("hot-cold", "hot-cold", 5, 0, ["full_stop"], 1),
    ("measure-error", "measure-error", 1, 0, ["greater_than_sign"], SHIFT),
]


@pytest.mark.parametrize("what, lesson_id, steps, rights, keys, presses", SLIDES,
                         ids=[s[0] for s in SLIDES])
async def test_slide_then_space_steps_from_the_slid_weight(what, lesson_id, steps, rights, keys,
                                                           presses):
    app = app_for(lesson_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press(*["space"] * steps, *["right"] * rights)
        await until(pilot, lambda: screen.session.trainer.steps_done == steps)
        row, col = screen.selected
        start = float(screen.session.trainer.weights[row, col])
        step = screen.slide_step(row, col)
        await pilot.press(*keys)
        await pilot.pause()
        session = screen.session
        slid = float(session.trainer.weights[row, col])
        assert slid == pytest.approx(start + presses * step, abs=1e-12)
        assert session.trainer.steps_done == steps  # no step taken
        assert session.slid
        coming = engine_step(lesson_id, steps, row, col, slid)
        # The chain shows the coming step at the slid weight (pred, delta, error
        # and the slope live), where it lands still to come.
        shows = chain_input(screen.chain)
        for name in ("pred", "delta", "error"):
            assert getattr(shows, name).tobytes() == getattr(coming, name).tobytes(), name
        assert shows.weights_after is None
        if rule_of(coming.rule).by_alpha:  # d error / d weight = 2 × delta × input
            assert shows.slope == pytest.approx(2 * coming.delta[row] * coming.input[col], rel=1e-12)
        # The dot on the U is at the slid weight, on the curve at the slid weights.
        curve = Curve(screen.curves, row, col)
        assert curve.before == (slid, float(coming.error[row])) and curve.after is None
        assert "slid: Space steps from here" in shown(screen.query_one("StatusBar"))
        await pilot.press("space")
        await until(pilot, lambda: session.trainer.steps_done == steps + 1)
        taken = session.trainer.history[-1]
        for name in ("pred", "delta", "error", "weight_delta", "weights_after"):
            assert getattr(taken, name).tobytes() == getattr(coming, name).tobytes(), name
        assert not session.slid
        assert "taken from the weights you set" in shown(screen.query_one("StatusBar"))


async def test_the_preview_is_the_engines_step_bit_for_bit():
    """learning-steps after one step, . three times: the Run's coming step is
    the engine's step at 0.88 + 0.05 + 0.05 + 0.05, as the chain shows it."""
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "full_stop", "full_stop", "full_stop")
        await pilot.pause()
        screen = app.screen
        coming = screen.run_now().coming
        landed = float(CATALOG.lessons["learning-steps"].trainer().step().weights_after[0, 0])
        expected = engine_step("learning-steps", 1, 0, 0, landed + 0.05 + 0.05 + 0.05)
        assert coming.weights.tobytes() == expected.weights.tobytes()
        for name in ("pred", "delta", "error", "weight_delta"):
            assert getattr(coming, name).tobytes() == getattr(expected, name).tobytes()
        text = chain_text(screen)
        assert "1.1 × 1.03 = 1.133" in text
        assert "error        = delta² = (0.333)² = 0.110889" in text
        assert "2 × weight_delta = 0.7326" in text
        assert text.rstrip().splitlines()[5].rstrip().endswith("= ?")  # where it lands: Space


# (what, lesson, keys before, then what must hold)
ENDS = [
    ("0 resets the slid weight", "learning-steps", ["space", "greater_than_sign", "0"],
     lambda s: not s.slid and s.trainer.steps_done == 0
     and s.trainer.weights.tobytes() == CATALOG.lessons["learning-steps"].trainer().weights.tobytes()),
    ("b after a slide: the step back, the slide gone", "learning-steps",
     ["space", "space", "full_stop", "b"],
     lambda s: not s.slid and s.trainer.steps_done == 1
     and float(s.trainer.weights[0, 0]) == pytest.approx(0.88)),
    ("alpha after a slide: still slid, the coming step at the new alpha", "learning-steps",
     ["space", "full_stop", "left_square_bracket"],
     lambda s: s.slid and s.trainer.settings.alpha == 0.5),
    ("run mode after a slide: it steps from there", "learning-steps",
     ["space", "full_stop", "r"],
     lambda s: s.trainer.steps_done > 1 and not s.slid
     and s.trainer.history[1].weights[0, 0] == pytest.approx(0.93)),
]


@pytest.mark.parametrize("what, lesson_id, keys, holds", ENDS, ids=[e[0] for e in ENDS])
async def test_what_ends_a_slide(what, lesson_id, keys, holds):
    app = app_for(lesson_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        session = app.screen.session
        await until(pilot, lambda: holds(session))


# (what, lesson, keys before, the refusal's start): nothing moves.
REFUSED = [
    ("MNIST: off, one line", "mnist", ["full_stop"], "no slider on MNIST"),
    ("MNIST: Shift too", "mnist", ["less_than_sign"], "no slider on MNIST"),
    ("an overflowed run", "explosion", ["r"], "the run has stopped"),
]


@pytest.mark.parametrize("what, lesson_id, keys, says", REFUSED, ids=[r[0] for r in REFUSED])
async def test_the_slider_refuses_in_one_line(what, lesson_id, keys, says):
    app = app_for(lesson_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        if keys == ["r"]:
            await pilot.press("plus", "plus", "plus", "plus", "plus", "plus", "r")
            await until(pilot, lambda: screen.session.trainer.stopped)
            keys = ["full_stop"]
        weights = screen.session.trainer.weights.copy()
        await pilot.press(*keys)
        await pilot.pause()
        assert screen.session.trainer.weights.tobytes() == weights.tobytes()
        assert not screen.session.slid
        assert screen.message.startswith(says), screen.message
        assert "\n" not in screen.message


def test_the_lesson_keys_moved_to_n_and_p():
    """< and > are the slider's now: the next / previous lesson are N / P."""
    from gdtui.ui.keys import LESSON, bindings

    by_key = {b.key: b.action for b in bindings("session") + bindings(LESSON)}
    assert by_key["N"] == "lesson(1)" and by_key["P"] == "lesson(-1)"
    assert by_key["comma"] == "slide(-1)" and by_key["full_stop"] == "slide(1)"
    assert by_key["less_than_sign"] == f"slide(-{SHIFT})" and by_key["greater_than_sign"] == f"slide({SHIFT})"
    assert RULES  # (the rule table the slider's lessons come from)


@pytest.mark.parametrize("steps", [0, 2])
async def test_b_after_a_step_from_a_slid_weight_returns_to_it_slid(steps):
    """The next step starts from the slid weight again, so the coming step is shown."""
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["space"] * steps, "full_stop", "full_stop", "space", "b")
        await pilot.pause()
        session = app.screen.session
        assert session.slid and session.trainer.steps_done == steps
        assert app.screen.run_now().coming is not None
        await pilot.press("b") if steps else None
        await pilot.pause()
        assert not session.slid or steps == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_mnist_refusal_fits_its_status_line_at_80x24(lang):
    app = app_for("mnist", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("full_stop")
        await pilot.pause()
        line = shown(app.screen.query_one("StatusBar"))
        assert app.screen.message and app.screen.message.strip() in line and "…" not in line, line
