"""The driver gdtui runs with on a terminal: Textual's Linux driver, writing
through LeanOutput (lean_output.py), quitting at once (quick_exit.py)."""

from __future__ import annotations

import os
import weakref

from textual.drivers.linux_driver import LinuxDriver

from gdtui.ui.lean_output import LeanOutput
from gdtui.ui.quick_exit import QuickExitDriver
from gdtui.ui.terminal_input import GuardedLinuxDriver


class LeanDriver(QuickExitDriver):
    running: weakref.WeakSet[LeanDriver] = weakref.WeakSet()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lean = LeanOutput()
        self._lean_size: os.terminal_size | None = None
        LeanDriver.running.add(self)

    def write(self, data: str) -> None:
        try:
            size = os.get_terminal_size(self.fileno)
        except OSError:
            size = None
        if size != self._lean_size:  # a resize may have reflowed what the terminal shows
            self._lean.forget()
            self._lean_size = size
        super().write(self._lean(data))


def forget_screen() -> None:
    """The next frame is written whole: someone has started watching (the
    class view's `w`) and has seen nothing of what the terminal shows."""
    for driver in LeanDriver.running:
        driver._lean.forget()


def use_lean_driver(app) -> None:
    """Run `app` with LeanDriver where it would use Textual's Linux driver.
    GDTUI_LEAN_OUTPUT=0 keeps Textual's own output (to compare, or if a
    terminal ever shows something wrong); q still quits at once."""
    # Only the driver chosen by default (GdtuiApp picks the guarded one), never
    # one named in TEXTUAL_DRIVER.
    if app.driver_class in (LinuxDriver, GuardedLinuxDriver):
        lean = os.environ.get("GDTUI_LEAN_OUTPUT") != "0"
        app.driver_class = LeanDriver if lean else QuickExitDriver
