"""The MNIST screen at 80x24 and 160x50: keys, numbers, maps."""

import numpy as np
import pytest

from app_support import app_for, notices, shown, until
from cli_support import SHARED_MNIST
from gdtui.lessons.loader import load_catalog
from gdtui.ui.screens.help import HelpScreen, keys_of
from gdtui.ui.screens.lesson_list import LessonListScreen
from gdtui.ui.screens.mnist import MnistScreen


# The app keeps a loaded lesson in its catalog: each test starts with it unloaded.
pytestmark = pytest.mark.usefixtures("fresh_mnist_lesson")


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_mnist_keys_and_numbers(size):
    app = app_for("mnist")
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, MnistScreen)
        # The shipped subset says what it is in words (its id, mnist-shipped, said it
        # again), at the end of the opened note: 80x24 has no row for it.
        await pilot.press("n")
        note = " ".join(shown(screen.query_one("LessonNote")).split())
        for words in ("the 2,000 MNIST test images shipped with gdtui", "CC BY-SA 3.0",
                      "gdtui data fetch mnist"):
            assert words in note, (words, note)
        await pilot.press("n")
        assert "data:" not in shown(screen.query_one("LessonNote"))

        await pilot.press("space", "space", "space")
        assert "step 3 " in shown(screen.query_one("StatusBar"))
        step = screen.session.trainer.last
        panel = shown(screen.query_one("DigitPanel"))
        assert f"image 3: label {step.label}, guess {step.guess}" in panel
        assert f"{step.pred[step.guess]:.3f}" in panel

        before = screen.session.trainer.weights.copy()
        await pilot.press("space", "b")
        assert screen.session.trainer.weights.tobytes() == before.tobytes()

        await pilot.press("right", "right")
        assert screen.selected == (2, 0)
        assert "[digit 2]" in shown(screen.query_one("StatusBar"))
        assert "weights of 2" in shown(screen.query_one("DigitPanel"))

        await pilot.press("E")
        for _ in range(200):
            await pilot.pause(0.05)
            if not screen.session.running:
                break
        assert screen.session.trainer.steps_done == 1003
        accuracy = screen.session.trainer.accuracy
        assert accuracy == 717 / 1003  # the shipped images, all-zero weights: deterministic
        assert f"accuracy {accuracy:.3f}" in shown(screen.query_one("StatusBar"))

        await pilot.press("f")
        row_2 = screen.session.trainer.weights[2].copy()
        await pilot.press("space", "space")
        assert screen.session.trainer.weights[2].tobytes() == row_2.tobytes()
        assert screen.session.trainer.settings.frozen[2].all() and not screen.session.trainer.settings.frozen[3].any()
        for key in ("l", "L", "r", "r", "plus", "minus", "0", "question_mark", "escape"):
            await pilot.press(key)
        assert screen.session.trainer.steps_done == 0
        await pilot.press("escape")
        assert isinstance(app.screen, LessonListScreen)


async def test_mnist_run_mode_and_quit():
    app = app_for("mnist")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(6):
            await pilot.press("plus")
        await pilot.press("r")
        await pilot.pause(0.5)
        assert app.screen.session.trainer.steps_done > 10
        await pilot.press("q")


@pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="no shared MNIST here")
async def test_mnist_screen_on_real_data():
    # A catalog of its own: another test may have read the shipped MNIST into the
    # shared one, and a catalog reads its data once (failed under -n 2 by test order).
    app = app_for("mnist", catalog=load_catalog(use_env=False), mnist_dir=str(SHARED_MNIST))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert "mnist-test" in shown(app.screen.query_one("LessonNote"))
        await pilot.press("space")
        assert app.screen.session.trainer.last.label == 7  # the first test image is a 7


async def test_bad_mnist_dir_is_a_message_not_a_crash(tmp_path):
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(b"not gzip at all")
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(b"nope")
    # A catalog of its own: another test may have read MNIST into the shared one.
    app = app_for("mnist", catalog=load_catalog(use_env=False), mnist_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LessonListScreen))
        assert any("not a gzip file" in n.message for n in notices(app))


async def test_ascii_maps_are_ascii():
    app = app_for("mnist", ascii_only=True)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("space", "space")
        for page in ("body", "maps", "dot"):
            app.screen.query_one("ContentSwitcher").current = page
            await pilot.pause()
        for name in ("DigitPanel", "MapsPanel", "DotPanel", "CurvesPanel"):
            assert shown(app.screen.query_one(name)).isascii(), name


@pytest.mark.parametrize("size, keys", [((80, 24), ()), ((80, 24), ("d",)), ((120, 40), ("m",))],
                         ids=["80x24", "80x24-dot", "120x40-maps"])
def test_mnist_snapshot(snap_compare, size, keys):
    # 40 images, not a whole pass: enough for the maps to take shape, few
    # enough that no BLAS rounding on another CPU could change a shade.
    async def learn(pilot):
        await pilot.press(*["space"] * 40, *keys)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app_for("mnist"), terminal_size=size, run_before=learn)


async def wait_for_pass(pilot, screen):
    await pilot.press("E")
    for _ in range(600):
        await pilot.pause(0.05)
        if not screen.session.running:
            return
    raise AssertionError("the pass did not finish")


async def test_step_back_after_a_pass_is_exact():
    """b after E gives the very weights a fresh run of one step fewer has."""
    app = app_for("mnist")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("space", "space")
        await wait_for_pass(pilot, screen)
        assert screen.session.trainer.steps_done == 1002
        await pilot.press("b", "b")
        fresh = screen.lesson.trainer()
        fresh.run(1000)
        assert screen.session.trainer.steps_done == 1000
        assert screen.session.trainer.weights.tobytes() == fresh.weights.tobytes()
        assert f"after step 1000" in shown(screen.query_one("DigitPanel"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_maps_and_dot_pages(size):
    app = app_for("mnist")
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        await wait_for_pass(pilot, screen)
        await pilot.press("right", "m")
        assert screen.query_one("ContentSwitcher").current == "maps"
        maps = shown(screen.query_one("MapsPanel"))
        assert "after step 1000" in maps and "dark < 0 < bright" in maps
        for digit in range(10):
            assert str(digit) in maps
        await pilot.press("d")
        assert screen.query_one("ContentSwitcher").current == "dot"
        dot = shown(screen.query_one("DotPanel"))
        assert "nothing in common: 0" in dot and "sum = 0" in dot and "sum = 2" in dot
        assert "weights after step 1000" in dot
        # every number belongs to the weights after the step: the sum is digit 1's score now
        last = screen.session.trainer.last
        score = float(screen.session.trainer.weights[1] @ last.input)
        assert f"= {score:.3f}" in dot
        await pilot.press("d")
        assert screen.query_one("ContentSwitcher").current == "body"
        # nothing wider than the screen: no sideways scrolling
        for page in ("#body", "#maps", "#dot"):
            assert screen.query_one(page).virtual_size.width <= size[0]


async def test_help_lists_the_mnist_keys():
    app = app_for("mnist")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen) and app.screen.under == "mnist"
        shown_keys = dict(keys_of(app.screen.under))
        assert "one pass" in shown_keys["E"] and "maps" in shown_keys["m"] and "dot" in shown_keys["d"]
        assert "w" not in shown_keys and "h" not in shown_keys  # (the lesson screen's own)
