"""Explain after a slip, through the keys: a wrong prediction asks "which
part went wrong?" with its quantity's choices on digit keys; the choice is
shown, kept with the progress (the store, across reopening), and the digits
do nothing when nothing is asked. The logic: tests/practice/test_explain.py."""

import pytest

from gdtui.practice import explain
from gdtui.practice.progress import open_recorder
from gdtui.text.i18n import tr
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.widgets.predict_line import PredictLine
from app_support import app_for, shown, until
from test_predict_mode import ask, started, truth


async def wrong(pilot, quantity, text):
    """Predict `text` for `quantity` (Tab to it from the one asked first)."""
    session = pilot.app.screen.session
    asks = session.asks()
    await ask(pilot, tabs=(asks.index(quantity) - asks.index(session.quantity)) % len(asks))
    await pilot.press(*text, "enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, LessonScreen))
    await pilot.pause()


def reveal_text(screen) -> str:
    return shown(screen.query_one(PredictLine)).replace("−", "-")


# (lesson, the quantity, a wrong answer, the digit pressed, the choice it is)
CASES = [
    ("learning-steps: new weight, forgot alpha", "learning-steps", "weight", "0.5", "2",
     "forgot_alpha"),
    ("learning-steps: new weight, not sure", "learning-steps", "weight", "0.5", "7", "not_sure"),
    ("measure-error: error, forgot to square", "measure-error", "error", "-0.55", "1",
     "forgot_square"),
    ("multi-input: delta, goal - pred", "multi-input", "delta", "0.9", "1", "goal_minus_pred"),
    ("hot-cold: new weight, the sign", "hot-cold", "weight", "-0.5", "1", "sign"),
]


@pytest.mark.parametrize("what, lesson_id, quantity, text, key, choice", CASES,
                         ids=[c[0] for c in CASES])
async def test_a_wrong_answer_asks_which_part_and_keeps_the_choice(tmp_path, what, lesson_id,
                                                                   quantity, text, key, choice):
    recorder = open_recorder("ada", tmp_path)
    app = app_for(lesson_id, recorder=recorder)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await wrong(pilot, quantity, text)
        session = app.screen.session
        assert session.score.last.quantity == quantity and session.score.last.verdict == "wrong"
        offered = explain.choices(quantity, session.lesson.settings.rule)
        assert session.why_choices == offered
        shown_now = reveal_text(app.screen)
        assert "which part went wrong?" in shown_now
        for k, c in enumerate(offered, 1):  # every choice on screen, whole, with its digit
            assert f"{k} {tr(f'why_{c}', 'en')}".replace("−", "-") in shown_now, (k, c, shown_now)
        assert "…" not in shown_now
        await pilot.press(key)
        await pilot.pause()
        assert session.why_said == choice and session.why_choices == ()
        assert "you said:" in reveal_text(app.screen)
        await pilot.press("1")  # asked once: another digit changes nothing
        await pilot.pause()
        assert session.why_said == choice
    # Kept with the progress: a new recorder on the same store has it.
    again = open_recorder("ada", tmp_path)
    assert again.progress.lessons[lesson_id].explained == {quantity: {choice: 1}}


async def test_digits_do_nothing_when_nothing_is_asked_or_past_the_choices(tmp_path):
    app = app_for("learning-steps", recorder=open_recorder("ada", tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session = app.screen.session
        await pilot.press("1", "5", "9")  # not in predict mode: nothing asked
        await pilot.pause()
        assert session.trainer.steps_done == 0 and session.why is None
        await started(app, pilot)
        value = truth("learning-steps", 1, "weight")
        await ask(pilot)
        await pilot.press(*f"{value}", "enter")  # right: nothing to explain
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.pause()
        assert session.why_choices == () and "which part" not in reveal_text(app.screen)
        await wrong(pilot, "weight", "0.5")
        await pilot.press("8", "9")  # past the 7 choices of a new weight
        await pilot.pause()
        assert session.why_said is None and len(session.why_choices) == 7
        await pilot.press("b")  # the step taken back: the question goes with it
        await pilot.pause()
        assert session.why_choices == ()
    assert open_recorder("ada", tmp_path).progress.lessons["learning-steps"].explained == {}


async def test_the_question_goes_with_the_next_step():
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await wrong(pilot, "weight", "0.5")
        session = app.screen.session
        assert session.why_choices
        await pilot.press("p", "space")  # predict mode off: a plain step
        await pilot.pause()
        assert session.why_choices == () and session.trainer.steps_done == 2


@pytest.mark.parametrize("size", [(80, 24), (60, 16), (120, 40)])
async def test_the_choices_wrap_between_choices_and_never_lose_a_key(size):
    app = app_for("learning-steps", lang="zh")
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        await wrong(pilot, "weight", "0.5")
        text = reveal_text(app.screen)
        assert "…" not in text
        for k in range(1, 8):
            assert f"{k} " in text
