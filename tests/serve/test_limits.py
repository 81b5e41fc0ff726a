"""What one client (or one address) cannot do: guess passwords at speed, hold
half-open connections, take several seats."""

from __future__ import annotations

import asyncio
import time

import asyncssh
import pytest

from gdtui.serve.guard import FailedLogins, Limits, Pending, address_key
from gdtui.serve.gate import TOO_MANY_TRIES
from gdtui.serve.server import ONE_SESSION
from serve_helpers import PASSWORD, TIMEOUT, Term, connect


class _Guesser(asyncssh.SSHClient):
    """A client that answers every password prompt with the next guess."""

    def __init__(self, guesses):
        self.guesses = iter(guesses)
        self.tried = 0

    def password_auth_requested(self):
        self.tried += 1
        return next(self.guesses, None)


async def _guess(server, guesses, local_addr=None):
    """Log in with a stream of passwords: (the client, the connection or the error)."""
    client = _Guesser(guesses)
    try:
        conn, _ = await asyncio.wait_for(asyncssh.create_connection(
            lambda: client, "127.0.0.1", server.port, username="mallory", known_hosts=None,
            client_keys=None, agent_path=None, config=[], preferred_auth="password",
            local_addr=local_addr,
        ), TIMEOUT)
    except (asyncssh.Error, OSError) as exc:
        return client, exc
    return client, conn


async def test_a_connection_gets_max_auth_tries_then_is_cut_off(start_server):
    server = await start_server(limits=Limits(max_auth_tries=3, fail_delay=0.01))
    client, result = await _guess(server, (f"guess{i}" for i in range(1000)))
    assert client.tried == 3
    assert isinstance(result, asyncssh.DisconnectError) and TOO_MANY_TRIES in str(result)
    # The right password on its 3rd try still gets in.
    client, conn = await _guess(server, ["no", "nope", PASSWORD])
    assert client.tried == 3 and isinstance(conn, asyncssh.SSHClientConnection)
    conn.close()


async def test_failures_from_an_address_slow_its_next_tries(start_server):
    limits = Limits(fail_delay=0.2, max_fail_delay=0.4, forgive_every=60)
    server = await start_server(limits=limits)
    for _ in range(2):
        await _guess(server, ["wrong"], local_addr=("127.0.0.2", 0))
    assert server.failures.wait("127.0.0.2", time.monotonic()) == pytest.approx(0.4, abs=0.01)
    # Even the right password waits out the address's delay (a lower bound only) ...
    began = time.monotonic()
    _, conn = await _guess(server, [PASSWORD], local_addr=("127.0.0.2", 0))
    assert time.monotonic() - began >= 0.39 and isinstance(conn, asyncssh.SSHClientConnection)
    conn.close()
    # ... while another address is not held back at all.
    assert server.failures.wait("127.0.0.1", time.monotonic()) == 0
    async with await connect(server) as conn:
        await (await Term.open(conn)).wait_for("ready")


async def _half_open(server, source: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A TCP connection that never logs in."""
    return await asyncio.wait_for(asyncio.open_connection(
        "127.0.0.1", server.port, local_addr=(source, 0)), TIMEOUT)


async def _is_open(reader: asyncio.StreamReader) -> bool:
    """True if the server greets it (SSH-2.0-...), False if it was closed at once."""
    try:
        line = await asyncio.wait_for(reader.readline(), TIMEOUT)
    except ConnectionResetError:
        return False
    return line.startswith(b"SSH-2.0-")


async def test_half_open_connections_are_capped_and_cannot_lock_learners_out(start_server):
    server = await start_server(limits=Limits(per_address=3, max_unauthenticated=5))
    flood = [await _half_open(server, "127.0.0.2") for _ in range(6)]
    assert [await _is_open(r) for r, _ in flood] == [True] * 3 + [False] * 3
    # The teacher hears of it once, not once per connection.
    turned_away = [line for line in server.logs if "closed at once" in line]
    assert turned_away == ["gdtui serve: 1 connection(s) closed at once: 3 from 127.0.0.2 "
                           "(--per-address) still logging in; a class behind one NAT or proxy "
                           "comes from one address: restart with --per-address 40 (the class's "
                           "size)"]
    others = [await _half_open(server, "127.0.0.3") for _ in range(3)]
    # 5 in all: the third from .3 would not make it hold more than .2 does.
    assert [await _is_open(r) for r, _ in others] == [True, True, False]
    assert len(server.pending) == 5
    # A learner from a third address displaces the oldest of the biggest holder.
    async with await connect(server) as conn:
        term = await Term.open(conn)
        await term.wait_for("ready")
        assert await flood[0][0].read() == b""  # closed to make room
    for _, writer in flood + others:
        writer.close()


async def test_a_connection_that_does_not_log_in_is_closed_after_the_grace(start_server):
    server = await start_server(limits=Limits(login_grace=0.5))
    reader, writer = await _half_open(server, "127.0.0.2")
    assert await _is_open(reader)
    assert await asyncio.wait_for(reader.read(), TIMEOUT) == b""
    writer.close()
    deadline = time.monotonic() + TIMEOUT
    while len(server.pending) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    assert len(server.pending) == 0


async def test_one_session_per_connection(start_server):
    server = await start_server()
    async with await connect(server) as conn:
        first = await Term.open(conn)
        await first.wait_for("ready")
        second = await Term.open(conn)
        assert await second.finish() == 1
        assert second.raw == ONE_SESSION.encode() + b"\r\n"
        first.send(b"a")
        await first.wait_for("key b'a'")
    assert len([line for line in server.logs if ONE_SESSION in line]) == 1


async def test_per_address_session_limit(start_server):
    server = await start_server(limits=Limits(per_address=2))
    conns = [await connect(server) for _ in range(3)]
    try:
        for conn in conns[:2]:
            await (await Term.open(conn)).wait_for("ready")
        late = await Term.open(conns[2])
        assert await late.finish() == 1
        assert late.raw == (b"the class is full for your address (2 learners from one address),"
                            b" try again later\r\n")
        # The teacher learns which flag to raise, once (not once per refusal).
        conns.append(await connect(server))
        assert await (await Term.open(conns[3])).finish() == 1
        advice = [line for line in server.logs if "--per-address" in line]
        assert advice == ["gdtui serve: a learner from 127.0.0.1 was turned away: 2 learners "
                          "from that address already (--per-address 2); a class behind one NAT "
                          "or proxy comes from one address: restart with --per-address 40 (the "
                          "class's size)"]
        # From another address there are seats left.
        other = await connect(server, local_addr=("127.0.0.2", 0))
        await (await Term.open(other)).wait_for("ready")
        other.close()
    finally:
        for conn in conns:
            conn.close()


# -- the limits' own logic, with explicit clocks ---------------------------------

@pytest.mark.parametrize("failures, then, wait", [
    ([], 0, 0.0),
    ([0], 0, 0.5),
    ([0, 1], 1, 1.0),
    ([0, 0, 0, 0], 0, 4.0),
    ([0] * 9, 0, 8.0),  # capped
    ([0], 30, 0.0),  # forgiven: one failure per 30 s
    ([0, 0, 0], 30, 1.0),  # two left
])
def test_failed_login_waits(failures, then, wait):
    logins = FailedLogins(Limits())
    for when in failures:
        logins.failed("10.0.0.1", when)
    assert logins.wait("10.0.0.1", then) == pytest.approx(wait)
    assert logins.wait("10.0.0.2", then) == 0


def test_failed_logins_remember_a_bounded_number_of_addresses():
    logins = FailedLogins(Limits(remembered=100))
    for i in range(10_000):
        logins.failed(f"10.0.{i // 256}.{i % 256}", 0)
    assert len(logins) == 100
    assert logins.wait("10.0.39.15", 0) > 0 and logins.wait("10.0.0.0", 0) == 0


def test_pending_connections_admit_and_displace():
    pending: Pending[str] = Pending(Limits(per_address=2, max_unauthenticated=4))
    assert pending.admit("a1", "A") == (True, None)
    assert pending.admit("a2", "A") == (True, None)
    assert pending.admit("a3", "A") == (False, None)  # per address
    assert pending.admit("b1", "B") == (True, None)
    assert pending.admit("c1", "C") == (True, None)
    assert pending.admit("d1", "D") == (True, "a1")  # full: A held the most
    assert pending.admit("e1", "E") == (False, None)  # nobody holds more than 1 now
    pending.done("b1")
    pending.done("b1")  # twice is harmless
    assert pending.admit("e1", "E") == (True, None) and len(pending) == 4


@pytest.mark.parametrize("peer, key", [
    (("192.0.2.7", 50000), "192.0.2.7"),
    (("2001:db8:1:2:aaaa::1", 50000, 0, 0), "2001:db8:1:2::/64"),
    (("2001:db8:1:2:ffff::9", 50001, 0, 0), "2001:db8:1:2::/64"),  # the same host's /64
    (("::ffff:192.0.2.7", 50000, 0, 0), "192.0.2.7"),
    (("fe80::1%eth0", 22, 0, 2), "fe80::/64"),
    (None, "?"),
])
def test_address_keys(peer, key):
    assert address_key(peer) == key
