"""--ascii as Rich understands it: render with an ASCII-only encoding.

Rich's tables and our curves already switch to ASCII when
`options.ascii_only` is true; this wrapper sets it for one renderable, so the
choice flows through console options instead of `if`s in every widget. Our
own text is spelled in ASCII before it is laid out (`spelled`: `→` is `->`);
what still slips through is replaced cell for cell (`to_ascii`), so nothing
but ASCII reaches the terminal and every column stays where it was. Both
come from the one glyph table, gdtui.viz.glyphs. The driver (gdtui.ui.driver)
runs to_ascii over all it writes, for what Textual draws itself (borders, the
palette, scrollbars, a cut line's ellipsis).
"""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len, split_graphemes
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment

from gdtui.viz.glyphs import ASCII_OF

# One cell for one cell: the layout does not move.
ASCII_MAP = str.maketrans({char: cell for char, (cell, _) in ASCII_OF.items()})
# Text not laid out yet may grow: each glyph as ASCII reads it (`→` is `->`).
SPELLED = str.maketrans({char: words for char, (_, words) in ASCII_OF.items()})


def _stand_in(char: str) -> str:
    """ASCII as wide as `char`: a line for a box-drawing or block glyph (the
    borders and scrollbars Textual draws), a dot of a curve, the letter under
    an accent, else ?."""
    width = cell_len(char)
    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS") and width == 1:
        across, down = "HORIZONTAL" in name, "VERTICAL" in name
        turns = any(f" {way}" in name for way in ("UP", "DOWN", "LEFT", "RIGHT"))
        return ("-" if across else "|") if across != down and not turns else "+"
    if name.endswith(" BLOCK") and width == 1:
        if name.startswith(("LEFT ", "RIGHT ")):
            return "|"  # a toast's or the footer's edge
        if name.endswith(("ONE EIGHTH BLOCK", "ONE QUARTER BLOCK")):  # a tall border's edge
            return "-" if name.startswith("UPPER") else "_"
        return "#"
    if name.startswith("BRAILLE PATTERN"):  # a curve's dots
        return " " if name.endswith("BLANK") else "*"
    base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return base if len(base) == width else "?" * width


class _Table(dict):
    """str.translate's table, filled as characters turn up (ASCII stays)."""

    def __missing__(self, code: int) -> str:
        value = _stand_in(chr(code))
        if len(self) < _TABLE_CAP:  # a hostile text of every character fills no more
            self[code] = value
        return value


_TABLE_CAP = 1 << 16
_TABLE = _Table({code: code for code in range(128)})
_TABLE.update(ASCII_MAP)


# Where Rich measures a grapheme, not each character: a joiner (U+200D) makes
# a👨‍👩 one glyph, VS16 (U+FE0F) makes a narrow one wide (rich.cells).
_JOINING = ("\u200d", "\ufe0f")


def to_ascii(text: str) -> str:
    """`text` with every non-ASCII character replaced by ASCII of the same width
    (a wide character by two, a combining mark by none), as Rich counts cells."""
    if text.isascii():
        return text
    if not any(joining in text for joining in _JOINING):
        return text.translate(_TABLE)
    spans, _ = split_graphemes(text)
    out = []
    for start, end, width in spans:
        part = text[start:end].translate(_TABLE)
        out.append(part if len(part) == width else "?" * width)
    return "".join(out)


def spelled(text: str) -> str:
    """`text` for an ASCII-only terminal before it is laid out: each glyph of
    ours as ASCII reads it (`w 0→0.88` is `w 0->0.88`), the rest as to_ascii
    gives it."""
    return text if text.isascii() else to_ascii(text.translate(SPELLED))


class AsciiOnly:
    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    @staticmethod
    def _ascii(options: ConsoleOptions) -> ConsoleOptions:
        options = options.copy()
        options.encoding = "ascii"
        return options

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, self._ascii(options)):
            text = segment.text
            if segment.control or text.isascii():
                yield segment
            else:
                yield Segment(to_ascii(text), segment.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, self._ascii(options), self.renderable)
