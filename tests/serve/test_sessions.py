"""A learner's session end to end: login, screen, keys, resize, endings."""

from __future__ import annotations

import ast
import asyncio
import time

import asyncssh
import pytest

from gdtui.serve.auth import Access
from gdtui.serve import session as session_module
from gdtui.serve.session import RESIZE_EVERY
from serve_helpers import PASSWORD, Term, child_pid, connect, pid_state, wait_gone


async def test_wrong_password_is_refused(start_server):
    server = await start_server()
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server, password="wrong")
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server, password=PASSWORD + " ")


async def test_session_runs_child_on_its_own_pty(start_server):
    server = await start_server()
    async with await connect(server, username="grace") as conn:
        term = await Term.open(conn, 100, 30, env={"LEAK": "x", "COLUMNS": "7"})
        text = await term.wait_for("ready")
        # Its own session, the pty as controlling terminal, the client's size,
        # TERM from the pty request, no client-sent variables.
        assert "leader True ctty True" in text
        assert "size 100x30" in text
        assert "TERM=xterm-256color COLORTERM=None COLUMNS=None LEAK=None" in text
        term.send(b"a")
        await term.wait_for("key b'a'")
        term.send(b"q")
        assert await term.finish() == 3  # the child's own exit status
    await asyncio.sleep(0)
    assert server.logs and "grace 127.0.0.1:" in server.logs[-1]
    assert server.logs[-1].endswith("quit (status 3)")


async def test_the_client_locale_passes_and_nothing_else_it_sends(start_server):
    server = await start_server()
    async with await connect(server) as conn:
        term = await Term.open(conn, env={"LANG": "zh_CN.UTF-8", "LD_PRELOAD": "/tmp/x.so"})
        await term.wait_for("LANG=zh_CN.UTF-8 LD_PRELOAD=None")


async def test_truecolor_only_when_term_says_so(start_server):
    server = await start_server()
    async with await connect(server) as conn:
        term = await Term.open(conn, term="xterm-direct")
        await term.wait_for("TERM=xterm-direct COLORTERM=truecolor")
    async with await connect(server) as conn:
        term = await Term.open(conn, term="vt100;rm -rf")  # not a terminfo name
        await term.wait_for("TERM=xterm-256color COLORTERM=None")


async def test_resize_reaches_the_child(start_server):
    server = await start_server()
    async with await connect(server) as conn:
        term = await Term.open(conn, 80, 24)
        await term.wait_for("ready")
        term.process.change_terminal_size(120, 40)
        await term.wait_for("size 120x40")
        term.process.change_terminal_size(60, 20)
        await term.wait_for("size 60x20")


async def test_a_flood_of_window_changes_is_coalesced(start_server, monkeypatch):
    # A dragged window corner sends dozens of sizes a second, and each would
    # cost the app a relayout: the first goes through, then at most one per
    # RESIZE_EVERY, and the last one always. Counted where the session sets
    # them on the pty (the child's SIGWINCHes coalesce in the kernel anyway).
    sizes: list[tuple[int, int]] = []
    set_winsize = session_module.child.set_winsize

    def counted(fd, cols, rows):
        sizes.append((cols, rows))
        set_winsize(fd, cols, rows)

    monkeypatch.setattr(session_module.child, "set_winsize", counted)
    server = await start_server()
    async with await connect(server) as conn:
        term = await Term.open(conn, 80, 24)
        await term.wait_for("ready")
        sizes.clear()
        began = time.monotonic()
        for width in range(81, 141):  # 60 sizes, as fast as the client sends them
            term.process.change_terminal_size(width, 30)
        await term.wait_for("size 140x30")
        took = time.monotonic() - began
        assert sizes[-1] == (140, 30)
        assert len(sizes) <= 2 + int(took / RESIZE_EVERY), (sizes, took)


async def test_session_without_pty_is_refused(start_server):
    server = await start_server()
    async with await connect(server) as conn:
        process = await conn.create_process(encoding=None)  # no term_type: no pty
        err = await asyncio.wait_for(process.stderr.read(), 10)
        await process.wait_closed()
        assert err.strip() == b"gdtui needs a terminal: use ssh -t"
        assert process.exit_status == 1
    assert not server.sessions


async def test_disconnect_kills_and_reaps_the_group(start_server):
    server = await start_server(args=["--grandchild"])
    conn = await connect(server)
    term = await Term.open(conn)
    await term.wait_for("ready")
    pid = child_pid(term)
    grandchild = int(term.raw.split(b"grandchild ")[1].split()[0])
    assert pid_state(pid) not in (None, "Z")
    conn.close()
    await wait_gone(pid)  # reaped by the server: no zombie left behind
    # Not the server's child: reparented, so "dead" is all the server controls.
    await wait_gone(grandchild, allow_zombie=True)
    await asyncio.sleep(0.05)
    assert server.logs[-1].endswith("client closed")
    assert not server.sessions


async def test_stubborn_child_is_killed_after_the_grace(start_server):
    server = await start_server(args=["--stubborn"], kill_grace=0.3)
    conn = await connect(server)
    term = await Term.open(conn)
    await term.wait_for("ready")
    pid = child_pid(term)
    conn.close()
    await wait_gone(pid, timeout=3)


async def test_idle_timeout_tells_the_learner_and_closes(start_server):
    server = await start_server(idle_timeout=1.0)
    async with await connect(server) as conn:
        term = await Term.open(conn)
        await term.wait_for("ready")
        pid = child_pid(term)
        loop = asyncio.get_running_loop()
        began = loop.time()
        while loop.time() - began < 1.5:  # keys keep it alive past the timeout
            await asyncio.sleep(0.1)  # (a gap of 1 s would need a very stalled machine)
            term.send(b"k")
            last_key = loop.time()
        assert await term.finish() == 0
        assert loop.time() - last_key >= 1.0  # never before the timeout after the last key
        assert b"no key pressed and nothing running for 1 seconds: session closed" in term.raw
    await wait_gone(pid)
    assert server.logs[-1].endswith("idle timeout")


async def test_output_without_keys_is_activity(start_server):
    # A lesson running in run mode draws without keys: the learner is watching
    # it, so the idle timeout counts from the app's last output too.
    server = await start_server(args=["--ticks", "10"], idle_timeout=600)
    async with await connect(server) as conn:
        term = await Term.open(conn)
        await term.wait_for("ready")
        (session,) = server.sessions
        since = session.last_active
        await term.wait_for("tick 3")  # no key sent
        assert session.last_active > since


async def test_memory_limit_applies_to_the_child(start_server):
    server = await start_server(args=["--hog", "400"], memory_bytes=256 << 20)
    async with await connect(server) as conn:
        term = await Term.open(conn)
        await term.wait_for("hog refused")


async def test_open_server_needs_no_password(start_server):
    server = await start_server(access=Access(open=True))
    async with await connect(server, password=None) as conn:
        term = await Term.open(conn)
        await term.wait_for("ready")


async def test_authorized_key_gets_in(start_server, tmp_path):
    key = asyncssh.generate_private_key("ssh-ed25519")
    keys = asyncssh.import_authorized_keys(key.export_public_key().decode())
    server = await start_server(access=Access(authorized_keys=keys))
    async with await connect(server, password=None, client_keys=[key],
                             preferred_auth="publickey") as conn:
        term = await Term.open(conn)
        await term.wait_for("ready")
    other = asyncssh.generate_private_key("ssh-ed25519")
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server, password=None, client_keys=[other], preferred_auth="publickey")


async def test_a_child_that_cannot_start_is_reported(start_server):
    server = await start_server(command=["/nonexistent/gdtui"])
    async with await connect(server) as conn:
        term = await Term.open(conn)
        assert await term.finish() == 1
        assert term.raw == b"gdtui: the app could not be started; tell the teacher\r\n"
    assert "error: [Errno 2]" in server.logs[-1]
    assert not server.sessions


async def test_a_big_paste_gets_through(start_server):
    # Far more than the pty's input buffer (4 KB): the server must wait, not drop.
    server = await start_server()
    async with await connect(server) as conn:
        term = await Term.open(conn)
        await term.wait_for("ready")
        term.send(b"x" * 200_000 + b"q")
        assert await term.finish() == 3
        echoed = b"".join(
            ast.literal_eval(line[4:].decode()) for line in term.raw.split(b"\r\n") if line.startswith(b"key b")
        )
        assert echoed == b"x" * 200_000 + b"q"


@pytest.mark.parametrize("asked, gets, told", [
    ((100000, 100000), "size 1000x1000", True),  # would kill the session (ushort)
    ((65535, 65535), "size 1000x1000", True),  # would cost the app hundreds of MB
    ((1001, 50), "size 1000x50", True),
    ((1000, 1000), "size 1000x1000", False),
    ((0, 0), "size 80x24", False),  # the client did not say
    ((1, 1), "size 1x1", False),  # too small: the app itself says so
])
async def test_window_size_is_clamped_at_the_start(start_server, asked, gets, told):
    server = await start_server()
    async with await connect(server) as conn:
        term = await Term.open(conn, *asked, screen=(80, 24))
        await term.wait_for("ready")
        assert gets in term.text
        notice = f"gdtui: your terminal says it is {asked[0]}x{asked[1]} characters"
        assert (notice.encode() in term.raw) == told
        term.send(b"q")
        await term.finish()
    assert server.logs[-1].endswith(
        f"quit (status 3) (window {asked[0]}x{asked[1]} clamped)" if told else "quit (status 3)")


@pytest.mark.parametrize("asked, gets", [
    ((100000, 100000), "size 1000x1000"),
    ((65535, 3), "size 1000x3"),
    ((5, 2), "size 5x2"),
])
async def test_window_size_is_clamped_on_resize(start_server, asked, gets):
    server = await start_server()
    async with await connect(server) as conn:
        term = await Term.open(conn)
        await term.wait_for("ready")
        term.process.change_terminal_size(*asked)
        await term.wait_for(gets)
        term.process.change_terminal_size(90, 30)  # and back: still alive
        await term.wait_for("size 90x30")
