"""SVG snapshots of the screens a learner sees (pytest-textual-snapshot's SVG
format): every chapter lesson at 80x24 at step 0 and step 3, then at 120x40,
from one app per lesson (a 2-core CI runs eleven apps, not thirty-three).

Update after an intended change, and look at the new SVGs first:
    pytest tests/app/test_snapshots.py --snapshot-update
"""

import pytest
from pytest_textual_snapshot import SVGImageExtension

from app_support import CATALOG, app_for

SIZES = [(80, 24), (120, 40)]
LESSONS = [i for i in CATALOG.lessons if i != "mnist"]  # mnist: see test_mnist.py


async def screenshot(pilot) -> str:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    return pilot.app.export_screenshot()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_lesson_list(snap_compare, size):
    assert snap_compare(app_for(), terminal_size=size)


@pytest.mark.parametrize("lesson_id", LESSONS)
async def test_lesson(snapshot, lesson_id):
    snapshot = snapshot.use_extension(SVGImageExtension)
    app = app_for(lesson_id)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await screenshot(pilot) == snapshot(name="80x24-step0")
        await pilot.press("space", "space", "space")
        assert await screenshot(pilot) == snapshot(name="80x24-step3")
        await pilot.resize_terminal(120, 40)
        assert await screenshot(pilot) == snapshot(name="120x40-step3")


async def test_explosion_on_a_log_scale(snapshot):
    snapshot = snapshot.use_extension(SVGImageExtension)
    app = app_for("explosion")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["space"] * 6, "l")
        assert await screenshot(pilot) == snapshot(name="80x24-step6-log")


async def test_explosion_ghost_after_an_overflow(snapshot):
    """Overflow (326 steps at alpha 1), [ [ [ (alpha 0.1), B, 8 steps: the
    run that overflowed faint on a log scale, this one along the bottom."""
    snapshot = snapshot.use_extension(SVGImageExtension)
    app = app_for("explosion")
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.session.trainer.run(325)
        await pilot.press("space", "left_square_bracket", "left_square_bracket",
                          "left_square_bracket", "B", *["space"] * 8)
        app.clear_notifications()
        assert await screenshot(pilot) == snapshot(name="80x24-ghost-log")
