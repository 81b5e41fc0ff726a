"""A learner's screen, drawn from what their app writes: pyte (a terminal
emulator) keeps the cells, and Mirror draws them at the learner's size.

Every cell is a character pyte has already drawn; one that would not print
(a bidi override from a typed answer) is shown as '?', never sent raw."""

from __future__ import annotations

import pyte
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

# pyte's colour names, as Rich spells them.
_NAMES = {"brown": "yellow", "brightbrown": "bright_yellow", "brightblack": "bright_black",
          "brightred": "bright_red", "brightgreen": "bright_green", "brightblue": "bright_blue",
          "brightmagenta": "bright_magenta", "brightcyan": "bright_cyan",
          "brightwhite": "bright_white"}


def colour(name: str) -> str | None:
    if name == "default":
        return None
    if len(name) == 6 and all(c in "0123456789abcdefABCDEF" for c in name):
        return "#" + name
    return _NAMES.get(name, name)


_styles: dict[tuple, Style] = {}


def style_of(char: pyte.screens.Char) -> Style:
    key = (char.fg, char.bg, char.bold, char.italics, char.underscore, char.strikethrough,
           char.reverse)
    style = _styles.get(key)
    if style is None:
        if len(_styles) > 4096:
            _styles.clear()
        try:
            style = Style(color=colour(char.fg), bgcolor=colour(char.bg), bold=char.bold,
                          italic=char.italics, underline=char.underscore,
                          strike=char.strikethrough, reverse=char.reverse)
        except Exception:  # a colour Rich does not know: the cell's text still shows
            style = Style(bold=char.bold, reverse=char.reverse)
        _styles[key] = style
    return style


def line_segments(screen: pyte.Screen, y: int) -> list[Segment]:
    """Row y of screen as Rich segments, runs of one style joined."""
    row = screen.buffer[y]
    segments: list[Segment] = []
    text, style = [], None
    for x in range(screen.columns):
        char = row[x]
        if char.data == "":  # the second half of a wide character
            continue
        this = style_of(char)
        data = char.data if char.data.isprintable() else "?"
        if this is not style and text:
            segments.append(Segment("".join(text), style))
            text = []
        text.append(data)
        style = this
    if text:
        segments.append(Segment("".join(text), style))
    return segments


class Mirror(Widget):
    """The learner's screen, cell for cell, at their size (scroll to see the rest)."""

    def __init__(self, cols: int, rows: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.screen_ = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen_)
        self.styles.width, self.styles.height = cols, rows

    def resize_to(self, cols: int, rows: int) -> None:
        self.screen_.resize(rows, cols)
        self.styles.width, self.styles.height = cols, rows

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if y >= self.screen_.lines:
            return Strip.blank(self.size.width)
        return Strip(line_segments(self.screen_, y)).crop_extend(0, self.size.width, None)

    @property
    def text(self) -> str:
        """What the mirror shows, as plain lines (for tests and a quick look)."""
        return "\n".join(self.screen_.display)
