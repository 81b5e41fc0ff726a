"""Helpers for the serve tests: an asyncssh client, a pyte screen, process checks."""

from __future__ import annotations

import asyncio
import itertools
import os
import pty
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import asyncssh
import pyte

STANDIN = [sys.executable, str(Path(__file__).with_name("standin.py"))]
# A stand-in that sends the channel a scripted learner's events.
EVENTS = [sys.executable, str(Path(__file__).with_name("event_standin.py"))]
PASSWORD = "correct horse"
TIMEOUT = 10  # seconds: the bound on every wait in these tests


_names = itertools.count(1)


async def connect(server, password=PASSWORD, username=None, **kwargs):
    """Log in with asyncssh's client, ignoring the user's own ssh keys and config.
    Each login is a learner of its own (learner1, learner2, ...) unless a
    username is given: a second login under one name takes over the first."""
    username = username or f"learner{next(_names)}"
    options = dict(known_hosts=None, client_keys=None, agent_path=None, config=[],
                   preferred_auth="password")
    options.update(kwargs)
    return await asyncio.wait_for(asyncssh.connect(
        "127.0.0.1", server.port, username=username, password=password, **options,
    ), TIMEOUT)


_ALTERNATE = {47 << 5, 1047 << 5, 1049 << 5}  # pyte shifts private modes


class Screen(pyte.Screen):
    """pyte's screen plus the alternate screen buffer (modes 47/1047/1049),
    which pyte ignores: what a learner's xterm shows after the app leaves."""

    def __init__(self, columns: int, lines: int) -> None:
        super().__init__(columns, lines)
        self.alternate = False
        self._main: tuple[dict, tuple[int, int]] | None = None

    def set_mode(self, *modes: int, **kwargs) -> None:
        super().set_mode(*modes, **kwargs)
        if kwargs.get("private") and {m << 5 for m in modes} & _ALTERNATE and not self.alternate:
            self.alternate = True
            self._main = ({y: dict(line) for y, line in self.buffer.items()},
                          (self.cursor.x, self.cursor.y))
            self.erase_in_display(2)

    def reset_mode(self, *modes: int, **kwargs) -> None:
        super().reset_mode(*modes, **kwargs)
        if kwargs.get("private") and {m << 5 for m in modes} & _ALTERNATE and self.alternate:
            self.alternate = False
            lines, (x, y) = self._main
            self.buffer.clear()
            for row, line in lines.items():
                self.buffer[row].update(line)
            self.dirty.update(range(self.lines))
            self.cursor_position(y + 1, x + 1)


class Term:
    """A client pty session whose output is fed into a terminal emulator."""

    def __init__(self, process: asyncssh.SSHClientProcess, cols: int, rows: int) -> None:
        self.process = process
        self.screen = Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = b""

    @classmethod
    async def open(cls, conn, cols=80, rows=24, term="xterm-256color", screen=None,
                   **kwargs) -> Term:
        """screen: the emulator's (cols, rows) when the size sent is absurd."""
        process = await conn.create_process(
            term_type=term, term_size=(cols, rows), encoding=None, **kwargs
        )
        return cls(process, *(screen or (cols, rows)))

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def wait_for(self, needle: str, timeout: float = TIMEOUT) -> str:
        """Read output until needle is on the screen (or in the raw stream)."""
        deadline = time.monotonic() + timeout
        while needle not in self.text and needle.encode() not in self.raw:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{needle!r} never appeared; screen:\n{self.text}")
            try:
                data = await asyncio.wait_for(self.process.stdout.read(65536), left)
            except asyncio.TimeoutError:
                continue
            if not data:
                raise AssertionError(f"output ended before {needle!r}; screen:\n{self.text}")
            self.raw += data
            self.stream.feed(data)
        return self.text

    async def finish(self, timeout: float = TIMEOUT) -> int | None:
        """Read to the end of the session; its exit status."""
        async def drain():
            while data := await self.process.stdout.read(65536):
                self.raw += data
                self.stream.feed(data)
            await self.process.wait_closed()

        await asyncio.wait_for(drain(), timeout)
        return self.process.exit_status

    def send(self, data: bytes) -> None:
        self.process.stdin.write(data)


def pid_state(pid: int) -> str | None:
    """The /proc state letter of pid (Z: zombie), or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return None


async def wait_gone(pid: int, allow_zombie: bool = False, timeout: float = TIMEOUT) -> None:
    """Wait until pid is reaped (or, for another parent's child, at least dead)."""
    deadline = time.monotonic() + timeout
    while (state := pid_state(pid)) is not None and not (allow_zombie and state == "Z"):
        if time.monotonic() > deadline:
            raise AssertionError(f"process {pid} still there, state {state}")
        await asyncio.sleep(0.02)


def child_pid(term: Term) -> int:
    line = next(l for l in term.raw.decode().splitlines() if l.startswith("pid "))
    return int(line.split()[1])



HAS_OPENSSH = shutil.which("ssh") is not None


async def openssh(port: int, home: Path, cols: int = 80, rows: int = 24, user: str = "ada",
                  password: str = PASSWORD):
    """OpenSSH's client logged in as user on a pty of its own: (process, pty master).

    It knows the password through SSH_ASKPASS, ignores the user's keys and
    config, and leads a session of its own (so a test can stop or kill it)."""
    from gdtui.serve.child import set_winsize

    askpass = Path(home) / "askpass"
    script = f"#!/bin/sh\necho '{password}'\n"
    # Written once per home: rewriting it could empty it under a client reading it.
    if not askpass.exists() or askpass.read_text() != script:
        askpass.write_text(script)
        askpass.chmod(0o700)
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "TERM": "xterm-256color",
           "SSH_ASKPASS": str(askpass), "SSH_ASKPASS_REQUIRE": "force"}
    master, slave = pty.openpty()
    set_winsize(master, cols, rows)
    proc = await asyncio.create_subprocess_exec(
        "ssh", "-tt", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null", "-o", "PubkeyAuthentication=no",
        "-o", "LogLevel=ERROR", "-p", str(port), f"{user}@127.0.0.1",
        stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
    )
    os.close(slave)
    os.set_blocking(master, False)
    return proc, master


def answers(state_dir, user="alice") -> int:
    """How many answers of user the class store holds."""
    conn = sqlite3.connect(state_dir / "class.db")
    try:
        return conn.execute("SELECT COUNT(*) FROM events WHERE learner = ? AND kind = 'answer'",
                            (user,)).fetchone()[0]
    finally:
        conn.close()


def ended(logs: list[str]) -> list[str]:
    """The log's session-end lines (not the login lines)."""
    return [line for line in logs if " login " not in line and "failed login" not in line]


class OpenSSH:
    """OpenSSH's own client on a pseudo-terminal of its own, its screen in pyte."""

    def __init__(self, proc, master: int, cols: int, rows: int) -> None:
        self.proc, self.master = proc, master
        self.screen = Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = b""

    @classmethod
    async def login(cls, port: int, user: str, home, password: str = PASSWORD, cols: int = 80,
                    rows: int = 24) -> "OpenSSH":
        proc, master = await openssh(port, home, cols, rows, user, password)
        return cls(proc, master, cols, rows)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def _read(self) -> bool:
        try:
            data = os.read(self.master, 65536)
        except BlockingIOError:
            return True
        except OSError:  # EIO: the client is gone
            return False
        if not data:
            return False
        self.raw += data
        self.stream.feed(data)
        return True

    async def wait_for(self, needle: str, timeout: float = TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        while needle not in self.text:
            if not self._read():
                raise AssertionError(f"ssh ended before {needle!r}; screen:\n{self.text}")
            if needle in self.text:
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never appeared; screen:\n{self.text}")
            await asyncio.sleep(0.02)
        return self.text

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    async def finish(self, timeout: float = TIMEOUT) -> int:
        deadline = time.monotonic() + timeout
        while self._read() and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        return await asyncio.wait_for(self.proc.wait(), max(0.1, deadline - time.monotonic()))

    async def close(self) -> None:
        if self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()
        os.close(self.master)


# -- the class socket and the channel stand-in (event_standin.py) ----------------------

async def standin(server, user) -> Term:
    """A stand-in learner logged in as user, its hello shown."""
    term = await Term.open(await connect(server, username=user))
    await term.wait_for("ready")
    return term


async def ask(state_dir, message) -> dict:
    """One request on the class socket, as gdtui class sends it."""
    from gdtui.classroom import client

    return await asyncio.get_running_loop().run_in_executor(
        None, client.request, state_dir, message)


async def nothing_followed(term: Term) -> None:
    """Something after what was sent, so anything sent before has been shown by now."""
    term.send(b"s")
    await term.wait_for("slipped 3")
    assert "said follow" not in term.text


async def kept(server, state_dir, name: str) -> dict | None:
    """The class's shared state `name` in the store (class_state), as JSON,
    read once the server's writer has written all it was given before: the
    writer keeps in its own time, so a read straight after an answer could
    find the state before it (seen once on a busy machine)."""
    import json

    await asyncio.wait_for(server.writer.call(lambda store: None), TIMEOUT)
    conn = sqlite3.connect(state_dir / "class.db")
    try:
        row = conn.execute("SELECT value FROM class_state WHERE name = ?", (name,)).fetchone()
    finally:
        conn.close()
    return json.loads(row[0]) if row else None
