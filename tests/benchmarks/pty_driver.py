"""Drive a program under a real pseudo-terminal and read what it draws.

The child gets the pty as stdin, stdout and stderr and as its controlling
terminal (new session + TIOCSCTTY), a window size set before it starts, and a
truecolor xterm environment without COLUMNS/LINES (Textual would prefer those
to the real size). Everything it writes is counted and timestamped as it
arrives, and fed to pyte on demand, so tests can wait for text on screen.

We answer one query the way modern terminals (kitty, WezTerm, iTerm2, foot)
do: synchronized output is supported. Textual then wraps each frame in
ESC[?2026h ... ESC[?2026l, which lets us count frames exactly.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pyte

SYNC_BEGIN = b"\x1b[?2026h"
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"  # DECRPM: mode 2026 known, currently reset
LEAVE_ALT_SCREEN = b"\x1b[?1049l"  # the app has given the terminal back
ESCAPE = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-_])")  # CSI, OSC, short
CARRY = max(len(SYNC_BEGIN), len(SYNC_QUERY), len(LEAVE_ALT_SCREEN)) - 1


def _take_terminal() -> None:
    """In the child, after setsid: make the pty (fd 0) the controlling terminal,
    so resizes and hang-ups reach it as they would in a real terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Timeout(AssertionError):
    pass


class PtyApp:
    """One program on one pseudo-terminal. Use as a context manager."""

    def __init__(self, argv: Sequence[str], cols: int = 120, rows: int = 40,
                 env: dict[str, str] | None = None, term: str = "xterm-256color") -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = dict(os.environ if env is None else env)
        for name in ("COLUMNS", "LINES"):
            env.pop(name, None)
        env["TERM"] = term
        if term == "xterm-256color":
            env["COLORTERM"] = "truecolor"
        else:
            env.pop("COLORTERM", None)
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.arrivals: list[tuple[float, int]] = []  # (perf_counter, bytes) per read
        self.total_bytes = 0
        self.frames = 0  # synchronized-output begin sequences seen
        self.restored_at: float | None = None  # when LEAVE_ALT_SCREEN arrived
        self.after_restore = bytearray()  # what was written after the app gave the terminal back
        self._carry = b""  # so sequences split across two reads are still found
        self._unparsed = bytearray()
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            list(argv), stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True, preexec_fn=_take_terminal, close_fds=True,
        )
        os.close(slave)
        os.set_blocking(self.master, False)

    # -- reading ---------------------------------------------------------------
    def _read_available(self, timeout: float) -> int:
        """Wait up to `timeout` for output, then drain what is there without
        parsing it (pyte parses ~1-2 MB/s, slower than the app can write)."""
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        got = 0
        while ready:
            try:
                data = os.read(self.master, 1 << 16)
            except (BlockingIOError, OSError):  # drained; EIO once the child is gone
                break
            if not data:
                break
            now = time.perf_counter()
            self.arrivals.append((now, len(data)))
            got += len(data)
            self._account(data, now)
        return got

    def _account(self, data: bytes, now: float) -> None:
        self.total_bytes += len(data)
        seen = self._carry + data
        self.frames += seen.count(SYNC_BEGIN) - self._carry.count(SYNC_BEGIN)
        if SYNC_QUERY in seen:
            os.write(self.master, SYNC_REPLY)
        if self.restored_at is not None:
            self.after_restore += data
        elif LEAVE_ALT_SCREEN in seen:
            self.restored_at = now
            self.after_restore += seen.split(LEAVE_ALT_SCREEN, 1)[1]
        self._carry = seen[-CARRY:]
        self._unparsed += data

    def text(self, latest_frame: bool = False) -> str:
        """What the screen shows now, one line per row.

        latest_frame: parse only from the start of the newest frame. Rows it
        redraws are exact, others may be stale: enough to follow the status bar
        in run mode without falling behind the app."""
        if latest_frame:
            start = self._unparsed.rfind(SYNC_BEGIN)
            if start > 0:
                del self._unparsed[:start]
        if self._unparsed:
            self.stream.feed(bytes(self._unparsed))
            self._unparsed.clear()
        return "\n".join(self.screen.display)

    def pump(self, seconds: float) -> None:
        """Keep reading, as a fast terminal would, for `seconds`."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            self._read_available(min(left, 0.05))

    def wait_for(self, condition: Callable[[str], bool], timeout: float = 10.0,
                 latest_frame: bool = False) -> float:
        """Read until condition(screen text) holds; returns the arrival time
        (perf_counter) of the bytes that made it hold."""
        end = time.perf_counter() + timeout
        while True:
            if self._read_available(0 if self._unparsed else 0.05) or self._unparsed:
                if condition(self.text(latest_frame)):
                    return self.arrivals[-1][0]
            elif self.proc.poll() is not None:
                raise Timeout(f"the program exited ({self.proc.returncode}):\n{self.text()}")
            if time.perf_counter() > end:
                raise Timeout(f"not shown within {timeout}s; the screen:\n{self.text()}")

    def settle(self, quiet: float = 0.03, timeout: float = 5.0) -> float:
        """Read until no bytes arrive for `quiet` seconds; returns when the last
        byte arrived (so the quiet window itself is not counted)."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end and self._read_available(quiet):
            pass
        return self.arrivals[-1][0] if self.arrivals else self.started

    # -- writing and stopping --------------------------------------------------
    def press(self, keys: str | bytes) -> float:
        """Send keys as a terminal would; returns when they were written."""
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)
        return time.perf_counter()

    def wait_exit(self, timeout: float) -> float | None:
        """Keep reading until the program exits; the exit time, or None."""
        end = time.perf_counter() + timeout
        while self.proc.poll() is None:
            if time.perf_counter() > end:
                return None
            self._read_available(0.001)
        exited = time.perf_counter()
        # What it wrote just before exiting may still be in the pty (on a busy
        # machine the exit is seen first): read it, or its last bytes (leaving
        # the alternate screen) would look never sent.
        while self._read_available(0):
            pass
        return exited

    def quit(self, key: str = "q", timeout: float = 5.0) -> tuple[float | None, float | None]:
        """Press q. Returns seconds until the terminal was given back (the
        alternate screen left) and until the process exited; None if not."""
        sent = self.press(key)
        exited = self.wait_exit(timeout)
        restored = None if self.restored_at is None else self.restored_at - sent
        return restored, None if exited is None else exited - sent

    def close(self) -> None:
        """Kill the program's process group if it is still running, reap it,
        close the pty."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        os.close(self.master)

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def printed_after_exit(self) -> str:
        """Text (escape sequences removed) written after the app left the
        alternate screen: a clean exit writes none; a crash, its traceback."""
        text = ESCAPE.sub(b"", bytes(self.after_restore)).decode(errors="replace")
        return text.strip()

    # -- the process -----------------------------------------------------------
    def memory(self) -> dict[str, float]:
        """The program's resident memory now (VmRSS) and at its peak (VmHWM), in MB."""
        found = {}
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                name, _, value = line.partition(":")
                if name in ("VmRSS", "VmHWM"):
                    found[name] = int(value.split()[0]) / 1024  # kB
        return found


class RecordingPty(PtyApp):
    """A PtyApp that keeps every byte the program wrote."""

    def __init__(self, *args, **kwargs) -> None:
        self.written = bytearray()
        super().__init__(*args, **kwargs)

    def _account(self, data: bytes, now: float) -> None:
        self.written += data
        super()._account(data, now)


# -- gdtui ---------------------------------------------------------------------
STEP = re.compile(r"\bstep (\d+)\b")
MNIST_DIR = Path("/work/shared/mnist")


GDTUI = str(Path(sys.executable).with_name("gdtui"))  # the venv's, not PATH's


def gdtui_app(*args: str) -> list[str]:
    """argv that opens the app, English notes whatever the locale."""
    return [GDTUI, *args, "--lang", "en"]


def mnist_args() -> list[str]:
    """Real MNIST (the test split) where the shared copy exists, else nothing:
    the lesson then uses the MNIST subset shipped with gdtui."""
    return ["--mnist-dir", str(MNIST_DIR)] if (MNIST_DIR / "t10k-labels-idx1-ubyte.gz").exists() else []


def app_env(cache: Path) -> dict[str, str]:
    """The environment without a developer's MNIST cache or extra lessons, on
    a UTF-8 terminal whatever locale the tests run under (elsewhere the app
    draws ASCII only: tests/app/test_chinese_terminal.py)."""
    drop = ("GDTUI_MNIST_DIR", "GDTUI_SCENARIOS", "LC_ALL", "LC_CTYPE", "LANG")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["XDG_CACHE_HOME"] = str(cache)
    env["LANG"] = "C.UTF-8"
    return env


def step_shown(text: str) -> int | None:
    """The "step N" of the status bar (the top row)."""
    match = STEP.search(text.split("\n", 1)[0])
    return int(match.group(1)) if match else None


def lesson_ready(text: str) -> bool:
    """A whole first frame: the status bar at step 0 and the footer's keys."""
    rows = text.split("\n")
    return step_shown(text) == 0 and "quit" in rows[-1].lower()


def run_past_convergence(app: PtyApp, timeout: float = 30) -> float:
    """r, and r again where run mode pauses by itself at convergence (a
    chapter lesson's error reaches 0 within a few steps: learning-steps at
    step 6); returns when the second r was sent. Not for MNIST (it never pauses)."""
    app.press("r")
    app.wait_for(lambda text: "converged at step" in text, timeout=timeout, latest_frame=True)
    app.settle(0.05)
    return app.press("r")


def to_max_speed(app: PtyApp) -> None:
    """Press + until the run speed is "max speed" (it says so in a toast)."""
    for _ in range(12):  # more than there are speeds; extra presses stay at max
        app.press("+")
    app.wait_for(lambda text: "max speed" in text, timeout=5)
    app.settle(0.1)
