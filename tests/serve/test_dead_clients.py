"""A client that goes away without a word: killed (its kernel closes the
connection) or frozen (it stops answering and sends no FIN: a closed laptop, a
dropped link, `ssh` stopped). Its app must not run on for minutes at half a
core: the keepalives notice the silence and the session ends."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import time

import pytest

from gdtui.serve.server import KEEPALIVE, KEEPALIVE_MISSES
from serve_helpers import HAS_OPENSSH, TIMEOUT, openssh, wait_gone

pytestmark = pytest.mark.skipif(not HAS_OPENSSH, reason="needs OpenSSH's client")


async def _read_until(master: int, needle: bytes) -> bytes:
    raw, deadline = b"", time.monotonic() + TIMEOUT
    while needle not in raw:
        assert time.monotonic() < deadline, raw[-300:]
        try:
            raw += os.read(master, 65536)
        except BlockingIOError:
            await asyncio.sleep(0.02)
    return raw


def test_a_silent_client_is_let_go_within_30_seconds():
    assert KEEPALIVE * (KEEPALIVE_MISSES + 1) <= 30


@pytest.mark.parametrize("how", ["killed", "frozen"])
async def test_a_client_that_goes_away_ends_its_app(start_server, tmp_path, how):
    # Keepalives every 2 s, two misses allowed: the defaults' 24 s in 6 s (short
    # enough for a test, long enough that a live client on a busy machine answers).
    server = await start_server(keepalive=(2.0, 2))
    proc, master = await openssh(server.port, tmp_path)
    try:
        raw = await _read_until(master, b"ready")
        pid = int(re.search(rb"pid (\d+)", raw).group(1))
        began = time.monotonic()
        os.killpg(proc.pid, signal.SIGKILL if how == "killed" else signal.SIGSTOP)
        await wait_gone(pid, timeout=30)
        if how == "frozen":  # noticed by the keepalives, not before the first miss
            assert time.monotonic() - began >= 2.0
        # The app is gone; the session ends once its channel is read to the end.
        deadline = time.monotonic() + TIMEOUT
        while server.sessions and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        assert not server.sessions
        assert server.logs[-1].endswith("client closed"), server.logs
    finally:
        # The group may be gone already though returncode is still None: the
        # child watcher reaps before it reports (ProcessLookupError, seen under load).
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
                os.killpg(proc.pid, signal.SIGCONT)
        await proc.wait()
        os.close(master)
