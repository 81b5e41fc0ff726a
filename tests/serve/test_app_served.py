"""The real app served over SSH: its screen on the learner's terminal."""

from __future__ import annotations

import asyncio
import sys

import pytest

from gdtui.serve.child import app_command
from gdtui.ui.app import make_app
from screen_text import notice
from serve_helpers import Term, connect, wait_gone

APP = [*app_command(), "learning-steps"]


async def test_the_app_over_ssh(start_server):
    server = await start_server(command=APP)
    async with await connect(server) as conn:
        term = await Term.open(conn, 100, 30)
        text = await term.wait_for("step 0", timeout=30)
        assert "learning-steps" in text.splitlines()[0]  # the top status bar
        (session,) = server.sessions
        pid = session.pid
        term.send(b" ")
        text = await term.wait_for("step 1")
        assert "step 1" in text.splitlines()[0]
        term.process.change_terminal_size(90, 28)
        await term.wait_for("step 1")
        term.send(b"q")
        assert await term.finish() == 0
    await wait_gone(pid)
    assert server.logs[-1].endswith("quit (status 0)")


@pytest.mark.parametrize("client, server_locale, said", [
    ({"LANG": "C"}, "C.UTF-8", "the locale says C"),
    ({"LANG": "en_US.ISO-8859-1"}, "C.UTF-8", "the locale says en_US.ISO-8859-1"),
    ({"LANG": "C.UTF-8"}, "C", None),  # the server's locale is not the learner's terminal
    ({}, "C", None),  # the client did not say: UTF-8, as everything else it is sent
])
async def test_chinese_where_the_learners_terminal_is_utf8(start_server, monkeypatch, client,
                                                           server_locale, said):
    """The app runs with PYTHONUTF8=1 (child.py), so only the client's locale
    can tell. Not UTF-8: L says why, and every byte the learner gets is ASCII."""
    for name in ("LC_ALL", "LC_CTYPE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", server_locale)
    server = await start_server(command=APP)
    async with await connect(server) as conn:
        term = await Term.open(conn, 120, 30, env=client)
        await term.wait_for("step 0", timeout=30)
        term.send(b"L")
        text = await term.wait_for("中文" if said is None else "Chinese needs a UTF-8 terminal")
        assert "\\u" not in text
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text) is (said is None)
        if said is not None:
            assert notice(text, "Chinese needs").startswith(f"Chinese needs a UTF-8 terminal; {said}")
            assert term.raw.isascii(), bytes(b for b in term.raw if b > 0x7f)[:80]
        term.send(b"q")
        assert await term.finish() == 0


@pytest.mark.parametrize("served, titles", [
    (True, ["Quit", "Keys"]),  # nothing that writes on the server (Screenshot) or beyond
    (False, ["Theme", "Quit", "Keys", "Maximize", "Screenshot"]),
])
async def test_served_palette_has_no_system_commands_that_touch_the_server(
    catalog, served, titles
):
    app = make_app(catalog, served=served)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # The palette's system commands provider lists exactly these.
        assert [c.title for c in app.get_system_commands(app.screen)] == titles


async def test_a_running_lesson_is_activity_an_open_form_is_not(start_server):
    # The idle timeout runs from the last key or the app's last output: the app
    # writes only when its screen changes, so output without keys is a lesson
    # running. A form's blinking cursor would be output too: served, it does not blink.
    server = await start_server(command=APP, idle_timeout=600)
    async with await connect(server) as conn:
        term = await Term.open(conn, 100, 30)
        await term.wait_for("step 0", timeout=30)
        (session,) = server.sessions
        term.send(b"r")
        await term.wait_for("running")
        running_since = session.last_active
        await _output_after(term)  # no key meanwhile
        assert session.last_active > running_since
        term.send(b"r")  # pause
        while "running" in term.text.splitlines()[0]:
            await _output_after(term)
        term.send(b"e")
        await term.wait_for("Escape cancels")
        await asyncio.sleep(0.5)  # the form drawn; then a second and a half, three blinks
        form_since = session.last_active
        await asyncio.sleep(1.5)
        assert session.last_active == form_since, term.raw[-200:]
        term.send(b"\x1b")  # alone: with the q after it, it would read as Alt+q
        while "Escape cancels" in term.text:
            await _output_after(term)
        term.send(b"q")
        assert await term.finish(timeout=30) == 0


async def _output_after(term: Term) -> None:
    """Wait for the next bytes the app writes."""
    raw = len(term.raw)
    deadline = asyncio.get_running_loop().time() + 30
    while len(term.raw) == raw:
        assert asyncio.get_running_loop().time() < deadline, "no output"
        try:
            data = await asyncio.wait_for(term.process.stdout.read(65536), 1)
        except asyncio.TimeoutError:
            continue
        term.raw += data
        term.stream.feed(data)
