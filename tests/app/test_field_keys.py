"""Keys that arrive in one read reach a field in the order they were typed:
Backspace, Delete, the arrows and Ctrl+U are not overtaken by the characters
after them (fast typing over a laggy SSH link brings `\\x7f\\x7f\\x7f2.7` in
one read). Sent as bytes through gdtui's own input thread and parser
(GdtuiDriver.run_input_thread on a pipe), into the running app."""

import asyncio
import os
import threading

import pytest
from textual.widgets import Input

from app_support import app_for, until
from gdtui.ui.driver.driver import GdtuiDriver


class PipeInput:
    """GdtuiDriver's input loop reading a pipe, posting to `app` as it does
    under a terminal."""

    def __init__(self, app) -> None:
        self.read, self.write = os.pipe()
        self.driver = GdtuiDriver(app, mouse=False)
        self.driver.fileno = self.read
        self.thread = threading.Thread(target=self.driver.run_input_thread)

    async def __aenter__(self):
        self.thread.start()
        while self.driver._wake is None:  # the loop is selecting
            await asyncio.sleep(0.01)
        return self

    def send(self, data: bytes) -> None:
        assert os.write(self.write, data) == len(data)  # one write: one read

    async def __aexit__(self, *exc) -> None:
        self.driver.exit_event.set()
        self.driver._stop_input_thread()
        self.thread.join(30)  # a hang guard, not a timing
        os.close(self.read), os.close(self.write)


def field_value(app, selector):
    return app.screen.query_one(selector, Input).value


# (what, the field's text, the cursor, one read of bytes, the text after)
EDITS = [
    ("three Backspaces, then 2.7", "1.0", 3, b"\x7f\x7f\x7f2.7", "2.7"),
    ("two Backspaces, then 2.7", "1.0", 3, b"\x7f\x7f2.7", "12.7"),
    ("Backspace between characters", "", 0, b"12\x7f3", "13"),
    ("Left, then a character", "1.0", 3, b"\x1b[D5", "1.50"),
    ("Home, Delete, then a character", "1.0", 3, b"\x1b[H\x1b[3~7", "7.0"),
    ("Ctrl+U, then a number", "0.6952", 6, b"\x152.7", "2.7"),
    ("Backspaces, then a long run (a paste)", "1.0", 3, b"\x7f\x7f\x7f" + b"9" * 70, "9" * 70),
]


@pytest.mark.parametrize("what, text, cursor, data, after", EDITS, ids=[e[0] for e in EDITS])
async def test_the_edit_form_takes_one_read_in_order(what, text, cursor, data, after):
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        alpha = app.screen.query_one("#alpha", Input)
        alpha.value, alpha.cursor_position = text, cursor
        await pilot.pause()
        async with PipeInput(app) as terminal:
            terminal.send(data)
            await until(pilot, lambda: field_value(app, "#alpha") == after)


async def test_the_predict_box_takes_one_read_in_order():
    app = app_for("learning-steps")
    async with app.run_test(size=(80, 24)) as pilot:
        session = app.screen.session
        await pilot.press("p", "space")
        async with PipeInput(app) as terminal:
            terminal.send(b"0.5\x7f\x7f\x7f0.88\x7f")
            await until(pilot, lambda: field_value(app, "#guess") == "0.8")
            terminal.send(b"\r")
            await until(pilot, lambda: session.trainer.steps_done == 1)
        assert session.score.last.guess == 0.8
