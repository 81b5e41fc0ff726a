"""Text from outside (paths from flags and the environment, file names) made
safe to echo on a terminal: control characters are shown, never sent."""

from __future__ import annotations

import re

# C0 controls (tab and newline too: an error stays one line), DEL and C1 controls.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _escape(match: re.Match) -> str:
    return repr(match.group())[1:-1]  # "\x1b", "\n", "\t" as Python writes them


def visible(text: str, keep: str = "") -> str:
    """text with every control character but those in `keep` written as its
    escape (ESC -> \\x1b)."""
    if keep:
        return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _CONTROL.sub(_escape, text)
