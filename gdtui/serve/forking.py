"""The server's end of the zygote (zygote.py): start it, ask it for a learner's
app, follow its children, and start a new one when it dies.

While there is no zygote ready (starting, restarting, or refusing to fork),
`fork` returns None and the session execs the app instead (child.spawn), so
a login is never refused for want of a zygote, only slower.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence

from gdtui.serve import zygote as wire

READY_TIMEOUT = 60.0  # for the zygote's imports and lesson files, on a loaded machine
FORK_TIMEOUT = 10.0  # for one fork's answer; past it the zygote is taken for stuck
RESTART_DELAYS = (1.0, 5.0, 30.0)  # after deaths in a row, each soon after its start
STEADY = 60.0  # a zygote that lived this long died by accident: restart at once


class ForkedApp:
    """A learner's app forked by the zygote, with what session.py uses of an
    asyncio Process: pid, returncode, wait()."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._done = asyncio.Event()

    def ended(self, status: int) -> None:
        if self.returncode is None:
            self.returncode = status
            self._done.set()

    async def wait(self) -> int:
        await self._done.wait()
        assert self.returncode is not None
        return self.returncode

    async def watch_orphan(self, status: int) -> None:
        """The zygote died, so no exit status will come: wait until the process is gone."""
        while _alive(self.pid):
            await asyncio.sleep(0.05)
        self.ended(status)


def _alive(pid: int) -> bool:
    """pid exists and is not a zombie (an orphan's new parent may be slow to reap)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


class Zygote:
    """launcher + args: the learners' command line ([python, -m, gdtui] +
    [--served, ...]), the one command fork() takes, with per-session flags
    after it; env: the learners' filtered environment (child.child_env)."""

    def __init__(self, launcher: Sequence[str], args: Sequence[str], env: Mapping[str, str],
                 log: Callable[[str], None]) -> None:
        self.launcher = list(launcher)
        self.command = [*launcher, *args]
        self.env = dict(env)
        self.log = log
        self.process: subprocess.Popen | None = None
        self.ready = False
        self.started_at = 0.0
        self.deaths = 0  # in a row, each soon after its start
        self._sock: socket.socket | None = None
        self._ready: asyncio.Future | None = None
        self._replies: dict[int, asyncio.Future] = {}
        self._children: dict[int, ForkedApp] = {}
        self._next_id = 0
        self._closing = False
        self._restart: asyncio.TimerHandle | None = None
        self._lost_task: asyncio.Task | None = None

    # -- life ---------------------------------------------------------------------

    def start(self) -> None:
        """Exec the zygote (no preexec_fn: the server may have threads by now)."""
        server_end, zygote_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = subprocess.Popen(
                [*self.command, "--zygote-fd", str(zygote_end.fileno())],
                pass_fds=(zygote_end.fileno(),), env=self.env, stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,  # its errors go to the server's stderr: the log
            )
        except OSError:
            server_end.close()
            raise
        finally:
            zygote_end.close()
        server_end.setblocking(False)
        self._sock = server_end
        self.started_at = time.monotonic()

    async def wait_ready(self, timeout: float = READY_TIMEOUT) -> bool:
        """Follow the zygote from the running loop; True once it is ready to fork."""
        loop = asyncio.get_running_loop()
        self._ready = loop.create_future()
        loop.add_reader(self._sock, self._readable)
        try:
            await asyncio.wait_for(asyncio.shield(self._ready), timeout)
        except asyncio.TimeoutError:
            self.log(f"gdtui serve: the zygote was not ready after {timeout:g} s; "
                     "learners' apps start the slow way (exec) meanwhile")
        return self.ready

    async def close(self) -> None:
        """Stop the zygote (its children are the sessions' to end) and forget it."""
        self._closing = True
        if self._restart is not None:
            self._restart.cancel()
        self._drop_socket()
        await self._wait_process(2.0)

    # -- asking for an app -------------------------------------------------------

    async def fork(self, argv: Sequence[str], env: Mapping[str, str], pty_fd: int,
                   own: Sequence[tuple[str, int]]) -> ForkedApp | None:
        """The app `argv` (the learners' command line plus per-session flags)
        forked on pty_fd with the descriptors in own (flag, fd); None when the
        zygote cannot (the caller execs it)."""
        prefix = len(self.command)
        if not self.ready or list(argv[:prefix]) != self.command:
            return None
        request_id, self._next_id = self._next_id, self._next_id + 1
        reply = asyncio.get_running_loop().create_future()
        self._replies[request_id] = reply
        request = {"id": request_id, "argv": list(argv[len(self.launcher):]), "env": dict(env),
                   "flags": [flag for flag, _ in own]}
        try:
            wire.send(self._sock, request, [pty_fd, *(fd for _, fd in own)])
            return await asyncio.wait_for(reply, FORK_TIMEOUT)
        except (OSError, asyncio.TimeoutError) as exc:
            self._lost(f"no answer to a fork ({exc!r})", kill=True)
            return None
        finally:
            self._replies.pop(request_id, None)

    # -- messages ----------------------------------------------------------------

    def _readable(self) -> None:
        while self._sock is not None:
            try:
                message, fds = wire.receive(self._sock)
            except BlockingIOError:
                return
            except (OSError, ValueError) as exc:
                self._lost(f"bad message ({exc})", kill=True)
                return
            wire._close(fds)  # the zygote never sends any
            if message is None:
                self._lost("it ended")
                return
            self._handle(message)

    def _handle(self, message: dict) -> None:
        if "ready" in message:
            self.ready = True
            if self._ready is not None and not self._ready.done():
                self._ready.set_result(True)
        elif "exit" in message:
            app = self._children.pop(message["exit"], None)
            if app is not None:
                app.ended(int(message.get("status", 1)))
        elif "id" in message:
            reply = self._replies.get(message["id"])
            app = None
            if "pid" in message:
                # Known before the exit message that may follow in this same read.
                app = self._children[message["pid"]] = ForkedApp(message["pid"])
            else:
                self.log(f"gdtui serve: the zygote did not fork: {message.get('error')}; "
                         "that learner's app starts the slow way (exec)")
            if reply is not None and not reply.done():
                reply.set_result(app)

    # -- when it dies ---------------------------------------------------------------

    def _lost(self, why: str, kill: bool = False) -> None:
        if self._sock is None:
            return
        self._drop_socket()
        for reply in self._replies.values():
            if not reply.done():
                reply.set_result(None)
        for app in self._children.values():
            asyncio.ensure_future(app.watch_orphan(1))
        self._children.clear()
        if self._closing:
            return
        if kill and self.process is not None and self.process.poll() is None:
            self.process.kill()
        self._lost_task = asyncio.ensure_future(self._after_death(why))

    async def _after_death(self, why: str) -> None:
        status = await self._wait_process(2.0)
        lived = time.monotonic() - self.started_at
        self.deaths = 0 if lived >= STEADY else self.deaths + 1
        delay = 0.0 if self.deaths == 0 else RESTART_DELAYS[min(self.deaths, len(RESTART_DELAYS)) - 1]
        self.log(f"gdtui serve: the zygote stopped ({why}, status {status}) after {lived:.0f} s; "
                 f"a new one starts in {delay:g} s, learners' apps start the slow way meanwhile")
        self._restart = asyncio.get_running_loop().call_later(delay, self._start_again)

    def _start_again(self) -> None:
        self._restart = None
        if self._closing:
            return
        try:
            self.start()
        except OSError as exc:
            self.log(f"gdtui serve: cannot start the zygote: {exc.strerror or exc}")
            self.deaths += 1
            self._restart = asyncio.get_running_loop().call_later(
                RESTART_DELAYS[-1], self._start_again)
            return
        asyncio.ensure_future(self.wait_ready())

    def _drop_socket(self) -> None:
        self.ready = False
        if self._sock is not None:
            try:
                asyncio.get_running_loop().remove_reader(self._sock)
            except RuntimeError:
                pass  # no loop yet
            self._sock.close()
            self._sock = None

    async def _wait_process(self, grace: float) -> int | None:
        """The zygote's exit status, killing it after grace seconds."""
        process = self.process
        if process is None:
            return None
        deadline = time.monotonic() + grace
        while process.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        if process.poll() is None:
            process.kill()
            while process.poll() is None:
                await asyncio.sleep(0.02)
        return process.returncode

