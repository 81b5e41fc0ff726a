"""The SSH listener: refusals, the session limits, one session per learner
(a second login takes over), each session's log line, shutdown; and, with a
state folder, the class store (writer.py) and the door for `gdtui class`
(control.py).

Authentication is gate.py's (one Gate per connection)."""

from __future__ import annotations

import asyncio
import secrets
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import asyncssh

from gdtui.serve.auth import INSTRUCTOR, Access
from gdtui.serve.gate import Gate
from gdtui.serve.guard import FailedLogins, FailureLog, Limits, Pending, address_key, label
from gdtui.serve.session import ERROR, QUIT, TAKEN_OVER, Session, SessionOptions
from gdtui.store import events

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
    # The class store and gdtui class's socket live here; None: nothing kept.
    state_dir: Path | None = None
    instructor_command: Sequence[str] | None = None  # the class view, for --instructor-keys


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
        self.login_failures = FailureLog(config.log)
        self.started = time.time()
        self.by_user: dict[str, tuple[Session, asyncio.Future]] = {}
        self.writer = None  # StoreWriter, with a state folder
        self.control = None  # control.Control, with a state folder
        self._flusher: asyncio.Task | None = None
        self.bad_events = 0
        from gdtui.serve.poll import Polling
        from gdtui.serve.present import Presenting
        from gdtui.serve.spotlight import Spotlighting

        def learners():
            return [s for s in self.sessions if s.role != INSTRUCTOR and s.pid is not None]

        self.presenting = Presenting(learners)
        self.polling = Polling(learners)
        self.spotlight = Spotlighting(learners)

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

    async def start(self) -> list[str]:
        """Listen; the lines to show about the store and the class socket."""
        notes = []
        if self.config.state_dir is not None:
            from gdtui.serve.control import Control, ControlError, socket_path
            from gdtui.serve.writer import StoreWriter
            from gdtui.store.classroom import store_path

            self.control = Control(self, socket_path(self.config.state_dir))
            try:
                await self.control.start()
            except ControlError as exc:
                self.control = None
                if "another gdtui serve" in str(exc):
                    raise OSError(str(exc)) from None
                notes.append(f"warning: {exc}: gdtui class cannot reach this server")
            self.writer = StoreWriter(store_path(self.config.state_dir), self.config.log)
            warning = self.writer.start()
            notes.append(f"class store: {store_path(self.config.state_dir)}")
            if warning:
                notes.append(f"warning: {warning}")
            self.presenting.keep = self.polling.keep = self.spotlight.keep = self.writer.keep
            self.polling.keep_poll = self.writer.keep_poll
            self.presenting.load(await self.writer.call(lambda store: store.kept("present")))
            self.spotlight.load(await self.writer.call(lambda store: store.kept("spotlight")))
        self._flusher = asyncio.ensure_future(self._flush_failures())
        self._acceptor = await asyncssh.create_server(
            lambda: Gate(self), self.config.host, self.config.port,
            server_host_keys=[self.config.host_key],
            process_factory=self._handle,
            encoding=None, line_editor=False,  # raw bytes, every key to the app
            agent_forwarding=False, x11_forwarding=False, allow_scp=False,
            # Free the seat and the app of a client that stopped answering.
            keepalive_interval=self.config.keepalive[0],
            keepalive_count_max=self.config.keepalive[1],
            login_timeout=self.config.limits.login_grace,
        )
        return notes

    async def _flush_failures(self) -> None:
        while True:
            await asyncio.sleep(self.login_failures.every / 2)
            self.login_failures.flush(time.monotonic())

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
        if self.control is not None:
            await self.control.stop()
        if self._flusher is not None:
            self._flusher.cancel()
            self.login_failures.flush(float("inf"))
        if self.writer is not None:
            await self.writer.stop()

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
        learners = [s for s in self.sessions if s.role != INSTRUCTOR]
        gate = process.channel.get_connection().get_owner()
        taking_over = gate.role != INSTRUCTOR and gate.user in self.by_user
        if len(learners) >= self.config.max_sessions and not taking_over:
            return f"the class is full ({self.config.max_sessions} learners), try again later"
        conn = process.channel.get_connection()
        if any(s.conn is conn for s in self.sessions):
            return ONE_SESSION
        key = address_key(process.get_extra_info("peername"))
        limit = self.config.limits.per_address
        if sum(s.address == key for s in learners) >= limit and not taking_over:
            self._advise_per_address(key)
            return (f"the class is full for your address ({limit} learners from one address), "
                    "try again later")
        return None

    async def _run_session(self, process: asyncssh.SSHServerProcess, who: str) -> str:
        conn = process.channel.get_connection()
        gate = conn.get_owner()
        user = gate.user
        if gate.role == INSTRUCTOR:
            if self.config.instructor_command is None:
                _refuse(process, "gdtui: this server has no class view to offer (no state folder)")
                return "refused: no class view"
            # --as: the name the class sees when this instructor presents.
            session = Session(process, self.config.session, self._stopping, user=user,
                              command=[*self.config.instructor_command, "--as", user],
                              role=INSTRUCTOR)
            return await self._run(session, process, who)
        await self._take_over(user, address(process.get_extra_info("peername")))
        session_id = secrets.token_hex(8)
        progress = {}
        if self.writer is not None:
            progress = await self.writer.call(lambda store: store.progress(user).to_json())
            self.writer.put(user, events.Event(
                "login", note=address(process.get_extra_info("peername"))), session_id)
        session = Session(process, self.config.session, self._stopping, user=user,
                          hello={"t": "hello", "user": user, "progress": progress},
                          on_event=lambda s, e: self._event(s, e, session_id),
                          catch_up=lambda: (self.presenting.catch_up() + self.polling.catch_up()
                                            + self.spotlight.catch_up(user)),
                          on_poll_answer=lambda s, m: self.polling.answer(s.user, m),
                          on_spotlight=lambda s, m: self.spotlight.heard(s.user, m))
        finished = asyncio.get_running_loop().create_future()
        self.by_user[user] = (session, finished)
        how = ERROR
        try:
            how = await self._run(session, process, who)
            return how
        finally:
            if self.by_user.get(user, (None,))[0] is session:
                del self.by_user[user]
            finished.set_result(None)
            if self.writer is not None:
                self.writer.put(user, events.Event("logout", note=how[:events.MAX_NOTE]),
                                session_id)

    async def _take_over(self, user: str, where: str) -> None:
        """A second login under a name already in: the older session ends
        first (its last events written), then the new one starts."""
        old = self.by_user.get(user)
        if old is None:
            return
        session, finished = old
        session.end(TAKEN_OVER, f"gdtui: you ({user}) logged in again from {where}: this "
                                "session ends here; your work is kept")
        options = self.config.session
        try:
            await asyncio.wait_for(asyncio.shield(finished), options.restore_grace
                                   + options.kill_grace + options.drain_time + 5)
        except asyncio.TimeoutError:
            pass

    def _event(self, session: Session, data: object, session_id: str) -> None:
        """One event from a learner's process: checked, stamped, kept, and
        where the learner is now updated."""
        try:
            event = events.from_json(data)
        except ValueError:
            self.bad_events += 1
            return
        if event.kind in ("login", "logout", "imported"):  # the server's own kinds
            self.bad_events += 1
            return
        if event.kind == "open":
            session.lesson, session.step = event.lesson, 0
        elif event.kind == "leave":
            session.lesson, session.step = None, None
        elif event.step is not None:
            session.lesson, session.step = event.lesson or session.lesson, event.step
        if self.writer is not None:
            self.writer.put(session.user, event.stamped(time.time()), session_id)

    async def _run(self, session: Session, process: asyncssh.SSHServerProcess, who: str) -> str:
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
