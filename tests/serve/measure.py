"""Figures for `gdtui serve` under abuse, on loopback (not a test: run it).

    python tests/serve/measure.py guesses     password tries a second from one client
    python tests/serve/measure.py halfopen    1,100 half-open connections vs a real learner
    python tests/serve/measure.py window      the app's memory at small, clamped and huge windows

Works against this checkout, or an older one with PYTHONPATH=/path/to/checkout.
"""

from __future__ import annotations

import asyncio
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncssh

sys.path.insert(0, str(Path(__file__).parent))
from serve_helpers import STANDIN  # noqa: E402

from gdtui.serve.auth import Access  # noqa: E402
from gdtui.serve.server import ClassServer, ServerConfig  # noqa: E402
from gdtui.serve.session import SessionOptions  # noqa: E402

PASSWORD = "the right one"
CLIENT = dict(known_hosts=None, client_keys=None, agent_path=None, config=[],
              preferred_auth="password")


async def _server(command, **config) -> ClassServer:
    server = ClassServer(ServerConfig(
        host_key=asyncssh.generate_private_key("ssh-ed25519"),
        access=Access(password=PASSWORD),
        session=SessionOptions(command=command, idle_timeout=0), port=0,
        log=lambda line: None, **config))
    await server.start()
    return server


class _Guesser(asyncssh.SSHClient):
    tries = 0

    def password_auth_requested(self):
        _Guesser.tries += 1
        return f"guess{_Guesser.tries}"


async def _guess_until(port: int, deadline: float, source: str = "127.0.0.1") -> None:
    """Reconnect and guess until the deadline, as a patient attacker would."""
    while time.monotonic() < deadline:
        try:
            await asyncio.wait_for(asyncssh.create_connection(
                _Guesser, "127.0.0.1", port, username="mallory",
                local_addr=(source, 0), **CLIENT), deadline - time.monotonic())
        except (asyncssh.Error, OSError, asyncio.TimeoutError):
            pass


async def guesses(seconds: float = 10.0) -> None:
    server = await _server(STANDIN)
    for clients in (1, 20):
        _Guesser.tries = 0
        began = time.monotonic()
        await asyncio.gather(*(_guess_until(server.port, began + seconds)
                               for _ in range(clients)))
        rate = _Guesser.tries / (time.monotonic() - began)
        print(f"guesses: {clients:2d} connection(s) at once from one address: "
              f"{_Guesser.tries} tries in {seconds:g} s = {rate:.1f} a second")
    await server.stop()


def _serve_in_subprocess(tmp: Path) -> tuple[subprocess.Popen, int]:
    """`gdtui serve` with `ulimit -n 1024`, as on a stock Linux box."""
    (tmp / "pw").write_text(PASSWORD + "\n")
    script = ("import sys; from gdtui.cli.parser import build_parser; "
              "from gdtui.serve import run; "
              "args = build_parser()['serve'].parse_args(sys.argv[1:]); "
              f"sys.exit(run(args, command={STANDIN!r}))")
    proc = subprocess.Popen(
        [sys.executable, "-c", script, "--port", "0", "--state-dir", str(tmp / "state"),
         "--password-file", str(tmp / "pw")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024)))
    for line in proc.stdout:
        if line.startswith("learners connect with"):
            return proc, int(line.split("-p ")[1].split()[0])
    raise SystemExit("the server did not start")


_names = iter(range(1, 10**9))


async def _learner(port: int) -> str:
    began = time.monotonic()
    try:
        async with await asyncio.wait_for(asyncssh.connect(
                "127.0.0.1", port, username=f"ada{next(_names)}", password=PASSWORD, **CLIENT),
                20) as conn:
            process = await conn.create_process(term_type="xterm", encoding=None)
            seen = b""
            while b"ready" not in seen:
                data = await asyncio.wait_for(process.stdout.read(4096), 20)
                if not data:
                    return f"no app: {seen[-80:]!r}"
                seen += data
    except (asyncssh.Error, OSError, asyncio.TimeoutError) as exc:
        return f"locked out: {exc!r}"
    return f"got the app in {time.monotonic() - began:.2f} s"


async def halfopen(count: int = 1100) -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (count * 2 + 256,) * 2)
    with tempfile.TemporaryDirectory() as tmp:
        proc, port = _serve_in_subprocess(Path(tmp))
        try:
            for source in ("127.0.0.2", "127.0.0.1"):
                held = []
                for _ in range(count):
                    sock = socket.socket()
                    sock.bind((source, 0))
                    try:
                        sock.connect(("127.0.0.1", port))
                    except OSError:
                        sock.close()
                        continue
                    held.append(sock)
                await asyncio.sleep(1)
                fds = len(os.listdir(f"/proc/{proc.pid}/fd"))
                result = await _learner(port)
                print(f"halfopen: {count} half-open from {source}, learner from 127.0.0.1: "
                      f"{result}; server holds {fds} descriptors")
                for sock in held:
                    sock.close()
                await asyncio.sleep(1)
        finally:
            proc.terminate()
            proc.wait(10)


def _memory(pid: int) -> str:
    with open(f"/proc/{pid}/status") as f:
        fields = dict(line.split(":", 1) for line in f)
    return f"peak {int(fields['VmHWM'].split()[0]) // 1024} MB"


async def window() -> None:
    from gdtui.serve.child import app_command

    server = await _server(app_command(), max_sessions=4)
    for cols, rows in ((80, 24), (1000, 1000), (65535, 65535), (100000, 100000)):
        began = time.monotonic()
        async with await asyncssh.connect("127.0.0.1", server.port, username="ada",
                                          password=PASSWORD, **CLIENT) as conn:
            try:
                process = await conn.create_process(term_type="xterm-256color",
                                                    term_size=(cols, rows), encoding=None)
                seen = b""
                while b"palette" not in seen:  # the footer: the last line drawn
                    data = await asyncio.wait_for(process.stdout.read(65536), 120)
                    if not data:
                        break
                    seen += data
                (session,) = server.sessions
                took = time.monotonic() - began
                print(f"window {cols}x{rows}: first screen after {took:.2f} s, "
                      f"{len(seen) // 1024} KB, app {_memory(session.pid)}")
            except (asyncssh.Error, OSError, asyncio.TimeoutError, ValueError) as exc:
                print(f"window {cols}x{rows}: {exc!r}")
        await asyncio.sleep(0.5)
    await server.stop()


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    runs = {"guesses": guesses, "halfopen": halfopen, "window": window}
    if what not in runs:
        raise SystemExit(__doc__)
    asyncio.run(runs[what]())
