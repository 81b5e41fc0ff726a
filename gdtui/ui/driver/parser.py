"""Textual's key parser, minus the ways raw bytes make it raise.

Subclasses the private textual._xterm_parser.XTermParser (patches
kitty-key-overflow, zero-window-mouse, in-band-resize, typed-run-keys in
versions.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual import events
from textual._xterm_parser import XTermParser
from textual.keys import Keys
from textual.message import Message
from textual.messages import InBandWindowResize

from gdtui.ui.paste import TYPED_RUN, plain_key

# The largest window taken as real; past it, sizes are clamped. Far beyond any
# screen's character grid, and small enough to draw (65535 x 65535 took
# hundreds of MB and 40 s for a frame).
MAX_COLUMNS, MAX_ROWS = 1000, 500


def clamp_size(width: int, height: int) -> tuple[int, int]:
    return max(1, min(width, MAX_COLUMNS)), max(1, min(height, MAX_ROWS))


# A run of characters that may all be plain keys (no C0 or C1 control, no
# DEL); whether they are is checked with str.isprintable, as Key.is_printable does.
_CANDIDATE_RUN = re.compile("[^\x00-\x1f\x7f-\x9f]{%d,}" % TYPED_RUN)


class SafeXTermParser(XTermParser):
    """Textual's parser, minus the ways raw bytes make it raise, and quick
    through long runs of plain characters."""

    fast = True  # False: every character through Textual's parser (the tests' reference)

    def feed(self, data: str) -> Iterable[Message]:
        """What Textual's parser makes of `data`, except that a run of at least
        TYPED_RUN printable characters met while the parser is idle is one
        Paste at once: what typed_runs_as_pastes makes of it, without a trip
        through the parser's generator and a Key for each character (~10 us a
        character: 1 MB typed without bracketed paste was 10-19 s of the input
        thread). Inside a bracketed paste or an escape sequence, the run goes
        through the parser as before."""
        if not data or not self.fast:
            yield from super().feed(data)  # "" is the end of input: the parser flushes
            return
        pos = 0
        for match in _CANDIDATE_RUN.finditer(data):
            run = match.group()
            if not run.isprintable():
                continue  # a bidi override or the like: the parser takes it with the rest
            if match.start() > pos:
                yield from super().feed(data[pos:match.start()])
            pos = match.end()
            # The first character tells whether the parser was idle: then it is
            # one plain key, and the parser is idle again after it. (In a paste
            # or a sequence it gives nothing, Alt+x, or the sequence's keys.)
            first = list(super().feed(run[0]))
            if len(first) == 1 and plain_key(first[0], run[0]):
                yield events.Paste(run)
            else:
                yield from first
                yield from super().feed(run[1:])
        if pos < len(data):
            yield from super().feed(data[pos:])

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
