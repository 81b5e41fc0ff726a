"""SVG snapshots of issue 20's new teaching states at 80x24, in English and
Chinese: the slider moved (the coming step at a slid weight), the chain
faded (a quantity predicted right three times in a row shown as `?`), a
slip explained (the "which part went wrong?" line, then the choice), and
MNIST's predict questions (asked, a slip, the error's way).

Update after an intended change, and look at the new SVGs first:
    pytest tests/app/test_teaching_snapshots.py --snapshot-update
"""

import pytest
from pytest_textual_snapshot import SVGImageExtension

from app_support import app_for

LANGS = ["en", "zh"]


async def screenshot(pilot) -> str:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    return pilot.app.export_screenshot()


@pytest.mark.parametrize("lang", LANGS)
async def test_slider_moved(snapshot, lang):
    """learning-steps: a step, then . . . and <: the coming step at 0.88 + 0.15 − 0.5."""
    snapshot = snapshot.use_extension(SVGImageExtension)
    app = app_for("learning-steps", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "full_stop", "full_stop", "full_stop")
        assert await screenshot(pilot) == snapshot(name=f"80x24-{lang}-slid")


@pytest.mark.parametrize("lang", LANGS)
async def test_slider_on_a_selected_weight_of_multi_io(snapshot, lang):
    snapshot = snapshot.use_extension(SVGImageExtension)
    app = app_for("multi-io", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "right", "right", "right", "right", "greater_than_sign")
        assert await screenshot(pilot) == snapshot(name=f"80x24-{lang}-slid")


async def predicted_wrong(pilot, text):
    """Predict mode on, Space, `text` for the new weight, Enter: the reveal."""
    from gdtui.ui.screens.lesson import LessonScreen

    await pilot.press("p", "space")
    await pilot.pause()
    await pilot.press(*text, "enter")
    for _ in range(50):
        if isinstance(pilot.app.screen, LessonScreen):
            break
        await pilot.pause()


@pytest.mark.parametrize("lang", LANGS)
async def test_slip_asked(snapshot, lang):
    """learning-steps, the new weight predicted 0.5 (true 0.88): which part went wrong?"""
    snapshot = snapshot.use_extension(SVGImageExtension)
    app = app_for("learning-steps", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await predicted_wrong(pilot, "0.5")
        assert await screenshot(pilot) == snapshot(name=f"80x24-{lang}-asked")


@pytest.mark.parametrize("lang", LANGS)
async def test_slip_explained(snapshot, lang):
    """... and 2 (forgot alpha) said."""
    snapshot = snapshot.use_extension(SVGImageExtension)
    app = app_for("learning-steps", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await predicted_wrong(pilot, "0.5")
        await pilot.press("2")
        assert await screenshot(pilot) == snapshot(name=f"80x24-{lang}-explained")


@pytest.mark.parametrize("lang", LANGS)
async def test_chain_faded(snapshot, lang):
    """learning-steps: the new weight predicted right three times, Space: the
    question open over a chain whose new weight is ?."""
    from gdtui.ui.screens.predict import PredictScreen

    snapshot = snapshot.use_extension(SVGImageExtension)
    app = app_for("learning-steps", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        for value in ("0.88", "0.6952", "0.734008"):
            await pilot.press("space")
            await pilot.pause()
            await pilot.press(*value, "enter")
            await pilot.pause()
        await pilot.press("space")
        for _ in range(50):
            if isinstance(app.screen, PredictScreen):
                break
            await pilot.pause()
        assert app.screen_stack[-2].session.hidden == {"weight"}
        assert await screenshot(pilot) == snapshot(name=f"80x24-{lang}-faded")


async def mnist_predicted(pilot, *keys):
    """MNIST: two steps, predict mode on, Space, then `keys` answer."""
    from gdtui.ui.screens.mnist import MnistScreen

    await pilot.press("space", "space", "p", "space")
    await pilot.pause()
    await pilot.press(*keys)
    for _ in range(50):
        if isinstance(pilot.app.screen, MnistScreen):
            break
        await pilot.pause()


@pytest.mark.parametrize("lang", LANGS)
async def test_mnist_predict_asked(snapshot, lang):
    """MNIST, step 3 asked: which digit will it guess? (the outputs stay in view)."""
    snapshot = snapshot.use_extension(SVGImageExtension)
    app = app_for("mnist", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space", "p", "space")
        assert await screenshot(pilot) == snapshot(name=f"80x24-{lang}-mnist-asked")


@pytest.mark.parametrize("lang", LANGS)
async def test_mnist_predict_slip(snapshot, lang):
    """... its label (1) said where it guesses 2: the label slip beside the outputs."""
    snapshot = snapshot.use_extension(SVGImageExtension)
    app = app_for("mnist", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await mnist_predicted(pilot, "1")
        assert app.screen.session.score.last.slip == "label"
        assert await screenshot(pilot) == snapshot(name=f"80x24-{lang}-mnist-slip")


@pytest.mark.parametrize("lang", LANGS)
async def test_mnist_predict_error_way(snapshot, lang):
    """... Tab: digit 1's error on the image (a 1): down, said down."""
    snapshot = snapshot.use_extension(SVGImageExtension)
    app = app_for("mnist", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        await mnist_predicted(pilot, "tab", "down")
        assert app.screen.session.score.last.verdict == "right"
        assert await screenshot(pilot) == snapshot(name=f"80x24-{lang}-mnist-error")
