"""The app tier's press (conftest.press_when_handled) sends the same key
events as Textual's own Pilot.press, built from public names only."""

import pytest
from textual import events
from textual.app import App

from press_support import TEXTUAL_PRESS, key_event


class Recording(App):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, str | None]] = []

    async def on_event(self, event) -> None:
        if isinstance(event, events.Key):
            self.sent.append((event.key, event.character))
        await super().on_event(event)


KEYS = ["a", "Z", "7", "?", "+", "-", "=", ".", " ", "\t", "中", "é", "space", "question_mark",
        "plus", "minus", "equals_sign", "full_stop", "escape", "enter", "tab", "backspace", "left",
        "pageup", "ctrl+p", "shift+tab", "f1"]


@pytest.mark.parametrize("key", KEYS)
async def test_key_events_are_the_ones_pilot_sends(key):
    app = Recording()
    async with app.run_test() as pilot:
        await TEXTUAL_PRESS(pilot, key)
        textual_sent = list(app.sent)
        app.sent.clear()
        app.post_message(key_event(key))
        await pilot.pause(0)
    assert textual_sent and set(textual_sent) == {(key_event(key).key, key_event(key).character)}
    assert app.sent == textual_sent  # the same event, handled the same way
