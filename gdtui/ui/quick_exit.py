"""q gives the terminal back at once, and the process leaves right after.

Textual 8.2.8 (textual/drivers/linux_driver.py) quits slowly: App._shutdown
calls LinuxDriver.disable_input, which joins the input thread; that thread
polls select(0.1), then does a last select(0.1), so ~200 ms pass before the
terminal is restored; then Python's teardown takes ~100 ms more (FIELD-NOTES,
"Measured on gdtui v1"). Here, once the app is shutting down, the driver tells
the input thread to stop without waiting for it, restores the terminal there
and then, and `leave` ends the process without teardown: the input thread,
a non-daemon thread at most 0.2 s from noticing, cannot outlive it.
Suspending (Ctrl+Z) keeps Textual's own path, since the app goes on after it.
Upstream: Textual has no way to wake its input thread (see run_input_thread).
"""

from __future__ import annotations

import os
import signal
import sys
import termios
from typing import NoReturn

from gdtui.ui.terminal_input import GuardedLinuxDriver


class QuickExitDriver(GuardedLinuxDriver):
    # On top of the guarded input (terminal_input.py): its wake pipe ends the
    # input thread's select at once; here we also stop waiting for the thread.
    _restored = False

    def start_application_mode(self) -> None:
        self._restored = False
        super().start_application_mode()

    def disable_input(self) -> None:
        if self._app.is_running or self.exit_event.is_set():
            super().disable_input()  # suspending, or already stopped
            return
        signal.signal(signal.SIGWINCH, signal.SIG_DFL)
        # Once the terminal is back in its own mode, its line discipline turns
        # Ctrl+\, Ctrl+C and Ctrl+Z typed from here on into signals again:
        # one in the moment before the process leaves ended it with SIGQUIT
        # (and a core dump) in a key fuzz. It is leaving: let them pass.
        for name in ("SIGQUIT", "SIGINT", "SIGTSTP"):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
        self._disable_mouse_support()
        self.exit_event.set()  # the input thread stops now (woken below); we do not wait
        if self._wake is not None:
            os.write(self._wake[1], b"\0")
        try:
            termios.tcflush(self.fileno, termios.TCIFLUSH)
        except termios.error:
            pass
        self.stop_application_mode()  # the terminal back now, not after the teardown

    def stop_application_mode(self) -> None:
        if not self._restored:
            super().stop_application_mode()
            self._restored = True

    def write(self, data: str) -> None:
        if not self._restored:  # nothing more for a terminal we have given back
            super().write(data)


def leave(code: int) -> NoReturn:
    """End the process with `code` now: stdio flushed, no interpreter teardown."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed or broken stream: nothing more can reach it
    os._exit(code)
