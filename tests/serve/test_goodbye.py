"""How a session ends on the learner's side, seen through a terminal emulator:
the main screen back, the cursor shown, modes off, and one line."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

import pyte
import pytest

from gdtui.serve.child import app_command
from gdtui.serve.learner import CRASHED
from gdtui.serve.restore import RESET_TERMINAL, TerminalModes
from serve_helpers import HAS_OPENSSH, TIMEOUT, Screen, Term, connect, openssh

CRASHING = [sys.executable, str(Path(__file__).with_name("crashing_app.py"))]
SHELL = b"learner@laptop:~$ ssh -p 2222 class@server\r\n"
STOPPED = "the class is over: server stopping"
PASTE_MODE = 2004 << 5  # as pyte keeps private modes


async def _open(server, **kwargs) -> Term:
    conn = await connect(server)
    term = await Term.open(conn, 80, 24, **kwargs)
    term.stream.feed(SHELL)  # what the learner's terminal showed before
    return term


def _assert_clean(term: Term, last_line: str) -> None:
    screen = term.screen
    assert not screen.alternate, (term.text, term.raw[-300:])
    assert not screen.cursor.hidden
    assert PASTE_MODE not in screen.mode
    lines = [line.rstrip() for line in screen.display if line.strip()]
    assert lines[0] == SHELL.decode().rstrip()
    assert lines[-1] == last_line, (term.text, term.raw[-300:])


@pytest.mark.parametrize("child, shown", [
    ("app", "hot-cold"),  # the real app: leaves through Textual's own teardown
    ("killed", "ready"),  # a full-screen child that dies on SIGTERM: the server restores
    ("stubborn", "ready"),  # ignores SIGTERM, killed after the grace: the server restores
])
async def test_server_stop_leaves_a_clean_terminal_and_a_goodbye(start_server, child, shown):
    if child == "app":
        server = await start_server(command=app_command(), restore_grace=TIMEOUT)
    else:
        args = ["--fullscreen"] + (["--stubborn"] if child == "stubborn" else [])
        server = await start_server(args=args, kill_grace=0.3)
    term = await _open(server)
    await term.wait_for(shown, timeout=30)
    assert term.screen.alternate and term.screen.cursor.hidden
    await asyncio.wait_for(server.stop(), TIMEOUT)
    assert await term.finish() == 0, (term.raw[-300:], server.logs)
    _assert_clean(term, STOPPED)
    assert term.raw.count(b"\x1b[?1049l") == 1  # restored once: by the app or by the server
    by_the_app = b"\x1b[?1049l\x1b[?25h" in term.raw  # Textual's teardown, not RESET_TERMINAL
    assert by_the_app == (child == "app"), (term.raw[-300:], server.logs)
    assert server.logs[-1].endswith("server stopping")


@pytest.mark.parametrize("args", [["--fullscreen"], ["--fullscreen", "--stubborn"]])
async def test_idle_timeout_leaves_a_clean_terminal_and_a_goodbye(start_server, args):
    server = await start_server(args=args, idle_timeout=0.5, kill_grace=0.3)
    term = await _open(server)
    await term.wait_for("ready")
    assert await term.finish() == 0
    _assert_clean(term, "gdtui: no key pressed and nothing running for 0.5 seconds: session closed")


@pytest.mark.parametrize("at, key, logged", [
    ("start", None, "ImportError: cannot import lessons from /srv/teacher/secret-path"),
    ("key", b"x", "RuntimeError: broken by a key in /srv/teacher/secret-path"),
    ("thread", b"t", "OSError: thread failed in /srv/teacher/secret-path"),
    # Textual's input thread: the app exits 0 by itself, yet it crashed.
    ("parser", None, "OverflowError: Python int too large"),
], ids=["start", "key", "thread", "parser"])
async def test_a_crash_shows_the_learner_one_line_and_logs_the_rest(start_server, at, key, logged):
    server = await start_server(command=[*CRASHING, "--at", at])
    term = await _open(server)
    if key:
        await term.wait_for("crashing app ready", timeout=30)
        term.send(key)
    assert await term.finish() == 1
    _assert_clean(term, CRASHED)
    assert b"Traceback" not in term.raw and b"secret" not in term.raw
    # The teacher's log has it all.
    (report,) = [line for line in server.logs if " app log:\n" in line]
    assert "Traceback" in report and logged in report
    assert server.logs[-1].endswith("quit (status 1)")


async def test_an_app_killed_by_a_signal_is_reported_in_one_line(start_server):
    server = await start_server(args=["--fullscreen"])
    term = await _open(server)
    await term.wait_for("ready")
    term.send(b"!")
    assert await term.finish() == 128 + 9
    _assert_clean(term, "gdtui: the app was stopped by signal 9; tell the teacher")


@pytest.mark.parametrize("chunks, clean", [
    ([], True),
    ([b"plain text\r\n"], True),
    ([b"\x1b[?1049h"], False),
    ([b"\x1b[?1049h\x1b[?25l", b"frame", b"\x1b[?1049l\x1b[?25h"], True),
    ([b"\x1b[?10", b"49h"], False),  # split between two reads
    ([b"\x1b[?1049h" + b"x" * 100, b"\x1b[?1049l"], True),
    ([b"\x1b[?25l"], False),
    ([b"\x1b[?2004h"], False),  # bracketed paste left on
    ([b"\x1b[?1000;1006h", b"\x1b[?1000l"], False),  # 1006 still on
    ([b"\x1b[?1000;1006h", b"\x1b[?1006;1000l"], True),
    ([b"\x1b[?47h", b"\x1b[?1047l"], True),
])
def test_terminal_modes_tracker(chunks, clean):
    modes = TerminalModes()
    for chunk in chunks:
        modes.feed(chunk)
    assert modes.clean == clean
    assert modes.restore() == (b"" if clean else RESET_TERMINAL)


async def _read_pty(master: int, screen, until, timeout: float = TIMEOUT) -> bytes:
    """Feed a pty's output to a terminal emulator until until(raw) or its end."""
    stream = pyte.ByteStream(screen)
    raw = b""
    deadline = time.monotonic() + timeout
    while not until(raw):
        try:
            data = os.read(master, 65536)
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; screen:\n" + "\n".join(screen.display))
            await asyncio.sleep(0.02)
            continue
        except OSError:  # EIO: the client is gone
            break
        if not data:
            break
        raw += data
        stream.feed(data)
    return raw


@pytest.mark.skipif(not HAS_OPENSSH, reason="needs OpenSSH's client")
async def test_openssh_client_shows_the_goodbye_on_its_main_screen(start_server, tmp_path):
    # OpenSSH exits on a disconnect without writing what it has buffered: the
    # server must let the client leave first, or the goodbye is lost.
    server = await start_server(args=["--fullscreen"], goodbye_time=TIMEOUT)
    proc, master = await openssh(server.port, tmp_path)
    screen = Screen(80, 24)
    try:
        await _read_pty(master, screen, lambda raw: b"ready" in raw)
        assert screen.alternate
        await asyncio.wait_for(server.stop(), TIMEOUT)
        raw = await _read_pty(master, screen, lambda raw: False)
        assert await asyncio.wait_for(proc.wait(), TIMEOUT) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        os.close(master)
    assert not screen.alternate and not screen.cursor.hidden
    assert [line.rstrip() for line in screen.display if line.strip()][-1] == STOPPED
    assert b"Disconnected" not in raw
