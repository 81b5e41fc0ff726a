"""Pilot tests: every key on every lesson; the numbers shown are the engine's."""

import json

import numpy as np
import pytest

from gdtui.text.i18n import tr
from gdtui.ui.screens.edit import EditScreen
from gdtui.ui.screens.help import HelpScreen
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.lesson_list import LessonListScreen
from gdtui.ui.widgets.history import History, row_values
from gdtui.viz.numbers import fmt
from app_support import CATALOG, app_for, notices, screen_text, shown, until

LESSONS = [i for i in CATALOG.lessons if i != "mnist"]  # mnist: see test_mnist.py


def shows(text: str, value: float) -> bool:
    """The value is on screen in some number of significant digits (the
    chain gives 3 to 8, by the lesson's shape)."""
    return any(fmt(value, digits) in text for digits in range(3, 11))


def expected_steps(lesson_id, n):
    trainer = CATALOG.lessons[lesson_id].trainer()
    trainer.run(n)
    return trainer


@pytest.mark.parametrize("lesson_id", LESSONS)
async def test_every_key_on_every_lesson(lesson_id, tmp_path, monkeypatch):
    monkeypatch.setenv("GDTUI_TRACE_DIR", str(tmp_path))
    app = app_for(lesson_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()  # the widgets take the first view once bound
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        assert f"{lesson_id}" in shown(screen.query_one("StatusBar"))

        await pilot.press("space", "space")
        reference = expected_steps(lesson_id, 2)
        text = screen_text(screen)
        assert "step 2" in text
        for value in (*reference.last.pred[:3], *reference.last.error[:3]):
            assert shows(text, value), (fmt(value, 8), text)
        assert len(screen.query_one("ChainView").part.run.steps) == 2

        await pilot.press("b")
        assert screen.session.trainer.steps_done == 1
        assert np.array_equal(screen.session.trainer.weights, expected_steps(lesson_id, 1).weights)
        assert len(screen.query_one("ChainView").part.run.steps) == 1
        assert "step 1" in shown(screen.query_one("StatusBar"))

        await pilot.press("s")  # save the trace
        saved = sorted(p.name for p in tmp_path.iterdir())
        assert len(saved) == 2 and saved[0].endswith(".csv") and saved[1].endswith(".jsonl")
        record = json.loads((tmp_path / saved[1]).read_text().splitlines()[0])
        assert record["step"] == 1

        await pilot.press("l")
        assert "(log" in shown(screen.query_one("ErrorPlot"))
        await pilot.press("L")
        assert shown(screen.query_one("LessonNote")).strip()[:4] == \
            CATALOG.lessons[lesson_id].notes["zh"][:4]
        await pilot.press("L")
        await pilot.press("h")
        assert screen.query_one(History).display and not screen.query_one("#plots").display
        await pilot.press("h")

        await pilot.press("right", "f")
        await pilot.press("left", "minus", "plus", "plus")

        await pilot.press("r")
        await pilot.pause(0.3)
        if screen.session.running:  # (else it converged and paused itself: r would run on)
            await pilot.press("r")
        assert not screen.session.running

        await pilot.press("0")
        assert screen.session.trainer.steps_done == 0
        assert "reset to the lesson's own values" in shown(screen.query_one("StatusBar"))

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("escape")
        assert isinstance(app.screen, LessonListScreen)
        await pilot.press("q")


async def test_numbers_shown_equal_the_engines_each_step():
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        for n in range(1, 5):
            await pilot.press("space")
            step = expected_steps("learning-steps", n).last
            text = screen_text(app.screen)
            for value in (step.pred[0], step.error[0], step.delta[0],
                          step.weight_delta[0, 0], step.weights_after[0, 0]):
                assert fmt(value, 8) in text or fmt(value, 10) in text


async def test_run_mode_explosion_stops_at_overflow_and_says_where():
    app = app_for("explosion")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(7):
            await pilot.press("plus")  # 5000 steps/s
        await pilot.press("r")
        for _ in range(100):
            await pilot.pause(0.05)
            if not app.screen.session.running:
                break
        screen = app.screen
        assert screen.session.trainer.diverged_at == 326
        text = screen_text(screen)
        # The status line and the error curve say where; the lesson's own
        # prompt for an overflow says what to try (in place of the banner).
        assert "overflow at step 326" in shown(screen.query_one("StatusBar"))
        assert "Overflow. Press [ to lower alpha" in text
        await pilot.press("b")
        assert screen.session.trainer.diverged_at is None
        assert "Each update overshoots the bottom" in screen_text(screen)


async def test_diverging_banner_after_three_rising_steps():
    """A lesson without its own prompt for it gets the banner."""
    app = app_for("reducing-error")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["right_square_bracket"] * 3)  # alpha 1 -> 2 -> 5 -> 10
        assert app.screen.session.trainer.settings.alpha == 10
        assert "alpha 5 → 10 from the next step" in shown(app.screen.query_one("StatusBar"))
        await pilot.press("space", "space", "space")
        assert "Diverging" not in screen_text(app.screen)
        await pilot.press("space")
        assert "Diverging: the error has grown 3 steps in a row" in screen_text(app.screen)


async def test_edit_refuses_bad_values_and_applies_good_ones():
    app = app_for("explosion")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "e")
        form = app.screen
        assert isinstance(form, EditScreen)
        form.query_one("#alpha").value = "fast"
        await pilot.pause()
        assert "not a number" in str(form.query_one("#alpha-error").render())
        await pilot.press("enter")
        assert app.screen is form  # nothing applied
        form.query_one("#alpha").value = "0"
        await pilot.pause()
        assert "positive" in str(form.query_one("#alpha-error").render())
        form.query_one("#alpha").value = "0.1"
        form.query_one("#inputs").value = "2 3"
        await pilot.pause()
        assert "needs 1 number, got 2" in str(form.query_one("#inputs-error").render())
        form.query_one("#inputs").value = "2"
        await pilot.pause()
        form.query_one("#alpha").focus()
        await pilot.press("enter")
        lesson_screen = app.screen
        assert isinstance(lesson_screen, LessonScreen)
        assert lesson_screen.session.trainer.settings.alpha == 0.1
        await pilot.press("space")
        assert lesson_screen.session.trainer.last.alpha == 0.1
        assert "alpha 0.1" in shown(lesson_screen.query_one("StatusBar"))


async def test_freeze_selected_weight_and_it_never_moves():
    app = app_for("multi-input")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "f", "space", "space")
        trainer = app.screen.session.trainer
        assert trainer.settings.frozen[0, 1]
        assert all(s.weight_delta[0, 1] == 0 for s in trainer.history)
        assert "frozen: weight_delta = 0" in shown(app.screen.query_one("ChainView"))


async def test_frozen_weight_shows_a_frozen_ucurve():
    app = app_for("frozen-weight")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space", "space", "space")
        text = shown(app.screen.query_one("WeightPlots"))
        assert "(frozen)" in text and "a: toes" in text


async def test_lesson_list_opens_lessons_and_palette_lists_them():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, LessonListScreen)
        await pilot.press("down", "enter")
        assert app.screen.lesson.id == "hot-cold"
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"multi-io")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "multi-io"


async def test_q_quits_in_run_mode():
    app = app_for("hot-cold")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        screen = app.screen
        await until(pilot, lambda: screen.session.trainer.steps_done > 0)
        assert screen.session.running and app.return_code is None
        await pilot.press("q")
        await pilot.pause()
        # q asked the app to exit (run_test's own ending sets no return code).
        assert app.return_code == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(40, 10), (24, 8), (59, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_too_small_terminal_says_so_whole(lang, size):
    """The notice wraps to the terminal: at 40 columns it lost its end."""
    app = app_for("learning-steps", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.resize_terminal(*size)
        await pilot.pause()
        message = app.screen.query_one("#message")
        where = app.screen.find_widget(message).region
        assert where.right <= size[0]
        drawn = "".join(strip.text.strip() for strip in message.render_lines(where.reset_offset))
        said = tr("too_small", lang, w=60, h=16, now=f"{size[0]}x{size[1]}")
        assert drawn.replace(" ", "") == said.replace(" ", ""), drawn
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)


SIZES = [(20, 6), (40, 12), (59, 15), (60, 16), (80, 24), (100, 30), (120, 40), (160, 50),
         (250, 80)]


@pytest.mark.parametrize("lesson_id", ["learning-steps", "frozen-weight", "multi-io", None])
async def test_size_sweep_never_raises(lesson_id):
    app = app_for(lesson_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space")
        for w, h in SIZES:
            await pilot.resize_terminal(w, h)
            await pilot.pause()
            await pilot.press("space")


async def test_ascii_mode_draws_ascii_only():
    app = app_for("learning-steps", ascii_only=True)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("space", "space")
        for name in ("StatusBar", "LessonNote", "ChainView", "PromptLine", "ErrorPlot",
                     "WeightPlots", "KeyBar"):
            from gdtui.viz.ascii import AsciiOnly  # noqa: F401  (what render() wraps with)

            widget = app.screen.query_one(name)
            text = shown(widget)
            assert text.isascii(), (name, text)


# -- the lesson screen v2: one 80x24 screen, numbers that agree, Chinese -----------


@pytest.mark.parametrize("lesson_id", LESSONS)
async def test_at_80x24_the_chain_the_u_curve_and_the_footer_are_on_the_first_screen(lesson_id):
    app = app_for(lesson_id)
    async with app.run_test(size=(80, 24)) as pilot:
        for presses in ([], ["space"] * 3):
            await pilot.press(*presses)
            await pilot.pause()
            screen = app.screen
            chain = screen.query_one("ChainView")
            plots = screen.query_one("WeightPlots")
            assert chain.region.height == chain.rows(chain.part) > 0  # every line shown
            assert chain.region.bottom <= 24 and plots.region.bottom <= 23
            assert plots.region.height >= 8, plots.region  # the U: at least 8 rows
            assert screen.query_one("ErrorPlot").region.height >= 8
            text = shown(plots)
            assert "0┤" in text and any(g in text for g in "●▲▼◀▶")  # the U and its point
            keys = shown(screen.query_one("KeyBar"))
            for key in ("Space step", "b back", "r run", "e edit", "? keys", "q quit"):
                assert key in keys, keys
            # Nothing needs scrolling: the body fits the screen.
            body = screen.query_one("#body")
            assert body.region.bottom <= 23
            assert sum(w.region.height for w in body.children if w.display) <= body.region.height


def caption_pairs(before, after, digits):
    return [f"{fmt(before, d)}→{fmt(after, d)}" for d in digits]


async def check_agreement(app, pilot, where):
    """The chain, the U caption and the history say the same of the step on screen."""
    screen = app.screen
    step = screen.session.trainer.last
    row, col = screen.selected
    chain = shown(screen.query_one("ChainView")).replace("−", "-")
    plots = shown(screen.query_one("WeightPlots")).replace("−", "-")
    await pilot.press("h")
    history = shown(screen.query_one(History)).replace("−", "-")
    await pilot.press("h")
    # The history's newest row is this step, in the history's own numbers.
    last_row = history.rstrip().splitlines()[-1].split()
    assert last_row == [str(step.number), *row_values(step, row, col)], (where, last_row)
    # The chain: the error the step was taken at, and the weight it lands on.
    assert shows(chain, step.error[row]), (where, chain)
    if screen.lesson.settings.rule.moves:
        assert shows(chain, step.weights_after[row, col]), (where, chain)
    # The U caption: before → after of the same step, the same numbers.
    w0, w1 = step.weights[row, col], step.weights_after[row, col]
    assert any(p in plots for p in caption_pairs(w0, w1, (3, 4))) or \
        not screen.lesson.settings.rule.moves, (where, plots)
    e0 = step.error[row]
    assert any(fmt(e0, d) + "→" in plots for d in (2, 3)) or \
        not screen.lesson.settings.rule.moves, (where, plots)


@pytest.mark.parametrize("lesson_id", LESSONS)
async def test_chain_u_caption_and_history_agree_at_every_step(lesson_id):
    app = app_for(lesson_id)
    async with app.run_test(size=(120, 40)) as pilot:
        for n in range(1, 6):
            await pilot.press("space")
            await check_agreement(app, pilot, f"{lesson_id} step {n}")


async def test_they_agree_through_the_explosion_to_its_overflow():
    app = app_for("explosion")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        for n in range(1, 8):
            await pilot.press("space")
            await check_agreement(app, pilot, f"step {n}")
        screen.session.run(324 - screen.session.trainer.steps_done)
        screen.session.caught_up()
        while screen.session.trainer.diverged_at is None:
            await pilot.press("space")
            await check_agreement(app, pilot, f"step {screen.session.trainer.steps_done}")
        assert screen.session.trainer.diverged_at == 326
        text = screen_text(screen)
        assert "overflow at step 326" in text and "inf" in text


ALLOWED = {  # the book's names, key names, and what a lesson file names itself
    "pred", "delta", "error", "weight_delta", "weight", "weights", "input", "goal", "alpha",
    "step_amount", "up_error", "down_error", "d", "w", "e", "inf", "nan", "Space", "MNIST",
    "U",  # the book's own "U 形曲线"
    "N", "P",  # the keys for the next and previous lesson
}


@pytest.mark.parametrize("lesson_id", LESSONS)
async def test_chinese_mode_says_nothing_in_english_but_the_books_names(lesson_id):
    import re

    lesson = CATALOG.lessons[lesson_id]
    ids = {word for other in CATALOG.lessons for word in other.split("-")}  # lesson ids
    allowed = ALLOWED | ids | {
        word for label in (*lesson.input_labels, *lesson.output_labels)
        for word in re.findall(r"[A-Za-z_]+", label)
    }
    app = app_for(lesson_id, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        for presses in ([], ["space"] * 3, ["right", "f", "space"], ["h"],
                        ["h", "right_square_bracket", "n"]):
            await pilot.press(*presses)
            await pilot.pause()
            text = screen_text(app.screen)
            words = {w for w in re.findall(r"[A-Za-z_]+", text) if len(w) > 1 or w.isupper()}
            english = {
                w for w in words if w not in allowed and not re.fullmatch(r"e\d*", w)
                # a name cut by an ellipsis at the edge of a column
                and not (f"{w}…" in text and any(a.startswith(w) for a in allowed))
            }
            assert not english, (presses, english, text)


async def test_a_lesson_of_several_samples_says_which_one_is_current():
    from gdtui.lessons.loader import Catalog
    from gdtui.lessons.lesson import Lesson, build
    from gdtui.ui.app import make_app

    lesson = build(Lesson(
        id="samples", title="four games", notes={"en": "n", "zh": "n"}, weights=[0.1, 0.2, -0.1],
        inputs=[[8.5, 0.65, 1.2], [9.5, 0.8, 1.3], [9.9, 0.8, 0.5], [9.0, 0.9, 1.0]],
        goals=[1, 1, 0, 1], alpha=0.01, input_labels=["toes", "%win", "#fans"],
    ))
    app = make_app(Catalog({"samples": lesson}), "samples", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "sample 1 of 4" in shown(app.screen.query_one("StatusBar"))
        await pilot.press("space")
        # The chain shows the step just taken (sample 1); the status line the next one.
        assert "sample 1 of 4" in shown(app.screen.query_one("ChainView"))
        assert "sample 2 of 4" in shown(app.screen.query_one("StatusBar"))
        await pilot.press("space", "space")
        assert "sample 3 of 4" in shown(app.screen.query_one("ChainView"))


async def test_alpha_keys_the_ghost_and_reset_to_the_lessons_own_values():
    app = app_for("alpha-fix")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("space", "space", "space")
        await pilot.press("right_square_bracket", "right_square_bracket")  # 0.1 -> 0.2 -> 0.5
        assert screen.session.trainer.settings.alpha == 0.5
        assert screen.session.ghost is not None and screen.session.ghost_alpha == 0.1  # the run at 0.1
        assert "alpha 0.5" in shown(screen.query_one("StatusBar"))
        assert "error, faint: alpha 0.1" in shown(screen.query_one("ErrorPlot"))
        await pilot.press("B")  # step 0, the new alpha and the ghost kept
        assert screen.session.trainer.steps_done == 0 and screen.session.trainer.settings.alpha == 0.5
        assert screen.session.ghost is not None
        await pilot.press("space")
        assert screen.session.trainer.last.alpha == 0.5
        await pilot.press("e")
        form = app.screen
        form.query_one("#alpha").value = "0.05"
        await pilot.pause()
        form.query_one("#alpha").focus()
        await pilot.press("enter")
        assert screen.session.trainer.settings.alpha == 0.05
        await pilot.press("0")  # the lesson's own values, edits and ghost gone
        assert screen.session.trainer.settings.alpha == 0.1 and screen.session.trainer.steps_done == 0
        assert screen.session.ghost is None
        assert "reset to the lesson's own values: alpha 0.1" in shown(screen.query_one("StatusBar"))
        for _ in range(20):
            await pilot.press("left_square_bracket")
        assert screen.session.trainer.settings.alpha == 0.0001
        assert "end of the range" in shown(screen.query_one("StatusBar"))


async def test_messages_go_to_the_status_line_not_toasts():
    app = app_for("multi-input")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "plus", "minus", "right", "f", "f")
        await pilot.pause()
        assert not notices(app)  # nothing stacked over the plots
        status = shown(app.screen.query_one("StatusBar"))
        assert "b: %win unfrozen from next step" in status
        await pilot.press("plus")
        assert "run speed 100 steps/s" in shown(app.screen.query_one("StatusBar"))
        for _ in range(6):
            await pilot.press("minus")
        assert "run speed 1 step/s" in shown(app.screen.query_one("StatusBar"))


async def test_next_and_previous_lesson():
    # A catalog of its own: opening mnist would cache its data in the shared one.
    from gdtui.lessons.loader import Catalog
    from gdtui.ui.app import make_app

    ids = ["measure-error", "multi-output", "multi-io"]
    app = make_app(Catalog({i: CATALOG.lessons[i] for i in ids}), "multi-io", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("P")
        assert app.screen.lesson.id == "multi-output"
        await pilot.press("N")
        assert app.screen.lesson.id == "multi-io"
        await pilot.press("space", "N")
        assert app.screen.lesson.id == "multi-io"
        assert "this is the last lesson" in shown(app.screen.query_one("StatusBar"))
        assert "Last lesson done" in screen_text(app.screen)
        await pilot.press("escape")
        assert isinstance(app.screen, LessonListScreen)
    app = app_for("measure-error")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("P")
        assert app.screen.lesson.id == "measure-error"
        assert "this is the first lesson" in shown(app.screen.query_one("StatusBar"))
        await pilot.press("space")
        assert "Lesson done: N opens the next, hot-cold" in screen_text(app.screen)


async def test_chinese_mode_edit_form_and_too_small_notice():
    app = app_for("learning-steps", lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        hint = str(app.screen.query_one(".hint").render())
        assert "Enter 应用" in hint and "Edit" not in hint, hint
        # What is wrong with a field, in Chinese too (a family: each kind of slip).
        form = app.screen
        for typed, said in (("fast", "不是数字:'fast'"), ("0", "必须是有限的正数"),
                            ("1 2", "需要 1 个数,收到 2 个")):
            field = "#inputs" if typed == "1 2" else "#alpha"
            form.query_one(field).value = typed
            await pilot.pause()
            error = str(form.query_one(f"{field}-error").render())
            assert error == said, error
            form.query_one(field).value = "1"
        await pilot.press("escape")
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        text = str(app.screen.query_one("#message").render())
        assert "请把终端放大" in text and "Enlarge" not in text, text
