"""The server's door for `gdtui class`: a unix socket in the state folder
(class.sock, mode 600), open only to the user running the server (checked
again on each connection with SO_PEERCRED).

JSON lines. A request, and its one answer:
    {"op": "roster"}                      -> {"ok": true, "now": t, "started": t, "sessions": [...]}
    {"op": "say", "text": T, "user": U?}  -> {"ok": true, "sent": n}   (no user: the whole class)
    {"op": "end", "user": U}              -> {"ok": true, "ended": n}
    {"op": "present", "state": S, "by": B} -> {"ok": true, "sent": n}   (S null: presenting ends;
                                             see present.py)
    {"op": "poll", "poll": P}             -> {"ok": true, "id": i, "sent": n}   (the class poll:
                                             P is lesson, step, quantity, selected; poll.py)
    {"op": "poll_count"}                  -> {"ok": true, "open": b, "id": i, "answers": n}
    {"op": "poll_close", "id": I}         -> {"ok": true, "answers": [{"user", "answer"}...]}
    {"op": "poll_cancel"}                 -> {"ok": true}   (closed, no reveal)
    {"op": "poll_result", "result": R}    -> {"ok": true}   (kept: gdtui class --poll)
    {"op": "spotlight", "user": U, "by": B} -> {"ok": true, "sent": n, "lesson": L, "step": s}
                                             (U's lesson to the rest of the class; spotlight.py)
    {"op": "spotlight_status"}            -> {"ok": true, "on": b, "user": U, "agreed": b|null,
                                              "lesson": L, "step": s, "connected": b}
    {"op": "spotlight_end"}               -> {"ok": true, "sent": n}
    {"op": "watch", "user": U}            -> {"ok": true, "cols": c, "rows": r}, then a stream of
        {"t": "out", "data": base64}  what the learner's app draws, from a full repaint on
        {"t": "size", "cols": c, "rows": r}
        {"t": "end", "why": ...}        the session ended
      until the watcher closes its end.
Anything else gets {"ok": false, "error": ...}.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import struct
import time
from pathlib import Path
from typing import TYPE_CHECKING

from gdtui.serve.channel import MAX_LINE, encode

if TYPE_CHECKING:
    # ClassServer (server.py) is not imported even here: server.py imports this module.
    from gdtui.serve.session import Session

SOCKET_NAME = "class.sock"
MAX_SAY = 500
WATCH_QUEUE = 2000  # chunks waiting for a slow watcher; past it, it starts again from a repaint


class ControlError(Exception):
    """The socket cannot be had (another server uses the state folder; a path too long)."""


def socket_path(state_dir: str | Path) -> Path:
    return Path(state_dir) / SOCKET_NAME


def session_info(session: Session, loop_now: float) -> dict:
    idle = max(0.0, loop_now - session.last_input)
    cols, rows = session.size
    return {"user": session.user, "address": session.address, "since": session.started,
            "last_key": time.time() - idle, "idle_s": round(idle, 1), "lesson": session.lesson,
            "step": session.step, "cols": cols, "rows": rows, "pid": session.pid}


class Control:
    def __init__(self, server: ClassServer, path: Path) -> None:
        self.server = server
        self.path = path
        self._unix: asyncio.AbstractServer | None = None
        self._clients: set[asyncio.Task] = set()

    async def start(self) -> None:
        if len(os.fsencode(self.path)) >= 104:  # sun_path, with room for the NUL
            raise ControlError(f"the state folder's path is too long for a socket ({self.path})")
        await self._clear_stale()
        old = os.umask(0o177)  # the socket is born 600: nobody else may even connect
        try:
            self._unix = await asyncio.start_unix_server(self._client, path=str(self.path),
                                                         limit=MAX_LINE)
        finally:
            os.umask(old)
        os.chmod(self.path, 0o600)

    async def _clear_stale(self) -> None:
        """A socket left by a server that died; refuse if one still answers."""
        try:
            info = os.lstat(self.path)
        except FileNotFoundError:
            return
        import stat

        if not stat.S_ISSOCK(info.st_mode):
            raise ControlError(f"{self.path} is in the way and is not a socket: remove it")
        try:
            _, writer = await asyncio.wait_for(asyncio.open_unix_connection(str(self.path)), 2)
        except (OSError, asyncio.TimeoutError):
            os.unlink(self.path)
            return
        writer.close()
        raise ControlError(f"another gdtui serve is using this state folder ({self.path.parent})")

    async def stop(self) -> None:
        if self._unix is not None:
            self._unix.close()
            for task in list(self._clients):
                task.cancel()
            await asyncio.gather(*self._clients, return_exceptions=True)
            await self._unix.wait_closed()
            try:
                os.unlink(self.path)
            except OSError:
                pass

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._clients.add(task)
        try:
            if _peer_uid(writer) != os.getuid():
                return
            while True:
                try:
                    line = await reader.readline()
                except (ValueError, asyncio.LimitOverrunError):  # a line over the limit
                    await _send(writer, {"ok": False, "error": "request too long"})
                    return
                if not line:
                    return
                try:
                    request = json.loads(line)
                except (ValueError, RecursionError):
                    request = None
                if not isinstance(request, dict):
                    await _send(writer, {"ok": False, "error": "a request is one JSON object"})
                    continue
                if request.get("op") == "watch":
                    await self._watch(request, reader, writer)
                    return
                if request.get("op") == "spotlight":  # waits for the learner's app
                    answer = await self.server.spotlight.start(request.get("user"),
                                                               request.get("by"))
                    if answer["ok"]:  # the class follows one lesson at a time
                        self.server.presenting.forget()
                        self.server.polling.cancel()
                    await _send(writer, answer)
                    continue
                await _send(writer, self.answer(request))
        except (ConnectionError, OSError):
            pass
        finally:
            self._clients.discard(task)
            writer.close()

    def answer(self, request: dict) -> dict:
        op, server = request.get("op"), self.server
        if op == "spotlight_status":
            return server.spotlight.status()
        if op == "spotlight_end":
            return server.spotlight.end()
        if op == "present":
            server.spotlight.end(quiet=True)  # the class follows one lesson at a time
            answer = server.presenting.present(request.get("state"), request.get("by"))
            if answer["ok"] and request.get("state") is None:
                server.polling.cancel()  # no lesson to reveal it on
            return answer
        polls = {"poll": lambda: server.polling.open(request.get("poll")),
                 "poll_count": server.polling.count,
                 "poll_close": lambda: server.polling.close(request.get("id")),
                 "poll_cancel": server.polling.cancel,
                 "poll_result": lambda: server.polling.result(request.get("result"))}
        if op in polls:
            return polls[op]()
        learners = [s for s in server.sessions if s.role == "learner"]
        if op == "roster":
            now = asyncio.get_running_loop().time()
            return {"ok": True, "now": time.time(), "started": server.started,
                    "sessions": [session_info(s, now) for s in learners if s.pid is not None]}
        user = request.get("user")
        if user is not None and not isinstance(user, str):
            return {"ok": False, "error": "user: a name"}
        chosen = [s for s in learners if user is None or s.user == user]
        if op == "say":
            text = request.get("text")
            if not isinstance(text, str) or not text.strip():
                return {"ok": False, "error": "say: some text"}
            for session in chosen:
                session.say(text[:MAX_SAY])
            server.config.log(f"{_stamp()} teacher says to {user or 'everyone'} "
                              f"({len(chosen)} learner(s)): {_shown(text[:MAX_SAY])}")
            return {"ok": True, "sent": len(chosen)}
        if op == "end":
            if user is None:
                return {"ok": False, "error": "end: whose session?"}
            for session in chosen:
                session.end("ended by the teacher",
                            "gdtui: the teacher ended this session; your work is kept")
            return {"ok": True, "ended": len(chosen)}
        return {"ok": False, "error": "unknown op"}

    async def _watch(self, request: dict, reader: asyncio.StreamReader,
                     writer: asyncio.StreamWriter) -> None:
        user = request.get("user")
        session = next((s for s in self.server.sessions
                        if s.role == "learner" and s.user == user and s.pid is not None), None)
        if session is None:
            await _send(writer, {"ok": False, "error": "not connected"})
            return
        chunks: asyncio.Queue[bytes | None] = asyncio.Queue(WATCH_QUEUE)
        overflowed = False

        def watcher(data: bytes) -> None:
            nonlocal overflowed
            try:
                chunks.put_nowait(data)
            except asyncio.QueueFull:
                overflowed = True

        size = session.size
        await _send(writer, {"ok": True, "cols": size[0], "rows": size[1]})
        stop = session.watch(watcher)
        closed = asyncio.ensure_future(reader.read())  # the watcher leaves: EOF
        ended = asyncio.ensure_future(session.finished.wait())
        try:
            while not closed.done():
                getting = asyncio.ensure_future(chunks.get())
                done, _ = await asyncio.wait({getting, closed, ended}, timeout=0.5,
                                             return_when=asyncio.FIRST_COMPLETED)
                if getting not in done:
                    getting.cancel()
                if session.size != size:
                    size = session.size
                    await _send(writer, {"t": "size", "cols": size[0], "rows": size[1]})
                if getting in done:
                    data = getting.result()
                    while not chunks.empty() and len(data) < 65536:
                        data += chunks.get_nowait()
                    await _send(writer, {"t": "out", "data": base64.b64encode(data).decode()})
                if overflowed:  # a slow watcher lost some: start it again from a full screen
                    overflowed = False
                    session.watch(watcher)
                if ended.done() and chunks.empty():
                    await _send(writer, {"t": "end", "why": session.end_how or "the session ended"})
                    return
        finally:
            stop()
            closed.cancel()
            ended.cancel()


async def _send(writer: asyncio.StreamWriter, message: dict) -> None:
    writer.write(encode(message))
    await writer.drain()


def _peer_uid(writer: asyncio.StreamWriter) -> int:
    sock = writer.get_extra_info("socket")
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1]


def _stamp() -> str:
    from gdtui.serve.guard import stamp

    return stamp()


def _shown(text: str) -> str:
    from gdtui.text.safe import visible

    return visible(text)
