"""`gdtui class`'s live view against a running server (stand-in learners):
stuck first with the rule's reason, Enter shows the answers, m / M send,
k ends a session (asked first), w watches a screen; all read-only."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Input, Static

from gdtui.classroom.rules import Thresholds
from gdtui.ui.classroom.app import ClassApp
from gdtui.ui.classroom.mirror import Mirror
from gdtui.ui.classroom.modals import AnswersScreen, ConfirmScreen, MessageScreen
from gdtui.ui.classroom.watch import WatchScreen
from serve_helpers import EVENTS, TIMEOUT, Term, answers, connect


async def until(pilot, condition, timeout=TIMEOUT):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "never happened"
        await pilot.pause(0.05)


def rows(app):
    table = app.query_one("#learners", DataTable)
    return [[str(c) for c in table.get_row_at(k)] for k in range(table.row_count)]


async def test_the_live_view(start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    terms = {}
    for name in ("amy", "zed"):
        terms[name] = await Term.open(await connect(server, username=name))
        await terms[name].wait_for("ready")
    terms["zed"].send(b"s")
    await terms["zed"].wait_for("slipped 3")
    # The server stores events after they arrive: the view's first look must
    # find zed stuck, or the cursor stays on amy (it follows the chosen learner).
    deadline = asyncio.get_running_loop().time() + TIMEOUT
    while answers(state_dir, "zed") < 3:
        assert asyncio.get_running_loop().time() < deadline, "zed's answers never stored"
        await asyncio.sleep(0.02)
    app = ClassApp(state_dir, Thresholds(), look_every=0.3)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: len(rows(app)) == 2 and "stuck" in rows(app)[0][1])
        zed, amy = rows(app)
        assert zed[0] == "zed" and zed[1] == "stuck: same slip" and zed[2] == "learning-steps"
        assert zed[4] == "0/2" and zed[5] == "0/3" and "sign 3 times in a row" in zed[-1]
        assert amy[0] == "amy" and amy[1] == "active" and amy[2] == "(list)"
        why = str(app.query_one("#why", Static).render())
        assert "zed: sign 3 times in a row (sign flipped" in why
        slips = app.query_one("#slips", DataTable)
        assert [str(c) for c in slips.get_row_at(0)][:4] == ["sign", "learning-steps", "1", "3"]

        await pilot.press("enter")  # zed's answers
        assert isinstance(app.screen, AnswersScreen)
        assert app.screen.query_one(DataTable).row_count == 3
        await pilot.press("escape")

        await pilot.press("m")  # to zed alone
        assert isinstance(app.screen, MessageScreen)
        app.screen.query_one(Input).value = "try the sign of delta"
        await pilot.press("enter")
        await terms["zed"].wait_for("said say try the sign of delta")
        await pilot.press("M")
        app.screen.query_one(Input).value = "five minutes left"
        await pilot.press("enter")
        for term in terms.values():
            await term.wait_for("said say five minutes left")
        assert "try the sign" not in terms["amy"].text

        await pilot.press("w")  # zed's screen, read-only
        assert isinstance(app.screen, WatchScreen)
        mirror = app.screen.query_one(Mirror)
        await until(pilot, lambda: "said say five minutes left" in mirror.text or "slipped" in mirror.text
                    or mirror.screen_.columns == 80)
        terms["zed"].send(b"s")  # what zed's app draws now shows here too
        await until(pilot, lambda: mirror.text.count("slipped 3") >= 1)
        await pilot.press("escape")

        await pilot.press("k")  # end zed's session: asked first
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause(0.3)
        assert len(server.sessions) == 2
        await pilot.press("k", "y")
        await terms["zed"].finish()
        assert "the teacher ended this session" in terms["zed"].text
        await until(pilot, lambda: any(r[0] == "zed" and r[1] == "offline" for r in rows(app)))


async def test_without_a_server_the_view_says_so_and_shows_the_store(tmp_path):
    app = ClassApp(tmp_path / "nowhere", look_every=0.3)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "no gdtui serve is running" in str(
            app.query_one("#problems", Static).render()))
        assert rows(app) == []
