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
import os
import signal
import sys
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
    """Developer output (sys.stderr: tracebacks, warnings) to the --log-fd pipe."""
    if "--log-fd" in sys.argv and sys.stderr is sys.__stderr__:
        fd = int(sys.argv[sys.argv.index("--log-fd") + 1])
        sys.stderr = os.fdopen(fd, "w", buffering=1, encoding="utf-8", errors="backslashreplace")


def run_served(make_app: Callable[[], object]) -> int:
    """Run the Textual app make_app() builds; its exit status.

    Any exception, in the app or before it, becomes a traceback in the log
    (sys.stderr) and CRASHED on the learner's screen.
    """
    _log_to_server()
    from rich.console import Console

    try:
        app = make_app()
        # Textual prints a crash's traceback on its error console: the log.
        app.error_console = Console(file=sys.stderr, markup=False, highlight=False,
                                    width=100, color_system=None)
        asyncio.run(_run(app))
    except KeyboardInterrupt:  # Ctrl-C before the app took the keyboard
        return 130
    except Exception:
        traceback.print_exc()
        _say(CRASHED)
        return EXIT_CRASH
    if app.return_code:
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
        from gdtui.loader import load_catalog
        from gdtui.ui.app import make_app

        catalog = load_catalog(list(args.scenarios))
        for problem in catalog.problems:
            print(f"gdtui: skipped {problem}", file=sys.stderr)
        return make_app(catalog, args.id, lang=args.lang, served=True)

    return run_served(make_app)


if __name__ == "__main__":
    raise SystemExit(main())
