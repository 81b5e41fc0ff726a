"""`gdtui serve` as a teacher runs it, the real app and its zygote included:
a hang-up of the teacher's terminal does not end the class, and under
`| tee -i` the last lines reach the file."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import sys
import time
from pathlib import Path

from serve_helpers import TIMEOUT, Term, connect, pid_state

GDTUI = str(Path(sys.executable).with_name("gdtui"))  # the venv's, not PATH's


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(p) for p in f.read().split()]


def _cmdline(pid: int) -> list[str]:
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().decode().split("\0")


async def _banner(read_line) -> str:
    lines: list[str] = []
    while not lines or not lines[-1].startswith("stop with Ctrl-C"):
        line = await asyncio.wait_for(read_line(), 60)
        assert line, f"server ended early: {lines}"
        lines.append(line.rstrip("\n"))
    return "\n".join(lines)


class _Server:
    def __init__(self, banner: str) -> None:
        self.port = int(re.search(r"ssh -p (\d+) ", banner).group(1))
        self.password = re.search(r"shown only here\): (\S+)", banner).group(1)


async def _learner_sees_the_app(server: _Server) -> None:
    async with await connect(server, password=server.password) as conn:
        term = await Term.open(conn)
        await term.wait_for("palette", timeout=60)
        term.send(b"q")
        assert await term.finish(timeout=30) == 0


async def test_a_hangup_does_not_end_the_class(tmp_path):
    proc = await asyncio.create_subprocess_exec(
        GDTUI, "serve", "--port", "0", "--state-dir", str(tmp_path), stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, start_new_session=True,
    )
    try:
        banner = await _banner(lambda: _decoded(proc.stdout))
        (zygote,) = [pid for pid in _children(proc.pid) if "--zygote-fd" in _cmdline(pid)]
        # What the kernel does when the teacher's terminal goes away: SIGHUP to the group.
        os.killpg(proc.pid, signal.SIGHUP)
        await asyncio.sleep(0.5)
        assert proc.returncode is None and pid_state(zygote) not in (None, "Z")
        await _learner_sees_the_app(_Server(banner))
        os.killpg(proc.pid, signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 30)
    finally:
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):  # reaped, not yet reported
                os.killpg(proc.pid, signal.SIGKILL)
            await proc.wait()
    assert proc.returncode == 0
    assert f"the terminal hung up; the class goes on (stop it with kill -TERM {proc.pid})" \
        in err.decode()
    deadline = time.monotonic() + TIMEOUT
    while pid_state(zygote) not in (None, "Z"):  # the zygote leaves with the server
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)


async def _decoded(stream) -> str:
    return (await stream.readline()).decode()


async def test_under_tee_i_ctrl_c_keeps_the_last_lines(tmp_path):
    log = tmp_path / "class.log"
    # As typed in a shell; Ctrl-C sends SIGINT to the whole pipeline's group.
    proc = await asyncio.create_subprocess_exec(
        "sh", "-c", f"'{GDTUI}' serve --port 0 --state-dir '{tmp_path}' 2>&1 | tee -i '{log}'",
        stdout=asyncio.subprocess.PIPE, start_new_session=True,
    )
    try:
        banner = await _banner(lambda: _decoded(proc.stdout))
        server = _Server(banner)
        async with await connect(server, password=server.password) as conn:
            term = await Term.open(conn)
            await term.wait_for("palette", timeout=60)
            os.killpg(proc.pid, signal.SIGINT)
            assert await term.finish(timeout=30) == 0
        await asyncio.wait_for(proc.communicate(), 30)
    finally:
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):  # reaped, not yet reported
                os.killpg(proc.pid, signal.SIGKILL)
            await proc.wait()
    text = log.read_text()
    assert "gdtui serve: stopping, 1 learner(s) connected" in text
    assert re.search(r" learner\d+ 127\.0\.0\.1:\d+ \d+\.\ds server stopping$", text, re.M), text
