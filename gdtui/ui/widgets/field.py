"""A text field that holds at most FIELD_LIMIT characters, however the text
arrives: typed key by key, a run of keys in one read (a paste from a terminal
without bracketed paste), or a paste.

Textual's Input takes any length unless given max_length, and with it refuses
a too-long insertion whole and rings the bell (gdtui never rings it). A Field
takes what fits, drops the rest, and says so once a burst. Deleting is always
allowed, even from a value set longer by the program.
"""

from __future__ import annotations

import time

from textual.widgets import Input

from gdtui.text.i18n import tr
from gdtui.ui.terminal_input import PASTE_LIMIT

# Every field needs far less (64 weights at full precision are ~1,300
# characters); the paste cap and the field cap are one number.
FIELD_LIMIT = PASTE_LIMIT
# A burst of keys or pastes past the limit is said once, not once each.
NOTICE_GAP = 2.0  # seconds


class Field(Input):
    limit = FIELD_LIMIT
    _said_at = -NOTICE_GAP  # time.monotonic() of the last "full" notice

    def replace(self, text: str, start: int, end: int) -> None:
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        room = max(0, self.limit - (len(value) - (end - start)))
        if len(text) > room:
            text = text[:room]
            self.say_full()
            if not text and start == end:
                return  # nothing fits and nothing is replaced: nothing changes
        super().replace(text, start, end)

    def restricted(self) -> None:
        pass  # no bell: a refused character is said beside the field, or not at all

    def say_full(self) -> None:
        now = time.monotonic()
        if now - self._said_at > NOTICE_GAP:
            lang = getattr(self.app, "lang", "en")
            self.notify(tr("field_full", lang, limit=f"{self.limit:,}"), severity="warning")
        self._said_at = now
