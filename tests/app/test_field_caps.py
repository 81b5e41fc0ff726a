"""Every field holds at most FIELD_LIMIT characters, however the text arrives:
typed key by key, a run of keys in one read (a terminal or raw SSH client
without bracketed paste), a bracketed paste, pastes one after another. 1 MB
typed into an edit-form field without bracketed paste froze the app for
minutes (issue 18): it must land capped, and the app must still answer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from textual import events

from app_support import app_for, notices
from gdtui.ui.screens.lesson import LessonScreen
from gdtui.ui.screens.predict import PredictScreen
from gdtui.ui.classroom.app import ClassApp
from gdtui.ui.classroom.modals import MAX_MESSAGE, MessageScreen
from gdtui.ui.driver.driver import decoder
from gdtui.ui.driver.parser import SafeXTermParser
from gdtui.ui.paste import typed_runs_as_pastes
from gdtui.ui.widgets.field import FIELD_LIMIT, Field

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from pty_driver import PtyApp, app_env, gdtui_app, step_shown  # noqa: E402

MB = 1_000_000
READ = 4096  # what the driver reads at a time (GuardedLinuxDriver.run_input_thread)

# field: (lesson, keys that open it, its id)
FIELDS = {
    "alpha": ("learning-steps", ["e"], "alpha"),
    "weights": ("multi-io", ["e"], "weights"),
    "inputs": ("multi-io", ["e"], "inputs"),
    "guess": ("learning-steps", ["p", "space"], "guess"),
}


def as_keys(text: str):
    """One key a read: someone typing (or a slow link)."""
    return [events.Key(c, c) for c in text]


def as_reads(text: str, size: int = READ):
    """Bytes as the driver turns each read into messages: a run of plain keys
    in one read is a Paste."""
    parser, decode = SafeXTermParser(), decoder()
    data = text.encode()
    for start in range(0, len(data), size):
        yield from typed_runs_as_pastes(parser.feed(decode(data[start:start + size], False)))


def as_paste(text: str):
    return [events.Paste(text)]


def as_pastes(text: str, size: int = 1500):
    return [events.Paste(text[k:k + size]) for k in range(0, len(text), size)]


DIGITS = "1234567890" * (MB // 10)
# name: (field, how it arrives, what is sent, what the field holds after)
CASES = {
    "alpha, typed past the limit": ("alpha", as_keys, "7" * (FIELD_LIMIT + 100), "7" * FIELD_LIMIT),
    "alpha, typed to the limit": ("alpha", as_keys, "7" * FIELD_LIMIT, "7" * FIELD_LIMIT),
    "alpha, a run in one read": ("alpha", as_reads, "8" * (READ - 1), "8" * FIELD_LIMIT),
    "alpha, 1 MB without bracketed paste": ("alpha", as_reads, DIGITS, DIGITS[:FIELD_LIMIT]),
    "alpha, 1 MB in small reads": ("alpha", lambda t: as_reads(t, 512), DIGITS[:100_000],
                                   DIGITS[:FIELD_LIMIT]),
    "alpha, 1 MB pasted": ("alpha", as_paste, DIGITS, DIGITS[:FIELD_LIMIT]),
    "alpha, pastes in a row": ("alpha", as_pastes, DIGITS[:6000], DIGITS[:FIELD_LIMIT]),
    "weights, typed": ("weights", as_keys, "0.1 " * 600, ("0.1 " * 600)[:FIELD_LIMIT]),
    "weights, 1 MB without bracketed paste": ("weights", as_reads, DIGITS, DIGITS[:FIELD_LIMIT]),
    "weights, 1 MB pasted": ("weights", as_paste, DIGITS, DIGITS[:FIELD_LIMIT]),
    "inputs, pastes in a row": ("inputs", as_pastes, "1, " * 3000, ("1, " * 3000)[:FIELD_LIMIT]),
    "inputs, 1 MB without bracketed paste": ("inputs", as_reads, DIGITS, DIGITS[:FIELD_LIMIT]),
    "guess, typed past the limit": ("guess", as_keys, "9" * (FIELD_LIMIT + 50), "9" * FIELD_LIMIT),
    "guess, 1 MB without bracketed paste": ("guess", as_reads, DIGITS, DIGITS[:FIELD_LIMIT]),
    "guess, 1 MB pasted": ("guess", as_paste, DIGITS, DIGITS[:FIELD_LIMIT]),
    "guess, pastes in a row": ("guess", as_pastes, DIGITS[:4500], DIGITS[:FIELD_LIMIT]),
}


def said(app) -> list[str]:
    return [n.message for n in notices(app)]


async def until(pilot, condition, what: str):
    for _ in range(500):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"the app never got there: {what}")


async def opened(pilot, field_name: str):
    lesson, keys, field_id = FIELDS[field_name]
    await pilot.press(*keys)
    await until(pilot, lambda: pilot.app.screen.query(f"#{field_id}"), f"#{field_id} shown")
    field = pilot.app.screen.query_one(f"#{field_id}")
    field.focus()
    await until(pilot, lambda: field.has_focus, f"#{field_id} focused")
    field.value = ""
    return field


@pytest.mark.parametrize("field_name, how, sent, held", CASES.values(), ids=CASES.keys())
async def test_a_field_holds_at_most_the_limit(field_name, how, sent, held):
    app = app_for(FIELDS[field_name][0])
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        field = await opened(pilot, field_name)
        messages = list(how(sent))
        for message in messages:
            app.post_message(message)
        await pilot.pause()
        await until(pilot, lambda: len(field.value) == len(held), f"{len(held):,} characters")
        assert field.value == held
        # A cut is said in one line a burst, whether the app cut a long paste
        # or the field was full, and only when something was left out.
        full = [m for m in said(app) if f"at most {FIELD_LIMIT:,} characters" in m]
        assert len(full) == (len(sent) > FIELD_LIMIT) and len(said(app)) == len(full), said(app)
        # Still answering: Escape closes the box or the form, Space steps.
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen), "back to the lesson")
        steps = len(app.screen.session.trainer.history)
        await pilot.press("space")
        await until(pilot, lambda: isinstance(app.screen, PredictScreen)  # predict mode asks
                    or len(app.screen.session.trainer.history) > steps, "Space answered")


# Where the text goes, and deleting: (what the field holds, the cursor or
# selection, what is sent, what it holds after).
EDITS = {
    "into the middle, what fits": ("5" * (FIELD_LIMIT - 10), (3, 3), "x" * 50,
                                   "555" + "x" * 10 + "5" * (FIELD_LIMIT - 13)),
    "over a selection, what fits": ("5" * (FIELD_LIMIT - 10), (0, 100), "y" * 500,
                                    "y" * 110 + "5" * (FIELD_LIMIT - 110)),
    "full, nothing more": ("5" * FIELD_LIMIT, (0, 0), "z", "5" * FIELD_LIMIT),
}


@pytest.mark.parametrize("before, cursor, sent, after", EDITS.values(), ids=EDITS.keys())
async def test_what_fits_lands_where_the_cursor_is(before, cursor, sent, after):
    app = app_for("learning-steps")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        field = await opened(pilot, "alpha")
        field.value = before
        field.selection = type(field.selection)(*cursor)
        app.post_message(events.Paste(sent))
        await pilot.pause()
        assert field.value == after


async def test_a_value_set_longer_than_the_limit_can_still_be_shortened():
    app = app_for("learning-steps")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        field = await opened(pilot, "alpha")
        field.value = "1" * (FIELD_LIMIT + 5)
        field.cursor_position = len(field.value)
        await pilot.press("backspace")
        assert field.value == "1" * (FIELD_LIMIT + 4)


def send_all(app, data: bytes) -> None:
    """Write all of `data` to the app's terminal as a raw client would, reading
    what the app draws meanwhile (else both sides wait on full buffers)."""
    while data:
        try:
            data = data[os.write(app.master, data[:READ]):]
        except BlockingIOError:
            app.pump(0.01)


def test_1_mb_typed_into_a_real_terminal_lands_capped_and_the_app_answers(tmp_path):
    """1 MB sent to the app's terminal without bracketed paste, as a raw SSH
    client sends it, with the edit form open: it froze the app for minutes.
    The field takes its first FIELD_LIMIT characters; Escape and Space then
    answer (the waits are only a bound on a hang, not a speed target)."""
    with PtyApp(gdtui_app("learning-steps"), cols=100, rows=30, env=app_env(tmp_path)) as app:
        app.wait_for(lambda text: step_shown(text) == 0, timeout=60)
        app.press("e")
        app.wait_for(lambda text: "Edit learning-steps" in text, timeout=60)
        send_all(app, b"\x7f" + DIGITS.encode())  # Backspace: the old value goes first
        app.wait_for(lambda text: f"at most {FIELD_LIMIT:,} characters" in text, timeout=120)
        app.press("\x1b")
        app.wait_for(lambda text: "Edit learning-steps" not in text, timeout=60)
        app.press(" ")
        app.wait_for(lambda text: step_shown(text) == 1, timeout=60)
        app.press("q")
        assert app.wait_exit(60) is not None and app.proc.returncode == 0


# The class view's message box holds MAX_MESSAGE: (how it arrives, what is sent).
MESSAGES = {
    "typed past the limit": (as_keys, "m" * (MAX_MESSAGE + 20)),
    "1 MB without bracketed paste": (as_reads, DIGITS),
    "1 MB pasted": (as_paste, DIGITS),
    "pastes in a row": (as_pastes, DIGITS[:3000]),
    "typed to the limit": (as_keys, "m" * MAX_MESSAGE),
}


@pytest.mark.parametrize("how, sent", MESSAGES.values(), ids=MESSAGES.keys())
async def test_the_class_message_box_holds_its_limit(how, sent, tmp_path):
    """Its Input(max_length) refused a too-long paste whole, rang the bell a
    read, and said nothing: now it takes what fits and says the rest was left out."""
    app = ClassApp(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("M")
        await until(pilot, lambda: isinstance(app.screen, MessageScreen), "the message box")
        field = app.screen.query_one(Field)
        await until(pilot, lambda: field.has_focus, "the box focused")
        for message in how(sent):
            app.post_message(message)
        await pilot.pause()
        held = sent[:MAX_MESSAGE]
        await until(pilot, lambda: len(field.value) == len(held), f"{len(held):,} characters")
        assert field.value == held
        full = [m for m in said(app) if f"at most {MAX_MESSAGE:,} characters" in m]
        assert len(full) == (len(sent) > MAX_MESSAGE) and len(said(app)) == len(full), said(app)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, MessageScreen), "the box closed")
        await pilot.press("M")
        await until(pilot, lambda: isinstance(app.screen, MessageScreen), "the box again")


@pytest.mark.parametrize("how", [as_reads, as_paste, as_pastes], ids=["reads", "paste", "pastes"])
async def test_the_command_palette_holds_the_paste_limit(how):
    """Textual's own palette field: pastes and typed runs stop at PASTE_LIMIT
    in all, said once, and Escape still closes it."""
    from textual.command import CommandPalette
    from textual.widgets import Input

    app = app_for("learning-steps")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        field = app.screen.query_one(Input)
        await until(pilot, lambda: field.has_focus, "its field focused")
        for message in how(DIGITS):
            app.post_message(message)
        await pilot.pause()
        await until(pilot, lambda: len(field.value) == FIELD_LIMIT, f"{FIELD_LIMIT:,} characters")
        for _ in range(5):
            await pilot.pause()
        assert field.value == DIGITS[:FIELD_LIMIT]
        assert [m for m in said(app) if f"at most {FIELD_LIMIT:,}" in m] == said(app) and len(said(app)) == 1
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen), "back to the lesson")
