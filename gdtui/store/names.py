"""What a learner's name may be: the SSH username keys progress in the store."""

from __future__ import annotations

import unicodedata

MAX_NAME = 32


def check_name(name: str) -> str:
    """The name as the store keys it (Unicode NFC), or ValueError saying why not.

    Printable (no control, format or bidi characters), at most 32 characters,
    no '/', no space at either end: what shows in a table is what was typed,
    and "é" typed two ways is one learner."""
    if not isinstance(name, str) or not name:
        raise ValueError("a name is needed")
    name = unicodedata.normalize("NFC", name)
    if len(name) > MAX_NAME:
        raise ValueError(f"at most {MAX_NAME} characters")
    if "/" in name:
        raise ValueError("no '/' in a name")
    if not name.isprintable():  # Python's printable: no C* or Z* category but the ASCII space
        raise ValueError("only printable characters")
    if name != name.strip():
        raise ValueError("no space at the start or the end")
    return name
