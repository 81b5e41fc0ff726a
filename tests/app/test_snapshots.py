"""SVG snapshots of the screens a learner sees first (pytest-textual-snapshot).

Update after an intended change: pytest tests/app/test_snapshots.py --snapshot-update
"""

import pytest

from app_support import app_for

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_lesson_list(snap_compare, size):
    assert snap_compare(app_for(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_learning_steps(snap_compare, size):
    assert snap_compare(app_for("learning-steps"), terminal_size=size, press=["space"] * 3)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_frozen_weight(snap_compare, size):
    assert snap_compare(app_for("frozen-weight"), terminal_size=size, press=["space"] * 3)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_explosion(snap_compare, size):
    assert snap_compare(app_for("explosion"), terminal_size=size, press=["space"] * 6 + ["l"])
