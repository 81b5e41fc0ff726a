"""What a learner cannot do: run commands, copy files, forward ports, crowd in."""

from __future__ import annotations

import asyncio

import asyncssh
import pytest

from gdtui.serve.server import NO_COMMANDS
from serve_helpers import TIMEOUT, Term, connect


async def test_exec_and_scp_are_refused_with_a_line(start_server):
    server = await start_server()
    async with await connect(server) as conn:
        for command in ("ls /", "scp -t /tmp/x"):
            result = await asyncio.wait_for(conn.run(command), TIMEOUT)
            assert result.exit_status == 1
            assert result.stderr.strip() == NO_COMMANDS
        with pytest.raises((asyncssh.Error, OSError)):  # asyncssh's scp uses exec "scp -f"
            await asyncio.wait_for(asyncssh.scp((conn, "/etc/hostname"), "/dev/null"), TIMEOUT)
        # A pty does not make a command acceptable.
        result = await asyncio.wait_for(conn.run("python3", term_type="xterm"), TIMEOUT)
        assert result.exit_status == 1
    assert not server.sessions


async def test_subsystems_are_refused(start_server):
    server = await start_server()
    async with await connect(server) as conn:
        with pytest.raises(asyncssh.Error):
            await asyncio.wait_for(conn.start_sftp_client(), TIMEOUT)
        process = await conn.create_process(subsystem="netconf", encoding=None)
        await asyncio.wait_for(process.wait_closed(), TIMEOUT)
        assert process.exit_status == 1


async def test_forwarding_is_refused(start_server):
    server = await start_server()
    async with await connect(server) as conn:
        with pytest.raises(asyncssh.ChannelOpenError):
            await asyncio.wait_for(conn.open_connection("127.0.0.1", server.port), TIMEOUT)
        with pytest.raises(asyncssh.ChannelListenError):
            await asyncio.wait_for(conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 9),
                                   TIMEOUT)
        with pytest.raises(asyncssh.ChannelOpenError):
            await asyncio.wait_for(conn.open_unix_connection("/run/anything.sock"), TIMEOUT)
        with pytest.raises(asyncssh.ChannelListenError):
            await asyncio.wait_for(conn.start_unix_server(lambda: None, "/tmp/x.sock"), TIMEOUT)
        # The connection is still good for the app itself.
        term = await Term.open(conn)
        await term.wait_for("ready")


async def test_agent_and_x11_forwarding_are_off(start_server, tmp_path):
    server = await start_server()
    xauth = tmp_path / "Xauthority"
    xauth.write_bytes(b"")
    async with await connect(server, agent_forwarding=True,
                             agent_path=str(tmp_path / "agent.sock")) as conn:
        # The client asks for both; the session starts without either.
        term = await Term.open(conn, x11_forwarding="ignore_failure",
                               x11_display="localhost:0", x11_auth_path=str(xauth))
        await term.wait_for("ready")
        (session,) = server.sessions
        assert session.process.channel.get_agent_path() is None
        assert session.process.channel.get_x11_display() is None


async def test_the_session_limit(start_server):
    server = await start_server(max_sessions=2)
    conns = [await connect(server, username=f"l{i}") for i in range(3)]
    try:
        terms = [await Term.open(c) for c in conns[:2]]
        for term in terms:
            await term.wait_for("ready")
        late = await Term.open(conns[2])
        assert await late.finish() == 1
        assert late.raw == b"the class is full (2 learners), try again later\r\n"
        await asyncio.wait_for(conns[2].wait_closed(), TIMEOUT)  # and sent home
        # Those already in are untouched.
        for i, term in enumerate(terms):
            term.send(b"%d" % i)
            await term.wait_for(f"key b'{i}'")
        assert "refused: the class is full" in server.logs[-1]
        # A seat freed is a seat taken.
        terms[0].send(b"q")
        await terms[0].finish()
        await asyncio.sleep(0.05)
        again = await Term.open(await connect(server))
        await again.wait_for("ready")
    finally:
        for c in conns:
            c.close()


async def test_twenty_learners_at_once(start_server):
    server = await start_server()
    conns = await asyncio.gather(*(connect(server, username=f"learner{i}") for i in range(20)))
    try:
        terms = await asyncio.gather(*(Term.open(c) for c in conns))
        await asyncio.gather(*(t.wait_for("ready", timeout=20) for t in terms))
        assert len(server.sessions) == 20
        for i, term in enumerate(terms):
            term.send(f"{i:02d}".encode())
        await asyncio.gather(*(t.wait_for(f"key b'{i:02d}'") for i, t in enumerate(terms)))
    finally:
        for c in conns:
            c.close()
    deadline = asyncio.get_running_loop().time() + TIMEOUT
    while server.sessions and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
    assert not server.sessions
