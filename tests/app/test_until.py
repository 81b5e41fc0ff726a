"""The app tier's wait (app_support.until) fails at once when the app has
stopped: a crash in a render once made tests pause 4,000 times each (80 s
apiece, a whole run stalled for twenty minutes) before failing."""

import pytest

from app_support import app_for, until
from gdtui.ui.widgets.key_bar import KeyBar


class Boom(Exception):
    pass


async def test_until_stops_waiting_when_the_app_has_crashed(monkeypatch):
    def boom(self, view):
        raise Boom("a render that fails")

    monkeypatch.setattr(KeyBar, "draw", boom)
    app = app_for("multi-output")
    with pytest.raises(Boom):
        async with app.run_test(size=(80, 24)) as pilot:
            # (the old wait said "the app never got there", 4,000 pauses later)
            with pytest.raises(AssertionError, match="the app stopped"):
                await until(pilot, lambda: False, pauses=4000)
