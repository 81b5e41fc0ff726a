"""One learner's session: the SSH channel pumped to and from the child's pty.

The session ends on whichever comes first: the learner quits the app, the
client goes away, no key arrives for the idle timeout, or the server stops.
For the last two the app is asked to leave through its own teardown (which
restores the learner's terminal); whatever is left is restored here. Then
the child's process group is killed and reaped, and the learner gets one line.
"""

from __future__ import annotations

import asyncio
import errno
import os
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import asyncssh

from gdtui.serve import child
from gdtui.serve.channel import ServerChannel
from gdtui.serve.guard import address_key
from gdtui.serve.restore import TerminalModes

# Ways a session ends (the last word of its log line).
QUIT, CLIENT_CLOSED, IDLE, STOPPING, ERROR = (
    "quit", "client closed", "idle timeout", "server stopping", "error",
)
TAKEN_OVER, ENDED = "taken over", "ended by the teacher"  # end(): the server's own reasons
_READ_SIZE = 65536
LOG_LIMIT = 32768  # bytes of a child's log kept for the server's log (its end)
# A dragged window sends dozens of sizes a second and each costs the app a
# relayout: the first goes through at once, then at most one per RESIZE_EVERY,
# the last size always.
RESIZE_EVERY = 0.25


@dataclass(frozen=True)
class SessionOptions:
    command: Sequence[str]
    idle_timeout: float = 900.0  # seconds without a key or output (a running lesson); 0 = never
    memory_bytes: int = 1 << 30  # RLIMIT_AS of the child; 0 = no limit
    kill_grace: float = 2.0  # SIGTERM to SIGKILL
    drain_time: float = 1.0  # after the child exits, wait this long for its last output
    restore_grace: float = 3.0  # for the app to leave on its own when asked to stop
    zygote: object | None = None  # a forking.Zygote: fork the app from it when it is ready


def describe_wait(seconds: float) -> str:
    if seconds >= 120 and seconds % 60 == 0:
        return f"{seconds / 60:g} minutes"
    return f"{seconds:g} seconds"


class Session:
    def __init__(
        self,
        process: asyncssh.SSHServerProcess,
        options: SessionOptions,
        stopping: asyncio.Event,
        *,
        user: str = "",
        hello: dict | None = None,
        on_event: Callable[[Session, dict], None] | None = None,
        command: Sequence[str] | None = None,
        role: str = "learner",
        catch_up: Callable[[], list[dict]] | None = None,
        on_poll_answer: Callable[[Session, dict], None] | None = None,
        on_spotlight: Callable[[Session, dict], None] | None = None,
    ) -> None:
        self.process = process
        self.role = role  # or "instructor": the class view instead of a lesson
        self.user = user  # checked at login (gdtui.store.names)
        self.hello = hello or {"t": "hello", "user": user, "progress": {}}
        self.on_event = on_event  # each `event` message from the learner's process
        self.catch_up = catch_up  # what the app is sent after its hello (a presented lesson)
        self.on_poll_answer = on_poll_answer  # each answer to the class poll
        self.on_spotlight = on_spotlight  # the spotlight's state and name from the app
        self.command = list(command or options.command)
        self.conn = process.channel.get_connection()
        self.address = address_key(process.get_extra_info("peername"))
        self.options = options
        self.stopping = stopping
        self.loop = asyncio.get_running_loop()
        self.proc: asyncio.subprocess.Process | None = None
        self.master = -1
        self.channel: ServerChannel | None = None
        self.app_log = bytearray()  # the child's developer output (tracebacks)
        self.modes = TerminalModes()
        self.error: BaseException | None = None
        self.pid: int | None = None  # the child's, once started
        self.clamped: tuple[int, int] | None = None  # a window size the client asked for
        # The app writes only when its screen changes, so output that comes
        # without keys is a lesson running (or a presentation followed).
        self.last_active = self.loop.time()
        self._size_wanted: tuple[int, int] | None = None
        self._size_set_at = -RESIZE_EVERY
        self._resize_timer: asyncio.TimerHandle | None = None
        self.last_input = self.last_active  # a key's time (the class view's idle)
        self.started = time.time()
        self.size = (0, 0)  # the learner's terminal, as the app has it
        self.lesson: str | None = None  # where the learner is, from its events
        self.step: int | None = None
        self.watchers: set[Callable[[bytes], None]] = set()  # `w` in gdtui class
        self._end = asyncio.Event()
        self.finished = asyncio.Event()  # run() is over: the app is gone, its channel read
        self.end_line = ""
        self.end_how = ""

    async def start(self) -> None:
        """Start the child on its pty (OSError if it cannot be started)."""
        cols, rows, _, _ = self.process.get_terminal_size()
        self._check_size(cols, rows)
        self.size = child.clamp_size(cols, rows)
        env = child.child_env(self.process.get_terminal_type(), self.process.env)
        # The class view (an instructor) is not the app the zygote has ready.
        zygote = self.options.zygote if self.role == "learner" else None
        self.proc, self.master, sock = await child.spawn(
            self.command, env, cols, rows, self.options.memory_bytes, zygote
        )
        self.pid = self.proc.pid
        self.channel = ServerChannel(sock, self._on_message)
        self.channel.send(self.hello)
        for message in self.catch_up() if self.catch_up is not None else []:
            self.channel.send(message)

    def end(self, how: str, line: str) -> None:
        """End this session for the server's own reason (TAKEN_OVER, ENDED):
        the app leaves as after q, then the learner reads `line`."""
        if not self._end.is_set():
            self.end_how, self.end_line = how, line
            self._end.set()

    def say(self, text: str, sender: str = "teacher") -> None:
        if self.channel is not None:
            self.channel.send({"t": "say", "text": text, "from": sender})

    def watch(self, watcher: Callable[[bytes], None]) -> Callable[[], None]:
        """Copy everything the app draws to watcher, from a full repaint on;
        returns what stops it."""
        self.watchers.add(watcher)
        if self.channel is not None:
            self.channel.send({"t": "repaint"})
        return lambda: self.watchers.discard(watcher)

    def _on_message(self, message: dict) -> None:
        if message["t"] == "log":
            text = message.get("text")
            if isinstance(text, str):
                self.app_log += text.encode("utf-8", "replace") + b"\n"
                del self.app_log[:-LOG_LIMIT]
        elif message["t"] == "event" and self.on_event is not None:
            self.on_event(self, message.get("event"))
        elif message["t"] == "poll_answer" and self.on_poll_answer is not None:
            self.on_poll_answer(self, message)
        elif message["t"].startswith("spotlight_") and self.on_spotlight is not None:
            self.on_spotlight(self, message)

    def _check_size(self, cols: int, rows: int) -> None:
        if child.clamp_size(cols, rows) != (cols, rows) and cols > 0 and rows > 0:
            self.clamped = (cols, rows)
            if self.proc is None:  # at the start, the screen is still ours to write on
                self._say(f"gdtui: your terminal says it is {cols}x{rows} characters: the app "
                          f"uses at most {child.MAX_COLUMNS}x{child.MAX_ROWS} of it")

    async def run(self) -> tuple[str, int]:
        """Serve until the session ends; return (how it ended, exit status sent)."""
        proc = self.proc
        output = asyncio.ensure_future(self._pump_output())
        exited = asyncio.ensure_future(proc.wait())
        log = asyncio.ensure_future(self.channel.run())
        watchers = {
            asyncio.ensure_future(self._pump_input()): CLIENT_CLOSED,
            exited: QUIT,
            output: QUIT,  # EIO: every holder of the pty closed it
            asyncio.ensure_future(self._idle()): IDLE,
            asyncio.ensure_future(self.stopping.wait()): STOPPING,
            asyncio.ensure_future(self._end.wait()): ENDED,
        }
        try:
            done, _ = await asyncio.wait(watchers, return_when=asyncio.FIRST_COMPLETED)
            first = next(t for t in watchers if t in done)
            how = watchers[first]
            if how == ENDED:
                how = self.end_how
            if first.exception() is not None:
                # A broken channel is just a client that went away.
                self.error = first.exception()
                lost = isinstance(self.error, (asyncssh.Error, OSError))
                how = CLIENT_CLOSED if lost else ERROR
            if how in (IDLE, STOPPING, TAKEN_OVER, ENDED):
                # Ask the app to leave as after q: its teardown restores the
                # learner's terminal, and its output is still pumped to them.
                # No SIGCONT here: Textual takes it as "resumed" and switches its
                # modes back on, perhaps after its teardown. A stopped child is
                # killed by end_group below.
                child.signal_group(proc.pid, signal.SIGTERM)
                await asyncio.wait([output, exited], timeout=self.options.restore_grace)
            elif how == QUIT:
                # Let the app's last frame (and terminal restore) reach the learner,
                # and its exit status be collected before anything is killed.
                await asyncio.wait([output, exited], timeout=self.options.drain_time)
        finally:
            for task in watchers:
                task.cancel()
            await asyncio.gather(*watchers, return_exceptions=True)
            code = await child.end_group(proc, self.options.kill_grace)
            if self._resize_timer is not None:
                self._resize_timer.cancel()
            os.close(self.master)
            await self._close_channel(log)
            self.finished.set()
        status = code if code >= 0 else 128 - code
        if how != CLIENT_CLOSED:
            # Whatever the app left on (it may have been killed), then one line.
            self._say(self._farewell(how, code), before=self.modes.restore())
        if how != QUIT:
            status = 0 if how in (IDLE, STOPPING, TAKEN_OVER, ENDED) else 1
        self._exit(status)
        return how, status

    def _farewell(self, how: str, code: int) -> str:
        if how == QUIT and code < 0:  # killed by a signal that nobody here sent
            return f"gdtui: the app was stopped by signal {-code}; tell the teacher"
        if how == IDLE:
            wait = describe_wait(self.options.idle_timeout)
            return f"gdtui: no key pressed and nothing running for {wait}: session closed"
        if how == STOPPING:
            return "the class is over: server stopping"
        if how in (TAKEN_OVER, ENDED):
            return self.end_line
        return ""

    def _say(self, line: str, before: bytes = b"") -> None:
        try:
            if before:
                self.process.stdout.write(before)
            if line:
                self.process.stdout.write(line.encode() + b"\r\n")
        except (BrokenPipeError, asyncssh.Error):
            pass  # the client is already gone: nobody to tell

    def _exit(self, status: int) -> None:
        try:
            self.process.exit(status)
        except (BrokenPipeError, asyncssh.Error, OSError):
            pass  # channel already closed by the client

    # -- pumps -----------------------------------------------------------------

    async def _pump_input(self) -> None:
        """Client keys to the pty; returns when the client closes its side."""
        stdin = self.process.stdin
        while True:
            try:
                data = await stdin.read(_READ_SIZE)
            except asyncssh.TerminalSizeChanged as exc:
                self._check_size(exc.width, exc.height)
                self._resize(exc.width, exc.height)
                self.size = child.clamp_size(exc.width, exc.height)
                continue
            except (asyncssh.BreakReceived, asyncssh.SignalReceived):
                continue  # learners may not signal the app; keys are enough
            if not data:
                return
            self.last_active = self.last_input = self.loop.time()
            if not await self._write_master(data):
                # The pty is closed: the child is gone, its watcher reports it.
                await asyncio.Event().wait()

    def _resize(self, cols: int, rows: int) -> None:
        """Pass a new window size on to the app, at most one per RESIZE_EVERY."""
        self._size_wanted = (cols, rows)
        if self._resize_timer is None:
            wait = self._size_set_at + RESIZE_EVERY - self.loop.time()
            if wait <= 0:
                self._set_size()
            else:
                self._resize_timer = self.loop.call_later(wait, self._set_size)

    def _set_size(self) -> None:
        self._resize_timer = None
        if self._size_wanted is not None:
            self._size_set_at = self.loop.time()
            child.set_winsize(self.master, *self._size_wanted)  # clamped
            self._size_wanted = None

    async def _pump_output(self) -> None:
        """Pty output to the client, at the pace the client can take it."""
        stdout = self.process.stdout
        while True:
            data = await self._read_master()
            if not data:
                return
            self.last_active = self.loop.time()
            self.modes.feed(data)
            for watcher in list(self.watchers):
                watcher(data)
            stdout.write(data)
            await stdout.drain()

    async def _idle(self) -> None:
        timeout = self.options.idle_timeout
        if timeout <= 0:
            await asyncio.Event().wait()
        while (left := self.last_active + timeout - self.loop.time()) > 0:
            await asyncio.sleep(left)

    async def _close_channel(self, reading: asyncio.Task) -> None:
        # The group is dead, so the channel is at its end: what is in it (the
        # last events, a traceback) is quick to read.
        try:
            await asyncio.wait_for(reading, self.options.drain_time)
        except asyncio.TimeoutError:
            pass
        finally:
            self.channel.close()

    # -- non-blocking pty master ---------------------------------------------------

    async def _fd_ready(self, fd: int, add, remove) -> None:
        ready = self.loop.create_future()
        add(fd, lambda: ready.done() or ready.set_result(None))
        try:
            await ready
        finally:
            remove(fd)

    async def _read_master(self) -> bytes:
        """Next output from the child; b"" once nothing holds the pty open."""
        while True:
            try:
                return os.read(self.master, _READ_SIZE)
            except BlockingIOError:
                await self._fd_ready(self.master, self.loop.add_reader, self.loop.remove_reader)
            except OSError as exc:
                if exc.errno == errno.EIO:  # Linux: the slave side is closed
                    return b""
                raise

    async def _write_master(self, data: bytes) -> bool:
        """Write all of data (the pty buffer is small); False if the pty is gone."""
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(self.master, view):]
            except BlockingIOError:
                await self._fd_ready(self.master, self.loop.add_writer, self.loop.remove_writer)
            except OSError as exc:
                if exc.errno == errno.EIO:
                    return False
                raise
        return True
