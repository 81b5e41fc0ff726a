"""The per-session child: the app on its own pseudo-terminal.

One process per learner, in its own session with the pty as its controlling
terminal, so that resizes reach it as SIGWINCH and a hang-up or a kill of its
process group ends everything it started. Forked by the zygote when one is
ready (forking.py), else exec'd here; either way the child takes its terminal
and its memory limit in its own first lines (own_terminal).
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import re
import resource
import signal
import socket
import struct
import sys
import termios
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from gdtui.blas import ONE_THREAD
from gdtui.serve import channel
from gdtui.text.charset import CLIENT_LOCALE, locale_of
from gdtui.serve.zygote import own_fd_flags

if TYPE_CHECKING:
    from gdtui.serve.forking import ForkedApp, Zygote

DEFAULT_TERM = "xterm-256color"
# TERM comes from the client: a terminfo name, nothing else.
_TERM_OK = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
# Of the server's environment, a learner's process gets only what gdtui and
# Python need: where the teacher's data and lessons are, the locale, the
# search paths. Nothing else (an instructor's tokens and keys stay home).
_FROM_SERVER = (
    "HOME", "PATH", "PYTHONPATH", "TMPDIR", "TZ", "LANG", "LANGUAGE",
    "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
    "GDTUI_MNIST_DIR", "GDTUI_SCENARIOS",
)
_LOCALE_VARS = ("LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES")
# A locale name as a client may send it (OpenSSH sends LANG and LC_* by
# default): it picks the notes' language. Anything else a client sends is dropped.
_LOCALE_OK = re.compile(r"[A-Za-z]{1,8}(_[A-Za-z]{2})?(\.[A-Za-z0-9-]{1,16})?(@[A-Za-z]{1,16})?")
_FIXED = {
    # One BLAS thread per learner (gdtui.blas): fair on a shared machine, and OpenBLAS's
    # per-thread buffers would otherwise eat the address-space limit on big hosts.
    **ONE_THREAD,
    # UTF-8 even when the learner's locale is not installed on the server.
    "PYTHONUTF8": "1",
    # Forty learners importing the same lessons must not race to write .pyc files.
    "PYTHONDONTWRITEBYTECODE": "1",
}


APP = [sys.executable, "-m", "gdtui"]


def app_command(scenarios: Sequence[str] = (), lang: str | None = None) -> list[str]:
    """The fixed command every learner gets; nothing in it comes from the client."""
    cmd = [*APP, "--served"]
    for directory in scenarios:
        cmd += ["--scenarios", directory]
    if lang:
        cmd += ["--lang", lang]
    return cmd


def child_env(
    term: str | None,
    client: Mapping[str, str] | None = None,
    base: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """An allow-listed environment: a few of the server's variables, TERM from
    the pty request, the locale if the client sent a well-formed one.

    COLUMNS and LINES are never set: they would override the pty's size.
    """
    server = os.environ if base is None else base
    env = {k: server[k] for k in _FROM_SERVER if k in server}
    env.update({k: v for k, v in server.items() if k.startswith("LC_")})
    sent = {}
    for name in _LOCALE_VARS:
        value = (client or {}).get(name)
        if isinstance(value, str) and _LOCALE_OK.fullmatch(value):
            env[name] = sent[name] = value
    # The client's terminal's character set is the client's locale's, not the
    # one the server's LC_* and PYTHONUTF8 leave here (text/charset.py).
    said = locale_of(sent)
    if said is not None:
        env[CLIENT_LOCALE] = said
    term = term if term and _TERM_OK.fullmatch(term) else DEFAULT_TERM
    env["TERM"] = term
    if any(hint in term for hint in ("truecolor", "24bit", "direct")):
        # Only when TERM says so: OpenSSH does not forward COLORTERM, and a
        # 256-colour terminal sent 24-bit colour (macOS Terminal) shows garbage.
        env["COLORTERM"] = "truecolor"
    env.update(_FIXED)
    return env


# What a terminal can be, in characters; 0 means the client did not say.
MAX_COLUMNS = MAX_ROWS = 1000
DEFAULT_SIZE = (80, 24)


def clamp_size(cols: int, rows: int) -> tuple[int, int]:
    """A client's window size made one a terminal can have (the app needs a
    few MB per thousand cells: 100000x100000 must not reach it)."""
    if cols <= 0 or rows <= 0:
        return DEFAULT_SIZE
    return min(cols, MAX_COLUMNS), min(rows, MAX_ROWS)


def set_winsize(fd: int, cols: int, rows: int) -> None:
    """Set the pty size (clamped); the kernel then sends SIGWINCH to its foreground group."""
    cols, rows = clamp_size(cols, rows)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def own_terminal(memory_bytes: int = 0) -> None:
    """A served child's first lines (it leads a new session): take the pty on
    fd 0 as controlling terminal, then the session's address-space limit."""
    if os.getsid(0) == os.getpid():  # else not started by the server: its terminal is set
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


async def spawn(
    command: Sequence[str], env: Mapping[str, str], cols: int, rows: int, memory_bytes: int,
    zygote: Zygote | None = None,
) -> tuple[asyncio.subprocess.Process | ForkedApp, int, socket.socket]:
    """Start `command --memory-limit B --channel-fd N` on a new pty: forked by
    the zygote if it can, else exec'd.

    Returns the process, the pty master (non-blocking) and the server's end
    of the learner's channel (channel.py: fd N in the child, a socketpair)."""
    master, slave = pty.openpty()
    mine, theirs = channel.socketpair()
    own = [(channel.FLAG, theirs.fileno())]  # the child's descriptors besides its pty
    argv = [*command, "--memory-limit", str(max(memory_bytes, 0))]
    try:
        set_winsize(master, cols, rows)
        proc = await zygote.fork(argv, env, slave, own) if zygote is not None else None
        if proc is None:
            proc = await asyncio.create_subprocess_exec(
                *argv, *own_fd_flags([f for f, _ in own], [fd for _, fd in own]),
                stdin=slave, stdout=slave, stderr=slave, env=dict(env),
                pass_fds=[fd for _, fd in own], start_new_session=True,
            )
    except BaseException:
        os.close(master)
        mine.close()
        raise
    finally:
        # The child has its copies; the master must see EIO when it exits.
        os.close(slave)
        theirs.close()
    os.set_blocking(master, False)
    return proc, master, mine


def signal_group(pgid: int, sig: int) -> bool:
    """Signal a whole process group; False if nothing is left in it."""
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        return False
    return True


async def end_group(proc: asyncio.subprocess.Process | ForkedApp, grace: float) -> int:
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
