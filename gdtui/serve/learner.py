"""What runs on a learner's pseudo-terminal: the app, served.

`python -m gdtui.serve.learner [ID] --channel-fd N [--scenarios DIR]... [--lang en|zh]`

Differences from plain `gdtui`, all for a shared server:
- fd N is this learner's channel to the server (channel.py). The server's
  hello says who the learner is and brings their progress so far; each
  event (a step, an answer, a tick) goes back to the server, which keeps it
  in the class store. This process never opens the store.
- Everything meant for a developer (tracebacks, warnings, skipped-lesson
  lines, Textual's crash report) goes over the channel as `log` lines, never
  to the learner's screen; after a crash the learner gets one line.
- The teacher's messages arrive over the channel too (`say`, `repaint`).
- The process title names the learner (`ps` shows `gdtui learner alice`).
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

from gdtui.serve.channel import FLAG, LearnerChannel, LogStream

CRASHED = "gdtui: the app stopped after an error (the teacher's log has the details)"
EXIT_CRASH = 1


def _say(line: str) -> None:
    """One line on the learner's screen (the pty), after the app has let go of it."""
    try:
        os.write(sys.__stdout__.fileno(), line.encode() + b"\r\n")
    except OSError:
        pass  # the learner is gone: the hang-up will end us


_channel: LearnerChannel | None = None


def _connect() -> LearnerChannel | None:
    """This process's channel (from --channel-fd), and developer output
    (sys.stderr: tracebacks, warnings) over it.

    Textual swaps sys.stderr for its own capture while the app runs, so the
    hooks for other threads' exceptions write to the log itself.
    """
    global _channel
    if _channel is not None or FLAG not in sys.argv:
        return _channel
    try:
        fd = int(sys.argv[sys.argv.index(FLAG) + 1])
        _channel = LearnerChannel.from_fd(fd)
    except (IndexError, ValueError, OSError):
        return None
    log = LogStream(_channel)
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
    return _channel


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
    channel = _connect()
    from rich.console import Console

    report = _Watched(sys.stderr)
    try:
        app = make_app()
        # Textual prints a crash's traceback on its error console: the log.
        app.error_console = Console(file=report, markup=False, highlight=False,
                                    width=100, color_system=None)
        asyncio.run(_run(app, channel))
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


async def _run(app, channel: LearnerChannel | None) -> None:
    # Asked to stop: leave as after q, through Textual's teardown.
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, app.exit)
    if channel is not None:
        loop.add_reader(channel.fileno(), lambda: _from_server(app, channel, loop))
    from gdtui.ui.lean_driver import use_lean_driver

    use_lean_driver(app)
    await app.run_async(mouse=False)  # as gdtui.ui.app.run_app: no mouse over SSH


def _from_server(app, channel: LearnerChannel, loop) -> None:
    """What the server sent, handed to the app on its own message queue."""
    for message in channel.read_ready():
        handle = {"say": lambda m: app.teacher_says(str(m.get("text", ""))[:MAX_SAY],
                                                   str(m.get("from", "teacher"))[:40]),
                  "repaint": lambda m: app.repaint_all()}.get(message["t"])
        if handle is not None and app.is_running:
            app.call_later(handle, message)
    if channel.closed:
        loop.remove_reader(channel.fileno())


MAX_SAY = 500  # characters of a teacher's message


def _recorder(channel: LearnerChannel | None):
    """Progress as the server's hello has it, each event sent back to the server."""
    from gdtui.practice.progress import Recorder, memory_recorder
    from gdtui.store.progress import Progress

    if channel is None:
        return memory_recorder()  # started by hand: nothing is kept
    hello = channel.hello()
    user = str(hello.get("user") or "learner")
    _set_title(user)
    progress = Progress.from_json(hello.get("progress"), user)

    def send(event) -> None:
        channel.send({"t": "event", "event": event.to_json()})

    return Recorder(progress, send)


def _set_title(user: str) -> None:
    from setproctitle import setproctitle

    from gdtui.text.safe import visible

    setproctitle(f"gdtui learner {visible(user)}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gdtui.serve.learner")
    parser.add_argument("id", nargs="?", help="open this lesson directly")
    parser.add_argument(FLAG, type=int)
    parser.add_argument("--scenarios", action="append", default=[])
    parser.add_argument("--lang", choices=["en", "zh"])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    channel = _connect()
    args = _parser().parse_args(argv)

    def make_app():
        from gdtui.lessons.loader import load_catalog
        from gdtui.ui.app import make_app

        recorder = _recorder(channel)
        catalog = load_catalog(list(args.scenarios))
        for problem in catalog.problems:
            print(f"gdtui: skipped {problem}", file=sys.stderr)
        return make_app(catalog, args.id, lang=args.lang, served=True, recorder=recorder)

    from gdtui.ui.quick_exit import leave

    leave(run_served(make_app))  # no teardown: the terminal is already given back


if __name__ == "__main__":
    raise SystemExit(main())
