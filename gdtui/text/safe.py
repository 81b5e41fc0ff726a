"""Text from outside (lesson titles and notes, paths from flags and the
environment, file names) made safe to show on a terminal: control characters
are shown as escapes, never sent."""

from __future__ import annotations

import re

# Control characters (C0, DEL, C1: ESC and CSI start terminal sequences), lone
# surrogates (a non-UTF-8 file name) and bidi overrides (text that reads
# differently from what it is).
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "") -> str:
    """`text` with every hidden character but those in `keep` written as its
    escape (ESC -> \\x1b, a newline -> \\n), so it can never reach a terminal raw."""
    return _HIDDEN.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), text)
