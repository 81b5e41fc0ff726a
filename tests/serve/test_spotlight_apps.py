"""The spotlight with the real apps over real SSH clients (asyncssh): the
instructor's class view (run here, on the server's socket) presses s on ada,
who is at step 3 of learning-steps; bo's own app, at another size, shows that
lesson at step 3 as "a classmate's" until ada says y, then with her name; n
keeps it anonymous; Escape ends it; neither learner's progress changes. What
cannot be spotlighted (no learner highlighted, the learner gone, on the lesson
list, on MNIST) is one line in the view. Once more over OpenSSH's client."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from textual.widgets import DataTable

from gdtui.serve.child import app_command
from gdtui.ui.classroom.app import ClassApp
from gdtui.ui.classroom.spotlight import SpotlightScreen
from serve_helpers import HAS_OPENSSH, TIMEOUT, OpenSSH, Term, ask, connect

APP_TIMEOUT = 30  # the real app's first frame on a busy machine
DOWN, ENTER = b"\x1b[B", b"\r"


async def until(pilot, condition, what: str, timeout=TIMEOUT):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, f"never: {what}"
        await pilot.pause(0.05)


async def learner(server, user: str, size=(80, 24), keys: bytes = b"", shows: str = "") -> Term:
    term = await Term.open(await connect(server, username=user), *size)
    await term.wait_for("Enter opens", timeout=APP_TIMEOUT)
    if keys:
        term.send(keys)
        await term.wait_for(shows)
    return term


def progress(state_dir, user: str) -> list[tuple]:
    """What the store holds as user's progress: their events (not logins) and lessons."""
    conn = sqlite3.connect(state_dir / "class.db")
    try:
        events = conn.execute("SELECT kind, lesson, step FROM events WHERE learner = ? AND kind"
                              " NOT IN ('login', 'logout') ORDER BY at", (user,)).fetchall()
        lessons = conn.execute("SELECT * FROM lessons WHERE learner = ?", (user,)).fetchall()
    finally:
        conn.close()
    return events + lessons


def choose(app, user: str) -> None:
    table = app.query_one("#learners", DataTable)
    names = [table.coordinate_to_cell_key((k, 0)).row_key.value for k in range(table.row_count)]
    table.move_cursor(row=names.index(user), animate=False)


def recorded(app) -> list[str]:
    """Every notice the view shows from now on, as it is shown (kept after it goes)."""
    said, notify = [], app.notify

    def recording(message, **options):
        said.append(str(message))
        return notify(message, **options)

    app.notify = recording
    return said


async def class_view(pilot_of, app, users):
    await until(pilot_of, lambda: app.look is not None
                and {r["user"] for r in app.look.roster if r["connected"]} >= set(users),
                "the view sees everyone")


# Each family: ada's answer to the question, and what bo's banner then says.
ANSWERS = {
    "y names her": (b"y", "here is what ada found (shown by ms-lee)"),
    "n keeps her anonymous": (b"n", "a classmate's lesson, shown by ms-lee"),
}


@pytest.mark.parametrize("name", ANSWERS)
async def test_a_classmate_s_lesson_then_her_name_if_she_agrees(start_server, state_dir, name):
    key, banner = ANSWERS[name]
    server = await start_server(command=app_command(), state_dir=state_dir)
    ada = await learner(server, "ada", keys=DOWN * 4 + ENTER, shows="step 0/4")
    ada.send(b"   ")
    await ada.wait_for("step 3/4")
    bo = await learner(server, "bo", size=(100, 30))
    before = {user: progress(state_dir, user) for user in ("ada", "bo")}
    app = ClassApp(state_dir, look_every=0.3, presenter="ms-lee")
    async with app.run_test(size=(100, 30)) as pilot:
        await class_view(pilot, app, ("ada", "bo"))
        choose(app, "ada")
        await pilot.press("s")
        await ada.wait_for("ms-lee is showing your lesson to the class")
        await bo.wait_for("a classmate's lesson, shown by ms-lee")
        text = await bo.wait_for("step 3/4")
        assert "ada" not in text
        await until(pilot, lambda: isinstance(app.screen, SpotlightScreen), "the spotlight box")
        await until(pilot, lambda: "asked ada whether" in app.screen.query_one("#said").render()
                    .plain, "the view says ada was asked")
        ada.send(key)
        await bo.wait_for(banner)
        said = "ada agreed" if key == b"y" else "ada said no"
        await until(pilot, lambda: said in app.screen.query_one("#said").render().plain, said)
        assert "step 3/4" in ada.text  # her own lesson, where she left it
        assert {user: progress(state_dir, user) for user in ("ada", "bo")} == before
        await pilot.press("escape")
        await bo.wait_for("the spotlight ended: the lesson is yours from here")
        assert "step 3/4" in bo.text
        await ada.wait_for("ms-lee stopped showing your lesson")
    assert progress(state_dir, "ada") == before["ada"]
    # bo's lesson is his own from the end on (as when presenting ends): opened, no step
    assert [e[0] for e in progress(state_dir, "bo") if isinstance(e[0], str)
            and e[0] in ("step", "answer", "tick")] == []
    for term in (ada, bo):
        term.send(b"q")
        await term.finish()


# Each family: what ada's app is on (keys after logging in; None: she logs
# out first), and the line the instructor reads.
ODD = {
    "on the lesson list": (b"", "ada is on the lesson list: no lesson to show"),
    "on MNIST": (DOWN * 11 + ENTER, "ada is on mnist, whose data set is too big"),
    "gone meanwhile": (None, "ada is not connected"),
}


@pytest.mark.parametrize("name", ODD)
async def test_what_cannot_be_spotlighted_is_one_line_in_the_view(start_server, state_dir, name):
    keys, line = ODD[name]
    server = await start_server(command=app_command(), state_dir=state_dir)
    ada = await learner(server, "ada")
    bo = await learner(server, "bo")
    if keys:
        ada.send(keys)
        await ada.wait_for("MNIST", timeout=APP_TIMEOUT)
    app = ClassApp(state_dir, look_every=0.3, presenter="ms-lee")
    notices = recorded(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await class_view(pilot, app, ("ada", "bo"))
        choose(app, "ada")
        if keys is None:  # she leaves between the view's look and the key
            ada.send(b"q")
            await ada.finish()
            await until(pilot, lambda: "ada" not in server.by_user, "ada gone")
        await pilot.press("s")
        await until(pilot, lambda: any(line in n for n in notices), line)
        assert not isinstance(app.screen, SpotlightScreen)
        (shown,) = [n for n in notices if line in n]
        assert len(shown.splitlines()) == 1 and "Traceback" not in shown
    assert "a classmate" not in bo.text and "following" not in bo.text


async def test_s_with_no_learner_highlighted_is_one_line(tmp_path):
    app = ClassApp(tmp_path, look_every=0.3)  # no server, nobody in the store
    notices = recorded(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("s")
        await pilot.pause(0.1)
        assert notices[-1] == ("no learner is highlighted: the spotlight shows a "
                                    "connected learner's lesson")
        assert not isinstance(app.screen, SpotlightScreen)


@pytest.mark.skipif(not HAS_OPENSSH, reason="needs OpenSSH's client")
async def test_over_openssh_s_own_client(start_server, state_dir, tmp_path):
    """Both learners on OpenSSH's client; the spotlight asked on the class socket."""
    server = await start_server(command=app_command(), state_dir=state_dir)
    ada = await OpenSSH.login(server.port, "ada", tmp_path)
    bo = await OpenSSH.login(server.port, "bo", tmp_path, cols=90, rows=28)
    try:
        await ada.wait_for("Enter opens", APP_TIMEOUT)
        ada.send(DOWN * 4 + ENTER)
        await ada.wait_for("step 0/4")
        ada.send(b"  ")
        await ada.wait_for("step 2/4")
        await bo.wait_for("Enter opens", APP_TIMEOUT)
        started = await ask(state_dir, {"op": "spotlight", "user": "ada", "by": "ms-lee"})
        assert started == {"ok": True, "sent": 1, "lesson": "learning-steps", "step": 2}
        await bo.wait_for("a classmate's lesson, shown by ms-lee")
        assert "step 2/4" in await bo.wait_for("step 2/4")
        await ada.wait_for("Show your name with it?")
        ada.send(b"y")
        await bo.wait_for("here is what ada found (shown by ms-lee)")
        assert (await ask(state_dir, {"op": "spotlight_end"}))["sent"] == 1
        await bo.wait_for("the spotlight ended")
        assert "step 2/4" in ada.text
    finally:
        await ada.close()
        await bo.close()
