"""Whatever bytes a terminal (or someone typing into an SSH session) sends,
the app gets keys, pastes and sizes it can handle: never an exception in
Textual's input thread, which would end the app.

Work-arounds for Textual 8.2.8, kept to the smallest hooks:
- textual/_xterm_parser.py, XTermParser._sequence_to_key_events (via
  _parse_extended_key): a kitty-protocol key with a huge number
  (`ESC[99999999999999999999A`, a 19-digit parameter) calls chr() on it and
  raises OverflowError or ValueError.
- XTermParser.parse_mouse_code: after an in-band resize to 0 cells
  (`ESC[48;0;0;0;0t`), a mouse report divides by zero.
- XTermParser.parse: in-band resizes are taken at any size (0, or 10**19 rows);
  gdtui takes the size from the kernel only.
- textual/drivers/linux_driver.py, LinuxDriver.run_input_thread: input is
  decoded as strict UTF-8, so one invalid byte (`\\xff`) raises.

And one guard of gdtui's own: a long run of plain characters in one read is
a paste from a terminal (or a raw SSH client) without bracketed paste, not
typing, and becomes one Paste (typed_runs_as_pastes). Key by key, 1 MB was a
million key events, each a trip through Textual's queues and a redraw of the
field: the app froze for minutes, with a q for quit queued behind them.
Such a run is not even sent through Textual's parser (SafeXTermParser.feed):
a Key a character cost ~10 us, 10-19 s for 1 MB.
"""

from __future__ import annotations

import os
import re
import selectors
from codecs import getincrementaldecoder
from collections.abc import Callable, Iterable, Iterator

from textual import events
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.keys import Keys
from textual.message import Message
from textual.messages import InBandWindowResize

from gdtui.text.safe import visible

# What one field takes at most, however it arrives (pasted, or typed in a
# run): every field needs far less (64 weights at full precision are ~1,300
# characters), and a 1 MB paste froze the app for 12-26 s.
PASTE_LIMIT = 2000

# At least this many plain characters in a row, in one read, are a paste:
# typing and key repeat bring one or two a read, a laggy link a dozen.
TYPED_RUN = 64

# The largest window taken as real; past it, sizes are clamped. Far beyond any
# screen's character grid, and small enough to draw (65535 x 65535 took
# hundreds of MB and 40 s for a frame).
MAX_COLUMNS, MAX_ROWS = 1000, 500


def clamp_size(width: int, height: int) -> tuple[int, int]:
    return max(1, min(width, MAX_COLUMNS)), max(1, min(height, MAX_ROWS))


def decoder() -> Callable[[bytes, bool], str]:
    """UTF-8 as a terminal sends it; a byte that is not UTF-8 becomes U+FFFD."""
    return getincrementaldecoder("utf-8")(errors="replace").decode


def pasted_text(text: str) -> str:
    """A paste as a field may hold it: a tab is a space (numbers copied from
    a table), every other hidden character but line ends is shown as its
    escape (a field draws its value as it is: ESC would reach the terminal)."""
    return visible(text.replace("\t", " "), keep="\r\n")


def _plain_key(message: Message, character: str) -> bool:
    """A key typed_runs_as_pastes would join into a run: `character` itself,
    printable, with no modifier."""
    return (isinstance(message, events.Key) and message.is_printable
            and message.character == character and "+" not in message.key)


def typed_runs_as_pastes(messages: Iterable[Message], at_least: int = TYPED_RUN) -> Iterator[Message]:
    """`messages` (what the parser made of one read) with each run of at least
    `at_least` plain character keys joined into one Paste, in its place.
    Shorter runs, named keys (Enter, arrows, F-keys) and keys with a modifier
    (Alt+x, Ctrl+x) pass as they came."""
    run: list[events.Key] = []

    def flush() -> Iterator[Message]:
        if len(run) >= at_least:
            yield events.Paste("".join(key.character for key in run))
        else:
            yield from run
        run.clear()

    for message in messages:
        if isinstance(message, events.Key) and _plain_key(message, message.character):
            run.append(message)
            continue
        yield from flush()
        yield message
    yield from flush()


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
            if len(first) == 1 and _plain_key(first[0], run[0]):
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


class GuardedLinuxDriver(LinuxDriver):
    """LinuxDriver with SafeXTermParser, forgiving UTF-8, clamped sizes, and
    an input thread that stops at once when asked (Textual's waits out two
    select(0.1) calls before the terminal is given back: ~200 ms of every q)."""

    _wake: tuple[int, int] | None = None  # a pipe that ends the input thread's select

    def _get_terminal_size(self) -> tuple[int, int]:
        return clamp_size(*super()._get_terminal_size())

    def disable_input(self) -> None:
        wake = self._wake
        if wake is not None:
            os.write(wake[1], b"\0")  # never read: every select from now returns at once
        super().disable_input()  # sets exit_event, joins the thread
        if wake is not None:
            self._wake = None
            for fd in wake:
                os.close(fd)

    def run_input_thread(self) -> None:
        # LinuxDriver.run_input_thread (Textual 8.2.8) with four changes: the
        # parser, the decoder, typed runs as pastes, and the wake pipe. Same loop, same shutdown.
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
