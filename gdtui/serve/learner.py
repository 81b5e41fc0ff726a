"""What runs on a learner's pseudo-terminal: the app, served.

`python -m gdtui.serve.learner [ID] --log-fd N [--scenarios DIR]... [--lang en|zh]`

Differences from plain `gdtui`, all for a shared server:
- Everything meant for a developer (tracebacks, warnings, skipped-lesson
  lines, Textual's crash report) goes to the log pipe the server reads, never
  to the learner's screen; after a crash the learner gets one line.
- SIGTERM (the server stopping, or the idle timeout) exits through Textual's
  own teardown, which restores the learner's terminal.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence

CRASHED = "gdtui: the app stopped after an error (the teacher's log has the details)"
EXIT_CRASH = 1


def _say(line: str) -> None:
    """One line on the learner's screen (the pty), after the app has let go of it."""
    try:
        os.write(sys.__stdout__.fileno(), line.encode() + b"\r\n")
    except OSError:
        pass  # the learner is gone: the hang-up will end us


def _log_to_server() -> None:
    """Developer output (sys.stderr: tracebacks, warnings) to the --log-fd pipe.

    Textual swaps sys.stderr for its own capture while the app runs, so the
    hooks for other threads' exceptions write to the log itself.
    """
    if "--log-fd" not in sys.argv or sys.stderr is not sys.__stderr__:
        return
    fd = int(sys.argv[sys.argv.index("--log-fd") + 1])
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
    _log_to_server()
    from rich.console import Console

    report = _Watched(sys.stderr)
    try:
        app = make_app()
        # Textual prints a crash's traceback on its error console: the log.
        app.error_console = Console(file=report, markup=False, highlight=False,
                                    width=100, color_system=None)
        asyncio.run(_run(app))
    except KeyboardInterrupt:  # Ctrl-C before the app took the keyboard
        return 130
    except Exception:
        traceback.print_exc()
        _say(CRASHED)
        return EXIT_CRASH
    # A crash in Textual's input thread ends the app with status 0 but with a
    # traceback on the error console: a crash all the same.
    if app.return_code or report.written:
        _say(CRASHED)
        return EXIT_CRASH
    return 0


async def _run(app) -> None:
    # Asked to stop: leave as after q, through Textual's teardown.
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, app.exit)
    await app.run_async(mouse=False)  # as gdtui.ui.app.run_app: no mouse over SSH


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gdtui.serve.learner")
    parser.add_argument("id", nargs="?", help="open this lesson directly")
    parser.add_argument("--log-fd", type=int)
    parser.add_argument("--scenarios", action="append", default=[])
    parser.add_argument("--lang", choices=["en", "zh"])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _log_to_server()
    args = _parser().parse_args(argv)

    def make_app():
        from gdtui.lessons.loader import load_catalog
        from gdtui.ui.app import make_app

        catalog = load_catalog(list(args.scenarios))
        for problem in catalog.problems:
            print(f"gdtui: skipped {problem}", file=sys.stderr)
        return make_app(catalog, args.id, lang=args.lang, served=True)

    return run_served(make_app)


if __name__ == "__main__":
    raise SystemExit(main())
