"""Run one untrusted lesson file in a forked child process, with a time limit.

A user's lesson file is Python: it may loop forever, print, close stdout,
call os._exit, start threads or raise anything. So each one runs in a child
of its own (a fork: NumPy and gdtui are already imported, so it starts in a
few milliseconds), with stdin, stdout and stderr on /dev/null, in a session
of its own, under a memory limit. The child checks the lesson and sends back
only plain data as JSON (never pickle: unpickling runs code); this process
builds the Scenario from that data and checks it again. When the reply is in,
or the time is up, the child's whole process group is killed and reaped.

How far this goes: a file cannot hang gdtui (time limit), kill it (its own
process), keep it alive (its threads die with the child), write to gdtui's
terminal or output, or exhaust gdtui's memory (RLIMIT_AS in the child). What
it does outside its process in those seconds (files it writes, a process that
leaves the session with setsid, a fork bomb's effect on the machine) is not
contained: that needs a container or a separate user, and a lesson file is
code the learner chose to run, as a Python script would be.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import sys
import time
from pathlib import Path

from gdtui.lessons.lesson import Lesson, LessonError, Scenario, build, plain_fields

TIMEOUT_ENV = "GDTUI_LOAD_TIMEOUT"  # seconds; a knob for the tests, not for learners
DEFAULT_TIMEOUT = 5.0
MAX_REPLY = 32 * 2**20  # JSON of three fields of 250,000 numbers fits
HEADER = 12  # a reply starts with its length: 11 digits and a newline
MEMORY_HEADROOM = 2**30  # what a lesson file may allocate beyond gdtui's own size


class LoadProblem(Exception):
    """A file that did not give a lesson; the text is the line's end, after the file name."""


def timeout() -> float:
    try:
        seconds = float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return seconds if 0 < seconds < 3600 else DEFAULT_TIMEOUT


def load(path: Path, name: str, run_file, seconds: float | None = None) -> Scenario:
    """`run_file(path, name)` in a child; the Scenario it checked, or LoadProblem."""
    seconds = timeout() if seconds is None else seconds
    for stream in (sys.stdout, sys.stderr):  # else the child holds a copy of their buffers
        if stream is not None and not stream.closed:
            stream.flush()
    try:
        read_end, write_end = os.pipe()
    except OSError as exc:  # out of descriptors
        raise LoadProblem(f"cannot start a process to load it: {exc.strerror}") from None
    try:
        pid = os.fork()
    except OSError as exc:  # out of processes or memory
        os.close(read_end)
        os.close(write_end)
        raise LoadProblem(f"cannot start a process to load it: {exc.strerror}") from None
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(path, name, run_file, write_end)
    os.close(write_end)
    reply = None
    try:
        reply = _read(read_end, time.monotonic() + seconds)
    finally:
        os.close(read_end)
        status = _end(pid, grace=1.0 if reply == b"" else 0.0)
    if reply is None:
        raise LoadProblem(f"took too long to load (more than {seconds:g} s)")
    if len(reply) <= HEADER or len(reply) < _size(reply[:HEADER]):
        raise LoadProblem(f"stopped the process loading it ({status}) before giving a lesson")
    return _scenario(reply, name)


def _scenario(reply: bytes, name: str) -> Scenario:
    try:
        answer = json.loads(reply[HEADER:])
    except (ValueError, RecursionError):  # not JSON, or nested past Python's stack
        answer = None
    if isinstance(answer, dict) and isinstance(answer.get("problem"), str):
        raise LoadProblem(answer["problem"])
    if not (isinstance(answer, dict) and isinstance(answer.get("lesson"), dict)):
        raise LoadProblem("the process loading it sent back something that is not a lesson")
    try:
        return build(Lesson(**answer["lesson"]), name)
    except LessonError as exc:
        raise LoadProblem(str(exc)) from None


def _read(fd: int, deadline: float) -> bytes | None:
    """One reply: its length (HEADER) then as many bytes; fewer if the pipe
    closes first; None if the time runs out. It stops at the reply's end, as
    a process the file started may hold the pipe open for ever."""
    reply, size = bytearray(), None
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while size is None or len(reply) < size:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return b"" if size is None else bytes(reply)
            reply += chunk
            if size is None and len(reply) >= HEADER:
                size = _size(reply[:HEADER])
    return bytes(reply[:size])


def _size(header: bytes) -> int:
    digits = header.strip()
    if not (digits.isdigit() and header.endswith(b"\n")):
        raise LoadProblem("the process loading it sent back something that is not a lesson")
    if int(digits) > MAX_REPLY:
        raise LoadProblem("the process loading it sent back more than a lesson can be")
    return HEADER + int(digits)


def _end(pid: int, grace: float) -> str:
    """Kill the child and anything it started in its session; reap it; say how it ended.

    `grace`: how long it may take to finish exiting (it closed the pipe: it is
    usually on its way out, and its exit status says why)."""
    deadline = time.monotonic() + grace
    done, status = _wait(pid, os.WNOHANG)
    while not done and time.monotonic() < deadline:
        time.sleep(0.01)
        done, status = _wait(pid, os.WNOHANG)
    with contextlib.suppress(ProcessLookupError):  # nothing left of its group
        os.killpg(pid, signal.SIGKILL)
    if not done:
        os.kill(pid, signal.SIGKILL)
        _wait(pid, 0)
        return "it closed its pipe back to gdtui"
    if status is None:
        return "its exit status is unknown"
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}, {signal.strsignal(os.WTERMSIG(status))}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def _wait(pid: int, options: int) -> tuple[int, int | None]:
    try:
        return os.waitpid(pid, options)
    except ChildProcessError:  # reaped by the system already: SIGCHLD is ignored
        return pid, None


def _child(path: Path, name: str, run_file, write_end: int) -> None:
    try:
        os.setsid()  # its own session: no terminal, and one group to kill
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        # Nothing of gdtui's reachable but the pipe back: not its terminal,
        # nor a served learner's connection.
        os.closerange(3, write_end)
        os.closerange(write_end + 1, os.sysconf("SC_OPEN_MAX"))
        sys.stdin = sys.stdout = sys.stderr = open(os.devnull, "r+")
        _limit_memory()
        try:
            answer = {"lesson": plain_fields(run_file(path, name))}
        except LoadProblem as exc:
            answer = {"problem": str(exc)}
        except BaseException as exc:  # anything the file raises, even KeyboardInterrupt
            answer = {"problem": describe_exception(exc, str(path))}
        try:
            data = json.dumps(answer).encode()
        except (ValueError, TypeError, RecursionError) as exc:  # a value build() let through
            data = json.dumps({"problem": f"its lesson cannot be sent back as JSON: "
                                          f"{describe_exception(exc, '')}"}).encode()
        data = b"%*d\n" % (HEADER - 1, len(data)) + data
        while data:
            data = data[os.write(write_end, data):]
    finally:
        os._exit(0)  # no atexit, no waiting for the file's threads


def _limit_memory() -> None:
    try:
        import resource

        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = size + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):  # not Linux: no /proc or no RLIMIT_AS
        return


def describe_exception(exc: BaseException, filename: str) -> str:
    """`error while running the file (line N): Type: message`, safe for any exception."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    try:
        message = str(exc)
    except BaseException:  # a hostile __str__
        message = "(its message cannot be shown)"
    where = f" (line {line})" if line else ""
    kind = type(exc).__name__
    return f"error while running the file{where}: {kind}" + (f": {message}" if message else "")
