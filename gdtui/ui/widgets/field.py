"""A text field that holds at most its limit of characters, however the text
arrives: typed key by key, a run of keys in one read (a paste from a terminal
without bracketed paste), or a paste; and the app's side of it (CapsPastes).

Textual's Input takes any length unless given max_length, and with it refuses
a too-long insertion whole and rings the bell (gdtui never rings it). A Field
takes what fits, drops the rest, and says so in one line a burst (the line a
cut paste gets too). Deleting is always allowed, even from a value set longer
by the program.

A Field also runs Input's own editing keys (Backspace, Delete, the arrows,
Home, End, Ctrl+U...) itself, in turn with the characters. Textual runs them
as bindings once the key has bubbled from the Input up to the App, a hop
through each ancestor's queue, while a character is inserted at once: keys
that arrive in one read (`\x7f\x7f\x7f2.7`, fast typing over a laggy SSH
link) were applied characters first, Backspaces after, and the typing was
lost (patch input-key-order, docs/upstream-textual.md).
"""

from __future__ import annotations

import time

from textual import events
from textual.binding import BindingsMap
from textual.widgets import Input

from gdtui.text.i18n import tr
from gdtui.ui.driver.versions import patched
from gdtui.ui.paste import PASTE_LIMIT, pasted_text

# Every field needs far less (64 weights at full precision are ~1,300
# characters); the paste cap and the field cap are one number.
FIELD_LIMIT = PASTE_LIMIT
# A burst of cut pastes or keys past a limit is said once: a paste without
# bracketed paste arrives as one Paste per read, 1 MB as ~250 of them.
NOTICE_GAP = 2.0  # seconds


# Input's own bindings: the editing keys, found first in the binding chain
# of a focused Input (the scroll keys it inherits go the usual way).
EDITING_KEYS = BindingsMap(Input.BINDINGS)


class Field(Input):
    def __init__(self, *args, limit: int = FIELD_LIMIT, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.limit = min(limit, PASTE_LIMIT)  # a paste never brings more (CapsPastes)

    def replace(self, text: str, start: int, end: int) -> None:
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        room = max(0, self.limit - (len(value) - (end - start)))
        if len(text) > room:
            text = text[:room]
            say_left_out(self.app, self.limit)
            if not text and start == end:
                return  # nothing fits and nothing is replaced: nothing changes
        super().replace(text, start, end)

    async def _on_key(self, event: events.Key) -> None:
        await super()._on_key(event)  # a character: inserted, and the key stopped
        if event.is_printable or not patched():
            return
        for binding in EDITING_KEYS.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()  # done: not again as a binding once it reaches the App
                event.prevent_default()
                return

    def restricted(self) -> None:
        pass  # no bell: a refused character is said beside the field, or not at all


def say_left_out(app, limit: int) -> None:
    """The one line for text a field could not take, said once a burst
    (the time of the last is kept on the app: one burst, one line)."""
    now = time.monotonic()
    if now - getattr(app, "_left_out_at", -NOTICE_GAP) > NOTICE_GAP:
        app.notify(tr("field_full", getattr(app, "lang", "en"), limit=f"{limit:,}"),
                   severity="warning")
    app._left_out_at = now


class CapsPastes:
    """For an App: every paste cut to PASTE_LIMIT, or a Field's lower limit,
    before anything reads it (the cut said in one line), its hidden
    characters shown (paste.pasted_text). A Field cuts what it is given again,
    to the room it has when the paste lands. Any other Input (the command
    palette's) is given what fits here, at once: forwarded, a burst of pastes
    (1 MB typed without bracketed paste is ~250) would all be measured
    against the room there was before the first landed."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded:  # not on its way back
            event = self.checked_paste(event)
            focused = self.focused
            if isinstance(focused, Input) and not isinstance(focused, Field):
                paste_into(focused, event.text)
                return
        await super().on_event(event)

    def checked_paste(self, paste: events.Paste) -> events.Paste:
        text, focused = paste.text, self.focused
        limit = focused.limit if isinstance(focused, Field) else PASTE_LIMIT
        if len(text) > limit:
            say_left_out(self, limit)
            text = text[:limit]
        text = pasted_text(text)
        return paste if text == paste.text else events.Paste(text)


def paste_into(field: Input, text: str) -> None:
    """What Input does with a paste (its first line replaces the selection),
    cut to what keeps the field within PASTE_LIMIT."""
    line = text.splitlines()[0] if text else ""
    start, end = sorted(field.selection)
    room = max(0, PASTE_LIMIT - (len(field.value) - (end - start)))
    if len(line) > room:
        say_left_out(field.app, PASTE_LIMIT)
        line = line[:room]
    if line:
        field.replace(line, start, end)
