"""Predict mode through the keys: p, Space asks, a number, the reveal, the score, b.

The true numbers come from a trainer of the same lesson run apart; the
logic itself (verdicts, slips) is tested without an app in test_predict.py.
"""

import pytest

from gdtui.practice.predict import true_value
from gdtui.text.i18n import tr
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.predict import PredictScreen
from gdtui.ui.widgets.predict_line import PredictLine
from app_support import CATALOG, app_for, listed, shown, shown_content, until

READY = tr("predict_ready", "en")  # the reveal's row before an answer

LESSONS = [i for i in CATALOG.lessons if not CATALOG.lessons[i].is_image_lesson]


def truth(lesson_id, step, quantity, row=0, col=0):
    trainer = CATALOG.lessons[lesson_id].trainer()
    trainer.run(step)
    return true_value(trainer.history[-1], quantity, row, col)


async def ask(pilot, *, tabs=0):
    """Space in predict mode: the question box opens (Tab tabs times)."""
    await pilot.press("space")
    await until(pilot, lambda: isinstance(pilot.app.screen, PredictScreen))
    for _ in range(tabs):
        await pilot.press("tab")
    return pilot.app.screen


async def predict(pilot, text, *, tabs=0):
    """Predict `text` for the coming step and wait for the reveal."""
    await ask(pilot, tabs=tabs)
    await pilot.press(*text, "enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, LessonScreen))
    await pilot.pause()
    return pilot.app.screen


def reveal(screen) -> str:
    return shown(screen.query_one(PredictLine)).replace("−", "-")


async def started(app, pilot):
    await pilot.pause()
    await pilot.press("p")
    await until(pilot, lambda: app.screen.session.predicting)
    assert ("predict" if app.lang == "en" else "预测") in shown(app.screen.query_one("StatusBar"))


@pytest.mark.parametrize("lesson_id", LESSONS)
async def test_every_lesson_right_then_undo(lesson_id):
    """In every chapter lesson: its own first quantity, predicted right, then b."""
    app = app_for(lesson_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await started(app, pilot)
        quantity = app.screen.session.quantity
        value = truth(lesson_id, 1, quantity)
        if quantity == "direction":
            await ask(pilot)
            await pilot.press("up" if value > 0 else "down")
            await until(pilot, lambda: isinstance(app.screen, LessonScreen))
            await pilot.pause()
            screen = app.screen
        else:
            screen = await predict(pilot, repr(value))
        assert screen.session.trainer.steps_done == 1
        assert (screen.session.score.right, screen.session.score.asked, screen.session.score.streak) == (1, 1, 1)
        assert "right" in reveal(screen)
        assert "1/1" in shown(screen.query_one("StatusBar"))
        await pilot.press("b")
        await until(pilot, lambda: screen.session.trainer.steps_done == 0)
        await pilot.pause()
        assert screen.session.score.asked == 0
        assert reveal(screen).strip() == READY  # the reveal gone, how to predict again


async def test_learning_steps_right_close_wrong_and_slips():
    app = app_for("learning-steps")  # first quantity: the new weight
    async with app.run_test(size=(100, 40)) as pilot:
        await started(app, pilot)
        screen = await predict(pilot, "0.879")  # true 0.88
        assert "right" in reveal(screen) and "true 0.88" in reveal(screen)
        screen = await predict(pilot, "0.68")  # true 0.6952
        assert "close" in reveal(screen)
        box = await ask(pilot)  # pasted with a Unicode minus
        box.query_one("#guess").value = "\u22120.3"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.pause()
        line = reveal(screen)
        assert "wrong" in line and "you -0.3" in line
        assert (screen.session.score.right, screen.session.score.asked, screen.session.score.streak) == (1, 3, 0)
        # b: the step and its answer go; the run is back at step 2.
        await pilot.press("b")
        await until(pilot, lambda: screen.session.trainer.steps_done == 2)
        assert screen.session.score.asked == 2


@pytest.mark.parametrize("lesson_id, steps_before, tabs, typed, slip", [
    # learning-steps: weight 0 then 0.88, input 1.1, goal 0.8, alpha 1.
    # Tab from the new weight goes round: direction, pred, delta, error, weight_delta.
    ("learning-steps", 0, 3, "0.8", "goal - pred"),           # delta as goal − pred
    ("learning-steps", 0, 5, "-0.8", "forgot × input"),       # weight_delta = delta
    ("learning-steps", 1, 4, "0.297", "squared the wrong thing"),  # pred² − goal²
    ("learning-steps", 1, 2, "-0.968", "sign flipped"),       # pred
    # alpha-fix: weight 0.5, input 2, goal 0.8, alpha 0.1: new weight 0.46.
    ("alpha-fix", 0, 0, "0.1", "forgot alpha"),               # weight − weight_delta
])
async def test_each_slip_is_named(lesson_id, steps_before, tabs, typed, slip):
    app = app_for(lesson_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await started(app, pilot)
        for _ in range(steps_before):
            await ask(pilot)
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        screen = await predict(pilot, typed, tabs=tabs)
        assert "wrong" in reveal(screen)
        assert slip in reveal(screen)


async def test_hot_cold_direction_keys_and_skip():
    app = app_for("hot-cold")  # first quantity: direction
    async with app.run_test(size=(100, 40)) as pilot:
        await started(app, pilot)
        box = await ask(pilot)
        assert "↑, ↓ or = (stays)" in str(box.query_one("#question").render())
        await pilot.press("up")  # 0.5 → 0.501: up
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        screen = app.screen
        await until(pilot, lambda: "right" in reveal(screen))
        await ask(pilot)
        await pilot.press("down")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await until(pilot, lambda: "sign flipped" in reveal(screen))
        # Esc skips: the step is taken, the score stays.
        await ask(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: screen.session.trainer.steps_done == 3)
        assert (screen.session.score.right, screen.session.score.asked) == (1, 2)
        assert reveal(screen).strip() == READY  # no reveal for a skipped step


# -- judged against the step: a weight that stays, the weight before the step, MSE --
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("key, verdict, said", [
    ("equals_sign", "right", None), ("s", "right", None), ("0", "right", None),
    ("up", "wrong", ("weight_delta is forced to 0", "weight_delta 强制为 0")),
    ("down", "wrong", ("weight_delta is forced to 0", "weight_delta 强制为 0")),
])
async def test_a_frozen_weight_stays(lang, key, verdict, said):
    app = app_for("frozen-weight", lang=lang)  # a (toes) is frozen and selected
    async with app.run_test(size=(100, 40)) as pilot:
        await started(app, pilot)
        box = await ask(pilot, tabs=1)  # from the new weight to its direction
        assert box.quantity == "direction"
        question = str(box.query_one("#question").render())
        assert ("= (stays)" if lang == "en" else "=(不动)") in question
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        screen = app.screen
        await until(pilot, lambda: reveal(screen).strip() != "")
        assert screen.session.score.last.verdict == verdict and screen.session.score.last.truth == 0
        assert ("true stays" if lang == "en" else "实际 不动") in reveal(screen)
        if said is not None:
            assert said[lang == "zh"] in reveal(screen)


@pytest.mark.parametrize("lesson_id, moves, steps_before, typed, verdict, slip", [
    # multi-io's %win→win (→ four times): 0.2 moves by 0.00013, so 0.2 is the old weight
    ("multi-io", 4, 0, "0.2", "wrong", "the weight before the step"),
    ("multi-io", 4, 0, "TRUE_AFTER", "right", None),
    # learning-steps from step 4: 0.72735 moves by 0.0035 (under 2 % of itself)
    ("learning-steps", 0, 4, "TRUE_BEFORE", "wrong", "the weight before the step"),
    # measure-error: delta -0.55, error 0.3025
    ("measure-error", 0, 0, "0.55", "wrong", "forgot to square"),
    ("measure-error", 0, 0, "-0.3025", "wrong", "a square is never negative"),
    ("measure-error", 0, 0, "0.3025", "right", None),
])
async def test_judged_against_the_step(lesson_id, moves, steps_before, typed, verdict, slip):
    app = app_for(lesson_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await started(app, pilot)
        for _ in range(moves):
            await pilot.press("right")
        for _ in range(steps_before):
            await ask(pilot)
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        screen = app.screen
        if typed == "TRUE_BEFORE":  # the weight as it is, all its digits
            typed = repr(float(screen.session.trainer.weights[screen.selected]))
        elif typed == "TRUE_AFTER":
            typed = repr(truth(lesson_id, steps_before + 1, "weight", *screen.selected))
        screen = await predict(pilot, typed)
        assert screen.session.score.last.verdict == verdict
        if slip is None:
            assert screen.session.score.last.slip is None
        else:
            assert slip in reveal(screen)


@pytest.mark.parametrize("lang, said", [
    ("en", ("within 2 %", "0.0001", "close: 5 %", "within 5 % of the size of the step",
            "close: 20 %", "never right", "= (stays)")),
    ("zh", ("2 % 以内", "0.0001", "5 % 或 0.0005", "这一步大小的 5 %", "接近:20 %", "永远不算对", "=(不动)")),
])
async def test_the_help_states_every_tolerance(lang, said):
    from gdtui.ui.screens.help import HelpScreen

    app = app_for("learning-steps", lang=lang)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        text = " ".join(" ".join(shown_content(w).split()) for w in app.screen.query("Static"))
        for part in said:
            assert part in text, part


async def test_multi_weight_predicts_the_selected_weight():
    app = app_for("multi-input")  # first quantity: weight_delta
    async with app.run_test(size=(100, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("right")  # the second weight
        box = await ask(pilot)
        assert "weight_delta" in str(box.query_one("#question").render())
        await pilot.press(*"-0.091", "enter")  # delta × input = -0.14 × 0.65
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        screen = app.screen
        await until(pilot, lambda: "right" in reveal(screen))
        assert truth("multi-input", 1, "weight_delta", 0, 1) == pytest.approx(-0.091)
        screen = await predict(pilot, repr(truth("multi-input", 2, "delta")), tabs=0)
        assert "forgot × input" in reveal(screen)


async def test_a_bad_number_keeps_the_question_open():
    app = app_for("learning-steps")
    async with app.run_test(size=(100, 40)) as pilot:
        await started(app, pilot)
        box = await ask(pilot)
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        assert app.screen is box
        assert "not a number" in str(box.query_one("#hint").render())
        await pilot.press(*["backspace"] * 3, *"8.8e-1", "enter")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await until(pilot, lambda: "right" in reveal(app.screen))


async def test_p_turns_it_off():
    app = app_for("learning-steps")
    async with app.run_test(size=(100, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("p", "space")
        await until(pilot, lambda: app.screen.session.trainer.steps_done == 1)
        assert isinstance(app.screen, LessonScreen)
        assert "predict" not in shown(app.screen.query_one("StatusBar")).split("  ")[2:4]


# -- exercises on the lesson screen ----------------------------------------------
def exercise_text(screen) -> str:
    return shown(screen.query_one("ExerciseLine"))


async def test_exercises_tick_themselves_off_and_start_again():
    app = app_for("learning-steps")  # predict-weight (3 in a row), six-steps (within 6)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "1/2" in exercise_text(screen) and "☐" in exercise_text(screen)
        await pilot.press("i")
        await until(pilot, lambda: "hint: weight − alpha" in exercise_text(screen))
        # Five steps: not yet.
        await pilot.press(*["space"] * 5)
        await until(pilot, lambda: screen.session.trainer.steps_done == 5)
        assert screen.session.exercises_done == set()
        await pilot.press("space")
        await until(pilot, lambda: screen.session.exercises_done == {"six-steps"})
        assert "exercise 2 done" in shown(screen.query_one("StatusBar"))
        # Three right predictions of the new weight in a row.
        await pilot.press("p")
        for n in (7, 8, 9):
            await predict(pilot, repr(truth("learning-steps", n, "weight")))
        await until(pilot, lambda: screen.session.exercises_done == {"six-steps", "predict-weight"})
        assert "all 2 exercises done" in exercise_text(screen)
        await pilot.press("X")
        await until(pilot, lambda: "1/2" in exercise_text(screen))
        assert screen.session.exercises_done == set()


async def test_a_near_miss_does_not_tick():
    app = app_for("learning-steps")
    async with app.run_test(size=(100, 40)) as pilot:
        await started(app, pilot)
        await predict(pilot, "0.88")
        await predict(pilot, "0.6952")
        await predict(pilot, "0.5")  # wrong on the third
        screen = app.screen
        assert screen.session.score.asked == 3
        assert "predict-weight" not in screen.session.exercises_done


# -- progress: resumed on the next start ------------------------------------------
async def test_ticks_and_scores_are_there_after_a_restart():
    for run in range(2):
        app = app_for("learning-steps")
        async with app.run_test(size=(100, 40)) as pilot:
            await started(app, pilot)
            screen = app.screen
            if run == 0:
                for n in (1, 2, 3):
                    await predict(pilot, repr(truth("learning-steps", n, "weight")))
                await until(pilot, lambda: "predict-weight" in screen.session.exercises_done)
            else:
                assert screen.session.exercises_done == {"predict-weight"}
                entry = app.recorder.progress.lessons["learning-steps"]
                assert (entry.opened, entry.right, entry.asked, entry.best_streak) == (2, 3, 3, 3)
                await pilot.press("escape")
                await until(pilot, lambda: not isinstance(app.screen, LessonScreen))
                await pilot.pause()
                line = listed(app.screen.query_one("OptionList"), "learning-steps")
                assert "1/2" in line and "p 3/3" in line
