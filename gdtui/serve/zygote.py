"""The zygote: one process that has imported what a learner's app needs and
forks one child per learner, so a login costs a fork instead of a Python start.

`gdtui serve` execs it (`python -m gdtui --served --zygote-fd N ...`, the
learners' own command line plus the socket) before its SSH server starts, never
by forking the server, which has an event loop and threads. It is given the
learners' filtered environment (child.child_env), so whatever Textual reads at
import it reads as a learner's exec'd app would, and one BLAS thread.
It then imports everything (`prepare`), reads every lesson file once, freezes
the garbage collector's view of all that (gc.freeze: the pages stay shared
instead of being copied into each child by its first collection), and answers
on the socket (SOCK_SEQPACKET, one JSON message each):

    server -> zygote  {"id": n, "argv": [...], "env": {...}, "flags": [...]}
                      with descriptors [pty, *own]: each of `own` is named to
                      the app by the flag at the same place in "flags"
    zygote -> server  {"ready": pid} once, then {"id": n, "pid": p} or
                      {"id": n, "error": "..."}, and {"exit": p, "status": s}
                      when a child ends (s as asyncio's returncode)

Before each fork it checks that it is still alone (one thread, no running
event loop); if not, it refuses, says why and ends (the server starts a new
one). Each child, in its first lines: its own session with the pty as its
controlling terminal on fds 0-2, its own descriptors at 3, 4, ... and nothing
else open, default signals, the learner's environment, fresh standard
streams, reseeded generators, the collector on; then the learner's command
line runs as it would in an exec'd process (gdtui.cli: `_served`).
"""

from __future__ import annotations

import fcntl
import gc
import json
import os
import select
import signal
import socket
import sys
import termios
import traceback
from collections.abc import Callable, Sequence
from typing import NoReturn

from gdtui.serve import channel

MAX_MESSAGE = 1 << 20
MAX_FDS = 8
FIRST_OWN_FD = 3  # the child's own descriptors, after stdin, stdout and stderr


def send(sock: socket.socket, message: dict, fds: Sequence[int] = ()) -> None:
    socket.send_fds(sock, [json.dumps(message).encode()], list(fds))


def receive(sock: socket.socket) -> tuple[dict | None, list[int]]:
    """The next message and its descriptors; (None, []) once the other end is closed."""
    data, fds, flags, _ = socket.recv_fds(sock, MAX_MESSAGE, MAX_FDS)
    if flags & (socket.MSG_TRUNC | socket.MSG_CTRUNC):
        _close(fds)
        raise ValueError("message cut short")
    if not data:
        _close(fds)
        return None, []
    message = json.loads(data)
    if not isinstance(message, dict):
        _close(fds)
        raise ValueError("message is not an object")
    return message, fds


def own_fd_flags(flags: Sequence[str], numbers: Sequence[int]) -> list[str]:
    """["--channel-fd", "5", ...]: which descriptor the app should take for what."""
    return [item for flag, fd in zip(flags, numbers) for item in (flag, str(fd))]


def _close(fds: Sequence[int]) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


# -- the zygote ------------------------------------------------------------------


def serve(fd: int, prepare: Callable[[], None], start: Callable[[list[str]], int]) -> int:
    """Be the zygote on socket fd until the server closes it; start(argv) runs
    in each child as the learner's app would in its own process."""
    # The teacher's Ctrl-C, or their terminal hanging up, is for the server to
    # handle; it ends the zygote by closing the socket.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    gc.disable()  # nothing collected (and so nothing touched) until the freeze
    prepare()
    gc.freeze()
    sock = socket.socket(fileno=fd)
    wake_read, wake_write = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # the wake-up fd is what matters
    try:
        send(sock, {"ready": os.getpid()})
        return _answer(sock, wake_read, wake_write, start)
    except (BrokenPipeError, ConnectionResetError):
        return 0  # the server is gone


def _answer(sock: socket.socket, wake_read: int, wake_write: int,
            start: Callable[[list[str]], int]) -> int:
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    poller.register(wake_read, select.POLLIN)
    while True:
        for ready, _ in poller.poll():
            if ready == wake_read:
                while True:
                    try:
                        if not os.read(wake_read, 512):
                            break
                    except BlockingIOError:
                        break
                _reap(sock)
                continue
            try:
                message, fds = receive(sock)
            except (OSError, ValueError) as exc:
                print(f"gdtui zygote: bad request: {exc}", file=sys.stderr)
                return 1
            if message is None:  # the server is gone or done
                _reap(sock, quiet=True)
                return 0
            reply, alone = _fork(message, fds, sock, (wake_read, wake_write), start)
            send(sock, reply)
            if not alone:
                return 1  # the server starts a clean one


def _reap(sock: socket.socket, quiet: bool = False) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if not quiet:
            try:
                send(sock, {"exit": pid, "status": os.waitstatus_to_exitcode(status)})
            except OSError:
                quiet = True  # the server is gone: reap the rest silently


def not_alone() -> str | None:
    """Why forking now would be unsafe, or None: a fork copies only the thread
    that calls it, so another thread's locks (and a loop's state) would be
    copied half-held into the child."""
    threads = len(os.listdir("/proc/self/task"))
    if threads > 1:
        return f"the zygote has {threads} threads"
    asyncio = sys.modules.get("asyncio")
    if asyncio is not None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            return "the zygote has a running event loop"
    return None


def _fork(message: dict, fds: list[int], sock: socket.socket, wake: tuple[int, int],
          start: Callable[[list[str]], int]) -> tuple[dict, bool]:
    """Fork one learner's app; (the reply, whether the zygote may go on)."""
    answer = {"id": message.get("id")}
    argv, env, flags = message.get("argv"), message.get("env"), message.get("flags", [])
    if not (isinstance(argv, list) and isinstance(env, dict) and isinstance(flags, list)
            and len(fds) == 1 + len(flags)):
        _close(fds)
        return answer | {"error": "malformed request"}, True
    problem = not_alone()
    if problem is not None:
        _close(fds)
        return answer | {"error": problem}, False
    gc.freeze()  # what the last requests allocated stays shared too
    try:
        pid = os.fork()
    except OSError as exc:  # out of processes or memory
        _close(fds)
        return answer | {"error": f"cannot fork: {exc.strerror}"}, True
    if pid == 0:
        _child(argv, env, flags, fds, sock, wake, start)
    _close(fds)
    return answer | {"pid": pid}, True


def _child(argv: list[str], env: dict, flags: list[str], fds: list[int], sock: socket.socket,
           wake: tuple[int, int], start: Callable[[list[str]], int]) -> NoReturn:
    code = 1
    try:
        _become_learner(env, fds, sock, wake)
        argv = [*argv, *own_fd_flags(flags, range(FIRST_OWN_FD, FIRST_OWN_FD + len(flags)))]
        sys.argv = ["gdtui", *argv]
        code = start(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        _report_failure(flags)
    finally:
        os._exit(code or 0)


def _become_learner(env: dict, fds: list[int], sock: socket.socket, wake: tuple[int, int]) -> None:
    """A forked child's first lines: what an exec'd one gets from the kernel and Python."""
    signal.set_wakeup_fd(-1)
    for sig in (signal.SIGCHLD, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    os.setsid()
    pty_fd, *own = fds
    fcntl.ioctl(pty_fd, termios.TIOCSCTTY, 0)
    # Own descriptors above everything first, so no dup2 below lands on one still needed.
    top = max([*fds, *wake, sock.fileno()]) + 1
    moved = [fcntl.fcntl(fd, fcntl.F_DUPFD, top) for fd in own]
    for target in (0, 1, 2):
        os.dup2(pty_fd, target)
    for target, fd in enumerate(moved, FIRST_OWN_FD):
        os.dup2(fd, target)
    sock.detach()  # its descriptor is closed below, with everything else
    keep = FIRST_OWN_FD + len(own)
    for name in os.listdir("/proc/self/fd"):
        if int(name) >= keep:
            try:
                os.close(int(name))
            except OSError:
                pass  # the listing's own descriptor, already gone
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in env.items()})
    _fresh_stdio()
    _reseed()
    gc.enable()


def _fresh_stdio() -> None:
    """Standard streams as Python makes them for a terminal (line-buffered,
    UTF-8 as PYTHONUTF8 asks), on the pty now at fds 0-2."""
    for fd, name, mode, errors in ((0, "stdin", "r", "surrogateescape"),
                                   (1, "stdout", "w", "surrogateescape"),
                                   (2, "stderr", "w", "backslashreplace")):
        stream = open(fd, mode, buffering=1 if mode == "w" else -1, encoding="utf-8",
                      errors=errors, closefd=False)
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def _reseed() -> None:
    """Generators seeded from the OS, as in a new process: a fork would give
    every learner the zygote's sequence. (gdtui's lessons seed their own.)"""
    random = sys.modules.get("random")
    if random is not None:
        random.seed()
    numpy_random = sys.modules.get("numpy.random")
    if numpy_random is not None:
        numpy_random.seed()


def _report_failure(flags: list[str]) -> None:
    """A child that could not become the app: the traceback to the server's log
    (a `log` line on its channel), one line on its screen."""
    text = traceback.format_exc()
    if channel.FLAG in flags:
        try:
            os.write(FIRST_OWN_FD + flags.index(channel.FLAG), channel.encode({"t": "log", "text": text}))
        except OSError:
            pass
    try:
        os.write(1, b"gdtui: the app could not be started; tell the teacher\r\n")
    except OSError:
        pass
