"""gdtui's guards on what a terminal sends (gdtui/ui/driver, gdtui/ui/paste.py):
each sequence that made Textual 8.2.8's parser or driver raise, and what the
app now gets instead. The byte fuzz (test_byte_fuzz.py) looks for more."""

import asyncio
import os
import selectors
import sys
import threading
from pathlib import Path

import pytest
from textual import events

from gdtui.ui.driver.driver import GdtuiDriver, decoder
from gdtui.ui.driver.parser import MAX_COLUMNS, MAX_ROWS, SafeXTermParser, clamp_size
from gdtui.ui.paste import TYPED_RUN, pasted_text, plain_key, typed_runs_as_pastes

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from pty_driver import PtyApp, app_env, gdtui_app, step_shown  # noqa: E402


def parsed(text: str) -> list:
    return list(SafeXTermParser().feed(text))


def keys(text: str) -> list[str]:
    return [m.key for m in parsed(text) if isinstance(m, events.Key)]


@pytest.mark.parametrize(
    "sequence",
    [
        "\x1b[99999999999999999999A",  # OverflowError: chr() of a 20-digit key number
        "\x1b[1234567890123456789A",  # a 19-digit parameter
        "\x1b[9999999999u",  # ValueError: past Unicode
        "\x1b[1114112u",  # just past Unicode
        "\x1b[48;0;0;0;0t\x1b[<0;5;5M",  # ZeroDivisionError: pixel mouse in a 0-cell window
        "\x1b[48;99999;99999;1;1t",  # an in-band resize to an absurd size
        "\x1b[<0;99999999999999999999;1M",  # a mouse report far off any screen
    ],
)
def test_sequences_that_raised_are_dropped(sequence):
    assert [m for m in parsed(sequence + "x") if not isinstance(m, events.Key)] == []
    assert keys(sequence + "x") == ["x"]  # and the next key still arrives


def test_sizes_come_from_the_kernel_only():
    assert parsed("\x1b[48;30;100;600;1000t") == []
    assert parsed("\x1b[?2048;1$y") == []  # in-band resizes are never switched on
    assert clamp_size(0, 0) == (1, 1)
    assert clamp_size(65535, 65535) == (MAX_COLUMNS, MAX_ROWS)
    assert clamp_size(120, 40) == (120, 40)


def test_ordinary_input_is_untouched():
    assert keys("a\x1b[A\x1bOP\r") == ["a", "up", "f1", "enter"]
    pastes = [m for m in parsed("\x1b[200~[/]\x1b[201~") if isinstance(m, events.Paste)]
    assert [p.text for p in pastes] == ["[/]"]
    assert [type(m).__name__ for m in parsed("\x1b[I\x1b[O")] == ["AppFocus", "AppBlur"]


def test_bytes_that_are_not_utf8_become_replacement_characters():
    decode = decoder()
    assert decode(b"a\xff\xfeb", False) == "a\ufffd\ufffdb"
    assert decode(b"\xc3", False) == ""  # half a character waits for the rest
    assert decode(b"\xa9", False) == "\u00e9"


CRASHING_DRIVER = '''
from gdtui.ui.driver.driver import GdtuiDriver


class CrashingDriver(GdtuiDriver):
    def run_input_thread(self):
        raise RuntimeError("the input thread broke")
'''


def test_a_crash_in_the_input_thread_exits_non_zero(tmp_path):
    """Textual reports it through App.panic and exits 0; the README promises
    a non-zero status after a crash."""
    (tmp_path / "crashing_driver.py").write_text(CRASHING_DRIVER)
    env = app_env(tmp_path / "cache")
    env["TEXTUAL_DRIVER"] = "crashing_driver:CrashingDriver"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")]))
    with PtyApp(gdtui_app("learning-steps"), cols=80, rows=24, env=env) as app:
        assert app.wait_exit(60) is not None
        assert app.proc.returncode == 1
        assert "the input thread broke" in app.printed_after_exit()


@pytest.mark.parametrize(
    "sequence",
    [b"\x1b[99999999999999999999A", b"\x1b[1234567890123456789A", b"\xff\xfe",
     b"\x1b[48;0;0;0;0t\x1b[<0;5;5M", b"\x1b[200~[/b]\x1b[201~"],
    ids=["huge-csi", "19-digits", "not-utf8", "zero-window-mouse", "markup-paste"],
)
def test_the_app_under_a_pty_survives(tmp_path, sequence):
    """The sequences from issue 9, sent as a terminal would: the app still
    steps, and q ends it with status 0."""
    with PtyApp(gdtui_app("learning-steps"), cols=80, rows=24, env=app_env(tmp_path)) as app:
        app.wait_for(lambda text: step_shown(text) == 0, timeout=30)
        app.press(sequence)
        app.press(" ")
        app.wait_for(lambda text: step_shown(text) == 1, timeout=30)
        app.press("q")
        assert app.wait_exit(30) is not None
        assert app.proc.returncode == 0


def test_a_long_typed_run_in_one_read_is_one_paste():
    """1 MB typed without bracketed paste: one Paste a read, not a key each
    (a million key events froze the app for minutes)."""
    messages = list(typed_runs_as_pastes(parsed("7" * TYPED_RUN + "\r" + "ab")))
    assert isinstance(messages[0], events.Paste) and messages[0].text == "7" * TYPED_RUN
    assert [m.key for m in messages[1:]] == ["enter", "a", "b"]


def test_short_runs_named_keys_and_modifiers_stay_keys():
    text = "x" * (TYPED_RUN - 1) + "\x1bOP" + "\x01" * TYPED_RUN + "\r" * TYPED_RUN
    messages = list(typed_runs_as_pastes(parsed(text)))
    assert not any(isinstance(m, events.Paste) for m in messages)
    assert [m.key for m in messages] == (
        ["x"] * (TYPED_RUN - 1) + ["f1"] + ["ctrl+a"] * TYPED_RUN + ["enter"] * TYPED_RUN
    )


def test_a_paste_keeps_line_ends_and_shows_the_rest():
    assert pasted_text("1\t2\n\x1b[2J\u202e") == "1 2\n\\x1b[2J\\u202e"


def seen(messages) -> list:
    """What a field gets from `messages`: plain characters, from a Paste of
    plain text or a plain key alike, and every other message as itself."""
    out: list = []
    for m in messages:
        if isinstance(m, events.Paste) and m.text.isprintable():
            out += m.text
        elif plain_key(m, getattr(m, "character", None)):
            out.append(m.character)
        else:
            out.append((type(m).__name__, getattr(m, "key", None), getattr(m, "text", None)))
    return out


# Pieces of what a terminal sends, to build reads from: plain runs short and
# long, controls, keys, bidi overrides, surrogates, bracketed pastes whole and
# cut, escape sequences whole and cut off, Alt+x.
PIECES = ["x" * 70, "yz" * 40, "\u4e2a" * 65, "a", " ", "+", "A" * 63, "\x01", "\r", "\x7f",
          "\x1b", "\x1b[A", "\x1bOP", "\x1b[", "\x1b[1;5", "\x1b[200~", "\x1b[201~", "\u202e",
          "\udcff", "\x85", "\x1b[200~" + "p" * 100 + "\x1b[201~", "\x1b" + "q" * 80,
          "\x1b[<0;5;5M", "9" * 4000]


@pytest.mark.parametrize("seed", range(12))
def test_the_quick_path_through_plain_runs_changes_nothing(seed):
    """Whatever a read holds, SafeXTermParser.feed with its quick path for
    plain runs gives what Textual's parser, character by character, gives
    once typed_runs_as_pastes has joined the runs: the same characters in the
    same places, and the same other messages. (Where a run meets a broken
    escape sequence, the keys the parser gives back for it may stay keys
    instead of joining the run's paste, as they do beside any short run.)"""
    import random

    rng = random.Random(seed)
    reads = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12))) for _ in range(20)]
    quick, slow = SafeXTermParser(), SafeXTermParser()
    slow.fast = False
    for text in reads:
        assert seen(typed_runs_as_pastes(quick.feed(text))) == seen(
            typed_runs_as_pastes(slow.feed(text))), repr(text)[:200]
    assert seen(quick.feed("")) == seen(slow.feed(""))


async def test_the_input_thread_takes_any_bytes_and_stops_when_woken():
    """GdtuiDriver's input loop on a pipe: bytes that are not UTF-8 arrive as
    U+FFFD, and once asked to stop it leaves its select at once (the wake
    pipe), however long the select's timeout."""
    from textual.app import App

    read, write = os.pipe()
    gdtui = GdtuiDriver(App(), mouse=False)
    gdtui.fileno = read
    got = []
    gdtui.process_message = got.append
    selects = []
    real_select = selectors.SelectSelector.select

    def recorded(selector, timeout=None):
        selects.append(timeout)
        return real_select(selector, None)  # would wait for ever, but for the wake pipe

    selectors.SelectSelector.select = recorded
    try:
        thread = threading.Thread(target=gdtui.run_input_thread)
        thread.start()
        os.write(write, b"a\xffb")
        while len(got) < 3:
            await asyncio.sleep(0.01)
        gdtui.exit_event.set()
        while gdtui._wake is None:
            await asyncio.sleep(0.01)
        gdtui._stop_input_thread()
        thread.join(30)  # a hang guard, not a timing: without the wake it never ends
        assert not thread.is_alive()
    finally:
        selectors.SelectSelector.select = real_select
        os.close(read), os.close(write)
    assert [m.character for m in got] == ["a", "\ufffd", "b"]
