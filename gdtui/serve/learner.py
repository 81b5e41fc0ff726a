"""What runs on a learner's pseudo-terminal: `gdtui --served`, the app served.

`gdtui serve` starts it with `python -m gdtui --served --log-fd N --memory-limit B
[--scenarios DIR]... [--lang en|zh] [ID]`, exec'd or forked from the zygote
(zygote.py); both run gdtui.cli with that command line, which calls take_terminal
first and then run_served. Differences from plain `gdtui`, all for a shared server:
- The child's first lines take the pty as controlling terminal and set the
  session's memory limit (the server's spawn has no preexec_fn: unsafe with
  threads, and it forces fork over vfork).
- Everything meant for a developer (tracebacks, warnings, skipped-lesson
  lines, Textual's crash report) goes to the log descriptor the server reads,
  never to the learner's screen; after a crash the learner gets one line.
- SIGTERM (the server stopping, or the idle timeout) exits through Textual's
  own teardown, which restores the learner's terminal (gdtui.ui.app.launch).
"""

from __future__ import annotations

import io
import os
import sys
import threading
import traceback
from collections.abc import Callable

from gdtui.serve.child import own_terminal

CRASHED = "gdtui: the app stopped after an error (the teacher's log has the details)"
EXIT_CRASH = 1


def take_terminal(log_fd: int | None, memory_bytes: int) -> None:
    """The served app's first lines: its terminal, its memory limit, its log."""
    own_terminal(memory_bytes)
    if log_fd is not None:
        _log_to_server(log_fd)


def _say(line: str) -> None:
    """One line on the learner's screen (the pty), after the app has let go of it."""
    try:
        os.write(sys.__stdout__.fileno(), line.encode() + b"\r\n")
    except OSError:
        pass  # the learner is gone: the hang-up will end us


def _log_to_server(fd: int) -> None:
    """Developer output (sys.stderr: tracebacks, warnings) to the log descriptor.

    Textual swaps sys.stderr for its own capture while the app runs, so the
    hooks for other threads' exceptions write to the log itself.
    """
    log = os.fdopen(fd, "w", buffering=1, encoding="utf-8", errors="backslashreplace")
    sys.stderr = log

    def thread_failed(args) -> None:
        name = args.thread.name if args.thread else "?"
        print(f"Exception in thread {name}:", file=log)
        traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback, file=log)

    def unraisable(args) -> None:
        print(f"{args.err_msg or 'Exception ignored in'}: {args.object!r}", file=log)
        traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback, file=log)

    threading.excepthook = thread_failed
    sys.unraisablehook = unraisable


class _Watched(io.TextIOBase):
    """A text stream that passes writes on and remembers whether any came."""

    def __init__(self, target) -> None:
        self.target = target
        self.written = False

    def write(self, text: str) -> int:
        self.written = self.written or bool(text.strip())
        return self.target.write(text)

    def flush(self) -> None:
        self.target.flush()


def run_served(make_app: Callable[[], object]) -> int:
    """Run the Textual app make_app() builds; its exit status.

    Any exception, in the app or before it, becomes a traceback in the log
    (sys.stderr) and CRASHED on the learner's screen.
    """
    report = _Watched(sys.stderr)
    try:
        from rich.console import Console

        from gdtui.ui.app import launch

        app = make_app()
        # Textual prints a crash's traceback on its error console: the log.
        app.error_console = Console(file=report, markup=False, highlight=False,
                                    width=100, color_system=None)
        code = launch(app)
    except KeyboardInterrupt:  # Ctrl-C before the app took the keyboard
        return 130
    except Exception:
        traceback.print_exc()
        _say(CRASHED)
        return EXIT_CRASH
    # A crash in Textual's input thread ends the app with status 0 but with a
    # traceback on the error console: a crash all the same.
    if code or report.written:
        _say(CRASHED)
        return EXIT_CRASH
    return 0
