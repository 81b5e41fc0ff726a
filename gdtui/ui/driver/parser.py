"""Textual's key parser, minus the ways raw bytes make it raise.

Subclasses the private textual._xterm_parser.XTermParser (patches
kitty-key-overflow, zero-window-mouse, in-band-resize in versions.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual._xterm_parser import XTermParser
from textual.keys import Keys
from textual.message import Message
from textual.messages import InBandWindowResize

# The largest window taken as real; past it, sizes are clamped. Far beyond any
# screen's character grid, and small enough to draw (65535 x 65535 took
# hundreds of MB and 40 s for a frame).
MAX_COLUMNS, MAX_ROWS = 1000, 500


def clamp_size(width: int, height: int) -> tuple[int, int]:
    return max(1, min(width, MAX_COLUMNS)), max(1, min(height, MAX_ROWS))


class SafeXTermParser(XTermParser):
    def parse(self, token_callback):
        def checked(token: Message) -> None:
            # The window size comes from the kernel (SIGWINCH), never from
            # bytes on the input: an in-band report (`ESC[48;rows;cols;..t`)
            # is taken at any size, even 0 or 10**19, and one that disagreed
            # with the kernel's made the layout flip between the two sizes
            # forever. So no in-band resizes, and no switching them on.
            if not isinstance(token, (events.Resize, InBandWindowResize)):
                token_callback(token)

        return super().parse(checked)

    def _sequence_to_key_events(self, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        try:
            return list(super()._sequence_to_key_events(sequence, alt))
        except (OverflowError, ValueError):
            # A key number past Unicode: an ignored key ends the sequence
            # (no key at all would make the parser read on into what follows).
            return [events.Key(Keys.Ignore, sequence)]

    def parse_mouse_code(self, code: str) -> Message | None:
        try:
            event = super().parse_mouse_code(code)
        except ZeroDivisionError:  # pixel coordinates against a 0-cell window
            return None
        if event is None or not (0 <= event.x < MAX_COLUMNS and 0 <= event.y < MAX_ROWS):
            return None
        return event
