"""GdtuiDriver: Textual's Linux driver with gdtui's patches (versions.py) and
its lean output.

- Input: SafeXTermParser (parser.py), forgiving UTF-8, sizes clamped, long
  typed runs as pastes (gdtui.ui.paste). Whatever bytes a terminal (or
  someone typing into an SSH session) sends, never an exception in the input
  thread, which would end the app.
- q gives the terminal back at once and the process leaves right after
  (gdtui.ui.leave). Textual's App._shutdown calls disable_input, which joins
  the input thread; that thread polls select(0.1), then does a last
  select(0.1), so ~200 ms pass before the terminal is restored; Python's
  teardown takes ~100 ms more. Here a wake pipe ends the select at once,
  disable_input restores the terminal without waiting for the thread, and
  the process leaves without teardown: the input thread, a non-daemon thread
  at most one select from noticing, cannot outlive it. Suspending (Ctrl+Z)
  keeps Textual's own path, since the app goes on after it.
- Output goes through LeanOutput (gdtui.ui.lean_output) unless
  GDTUI_LEAN_OUTPUT=0; then, when the app is ASCII only (--ascii, or a
  terminal that is not UTF-8: gdtui.text.charset), through to_ascii, cell
  for cell: the borders, palette and ellipses Textual draws itself are ASCII
  too, and a character the terminal cannot show is never sent as bytes it
  would draw as garbage.
"""

from __future__ import annotations

import os
import selectors
import signal
import termios
import weakref
from codecs import getincrementaldecoder
from collections.abc import Callable

from textual.drivers.linux_driver import LinuxDriver

from gdtui.ui.driver.parser import SafeXTermParser, clamp_size
from gdtui.ui.lean_output import LeanOutput
from gdtui.ui.paste import typed_runs_as_pastes
from gdtui.viz.ascii import to_ascii


def decoder() -> Callable[[bytes, bool], str]:
    """UTF-8 as a terminal sends it; a byte that is not UTF-8 becomes U+FFFD."""
    return getincrementaldecoder("utf-8")(errors="replace").decode


class GdtuiDriver(LinuxDriver):
    running: weakref.WeakSet[GdtuiDriver] = weakref.WeakSet()
    _wake: tuple[int, int] | None = None  # a pipe that ends the input thread's select
    _restored = False  # the terminal is given back: write nothing more

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lean = LeanOutput() if os.environ.get("GDTUI_LEAN_OUTPUT") != "0" else None
        self._lean_size: os.terminal_size | None = None
        GdtuiDriver.running.add(self)

    def forget_screen(self) -> None:
        """The next frame is written whole."""
        if self._lean is not None:
            self._lean.forget()

    # --- size -----------------------------------------------------------------

    def _get_terminal_size(self) -> tuple[int, int]:
        return clamp_size(*super()._get_terminal_size())

    # --- input ----------------------------------------------------------------

    def run_input_thread(self) -> None:
        # LinuxDriver.run_input_thread (Textual 8.2.8, its hash in versions.py)
        # with four changes: the parser, the decoder, typed runs as pastes, and
        # the wake pipe. Same loop, same shutdown.
        self._wake = os.pipe()
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(self._wake[0], selectors.EVENT_READ)
        parser = SafeXTermParser(self._debug)
        decode = decoder()

        def process(selector_events, final: bool = False) -> None:
            ours = [key for key, mask in selector_events if key.fd == self.fileno]
            for index, _key in enumerate(ours):
                text = decode(os.read(self.fileno, 1024 * 4), final and index == len(ours) - 1)
                if not text:  # stdin piped and at its end
                    break
                for event in typed_runs_as_pastes(parser.feed(text)):
                    self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(0.1))
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            for _ in parser.feed(""):
                pass

    def _stop_input_thread(self) -> None:
        """Wake the input thread's select: from now on every select returns at once."""
        if self._wake is not None:
            os.write(self._wake[1], b"\0")  # never read

    # --- quitting -------------------------------------------------------------

    def start_application_mode(self) -> None:
        self._restored = False
        super().start_application_mode()

    def disable_input(self) -> None:
        if self._app.is_running or self.exit_event.is_set():
            # Suspending (the app goes on), or already stopped: Textual's own
            # path, which joins the thread, woken first.
            wake = self._wake
            self._stop_input_thread()
            super().disable_input()
            thread = self._key_thread
            if wake is not None and (thread is None or not thread.is_alive()):
                self._wake = None  # the thread has gone: nothing selects on it
                for fd in wake:
                    os.close(fd)
            return
        # Quitting: App._process_messages has cleared is_running before it
        # stops application mode, whose first step is this. Restore the
        # terminal now and do not wait for the thread.
        signal.signal(signal.SIGWINCH, signal.SIG_DFL)
        # Once the terminal is back in its own mode, its line discipline turns
        # Ctrl+\, Ctrl+C and Ctrl+Z typed from here on into signals again:
        # one in the moment before the process leaves ended it with SIGQUIT
        # (and a core dump) in a key fuzz. It is leaving: let them pass.
        for name in ("SIGQUIT", "SIGINT", "SIGTSTP"):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
        self._disable_mouse_support()
        self.exit_event.set()
        self._stop_input_thread()
        try:
            termios.tcflush(self.fileno, termios.TCIFLUSH)
        except termios.error:
            pass
        self.stop_application_mode()  # the terminal back now, not after the teardown

    def stop_application_mode(self) -> None:
        if not self._restored:
            super().stop_application_mode()
            self._restored = True

    # --- output ---------------------------------------------------------------

    def write(self, data: str) -> None:
        if self._restored:  # nothing more for a terminal we have given back
            return
        if self._lean is not None:
            try:
                size = os.get_terminal_size(self.fileno)
            except OSError:
                size = None
            if size != self._lean_size:  # a resize may have reflowed what the terminal shows
                self._lean.forget()
                self._lean_size = size
            data = self._lean(data)
        if getattr(self._app, "ascii_only", False):
            data = to_ascii(data)  # escape sequences are ASCII: only text changes
        super().write(data)
