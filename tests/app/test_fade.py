"""The faded worked chain: a quantity predicted right three times in a row is
`?` in the chain (and the matrices, the U) while the next question is open,
shown again once the step is taken; a wrong prediction brings it back; `w`
turns fading off and on. The rule itself: gdtui.practice.fade."""

import pytest

from gdtui.practice.fade import FADE_AFTER, SHOWN, faded, hidden
from gdtui.practice.predict import Answer, Score, true_value
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.predict import PredictScreen
from gdtui.ui.widgets.chain_view import ChainView, chain_input
from app_support import CATALOG, app_for, shown, until


def score(*answers):
    s = Score()
    for step, (quantity, verdict) in enumerate(answers, 1):
        s.add(Answer(step, quantity, 0.0, 0.0, verdict))
    return s


R, W = "right", "wrong"
# (what, the answers so far, the quantities that fade)
FADES = [
    ("none yet", [], set()),
    ("two right: not yet", [("weight", R)] * 2, set()),
    ("three right", [("weight", R)] * 3, {"weight"}),
    ("four right", [("weight", R)] * 4, {"weight"}),
    ("three right, then wrong: back", [("weight", R)] * 3 + [("weight", W)], set()),
    ("wrong, then three right", [("weight", W)] + [("weight", R)] * 3, {"weight"}),
    ("close ends the run too", [("delta", R)] * 2 + [("delta", "close"), ("delta", R)], set()),
    ("others between do not count against it",
     [("pred", R), ("delta", W), ("pred", R), ("error", R), ("pred", R)], {"pred"}),
    ("two quantities", [("pred", R)] * 3 + [("error", R)] * 3, {"pred", "error"}),
]


@pytest.mark.parametrize("what, answers, expected", FADES, ids=[f[0] for f in FADES])
def test_what_fades(what, answers, expected):
    quantities = ("direction", *SHOWN)
    assert faded(score(*answers), quantities) == expected
    # Only while a question is open, only with fading on; a coming step (slid) hides all.
    s = score(*answers)
    assert hidden(s, quantities, fading=True, asking=True, coming=False) == expected
    assert hidden(s, quantities, fading=True, asking=False, coming=False) == set()
    assert hidden(s, quantities, fading=False, asking=True, coming=False) == set()
    assert hidden(s, quantities, fading=False, asking=True, coming=True) == set(SHOWN)
    assert FADE_AFTER == 3


def truth(lesson_id, step, quantity):
    trainer = CATALOG.lessons[lesson_id].trainer()
    trainer.run(step)
    return true_value(trainer.history[-1], quantity)


async def answer(pilot, quantity, text):
    """Space, Tab to `quantity`, `text`, Enter: the step taken and judged."""
    session = pilot.app.screen.session
    await pilot.press("space")
    await until(pilot, lambda: isinstance(pilot.app.screen, PredictScreen))
    asks = session.asks()
    for _ in range((asks.index(quantity) - asks.index(session.quantity)) % len(asks)):
        await pilot.press("tab")
    await pilot.press(*text, "enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, LessonScreen))
    await pilot.pause()


async def right(pilot, lesson_id, quantity):
    n = pilot.app.screen.session.trainer.steps_done + 1
    await answer(pilot, quantity, repr(truth(lesson_id, n, quantity)))


async def open_question(pilot):
    await pilot.press("space")
    await until(pilot, lambda: isinstance(pilot.app.screen, PredictScreen))
    await pilot.pause()
    return pilot.app.screen_stack[-2]  # the lesson, under the box


def chain_of(screen):
    return chain_input(screen.chain), shown(screen.query_one(ChainView)).replace("−", "-")


# (lesson, quantity, what is ? in the chain's data while the question is open)
PER_QUANTITY = [
    ("learning-steps", "weight", ("weights_after",)),
    ("learning-steps", "pred", ("pred",)),
    ("learning-steps", "delta", ("delta", "slope")),
    ("learning-steps", "error", ("error",)),
    ("learning-steps", "weight_delta", ("weight_delta", "slope")),
    ("multi-input", "delta", ("delta", "slope")),
    ("multi-output", "error", ("error",)),
]


@pytest.mark.parametrize("lesson_id, quantity, gone", PER_QUANTITY,
                         ids=[f"{a}-{b}" for a, b, _ in PER_QUANTITY])
async def test_three_right_then_question_mark_until_the_step_then_shown(lesson_id, quantity, gone):
    app = app_for(lesson_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        for _ in range(FADE_AFTER - 1):
            await right(pilot, lesson_id, quantity)
        screen = await open_question(pilot)
        data, _ = chain_of(screen)
        assert all(getattr(data, name) is not None for name in gone)  # two right: all shown
        await pilot.press("escape")  # skipped: the step taken, the run of right answers stays
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await right(pilot, lesson_id, quantity)
        assert screen.query_one("PredictLine") and "3 in a row" in shown(screen.query_one("PredictLine"))
        data, text = chain_of(screen)
        assert all(getattr(data, name) is not None for name in gone)  # the step taken: shown
        await open_question(pilot)
        data, text = chain_of(screen)
        for name in gone:
            assert getattr(data, name) is None, name
        assert "?" in text
        # The step taken (right or wrong): every number shown again.
        await pilot.press(*"12345", "enter")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.pause()
        data, _ = chain_of(screen)
        assert all(getattr(data, name) is not None for name in gone)
        # That one was wrong: the next question shows it again.
        await open_question(pilot)
        data, _ = chain_of(screen)
        assert all(getattr(data, name) is not None for name in gone)


async def test_w_turns_fading_off_and_on():
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        for _ in range(FADE_AFTER):
            await right(pilot, "learning-steps", "weight")
        screen = app.screen
        await pilot.press("w")
        await pilot.pause()
        assert not screen.session.fading and "fading off" in screen.message
        await open_question(pilot)
        assert chain_of(screen)[0].weights_after is not None
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.press("w")
        await pilot.pause()
        assert screen.session.fading and "fading on" in screen.message
        await pilot.press("b")  # the skipped step back: the three right answers are the last
        await pilot.pause()
        await open_question(pilot)
        assert chain_of(screen)[0].weights_after is None


async def test_a_slid_weight_is_never_shown_while_its_step_is_asked():
    """After the slider the chain shows the coming step: the question open, all of it is ?."""
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "full_stop", "p")
        await pilot.pause()
        screen = app.screen
        assert chain_of(screen)[0].pred is not None  # slid: the coming step shown
        await open_question(pilot)
        data, text = chain_of(screen)
        assert (data.pred, data.delta, data.error, data.weight_delta, data.slope) == (None,) * 5
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.pause()
        assert not screen.session.asking


async def test_the_u_hides_what_the_chain_hides():
    """delta faded: the U's slope value (2 × delta × input) is not written."""
    from gdtui.ui.widgets.weight_plots import WeightPlots

    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        for _ in range(FADE_AFTER):
            await right(pilot, "learning-steps", "delta")
        screen = app.screen
        assert "slope" in shown(screen.query_one(WeightPlots))
        await open_question(pilot)
        assert screen.session.hidden == {"delta"}
        assert "slope" not in shown(screen.query_one(WeightPlots))


async def test_the_history_hides_what_the_chain_hides():
    """h: the step on screen's faded number is ? in its row too (the rows before stay)."""
    from gdtui.ui.widgets.history import History

    app = app_for("learning-steps")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("p")
        for _ in range(FADE_AFTER):
            await right(pilot, "learning-steps", "weight")
        screen = app.screen
        await pilot.press("h")
        await pilot.pause()
        rows = shown(screen.query_one(History)).splitlines()
        assert rows[-1].split()[-1] == "0.734008"
        await open_question(pilot)
        rows = [r for r in shown(screen.query_one(History)).splitlines() if r.strip()]
        last = rows[-1].split()
        assert last[0] == "3" and last[-1] == "?" and "?" not in rows[-2]
