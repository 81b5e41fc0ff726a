"""What runs on a learner's pseudo-terminal: `gdtui --served`, the app served.

`gdtui serve` starts it with `python -m gdtui --served --memory-limit B
--channel-fd N [--scenarios DIR]... [--lang en|zh] [ID]`, exec'd or forked from
the zygote (zygote.py); both run gdtui.cli with that command line, which calls
take_terminal first and then run_served. Differences from plain `gdtui`, all
for a shared server:
- The child's first lines take the pty as controlling terminal and set the
  session's memory limit (the server's spawn has no preexec_fn: unsafe with
  threads, and it forces fork over vfork).
- fd N is this learner's channel to the server (channel.py). The server's
  hello says who the learner is and brings their progress so far; each
  event (a step, an answer, a tick) goes back to the server, which keeps it
  in the class store. This process never opens the store.
- Everything meant for a developer (tracebacks, warnings, skipped-lesson
  lines, Textual's crash report) goes over the channel as `log` lines, never
  to the learner's screen; after a crash the learner gets one line.
- The teacher's messages arrive over the channel too (`say`, `repaint`), and
  so do the presented lesson (`follow`), the class poll (`poll`; the
  learner's answer goes back as `poll_answer`) and the spotlight (`spotlight`:
  the app sends its lesson and the learner's yes or no to being named).
- The process title names the learner (`ps` shows `gdtui learner alice`).
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

from gdtui.serve.channel import LearnerChannel, LogStream
from gdtui.serve.child import own_terminal

CRASHED = "gdtui: the app stopped after an error (the teacher's log has the details)"
EXIT_CRASH = 1
MAX_SAY = 500  # characters of a teacher's message

_channel: LearnerChannel | None = None  # this process's, once take_terminal has run


def take_terminal(channel_fd: int | None, memory_bytes: int) -> None:
    """The served app's first lines: its terminal, its memory limit, its channel."""
    own_terminal(memory_bytes)
    if channel_fd is not None:
        _connect(channel_fd)


def _say(line: str) -> None:
    """One line on the learner's screen (the pty), after the app has let go of it."""
    try:
        os.write(sys.__stdout__.fileno(), line.encode() + b"\r\n")
    except OSError:
        pass  # the learner is gone: the hang-up will end us


def _connect(fd: int) -> None:
    """The channel on fd, and developer output (sys.stderr: tracebacks,
    warnings) over it.

    Textual swaps sys.stderr for its own capture while the app runs, so the
    hooks for other threads' exceptions write to the log itself.
    """
    global _channel
    try:
        _channel = LearnerChannel.from_fd(fd)
    except OSError:
        return  # not a socket: nothing kept, output stays where it was
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


def recorder():
    """Progress as the server's hello has it, each event sent back to the server."""
    from gdtui.practice.progress import Recorder, memory_recorder
    from gdtui.store.progress import Progress

    channel = _channel
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
        code = launch(app, attach=lambda loop: _listen(app, loop))
    except KeyboardInterrupt:  # Ctrl-C before the app took the keyboard
        return 130
    except Exception:  # the last boundary: the traceback to the log, one line to the learner
        traceback.print_exc()
        _say(CRASHED)
        return EXIT_CRASH
    # A crash in Textual's input thread ends the app with status 0 but with a
    # traceback on the error console: a crash all the same.
    if code or report.written:
        _say(CRASHED)
        return EXIT_CRASH
    return 0


def _listen(app, loop) -> None:
    """Hand what the server sends to the app, on the app's own loop."""
    channel = _channel
    if channel is None:
        return
    app.to_server = channel.send  # the class poll's answers

    def from_server() -> None:
        for message in channel.read_ready():
            # Looked up when a message comes: an app served without present mode
            # or the poll (tests/serve/crashing_app.py) ignores those messages.
            handle = {"say": lambda m: app.teacher_says(str(m.get("text", ""))[:MAX_SAY],
                                                       str(m.get("from", "teacher"))[:40]),
                      "repaint": lambda m: app.repaint_all(),
                      "follow": getattr(app, "follow", None),
                      "poll": getattr(app, "class_poll", None),
                      "spotlight": getattr(app, "spotlit", None)}.get(message["t"])
            if handle is None:
                continue
            if app.is_running:
                app.call_later(handle, message)
            elif message["t"] in ("follow", "poll"):  # sent with the hello: shown once it runs
                handle(message)
        if channel.closed:
            loop.remove_reader(channel.fileno())

    from_server()  # what came with the hello
    loop.add_reader(channel.fileno(), from_server)
