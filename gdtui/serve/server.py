"""The SSH listener: refusals, the session limits, each session's log line, shutdown.

Authentication is gate.py's (one Gate per connection)."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import asyncssh

from gdtui.serve.auth import Access
from gdtui.serve.gate import Gate
from gdtui.serve.guard import FailedLogins, Limits, Pending, address_key
from gdtui.serve.session import ERROR, QUIT, Session, SessionOptions

NO_PTY = "gdtui needs a terminal: use ssh -t"
NO_COMMANDS = "gdtui only runs its lessons: commands, scp and subsystems are refused"
CANNOT_START = "gdtui: the app could not be started; tell the teacher"
TURNED_AWAY_EVERY = 60.0  # seconds between log lines about connections closed at once
ONE_SESSION = "one session per connection: this connection already has the app"
NAT_ADVICE = ("a class behind one NAT or proxy comes from one address: restart with "
              "--per-address {size} (the class's size)")
# A client that sends nothing is asked every KEEPALIVE seconds; after KEEPALIVE_MISSES
# unanswered asks it is gone (a closed laptop, a dropped link): its seat and its app
# are freed KEEPALIVE * (KEEPALIVE_MISSES + 1) = 24 s after it fell silent.
KEEPALIVE, KEEPALIVE_MISSES = 8.0, 2


def stderr_line(line: str) -> None:
    try:
        print(line, file=sys.stderr, flush=True)
    except OSError:
        # The log's reader is gone (`gdtui serve 2>&1 | tee`, and Ctrl-C ended
        # tee too): the learners must still be let go properly.
        pass


@dataclass
class ServerConfig:
    host_key: asyncssh.SSHKey
    access: Access
    session: SessionOptions
    host: str = "127.0.0.1"
    port: int = 2222  # 0: any free port (see ClassServer.port)
    max_sessions: int = 40
    limits: Limits = field(default_factory=Limits)
    goodbye_time: float = 2.0  # at a stop, for learners' clients to leave by themselves
    keepalive: tuple[float, int] = (KEEPALIVE, KEEPALIVE_MISSES)  # seconds, unanswered asks
    log: Callable[[str], None] = field(default=stderr_line)


def label(text: str, limit: int = 40) -> str:
    """A client-chosen name made safe for a log line."""
    safe = "".join(c if c.isprintable() and not c.isspace() else "?" for c in text)
    return safe[:limit] or "-"


def address(peer: Sequence | None) -> str:
    if not peer:
        return "?"
    host, port = peer[0], peer[1]
    return f"[{host}]:{port}" if ":" in str(host) else f"{host}:{port}"


class ClassServer:
    """Serves the app to learners over SSH: start(), then stop()."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self.sessions: set[Session] = set()
        self._tasks: set[asyncio.Task] = set()
        self._stopping = asyncio.Event()
        self.pending: Pending[asyncssh.SSHServerConnection] = Pending(config.limits)
        self.failures = FailedLogins(config.limits)
        self._acceptor: asyncssh.SSHAcceptor | None = None
        self._turned_away = 0
        self._turned_away_noted = -TURNED_AWAY_EVERY
        self._advised = -TURNED_AWAY_EVERY

    def note_turned_away(self, key: str, per_address: bool = False) -> None:
        """Log connections closed at once for the limits: the first, then at
        most one line a minute (a flood must not flood the log too)."""
        self._turned_away += 1
        now = time.monotonic()
        if now - self._turned_away_noted >= TURNED_AWAY_EVERY:
            limit = self.config.limits.per_address
            why = (f"{limit} from {key} (--per-address) still logging in" if per_address
                   else f"too many still logging in (the last from {key})")
            self.config.log(f"gdtui serve: {self._turned_away} connection(s) closed at once: "
                            + why + (f"; {self._nat_advice()}" if per_address else ""))
            self._turned_away, self._turned_away_noted = 0, now

    def _nat_advice(self) -> str:
        return NAT_ADVICE.format(size=max(self.config.max_sessions,
                                          self.config.limits.per_address + 1))

    def _advise_per_address(self, key: str) -> None:
        """The teacher's hint when --per-address turns a learner away: once a minute."""
        now = time.monotonic()
        if now - self._advised >= TURNED_AWAY_EVERY:
            self._advised = now
            limit = self.config.limits.per_address
            self.config.log(f"gdtui serve: a learner from {key} was turned away: {limit} "
                            f"learners from that address already (--per-address {limit}); "
                            + self._nat_advice())

    @property
    def port(self) -> int:
        assert self._acceptor is not None
        return self._acceptor.get_port()

    async def start(self) -> None:
        access = self.config.access
        self._acceptor = await asyncssh.create_server(
            lambda: Gate(self), self.config.host, self.config.port,
            server_host_keys=[self.config.host_key],
            authorized_client_keys=access.authorized_keys,
            process_factory=self._handle,
            encoding=None, line_editor=False,  # raw bytes, every key to the app
            agent_forwarding=False, x11_forwarding=False, allow_scp=False,
            # Free the seat and the app of a client that stopped answering.
            keepalive_interval=self.config.keepalive[0],
            keepalive_count_max=self.config.keepalive[1],
            login_timeout=self.config.limits.login_grace,
        )

    async def stop(self) -> None:
        """Tell learners, end every session, reap every child, close everything."""
        if self._acceptor is not None:
            self._acceptor.close()
        learners = {session.conn for session in self.sessions}
        self._stopping.set()
        if self._tasks:
            # Sessions are bounded by restore_grace + kill_grace each, concurrently.
            options = self.config.session
            await asyncio.wait(self._tasks,
                               timeout=options.restore_grace + options.kill_grace + 5)
        for conn in list(self.connections - learners):
            conn.close()
        # A learner's client leaves by itself once its session channel is closed.
        # Disconnecting first could cut off the goodbye: OpenSSH exits on a
        # disconnect without writing out what it has not yet shown.
        leaving = [asyncio.ensure_future(conn.wait_closed()) for conn in learners]
        if leaving:
            await asyncio.wait(leaving, timeout=self.config.goodbye_time)
        for conn in list(self.connections):
            conn.close()
        for conn in list(self.connections):
            try:
                await asyncio.wait_for(conn.wait_closed(), 2)
            except asyncio.TimeoutError:
                conn.abort()
        if self._acceptor is not None:
            await self._acceptor.wait_closed()

    # -- one session channel ---------------------------------------------------

    def _handle(self, process: asyncssh.SSHServerProcess) -> asyncio.Task:
        task = asyncio.ensure_future(self._serve(process))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _serve(self, process: asyncssh.SSHServerProcess) -> None:
        began = time.monotonic()
        who = f"{label(process.get_extra_info('username') or '')} " + address(
            process.get_extra_info("peername")
        )
        how = ERROR
        try:
            refusal = self._refusal(process)
            if refusal is None:
                how = await self._run_session(process, who)
            else:
                how = f"refused: {refusal}"
                _refuse(process, refusal)
                if refusal.startswith("the class is full"):
                    await self._send_home(process)
        except Exception as exc:  # a bug here must not pass silently, nor stop the class
            how = f"{ERROR}: {exc!r}"
            raise
        finally:
            stamp = datetime.now().astimezone().isoformat(timespec="seconds")
            self.config.log(f"{stamp} {who} {time.monotonic() - began:.1f}s {how}")

    async def _send_home(self, process: asyncssh.SSHServerProcess) -> None:
        """Disconnect a learner turned away, unless the connection also holds a session."""
        conn = process.channel.get_connection()
        try:
            # Closing at once would lose the line just written: let it arrive.
            await asyncio.wait_for(process.wait_closed(), 2)
        except asyncio.TimeoutError:
            pass
        if all(s.conn is not conn for s in self.sessions):
            conn.close()

    def _refusal(self, process: asyncssh.SSHServerProcess) -> str | None:
        if process.command is not None or process.subsystem is not None:
            return NO_COMMANDS
        if process.get_terminal_type() is None:
            return NO_PTY
        if self._stopping.is_set():
            return "the class is over: server stopping"
        if len(self.sessions) >= self.config.max_sessions:
            return f"the class is full ({self.config.max_sessions} learners), try again later"
        conn = process.channel.get_connection()
        if any(s.conn is conn for s in self.sessions):
            return ONE_SESSION
        key = address_key(process.get_extra_info("peername"))
        limit = self.config.limits.per_address
        if sum(s.address == key for s in self.sessions) >= limit:
            self._advise_per_address(key)
            return (f"the class is full for your address ({limit} learners from one address), "
                    "try again later")
        return None

    async def _run_session(self, process: asyncssh.SSHServerProcess, who: str) -> str:
        session = Session(process, self.config.session, self._stopping)
        self.sessions.add(session)
        try:
            try:
                await session.start()
            except OSError as exc:  # e.g. the command is missing, or no ptys left
                _refuse(process, CANNOT_START)
                return f"{ERROR}: {exc}"
            how, status = await session.run()
        finally:
            self.sessions.discard(session)
            self._log_app(who, session.app_log)
        if how == ERROR:
            how = f"{ERROR}: {session.error!r}"
        elif how == QUIT:
            how = f"{how} (status {status})"
        if session.clamped:
            how += " (window {}x{} clamped)".format(*session.clamped)
        return how

    def _log_app(self, who: str, app_log: bytes) -> None:
        """What the learner's app wrote for a developer: a traceback, skipped lessons."""
        text = app_log.decode("utf-8", "replace").rstrip()
        if text:
            # The log is the teacher's terminal: no escape sequence passes.
            lines = ["".join(c if c.isprintable() else "?" for c in line)[:300]
                     for line in text.splitlines()]
            self.config.log(f"{who} app log:\n" + "\n".join(f"  | {line}" for line in lines))


def _refuse(process: asyncssh.SSHServerProcess, line: str) -> None:
    # On a pty there is one stream, the learner's screen; else stderr.
    stream = process.stdout if process.get_terminal_type() else process.stderr
    try:
        stream.write(line.encode() + b"\r\n")
        process.exit(1)
    except (BrokenPipeError, asyncssh.Error, OSError):
        pass  # the client already left
