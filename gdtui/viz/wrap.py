"""Wrapping that counts display cells, for English and Chinese alike.

A Chinese character takes two cells and needs no space to break after it;
but no line may start with closing punctuation (，。：；）and their ASCII
twins): the line before keeps it, as Chinese typesetting does (kinsoku).
"""

from __future__ import annotations

from rich.cells import cell_len

NO_LINE_START = set("，。、：；！？）》」』】,.:;!?)%")


def _tokens(text: str) -> list[str]:
    """Words (with their trailing space) and single wide characters."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if cell_len(char) > 1 or char in NO_LINE_START and not char.isascii():
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        elif char == " ":
            tokens.append(word + " ")
            word = ""
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells (a lone longer word is cut)."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _tokens(paragraph):
            if cell_len((line + token).rstrip()) <= width:
                line += token
                continue
            if line.strip():
                # Kinsoku: closing punctuation must not start a line, so the
                # character before it moves down with it.
                if token[0] in NO_LINE_START:
                    cut = len(line.rstrip()) - 1
                    while cut > 1 and line[cut] in NO_LINE_START:
                        cut -= 1  # what moves down must not start with one either
                    line, carried = line[:cut], line[cut:].rstrip()
                    lines.append(line.rstrip())
                    line = carried + token
                    continue
                lines.append(line.rstrip())
                line = ""
            while cell_len(token.rstrip()) > width:  # a word longer than a line
                cut = width
                while cell_len(token[:cut]) > width:
                    cut -= 1
                lines.append(token[:cut])
                token = token[cut:]
            line = token
        lines.append(line.rstrip())
    return lines


class Wrapped:
    """`text` as a Rich renderable, wrapped by `wrap` at the width it is
    given (Rich's own wrapping would start a Chinese line with `：`)."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text, self.style = text, style

    def __rich_console__(self, console, options):
        from rich.text import Text

        for line in wrap(self.text, options.max_width) if self.text else []:
            yield Text(line, style=self.style, no_wrap=True, overflow="crop")

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        widest = max((cell_len(word.rstrip()) for word in _tokens(self.text)), default=0)
        return Measurement(min(widest, options.max_width), min(cell_len(self.text), options.max_width))
