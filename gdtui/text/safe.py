"""Text not written by us, made safe to show on a terminal: the one way.

Lesson titles, notes, labels, prompts, exercises and hints; paths from flags
and the environment; file names; what a learner types. Two rules, wherever
such text is drawn (a widget, a notice, the status line, a log line, a CLI
print):

- control characters (C0, DEL, C1: ESC and CSI start terminal sequences),
  lone surrogates (a non-UTF-8 file name) and bidi overrides (text that reads
  differently from what it is) are shown as escapes, never sent: `visible`;
- it is never parsed as markup (`[/]` would crash Rich or Textual, `[b]x`
  would draw bold, `[@click=app.quit]` would be a live link): `shown` gives a
  Rich Text, drawn as written. Textual's notices go through `visible` and
  markup=False (GdtuiApp.notify does both for every notice).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "") -> str:
    """`text` with every hidden character but those in `keep` written as its
    escape (ESC -> \\x1b, a newline -> \\n), so it can never reach a terminal raw.
    Idempotent: what it returns has nothing left to escape (but `keep`)."""
    return _HIDDEN.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), text)


def shown(text: str, style: str = "", *, keep: str = "", **options) -> Text:
    """`text` as a Rich Text to draw: escapes visible, never markup.
    `options` go to Text (no_wrap, overflow, justify)."""
    from rich.text import Text  # Rich only where something is drawn

    return Text(visible(text, keep), style=style, **options)
