"""The real app served over SSH: its screen on the learner's terminal."""

from __future__ import annotations

import asyncio
import sys

import pytest

from gdtui.serve.child import app_command
from gdtui.ui.app import make_app
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


@pytest.mark.parametrize("keys, alive", [
    (b"r", True),  # run mode draws without keys: the learner is watching
    (b"e", False),  # an edit form left open: its cursor does not blink (no output)
])
async def test_the_idle_timeout_counts_a_running_lesson(start_server, keys, alive):
    server = await start_server(command=APP, idle_timeout=2.0, restore_grace=10)
    async with await connect(server) as conn:
        term = await Term.open(conn, 100, 30)
        await term.wait_for("step 0", timeout=30)
        term.send(keys)
        if alive:
            await asyncio.sleep(4)  # twice the timeout without a key
            assert server.sessions, term.text
            term.send(b"q")
        assert await term.finish(timeout=30) == 0
    assert server.logs[-1].endswith("quit (status 0)" if alive else "idle timeout")
