"""Predict mode on MNIST (issue 20): "which digit will it guess?" and "which
way will this digit's error go?", answered with one key, judged beside the
outputs that decide it, at 80x24 without scrolling, in English and Chinese.

(Once p, Space, ↑ crashed the app with a TypeError, and before that p
said only that MNIST had no predict mode.)
"""

import pytest

from app_support import app_for, shown, until
from gdtui.practice.predict import Answer
from gdtui.text.i18n import TEXT, tr
from gdtui.ui.screens.mnist import MnistScreen
from gdtui.ui.screens.predict import PredictScreen

LANGS = ["en", "zh"]


# The app keeps a loaded lesson in its catalog: each test starts with it unloaded.
pytestmark = pytest.mark.usefixtures("fresh_mnist_lesson")


def flat(text: str) -> str:
    return " ".join(text.split())


def middle_column(screen) -> str:
    """The words beside the pictures, in order: the panel's rows with the
    image's and the map's half blocks and every space taken out."""
    rows = shown(screen.query_one("DigitPanel")).split("\n")[1:-1]  # not the caption or legend
    return "".join(rows).translate({ord(c): None for c in "▀▄█ "})


async def ask(pilot, screen: MnistScreen) -> PredictScreen:
    await pilot.press("space")
    await until(pilot, lambda: isinstance(pilot.app.screen, PredictScreen))
    return pilot.app.screen


async def answered(pilot, screen: MnistScreen, *keys: str) -> Answer:
    asked = len(screen.session.score.answers)
    await pilot.press(*keys)
    await until(pilot, lambda: pilot.app.screen is screen and len(screen.session.score.answers) > asked)
    return screen.session.score.last


@pytest.mark.parametrize("lang", LANGS)
async def test_which_digit_will_it_guess(lang):
    app = app_for("mnist", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("space", "space", "p")
        assert screen.session.predicting
        box = await ask(pilot, screen)
        question = flat(shown(box.query_one("#question")))
        assert question == flat(tr("mn_ask_guess", lang, n=3)), question
        assert not box.query_one("#guess").display  # a key answers, no field to type in
        coming = screen.session.trainer.coming()
        given = await answered(pilot, screen, str(coming.guess))
        assert (given.quantity, given.verdict, given.step) == ("guess", "right", 3)
        assert screen.session.trainer.steps_done == 3
        caption = flat(shown(screen.query_one("DigitPanel")).split("\n")[0])
        assert flat(tr("mn_you_guess", lang, guess=coming.guess)) + " ✓" in caption, caption
        status = flat(shown(screen.query_one("StatusBar")))
        assert f"{tr('q_guess', lang)} " in status and "1/1" in status, status


@pytest.mark.parametrize("lang", LANGS)
async def test_the_label_is_the_usual_slip(lang):
    app = app_for("mnist", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("p")
        for _ in range(40):  # the first image the untrained network guesses wrong
            coming = screen.session.trainer.coming()
            if coming.guess != coming.label:
                break
            await pilot.press("space")
            await ask(pilot, screen)
            await answered(pilot, screen, "escape")  # skipped: no answer counted
        else:
            pytest.fail("every image guessed right")
        await ask(pilot, screen)
        given = await answered(pilot, screen, str(coming.label))
        assert (given.verdict, given.slip) == ("wrong", "label")
        assert tr("slip_label", lang).replace(" ", "") in middle_column(screen)


async def test_which_way_the_digits_error_goes():
    """Tab to the second question: with every weight 0, only the label's
    output misses its goal (the others stay); down for a small step, = for a
    frozen digit."""
    app = app_for("mnist")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        label = screen.session.trainer.coming().label  # the first image: a 7
        await pilot.press("right", "p")  # digit 1: pred 0 = its goal
        box = await ask(pilot, screen)
        await pilot.press("tab")
        assert box.quantity == "error_change"
        assert flat(shown(box.query_one("#question"))) == flat(tr("mn_ask_error", "en", n=1, d=1))
        given = await answered(pilot, screen, "down")
        assert (given.truth, given.slip) == (0.0, "at_goal")
        await pilot.press("b", *["right"] * (label - 1))
        assert screen.selected == (label, 0)
        await ask(pilot, screen)
        given = await answered(pilot, screen, "down")
        assert (given.quantity, given.verdict) == ("error_change", "right")
        assert f"{label}'s error ↓, you said ↓ ✓" in shown(screen.query_one("DigitPanel"))
        # frozen: the error stays exactly; ↓ is the frozen slip
        await pilot.press("f")
        await ask(pilot, screen)
        given = await answered(pilot, screen, "down")
        assert (given.truth, given.verdict, given.slip) == (0.0, "wrong", "digit_frozen")
        await ask(pilot, screen)
        given = await answered(pilot, screen, "equals_sign")
        assert given.verdict == "right"
        # the next question starts where the last one was
        await ask(pilot, screen)
        assert app.screen.quantity == "error_change"
        await pilot.press("escape")  # skipped: the step is taken, nothing to reveal
        await until(pilot, lambda: app.screen is screen and screen.session.trainer.steps_done == 4)
        caption = lambda: shown(screen.query_one("DigitPanel")).split("\n")[0]  # noqa: E731
        assert " · " not in caption()
        await pilot.press("b")  # back at step 3: its answer again
        await pilot.pause()
        assert caption().endswith(f"{label}'s error stays, you said stays ✓"), caption()
        await pilot.press("p")  # predict mode off: no reveal
        await pilot.pause()
        assert " · " not in caption()


async def test_other_keys_do_not_answer():
    app = app_for("mnist")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("p")
        box = await ask(pilot, screen)
        for key in ("a", "up", "period", "minus", "enter", "space", "q", "f1"):
            await pilot.press(key)
        assert app.screen is box and not screen.session.score.answers
        assert screen.session.trainer.steps_done == 0


# Every slip the MNIST questions can name, and predict mode's own words: each
# on the rows under the outputs, whole, with nothing scrolled, at 80x24.
SLIPS = ["label", "error_up", "error_stays", "overshoot", "digit_frozen", "at_goal", None]


@pytest.mark.parametrize("slip", SLIPS)
@pytest.mark.parametrize("lang", LANGS)
async def test_every_reveal_fits_80x24(slip, lang):
    app = app_for("mnist", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("space", "space")
        quantity = "guess" if slip == "label" else "error_change"
        screen.session.show_answer(Answer(2, quantity, 1.0, -1.0, "wrong", slip))
        await pilot.pause()
        body = screen.query_one("#body")
        assert body.max_scroll_y == 0, body.virtual_size
        panel = screen.query_one("DigitPanel")
        assert panel.size.height == 16  # caption, 14 rows of pictures, legend: as without predict mode
        words = tr("slip_" + slip, lang) if slip else ""
        assert words.replace(" ", "") in middle_column(screen)
        assert "…" not in shown(panel)


@pytest.mark.parametrize("lang", LANGS)
async def test_the_question_box_leaves_the_pictures_in_view(lang):
    app = app_for("mnist", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("p")
        box = await ask(pilot, screen)
        # the box covers the curves and the key bar, never the outputs it asks about
        assert box.query_one("Vertical").region.y >= screen.query_one("DigitPanel").region.bottom


def test_every_mnist_predict_text_is_in_both_languages():
    for key in ("mn_ask_guess", "mn_ask_error", "mn_predict_ready", "mn_you_guess", "mn_you_error",
                "ask_digit_keys", "ask_digit_keys_one", "k_predict"):
        assert set(TEXT[key]) == {"en", "zh"}, key
