"""The channel between the class server and one learner's process: a unix
socketpair, JSON lines both ways (one object a line, `t` names its kind).

learner -> server (LEARNER_SAYS):
    log     {"text": ...}                 developer output: a traceback, a skipped lesson
    event   {"event": {...}}              what the learner did (gdtui.store.events)
    poll_answer {"poll": id, "answer": x}  their answer to the class poll (serve/poll.py)
    spotlight_state {"id": i, "state": {...}, "step": n}   the lesson asked for by the
                                          spotlight (serve/spotlight.py), or
                    {"id": i, "state": null, "error": "list" | "image" | "long", "lesson"?}
    spotlight_name {"id": i, "agreed": true | false}   may the class see their name?
server -> learner (SERVER_SAYS):
    hello   {"user": ..., "progress": {...}}   always first: who this is, progress so far
    say     {"text": ..., "from": ...}    a message from the teacher
    repaint {}                            draw the whole screen again (someone started watching)
    follow  {"state": {...} | null, "by": ...}   the lesson the instructor presents
                                          (gdtui.practice.follow_state); null: presenting ended
    poll    {"poll": {"id", "lesson", "step", "quantity", "selected"}}   the class poll asked
            {"poll": null, "closed": id, "answer": x | null?}   closed: revealed (with the
                                          answer counted as theirs), or cancelled (no "answer")
            a `follow` with "spotlight": {"name": N | null} is a learner's lesson, shown by
                                          the instructor (null: the name is not agreed)
    spotlight {"id": i, "by": ...}        the instructor would show this learner's lesson
              {"id": i, "ended": true, "by"?: ...}   the spotlight on it is over

A new message is a name in one of the tables and a handler on the side that
receives it. Nothing read from a channel is trusted: a line longer than
MAX_LINE, bad JSON, or an unknown kind is dropped and counted.
"""

from __future__ import annotations

import io
import json
import select
import socket
import threading

MAX_LINE = 64 * 1024
LEARNER_SAYS = ("log", "event", "poll_answer", "spotlight_state", "spotlight_name")
SERVER_SAYS = ("hello", "say", "repaint", "follow", "poll", "spotlight")
FLAG = "--channel-fd"  # the learner's command line names its end of the socketpair


def encode(message: dict) -> bytes:
    """One message as its line (ASCII: every character not in it is escaped)."""
    return json.dumps(message, ensure_ascii=True, allow_nan=False,
                      separators=(",", ":")).encode("ascii") + b"\n"


class Lines:
    """Bytes in, whole messages out, one `feed` at a time."""

    def __init__(self, kinds: tuple[str, ...]) -> None:
        self.kinds = kinds
        self._buffer = bytearray()
        self._skipping = False  # inside a line that was too long
        self.bad = 0  # lines dropped

    def feed(self, data: bytes) -> list[dict]:
        self._buffer += data
        out = []
        while (end := self._buffer.find(b"\n")) >= 0:
            line = bytes(self._buffer[:end])
            del self._buffer[:end + 1]
            if self._skipping:
                self._skipping = False
                continue
            message = self._parse(line)
            if message is None:
                self.bad += 1
            else:
                out.append(message)
        if len(self._buffer) > MAX_LINE:
            self._buffer.clear()
            if not self._skipping:
                self.bad += 1
            self._skipping = True
        return out

    def _parse(self, line: bytes) -> dict | None:
        if len(line) > MAX_LINE:
            return None
        try:
            message = json.loads(line)
        except (ValueError, RecursionError):
            return None
        if not isinstance(message, dict) or message.get("t") not in self.kinds:
            return None
        return message


def socketpair() -> tuple[socket.socket, socket.socket]:
    """(the server's end, the learner's end), both close-on-exec; the learner's
    is passed to it by number."""
    return socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)


class LearnerChannel:
    """The learner's end: sends from any thread, reads on the app's event loop."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.lines = Lines(SERVER_SAYS)
        self._lock = threading.Lock()
        self.closed = False
        self._early: list[dict] = []  # read with the hello, not handled yet

    @classmethod
    def from_fd(cls, fd: int) -> LearnerChannel:
        return cls(socket.socket(fileno=fd))

    def send(self, message: dict) -> None:
        """Write one message; a server that is gone is not an error here (the
        hang-up ends this process soon)."""
        if self.closed:
            return
        data = encode(message)
        with self._lock:
            try:
                self.sock.sendall(data)
            except OSError:
                self.closed = True

    def hello(self, timeout: float = 10.0) -> dict:
        """The server's first message (ValueError if it does not come)."""
        while not self._early:
            ready, _, _ = select.select([self.sock], [], [], timeout)
            data = self.sock.recv(65536) if ready else b""
            if not data:
                raise ValueError("the server sent no hello")
            self._early += self.lines.feed(data)
        first = self._early.pop(0)
        if first["t"] != "hello":
            raise ValueError(f"the server's first message is {first['t']!r}, not hello")
        return first

    def read_ready(self) -> list[dict]:
        """What has arrived (call when the socket is readable); [] at its end."""
        early, self._early = self._early, []
        try:
            data = self.sock.recv(65536, socket.MSG_DONTWAIT)
        except BlockingIOError:
            return early
        except OSError:
            data = b""
        if not data:
            self.closed = True
            return early
        return early + self.lines.feed(data)

    def fileno(self) -> int:
        return self.sock.fileno()


class LogStream(io.TextIOBase):
    """A text stream (sys.stderr) whose lines go over the channel as `log`.
    (A TextIOBase, so code that asks a stream whether it is closed can ask.)"""

    def __init__(self, channel: LearnerChannel) -> None:
        super().__init__()
        self.channel = channel
        self._partial = ""
        self._lock = threading.Lock()

    def write(self, text: str) -> int:
        with self._lock:
            self._partial += text
            *lines, self._partial = self._partial.split("\n")
            if len(self._partial) > MAX_LINE // 8:  # no newline coming: send it anyway
                lines.append(self._partial)
                self._partial = ""
        for line in lines:
            self.channel.send({"t": "log", "text": line[: MAX_LINE // 8]})
        return len(text)

    def flush(self) -> None:
        with self._lock:
            rest, self._partial = self._partial, ""
        if rest:
            self.channel.send({"t": "log", "text": rest})

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError("the log is a channel, not a file")

    @property
    def encoding(self) -> str:
        return "utf-8"

    def writable(self) -> bool:
        return True


class ServerChannel:
    """The server's end of one learner's channel, on the server's event loop.

    `run()` reads until the learner's process has closed its end, handing each
    message to on_message; `send()` queues a message (at most OUT_LIMIT wait:
    a learner's process that stops reading loses messages, never the server)."""

    OUT_LIMIT = 256

    def __init__(self, sock: socket.socket, on_message) -> None:
        import asyncio

        sock.setblocking(False)
        self.sock = sock
        self.on_message = on_message
        self.lines = Lines(LEARNER_SAYS)
        self._loop = asyncio.get_running_loop()
        self._out: asyncio.Queue[bytes] = asyncio.Queue(self.OUT_LIMIT)
        self._writer = asyncio.ensure_future(self._write())
        self.dropped = 0

    async def run(self) -> None:
        while True:
            try:
                data = await self._loop.sock_recv(self.sock, 65536)
            except OSError:
                data = b""
            if not data:
                return
            for message in self.lines.feed(data):
                self.on_message(message)

    def send(self, message: dict) -> None:
        import asyncio

        try:
            self._out.put_nowait(encode(message))
        except asyncio.QueueFull:
            self.dropped += 1

    async def _write(self) -> None:
        while True:
            data = await self._out.get()
            try:
                await self._loop.sock_sendall(self.sock, data)
            except OSError:
                return  # the learner's process is gone

    def close(self) -> None:
        self._writer.cancel()
        self.sock.close()
