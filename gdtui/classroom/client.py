"""The server's unix socket (gdtui/serve/control.py), from `gdtui class`:
one request and its answer, or a watch's stream. Blocking; every wait bounded."""

from __future__ import annotations

import base64
import json
import socket
from collections.abc import Iterator
from pathlib import Path

SOCKET_NAME = "class.sock"  # as gdtui.serve.control names it
MAX_LINE = 64 * 1024 * 4  # a watch's chunk is at most 64 KB, base64'd


class NoServer(Exception):
    """No server answers on this state folder: the line to show."""


def socket_path(state_dir: str | Path) -> Path:
    return Path(state_dir) / SOCKET_NAME


def _connect(state_dir: str | Path, timeout: float) -> socket.socket:
    path = socket_path(state_dir)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(str(path))
    except FileNotFoundError:
        sock.close()
        raise NoServer(f"no gdtui serve is running with the state folder {_shown(state_dir)} "
                       f"(no {SOCKET_NAME})") from None
    except OSError as exc:
        sock.close()
        raise NoServer(f"cannot reach the server at {_shown(path)} "
                       f"({exc.strerror or exc})") from None
    return sock


def request(state_dir: str | Path, message: dict, timeout: float = 5.0) -> dict:
    """Send one request, return its answer (NoServer if nothing answers)."""
    sock = _connect(state_dir, timeout)
    try:
        sock.sendall(json.dumps(message, separators=(",", ":")).encode() + b"\n")
        return _answer(_lines(sock))
    except (OSError, ValueError) as exc:
        raise NoServer(f"the server did not answer ({exc})") from None
    finally:
        sock.close()


def _answer(lines: Iterator[bytes]) -> dict:
    line = next(lines, b"")
    answer = json.loads(line) if line else None
    if not isinstance(answer, dict):
        raise ValueError("no answer")
    return answer


def _lines(sock: socket.socket) -> Iterator[bytes]:
    buffer = b""
    while True:
        while b"\n" not in buffer:
            data = sock.recv(65536)
            if not data:
                return
            buffer += data
            if len(buffer) > MAX_LINE and b"\n" not in buffer:
                raise ValueError("a line too long from the server")
        line, buffer = buffer.split(b"\n", 1)
        yield line


class Watch:
    """A learner's screen as their app draws it: `messages()` yields
    ("size", (cols, rows)), ("out", bytes), ("end", why). close() stops it."""

    def __init__(self, state_dir: str | Path, user: str, timeout: float = 5.0) -> None:
        self.sock = _connect(state_dir, timeout)
        try:
            self.sock.sendall(json.dumps({"op": "watch", "user": user}).encode() + b"\n")
            self._lines = _lines(self.sock)
            first = _answer(self._lines)
        except (OSError, ValueError) as exc:
            self.sock.close()
            raise NoServer(f"the server did not answer ({exc})") from None
        if not first.get("ok"):
            self.sock.close()
            raise NoServer(f"cannot watch {_shown(user)}: {first.get('error', '?')}")
        self.size = (int(first["cols"]), int(first["rows"]))
        self.sock.settimeout(None)

    def messages(self) -> Iterator[tuple[str, object]]:
        try:
            for line in self._lines:
                message = json.loads(line)
                kind = message.get("t")
                if kind == "out":
                    yield "out", base64.b64decode(message["data"])
                elif kind == "size":
                    yield "size", (int(message["cols"]), int(message["rows"]))
                elif kind == "end":
                    yield "end", str(message.get("why", ""))
                    return
        except (OSError, ValueError, KeyError):
            pass
        yield "end", "the server went away"

    def close(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


def _shown(text: object) -> str:
    from gdtui.text.safe import visible

    return visible(str(text))
