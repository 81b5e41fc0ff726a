"""The class server with a state folder: learners' events kept in the class
store (the server its only writer), a second login under a name taking over
with nothing lost, the teacher's socket (say, end, roster), the log's login
lines, usernames, the roster and instructors' keys."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import stat

import asyncssh
import pytest

from gdtui.classroom import client
from gdtui.serve.auth import Access
from gdtui.serve.guard import FailureLog
from gdtui.serve.roster import hash_password, read_roster
from gdtui.store.classroom import served_progress
from serve_helpers import (
    EVENTS, PASSWORD, STANDIN, TIMEOUT, OpenSSH, Term, answers, connect, ended,
)


async def learner(server, user="alice", **kwargs) -> Term:
    term = await Term.open(await connect(server, username=user, **kwargs))
    await term.wait_for("ready")
    return term


async def test_events_are_kept_and_come_back_in_the_next_hello(start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    term = await learner(server)
    assert "hello alice asked=0" in term.text
    term.send(b"g")
    await term.wait_for("sent 100")
    term.send(b"q")
    await term.finish()
    term = await learner(server)
    assert "hello alice asked=100" in term.text
    progress, problem, warning = served_progress(state_dir, "alice")
    assert problem is warning is None and progress.lessons["learning-steps"].asked == 100
    assert stat.S_IMODE(os.stat(state_dir / "class.db").st_mode) == 0o600


async def test_two_sessions_of_one_name_lose_nothing(start_server, state_dir):
    """100 events each, the second login while the first is still sending:
    the first ends (one line why), every event of both is kept, and the
    second's hello already counts the first's."""
    server = await start_server(command=EVENTS, state_dir=state_dir, restore_grace=5)
    first = await learner(server)
    first.send(b"g")  # 100 events on their way ...
    # (once the key is there: on a busy machine the takeover's SIGTERM came
    # before the key did, no event was ever sent, and the hello said asked=0)
    await first.wait_for("sending 100")
    second = await learner(server)  # ... while the same name logs in again
    assert "hello alice asked=100" in second.text
    await first.finish()
    assert "you (alice) logged in again from 127.0.0.1" in first.text
    assert "your work is kept" in first.text
    second.send(b"g")
    await second.wait_for("sent 100")
    second.send(b"q")
    await second.finish()
    await asyncio.sleep(0)
    await server.stop()  # the writer has written everything once stopped
    assert answers(state_dir) == 200
    assert any(line.endswith("taken over") for line in ended(server.logs))


async def test_a_takeover_keeps_the_class_limit(start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir, max_sessions=1)
    await learner(server)
    again = await learner(server)  # the same learner: not turned away as "full"
    assert "hello alice" in again.text
    with pytest.raises(AssertionError):
        await learner(server, user="bo")


# -- the teacher's socket -------------------------------------------------------------
async def test_the_socket_is_the_servers_users_alone(start_server, state_dir):
    await start_server(command=EVENTS, state_dir=state_dir)
    sock = state_dir / "class.sock"
    assert stat.S_ISSOCK(os.lstat(sock).st_mode) and stat.S_IMODE(os.lstat(sock).st_mode) == 0o600
    with pytest.raises(OSError, match="another gdtui serve"):
        await start_server(command=EVENTS, state_dir=state_dir)


async def test_say_roster_and_end(start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    alice, bo = await learner(server), await learner(server, user="bo")
    loop = asyncio.get_running_loop()

    async def ask(message):
        return await loop.run_in_executor(None, client.request, state_dir, message)

    roster = await ask({"op": "roster"})
    assert sorted(s["user"] for s in roster["sessions"]) == ["alice", "bo"]
    assert (await ask({"op": "say", "text": "look at the U [b]now[/b]"}))["sent"] == 2
    for term in (alice, bo):
        await term.wait_for("said say look at the U [b]now[/b]")
    assert (await ask({"op": "say", "text": "just you", "user": "bo"}))["sent"] == 1
    await bo.wait_for("said say just you")
    assert "just you" not in alice.text
    assert (await ask({"op": "end", "user": "bo"}))["ended"] == 1
    await bo.finish()
    assert "the teacher ended this session; your work is kept" in bo.text
    assert any(line.endswith("ended by the teacher") for line in ended(server.logs))
    for bad in ({"op": "nope"}, {"op": "say"}, {"op": "say", "text": 3}, {"op": "end"},
                {"op": "say", "text": "x", "user": ["a"]}):
        assert not (await ask(bad))["ok"]


async def test_what_a_learners_process_may_not_send_is_dropped(start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    session_events = []
    term = await learner(server)
    (session,) = server.sessions
    for bad in ({"kind": "login", "note": "forged"}, {"kind": "answer", "lesson": "x" * 101},
                {"kind": "answer", "verdict": "great"}, {"kind": "tick", "exercise": 3},
                {"kind": "open", "total": 10**20}, "not an object", {"kind": "answer", "x": 1}):
        session.on_event(session, bad)
        session_events.append(bad)
    assert server.bad_events == len(session_events)
    term.send(b"q")
    await term.finish()
    await server.stop()
    conn = sqlite3.connect(state_dir / "class.db")
    kinds = [k for (k,) in conn.execute("SELECT kind FROM events ORDER BY at")]
    assert kinds == ["login", "logout"]


# -- usernames, logins, the log ------------------------------------------------------------
@pytest.mark.parametrize("name, why", [
    ("a/b", "no '/'"),
    ("../../etc", "no '/'"),
    ("x" * 33, "at most 32"),
    ("ü" * 33, "at most 32"),
    (" lead", "no space at the start"),
    ("trail ", "no space at the start"),
])
async def test_a_username_that_cannot_be_used_is_one_line(start_server, state_dir, name, why):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    with pytest.raises(asyncssh.DisconnectError) as caught:
        await connect(server, username=name)
    assert why in caught.value.reason and "\n" not in caught.value.reason
    (line,) = [line for line in server.logs if "failed login" in line]
    assert "bad username" in line and "\x1b" not in line and "\u202e" not in line


@pytest.mark.skipif(shutil.which("ssh") is None, reason="needs OpenSSH's client")
@pytest.mark.parametrize("name", ["a\x1b[2Jb", "\u202eevil", "a\x07b", "x/y"])
async def test_openssh_shows_the_refusal_of_a_hostile_name_as_one_line(
        start_server, state_dir, tmp_path, name):
    # Control and bidi characters never reach gdtui: asyncssh refuses them (SASLprep).
    server = await start_server(command=EVENTS, state_dir=state_dir)
    ssh = await OpenSSH.login(server.port, name, tmp_path)
    try:
        assert await ssh.finish() != 0
    finally:
        await ssh.close()
    shown = ssh.raw.decode("utf-8", "replace")
    assert "\x1b[2J" not in shown and "\u202e" not in shown and "\x07" not in shown
    assert "disconnect" in shown.lower() and shown.strip().count("\n") <= 1, shown


async def test_logins_and_failed_logins_are_logged(start_server, state_dir):
    server = await start_server(command=EVENTS, state_dir=state_dir)
    term = await learner(server, user="ada lovelace")
    (login,) = [line for line in server.logs if " login " in line]
    assert "login ada lovelace 127.0.0.1:" in login and login.endswith("(password)")
    for _ in range(3):
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server, username="mallory", password="guess")
    failed = [line for line in server.logs if "failed login" in line]
    assert len(failed) == 1 and "from 127.0.0.1 (user mallory): wrong password" in failed[0]
    term.send(b"q")
    await term.finish()
    server.login_failures.flush(float("inf"))
    failed = [line for line in server.logs if "failed login" in line]
    assert failed[-1].split(" ", 1)[1].startswith("2 failed logins from 127.0.0.1")


def test_failed_logins_are_one_line_per_address_per_minute():
    lines = []
    log = FailureLog(lines.append, every=60)
    for second in range(0, 150, 5):  # one a 5 s, from two addresses
        log.failed("10.0.0.1", "mallory", "wrong password", float(second))
        log.failed("10.0.0.2", "eve", "wrong password", float(second))
    log.flush(1000.0)
    for address in ("10.0.0.1", "10.0.0.2"):
        mine = [line.split(" ", 1)[1] for line in lines if f"from {address} " in line]
        assert len(mine) == 4  # at 0 s, 60 s, 120 s, and what was left at the flush
        assert mine[0].startswith("failed login") and mine[1].startswith("12 failed logins")
        counts = [1 if m.startswith("failed login") else int(m.split()[0]) for m in mine]
        assert sum(counts) == 30  # every failure counted once


def test_failed_logins_are_remembered_in_bounded_memory():
    lines = []
    log = FailureLog(lines.append, every=60, remembered=100)
    for n in range(10_000):
        log.failed(f"10.0.{n // 256}.{n % 256}", "x", "wrong password", 1.0)
        log.failed(f"10.0.{n // 256}.{n % 256}", "x", "wrong password", 2.0)
    assert len(log._pending) == 100
    # Each address's first failure at once; its second when it is forgotten (or still waits).
    assert len(lines) == 10_000 + 10_000 - 100


# -- a roster, instructors' keys ------------------------------------------------------------
@pytest.fixture
def keys():
    return {name: asyncssh.generate_private_key("ssh-ed25519") for name in ("bo", "teacher", "eve")}


def public(key) -> str:
    return key.export_public_key().decode().strip()


async def test_a_roster_lets_in_only_its_names_each_with_their_own_secret(
        start_server, state_dir, tmp_path, keys):
    roster = tmp_path / "roster"
    roster.write_text(f"# the class\nalice {hash_password('alice-secret')}\n"
                      f"bo {public(keys['bo'])}\n")
    access = Access(roster=read_roster(str(roster)))
    server = await start_server(command=EVENTS, state_dir=state_dir, access=access)
    assert "hello alice" in (await learner(server, password="alice-secret")).text
    for user, password in (("alice", "wrong"), ("bo", "alice-secret"), ("carol", "alice-secret")):
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server, username=user, password=password)
    bo = await learner(server, user="bo", password=None, client_keys=[keys["bo"]],
                       preferred_auth="publickey")
    assert "hello bo" in bo.text
    with pytest.raises(asyncssh.PermissionDenied):  # bo's key is bo's only
        await connect(server, username="alice", password=None, client_keys=[keys["bo"]],
                      preferred_auth="publickey")


async def test_an_instructors_key_gets_the_class_view(start_server, state_dir, keys):
    instructors = asyncssh.import_authorized_keys(public(keys["teacher"]))
    access = Access(password=PASSWORD, instructor_keys=instructors)
    server = await start_server(command=EVENTS, state_dir=state_dir, access=access,
                                instructor_command=[*STANDIN, "--instructor"])
    view = await Term.open(await connect(server, username="anyone", password=None,
                                         client_keys=[keys["teacher"]],
                                         preferred_auth="publickey"))
    await view.wait_for("ready")
    assert "hello" not in view.text  # the stand-in for the class view, not a learner's app
    (login,) = [line for line in server.logs if " login " in line]
    assert login.endswith("(key as instructor)")
    assert "hello alice" in (await learner(server)).text  # the password is a learner's
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server, password=None, client_keys=[keys["eve"]], preferred_auth="publickey")
    # An instructor is not a learner: not in the roster, not counted, not taken over.
    roster = await asyncio.get_running_loop().run_in_executor(
        None, client.request, state_dir, {"op": "roster"})
    assert [s["user"] for s in roster["sessions"]] == ["alice"]
