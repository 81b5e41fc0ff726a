"""--ascii as Rich understands it: render with an ASCII-only encoding.

Rich's tables and our curves already switch to ASCII when
`options.ascii_only` is true; this wrapper sets it for one renderable, so the
choice flows through console options instead of `if`s in every widget. What
still slips through (an arrow in a caption, a minus sign in the chain) is
replaced cell for cell, so nothing but ASCII reaches the terminal and every
column stays where it was.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment

# One cell for one cell: the layout does not move.
ASCII_MAP = str.maketrans({
    "→": ">", "←": "<", "·": "|", "×": "x", "−": "-", "²": "2", "…": "~", "▸": ">",
    "▶": ">", "◀": "<", "▲": "^", "▼": "v", "●": "O", "◆": "X", "◇": "x", "○": "o",
    "▿": "v", "Σ": "S", "█": "#", "░": ".", "▒": ":", "▓": "#", "─": "-", "│": "|",
    "┤": "+", "╱": "/", "╲": "\\", "±": "+", "≥": ">", "≤": "<", "↔": "-",
})


def to_ascii(text: str) -> str:
    """`text` with every non-ASCII character replaced by ASCII of the same width."""
    text = text.translate(ASCII_MAP)
    if text.isascii():
        return text
    return "".join(c if c.isascii() else "?" * cell_len(c) for c in text)


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
