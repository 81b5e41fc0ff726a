"""The real app served over SSH: its screen on the learner's terminal."""

from __future__ import annotations

import sys

from serve_helpers import Term, connect, wait_gone

APP = [sys.executable, "-m", "gdtui.serve.learner", "learning-steps"]


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
