"""Leaving a learner's terminal as it was: what the app switched on, watched
in its output, and the bytes that switch it off if the app could not."""

from __future__ import annotations

import re

# Undo what a killed full-screen app leaves on: alternate screen, mouse and
# paste modes, focus reports, kitty keyboard flags, hidden cursor, colours.
RESET_TERMINAL = (
    b"\x1b[?1049l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l"
    b"\x1b[?1004l\x1b[?2004l\x1b[<u\x1b[?25h\x1b[0m\r\n"
)
_ALTERNATE = {"47", "1047", "1049"}
_CURSOR = "25"
# Mouse reports, focus reports, bracketed paste: RESET_TERMINAL turns each off.
_REPORTING = {"1000", "1002", "1003", "1006", "1015", "1004", "2004"}
_PRIVATE_MODE = re.compile(rb"\x1b\[\?([0-9;]{1,40})([hl])")
_CARRY = 48  # longer than any sequence matched above


class TerminalModes:
    """Whether the app's output has left the terminal on its alternate screen,
    with the cursor hidden or with a reporting mode on: feed() it every chunk,
    in order."""

    def __init__(self) -> None:
        self.alternate = False
        self.cursor_hidden = False
        self.reporting: set[str] = set()
        self._tail = b""

    def feed(self, data: bytes) -> None:
        # A sequence may be split between two chunks: scan the last chunk's tail
        # again (seeing a sequence twice, in order, leaves the same state).
        text = self._tail + data
        for match in _PRIVATE_MODE.finditer(text):
            on = match.group(2) == b"h"
            for mode in match.group(1).decode().split(";"):
                if mode in _ALTERNATE:
                    self.alternate = on
                elif mode == _CURSOR:
                    self.cursor_hidden = not on
                elif mode in _REPORTING:
                    (self.reporting.add if on else self.reporting.discard)(mode)
        self._tail = text[-_CARRY:]

    @property
    def clean(self) -> bool:
        return not (self.alternate or self.cursor_hidden or self.reporting)

    def restore(self) -> bytes:
        """What to send so the learner's shell gets a usable terminal back."""
        return b"" if self.clean else RESET_TERMINAL
