"""Standard streams the command line can trust, whatever the shell gave it.

Python alone gets these cases wrong:
- a closed stderr (`2>&-`) makes sys.stderr None, and print(..., file=None)
  writes to stdout, so a diagnostic corrupts `--format json`;
- a closed stdout (`>&-`) makes sys.stdout None, and the next file gdtui opens
  takes descriptor 1;
- a failed write (`> /dev/full`) raises in the middle of a command, and the
  interpreter's own flush at exit prints "Exception ignored ... OSError".

`guarded_stdio()` fixes all three for the length of a command. What the
command ends with:
- the reader of stdout went away (EPIPE, `| head -1`): stop quietly, exit 0
  (the status the command had so far), the same for every format;
- any other write error on stdout (a full disk, a closed stdout): one line on
  stderr and exit 1, as coreutils' "write error" does;
- a write error on stderr: diagnostics are dropped; they never go to stdout.
Control characters written to stderr are shown escaped (ESC as \\x1b).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Iterator

from gdtui.text.safe import visible

EXIT_WRITE_ERROR = 1


class OutputClosed(Exception):
    """The reader of stdout went away (EPIPE): nothing more to say, quietly."""


class OutputFailed(Exception):
    """stdout cannot be written (full disk, closed descriptor, I/O error)."""

    def __init__(self, exc: OSError) -> None:
        reason = "stdout is closed" if exc.errno == errno.EBADF else (exc.strerror or str(exc))
        super().__init__(f"gdtui: cannot write the output: {reason}")


def _fd_is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _occupy(fd: int, flags: int) -> None:
    """Put /dev/null on a closed descriptor, so no file gdtui opens later lands there."""
    new = os.open(os.devnull, flags)
    if new != fd:
        os.dup2(new, fd)
        os.close(new)


def _silence(stream: io.TextIOBase | None, fd: int) -> None:
    """After a failed write: /dev/null under the descriptor, so the text still
    buffered (flushed again at exit) goes nowhere instead of raising again."""
    _occupy(fd, os.O_WRONLY)
    if stream is not None:
        with contextlib.suppress(OSError, ValueError):
            stream.flush()


class _GuardedStdout:
    """stdout whose write errors are OutputClosed / OutputFailed, never OSError,
    so no `except OSError` on the way up can mistake them for a file problem."""

    def __init__(self, stream: io.TextIOBase) -> None:
        self._stream = stream

    def _guard(self, call, *args):
        try:
            return call(*args)
        except BrokenPipeError:
            _silence(self._stream, 1)
            raise OutputClosed() from None
        except OSError as exc:
            _silence(self._stream, 1)
            raise OutputFailed(exc) from None

    def write(self, text: str) -> int:
        return self._guard(self._stream.write, text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    def __getattr__(self, name: str):  # isatty, fileno, encoding, ... for Rich
        return getattr(self._stream, name)


class _QuietStderr(_GuardedStdout):
    """stderr that drops what it cannot write (there is nowhere to report
    that), and shows control characters instead of sending them: diagnostics
    echo paths and names from flags, the environment and lesson files."""

    def write(self, text: str) -> int:
        return self._guard(self._stream.write, visible(text, keep="\n\r\t"))

    def _guard(self, call, *args):
        try:
            return call(*args)
        except OSError:
            _silence(self._stream, 2)
            return None


def _text_stream(fd: int) -> io.TextIOWrapper:
    return io.TextIOWrapper(
        io.FileIO(fd, "w", closefd=False), encoding="utf-8", errors="backslashreplace",
        line_buffering=fd == 2,
    )


@contextlib.contextmanager
def guarded_stdio() -> Iterator[None]:
    """Make fds 0-2 safe and sys.stdout / sys.stderr guarded; restore them after."""
    saved = sys.stdout, sys.stderr
    if not _fd_is_open(0):
        _occupy(0, os.O_RDONLY)
    # A closed stdout gets /dev/null opened read-only: every write fails with
    # EBADF ("stdout is closed") instead of vanishing.
    stdout = sys.stdout
    if not _fd_is_open(1):
        _occupy(1, os.O_RDONLY)
        stdout = _text_stream(1)
    # A closed stderr gets /dev/null: diagnostics are dropped, not sent to stdout.
    stderr = sys.stderr
    if not _fd_is_open(2):
        _occupy(2, os.O_WRONLY)
        stderr = _text_stream(2)
    if stdout is None:  # closed by the embedding process after start-up
        stdout = _text_stream(1)
    if stderr is None:
        stderr = _text_stream(2)
    sys.stdout, sys.stderr = _GuardedStdout(stdout), _QuietStderr(stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = (
            saved[0] if saved[0] is not None else stdout,
            saved[1] if saved[1] is not None else stderr,
        )


def say(line: str) -> None:
    """One diagnostic line on stderr (dropped if stderr cannot take it)."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def finish(code: int) -> int:
    """Flush stdout inside the guard; the exit status the command ends with."""
    try:
        sys.stdout.flush()
    except OutputClosed:
        pass
    except OutputFailed as exc:
        say(str(exc))
        code = code or EXIT_WRITE_ERROR
    sys.stderr.flush()
    return code
