"""The MNIST screen at 80x24 and 160x50: keys, numbers, maps."""

import numpy as np
import pytest

from app_support import CATALOG, app_for, shown
from cli_support import SHARED_MNIST
from gdtui.ui.screens.lesson_list import LessonListScreen
from gdtui.ui.screens.mnist import MnistScreen


@pytest.fixture(autouse=True)
def fresh_mnist_lesson():
    """The app keeps a loaded lesson in its catalog: start each test unloaded."""
    lesson = CATALOG.lessons["mnist"]
    yield
    CATALOG.lessons["mnist"] = lesson


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_mnist_keys_and_numbers(size):
    app = app_for("mnist")
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, MnistScreen)
        assert "synthetic" in str(screen.query_one("#source").render())
        assert "gdtui data fetch mnist" in str(screen.query_one("#source").render())

        await pilot.press("space", "space", "space")
        assert "step 3 " in shown(screen.query_one("StatusBar"))
        step = screen.trainer.last
        panel = shown(screen.query_one("DigitPanel"))
        assert f"image 3: label {step.label}, guess {step.guess}" in panel
        assert f"{step.pred[step.guess]:.3f}" in panel

        before = screen.trainer.weights.copy()
        await pilot.press("space", "b")
        assert screen.trainer.weights.tobytes() == before.tobytes()

        await pilot.press("right", "right")
        assert screen.selected == (2, 0)
        assert "[digit 2]" in shown(screen.query_one("StatusBar"))
        assert "weights of 2" in shown(screen.query_one("FocusPanel"))

        await pilot.press("E")
        for _ in range(200):
            await pilot.pause(0.05)
            if not screen.running:
                break
        assert screen.trainer.steps_done == 1003
        accuracy = screen.trainer.accuracy
        assert accuracy > 0.3
        assert f"accuracy {accuracy:.3f}" in shown(screen.query_one("StatusBar"))

        await pilot.press("f")
        row_2 = screen.trainer.weights[2].copy()
        await pilot.press("space", "space")
        assert screen.trainer.weights[2].tobytes() == row_2.tobytes()
        assert screen.trainer.settings.frozen[2].all() and not screen.trainer.settings.frozen[3].any()
        for key in ("l", "L", "r", "r", "plus", "minus", "0", "question_mark", "escape"):
            await pilot.press(key)
        assert screen.trainer.steps_done == 0
        await pilot.press("escape")
        assert isinstance(app.screen, LessonListScreen)


async def test_mnist_run_mode_and_quit():
    app = app_for("mnist")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(6):
            await pilot.press("plus")
        await pilot.press("r")
        await pilot.pause(0.5)
        assert app.screen.trainer.steps_done > 10
        await pilot.press("q")


@pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="no shared MNIST here")
async def test_mnist_screen_on_real_data():
    app = app_for("mnist", mnist_dir=str(SHARED_MNIST))
    async with app.run_test(size=(80, 24)) as pilot:
        source = str(app.screen.query_one("#source").render())
        assert "mnist-test" in source
        await pilot.press("space")
        assert app.screen.trainer.last.label == 7  # the first test image is a 7


async def test_bad_mnist_dir_is_a_message_not_a_crash(tmp_path):
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(b"not gzip at all")
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(b"nope")
    app = app_for("mnist", mnist_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        assert any("not a gzip file" in n.message for n in app._notifications)


async def test_ascii_maps_are_ascii():
    app = app_for("mnist", ascii_only=True)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("space", "space")
        for name in ("DigitPanel", "MapsPanel", "FocusPanel"):
            assert shown(app.screen.query_one(name)).isascii()


def test_weight_maps_snapshot(snap_compare):
    # 40 images, not a whole pass: enough for the maps to take shape, few
    # enough that no BLAS rounding on another CPU could change a shade.
    async def learn(pilot):
        await pilot.press(*["space"] * 40)
        pilot.app.clear_notifications()
        await pilot.pause()
        pilot.app.screen.query_one("#body").scroll_to(y=16, animate=False)
        await pilot.pause()

    assert snap_compare(app_for("mnist"), terminal_size=(100, 40), run_before=learn)
