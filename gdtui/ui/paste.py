"""What a paste may bring into a field, and what counts as one.

A long run of plain characters in one read is a paste from a terminal (or a
raw SSH client) without bracketed paste, not typing, and becomes one Paste
(typed_runs_as_pastes). Key by key, 1 MB was a million key events, each a
trip through Textual's queues and a redraw of the field: the app froze for
minutes, with a q for quit queued behind them. Public Textual API only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual import events
from textual.message import Message

from gdtui.text.safe import visible

# What one field takes at most, however it arrives (pasted, or typed in a
# run): every field needs far less (64 weights at full precision are ~1,300
# characters), and a 1 MB paste froze the app for 12-26 s.
PASTE_LIMIT = 2000

# At least this many plain characters in a row, in one read, are a paste:
# typing and key repeat bring one or two a read, a laggy link a dozen.
TYPED_RUN = 64


def pasted_text(text: str) -> str:
    """A paste as a field may hold it: a tab is a space (numbers copied from
    a table), every other hidden character but line ends is shown as its
    escape (a field draws its value as it is: ESC would reach the terminal)."""
    return visible(text.replace("\t", " "), keep="\r\n")


def plain_key(message: Message, character: str | None) -> bool:
    """A key typed_runs_as_pastes joins into a run: `character` itself,
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
        if isinstance(message, events.Key) and plain_key(message, message.character):
            run.append(message)
            continue
        yield from flush()
        yield message
    yield from flush()
