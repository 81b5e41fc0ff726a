"""A text field that holds at most FIELD_LIMIT characters, however the text
arrives: typed key by key, a run of keys in one read (a paste from a terminal
without bracketed paste), or a paste.

Textual's Input takes any length unless given max_length, and with it refuses
a too-long insertion whole and rings the bell (gdtui never rings it). A Field
takes what fits, drops the rest, and says so once a burst (the app's
say_left_out, the line a cut paste gets too). Deleting is always
allowed, even from a value set longer by the program.
"""

from __future__ import annotations

from textual.widgets import Input

from gdtui.text.i18n import tr
from gdtui.ui.paste import PASTE_LIMIT

# Every field needs far less (64 weights at full precision are ~1,300
# characters); the paste cap and the field cap are one number.
FIELD_LIMIT = PASTE_LIMIT


class Field(Input):
    limit = FIELD_LIMIT

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
        say = getattr(self.app, "say_left_out", None)  # GdtuiApp: once a burst
        if say is not None:
            say()
        else:  # another app: plainly
            self.notify(tr("field_full", "en", limit=f"{self.limit:,}"), severity="warning")
