"""The per-session child: the app on its own pseudo-terminal.

One process per learner, in its own session with the pty as its controlling
terminal, so that resizes reach it as SIGWINCH and a hang-up or a kill of its
process group ends everything it started.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import re
import resource
import signal
import struct
import sys
import termios
from collections.abc import Mapping, Sequence

DEFAULT_TERM = "xterm-256color"
# TERM comes from the client: a terminfo name, nothing else.
_TERM_OK = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
# Variables that would override what the pty says or the server decides, and
# the teacher's own login, agent and display, which are no business of learners.
_DROP = {
    "COLUMNS", "LINES", "TERM", "COLORTERM",
    "SSH_AUTH_SOCK", "SSH_AGENT_PID", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY",
    "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY", "DBUS_SESSION_BUS_ADDRESS",
}
# One BLAS thread per learner: fair on a shared machine, and OpenBLAS's
# per-thread buffers would otherwise eat the address-space limit on big hosts.
_THREADS_ONE = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def app_command(scenarios: Sequence[str] = (), lang: str | None = None) -> list[str]:
    """The fixed command every learner gets; nothing in it comes from the client."""
    cmd = [sys.executable, "-m", "gdtui", "--served"]
    for directory in scenarios:
        cmd += ["--scenarios", directory]
    if lang:
        cmd += ["--lang", lang]
    return cmd


def child_env(term: str | None, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The server's own environment with TERM from the pty request.

    Variables the client sends are never used (asyncssh accepts them all).
    """
    env = {k: v for k, v in (os.environ if base is None else base).items() if k not in _DROP}
    term = term if term and _TERM_OK.fullmatch(term) else DEFAULT_TERM
    env["TERM"] = term
    if any(hint in term for hint in ("truecolor", "24bit", "direct")):
        # Only when TERM says so: OpenSSH does not forward COLORTERM, and a
        # 256-colour terminal sent 24-bit colour (macOS Terminal) shows garbage.
        env["COLORTERM"] = "truecolor"
    for name in _THREADS_ONE:
        env.setdefault(name, "1")
    return env


def set_winsize(fd: int, cols: int, rows: int) -> None:
    """Set the pty size; the kernel then sends SIGWINCH to its foreground group."""
    if cols > 0 and rows > 0:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _child_setup(memory_bytes: int) -> None:
    """Runs in the child after setsid(): take the pty (fd 0) as controlling tty."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


async def spawn(
    command: Sequence[str], env: Mapping[str, str], cols: int, rows: int, memory_bytes: int
) -> tuple[asyncio.subprocess.Process, int]:
    """Start `command` on a new pty; return the process and the (non-blocking) master fd."""
    master, slave = pty.openpty()
    try:
        set_winsize(master, cols, rows)
        proc = await asyncio.create_subprocess_exec(
            *command, stdin=slave, stdout=slave, stderr=slave, env=dict(env),
            start_new_session=True, preexec_fn=lambda: _child_setup(memory_bytes),
        )
    except BaseException:
        os.close(master)
        raise
    finally:
        os.close(slave)  # the child has its copies; the master must see EIO when it exits
    os.set_blocking(master, False)
    return proc, master


def signal_group(pgid: int, sig: int) -> bool:
    """Signal a whole process group; False if nothing is left in it."""
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        return False
    return True


async def end_group(proc: asyncio.subprocess.Process, grace: float) -> int:
    """Hang up and terminate the child's group, SIGKILL after `grace`, reap the leader.

    Returns the leader's exit code (negative for a signal).
    """
    pgid = proc.pid  # start_new_session: the child leads its own group
    if proc.returncode is None:
        signal_group(pgid, signal.SIGHUP)
        signal_group(pgid, signal.SIGTERM)
        signal_group(pgid, signal.SIGCONT)  # a stopped process would ignore TERM
        try:
            await asyncio.wait_for(proc.wait(), grace)
        except asyncio.TimeoutError:
            pass
    # Anything left in the group (the leader or what it started) dies now.
    signal_group(pgid, signal.SIGKILL)
    return await proc.wait()
