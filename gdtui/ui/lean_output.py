"""Fewer bytes to the terminal: what Textual writes, minus what it already shows.

Textual 8 repaints whole widget regions and gives every segment a full
truecolour code and a reset (FIELD-NOTES: 67-77 % of a frame is colour codes;
a step of the lesson screen rewrote nearly every row). Curses-style, this
filter sits between Textual and the terminal and drops two kinds of waste:

- cells the terminal already shows: we keep a copy of the screen (character
  and style per cell) and write only the cells that differ, with a cursor
  move where a run of them starts;
- colour codes that set what the terminal already has: styles are kept as
  state and only the change is written, just before text that needs it.

What reaches the screen is cell for cell what Textual drew. Whatever might
have changed the terminal behind our back (a clear, an erase, the alternate
screen, a new size, text at an unknown place) forgets the copy.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rich.cells import cell_len, get_character_cell_size

TOKEN = re.compile(
    # What Textual writes for each segment, as one token: its style, its
    # text, the reset (a third of the tokens, and a third of the time).
    r"(?P<seg>\x1b\[(?P<seg_params>[0-9;:]*)m(?P<seg_text>[^\x1b]+)\x1b\[0?m)"
    r"|(?P<cup>\x1b\[(?P<row>\d+);(?P<col>\d+)H)"
    r"|(?P<sgr>\x1b\[(?P<params>[0-9;:]*)m)"
    r"|(?P<esc>\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[^\[\]]))"
    r"|(?P<text>[^\x1b]+)"
    r"|(?P<stray>\x1b)"
)
# Escapes that leave the cursor where it was.
KEEPS_CURSOR = re.compile(r"\x1b\[[0-9;?]*[hl]|\x1b\[[0-9;?]*\$p|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
GAP = 4  # rewrite up to this many unchanged cells rather than move the cursor
# Escapes after which the screen's content is not what our copy says:
# erases, scrolls, insert/delete, the alternate screen, a reset.
FORGETS = re.compile(r"\x1b\[[0-9;?]*[JKLMSTX@P]|\x1b\[\?(?:1049|47|1047)[hl]|\x1bc")

ATTRS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 21, 51, 52, 53}
ATTRS_OFF = {22: {1, 2}, 23: {3}, 24: {4, 21}, 25: {5, 6}, 27: {7}, 28: {8}, 29: {9},
             54: {51, 52}, 55: {53}}


class Style(NamedTuple):
    attrs: frozenset = frozenset()
    fg: tuple = ()  # SGR parameters that set it, () = the default
    bg: tuple = ()
    underline: tuple = ()

    def params(self) -> list[str]:
        return [str(a) for a in sorted(self.attrs)] + [*self.fg, *self.bg, *self.underline]


PLAIN = Style()


_applied: dict[tuple[Style, str], Style | None] = {}
_from_plain: dict[str, Style | None] = {}
MEMO_SIZE = 10_000  # entries kept; Textual uses a few styles, an attacker's bytes could make more


def _memo(table: dict, key, make, *args):
    """table[key], made by make(*args) the first time (the table emptied when full)."""
    got = table.get(key, table)
    if got is table:
        if len(table) > MEMO_SIZE:
            table.clear()
        got = table[key] = make(*args)
    return got


def apply_sgr(style: Style, params: str) -> Style | None:
    """The style after SGR `params`; None if we do not understand them.

    Memoised: Textual repeats a few styles, and equal styles are then the same
    object, which makes comparing rows of cells cheap."""
    if params in ("0", ""):
        return PLAIN
    if style is PLAIN:  # (each of Textual's segments starts after a reset)
        return _memo(_from_plain, params, _apply_sgr, style, params)
    return _memo(_applied, (style, params), _apply_sgr, style, params)


def _apply_sgr(style: Style, params: str) -> Style | None:
    if ":" in params:
        return None
    codes = [int(p) if p else 0 for p in params.split(";")]
    attrs, fg, bg, underline = set(style.attrs), style.fg, style.bg, style.underline
    i = 0
    while i < len(codes):
        code = codes[i]
        if code == 0:
            attrs, fg, bg, underline = set(), (), (), ()
        elif code in ATTRS:
            attrs.add(code)
        elif code in ATTRS_OFF:
            attrs -= ATTRS_OFF[code]
        elif 30 <= code <= 37 or 90 <= code <= 97:
            fg = (str(code),)
        elif 40 <= code <= 47 or 100 <= code <= 107:
            bg = (str(code),)
        elif code in (39, 49, 59):
            fg, bg, underline = (() if code == 39 else fg, () if code == 49 else bg,
                                 () if code == 59 else underline)
        elif code in (38, 48, 58):
            kind = codes[i + 1] if i + 1 < len(codes) else None
            size = {5: 3, 2: 5}.get(kind)
            if size is None or i + size > len(codes):
                return None
            spec = tuple(str(c) for c in codes[i:i + size])
            if code == 38:
                fg = spec
            elif code == 48:
                bg = spec
            else:
                underline = spec
            i += size - 1
        else:
            return None
        i += 1
    return Style(frozenset(attrs), fg, bg, underline)


# The code that turns each attribute off, and what else that code turns off.
OFF_CODE = {code: off for off, attrs in ATTRS_OFF.items() for code in attrs}


_changes: dict[tuple[Style | None, Style], str] = {}


def sgr_change(have: Style | None, want: Style) -> str:
    """The shortest SGR we write to go from `have` (None: unknown) to `want`.

    Memoised: a frame changes style a few hundred times between a few styles."""
    return _memo(_changes, (have, want), _sgr_change, have, want)


def _sgr_change(have: Style | None, want: Style) -> str:
    if have == want:
        return ""
    if have is None:
        return f"\x1b[{';'.join(['0', *want.params()])}m"
    params: list[str] = []
    attrs = set(have.attrs)
    for code in sorted(have.attrs - want.attrs):
        if code in attrs:  # (22 turns off bold and dim at once)
            off = OFF_CODE[code]
            params.append(str(off))
            attrs -= ATTRS_OFF[off]
    params += [str(a) for a in sorted(want.attrs - attrs)]
    for old, new, default in zip(have[1:], want[1:], ("39", "49", "59")):
        if new != old:
            params += new or (default,)
    return f"\x1b[{';'.join(params)}m"


class Line:
    """One row of the copy: a character and a style per cell (0-based).

    char None: unknown; "": the right half of a wide character."""

    def __init__(self) -> None:
        self.chars: list[str | None] = []
        self.styles: list[Style | None] = []

    def reach(self, end: int) -> None:
        if len(self.chars) < end:
            grow = end - len(self.chars)
            self.chars += [None] * grow
            self.styles += [None] * grow


class LeanOutput:
    """Turns each of Textual's writes into the bytes the terminal needs."""

    def __init__(self) -> None:
        self.screen: dict[int, Line] = {}  # row (1-based) -> what the terminal shows there
        self.style: Style | None = PLAIN  # Textual's style at this point; None: not understood
        self.have: Style | None = None  # the terminal's style; None: unknown
        self.pos: tuple[int, int] | None = None  # where Textual's output is (row, column)
        self.cursor: tuple[int, int] | None = None  # where the terminal's cursor is

    def forget(self) -> None:
        self.screen.clear()

    def __call__(self, data: str) -> str:
        out: list[str] = []
        placed = False
        for match in TOKEN.finditer(data):
            kind = match.lastgroup
            placed = kind == "cup"
            if kind == "seg":
                params, text = match.group("seg_params", "seg_text")
                self._sgr(params, out)
                self._text(text, out)
                if self.style is not None:  # the reset, known: PLAIN (apply_sgr's "0")
                    self.style = PLAIN
                else:
                    self._sgr("0", out)
            elif kind == "cup":
                self.pos = (int(match["row"]), int(match["col"]))
            elif kind == "sgr":
                self._sgr(match["params"], out)
            elif kind == "text":
                self._text(match.group(), out)
            else:
                self._escape(match.group(), out)
        if placed and self.pos != self.cursor:  # Textual put the cursor somewhere
            out.append(f"\x1b[{self.pos[0]};{self.pos[1]}H")
            self.cursor = self.pos
        self._restyle(out)
        return "".join(out)

    def _sgr(self, params: str, out: list[str]) -> None:
        if self.style is not None:
            self.style = apply_sgr(self.style, params)
        if self.style is None:  # not understood: pass it on as it is
            self.style = PLAIN if params in ("", "0") else None
            out.append(f"\x1b[{params}m")
            self.have = self.style
            self.forget()

    def _escape(self, escape: str, out: list[str]) -> None:
        if FORGETS.match(escape):
            self._restyle(out)  # erases fill with the current background
            self.forget()
        if not KEEPS_CURSOR.match(escape):
            self.pos = self.cursor = None
        out.append(escape)

    def _restyle(self, out: list[str]) -> None:
        if self.style is not None and self.style != self.have:
            out.append(sgr_change(self.have, self.style))
            self.have = self.style

    def _text(self, text: str, out: list[str]) -> None:
        if self.pos is None or self.style is None or not text.isprintable():
            for ch in text:
                self._char(ch, out)
            return
        size = len(text)
        if not text.isascii() and cell_len(text) != size:  # wide characters
            for ch in text:
                self._char(ch, out)
            return
        row, col = self.pos
        line = self.screen.get(row) or self.screen.setdefault(row, Line())
        first, end = col - 1, col - 1 + size
        if len(line.chars) <= end:
            line.reach(end + 1)
        style = self.style
        chars, styles = line.chars, line.styles
        if chars[first:end] != list(text) or styles[first:end] != [style] * size:
            # The cells that differ, written a run at a time: Textual repaints
            # whole rows of which a step changes a few numbers.
            i = 0
            while i < size:
                if chars[first + i] == text[i] and styles[first + i] == style:
                    i += 1
                    continue
                j = i + 1
                while j < size and (chars[first + j] != text[j] or styles[first + j] != style):
                    j += 1
                self._put_run(row, first + i, text[i:j], line, out)
                i = j
        self.pos = (row, col + size)

    def _put_run(self, row: int, index: int, text: str, line: Line, out: list[str]) -> None:
        """Narrow characters in Textual's style from (row, index + 1), as
        _put writes them one by one."""
        self._move(row, index + 1, line, out)
        self._restyle(out)
        out.append(text)
        chars, styles, end = line.chars, line.styles, index + len(text)
        # Wide characters written over are gone: only their halves at the
        # ends of the run can be left behind.
        if chars[index] == "" and index > 0:
            chars[index - 1] = None
        last = end - 1
        if chars[last] and end < len(chars) and chars[end] == "":
            chars[end] = None
        chars[index:end] = text
        styles[index:end] = [self.style] * len(text)
        self.cursor = (row, end + 1)

    def _char(self, ch: str, out: list[str]) -> None:
        """One character, the slow way: controls, wide characters, unknown places."""
        if ch == "\r" and self.pos is not None:
            self.pos = (self.pos[0], 1)
            return
        if ch == "\n" and self.pos is not None:
            self.pos = (self.pos[0] + 1, self.pos[1])
            return
        width = get_character_cell_size(ch) if ch.isprintable() else -1
        if self.pos is None or self.style is None or width <= 0:
            self.forget()  # text we cannot place: written as it is
            self._restyle(out)
            out.append(ch)
            self.pos = self.cursor = None
            return
        row, col = self.pos
        line = self.screen.get(row) or self.screen.setdefault(row, Line())
        index = col - 1
        line.reach(index + width + 1)
        same = line.chars[index] == ch and line.styles[index] == self.style
        if width == 2:
            same = same and line.chars[index + 1] == "" and line.styles[index + 1] == self.style
        if not same:
            self._put(row, index, ch, width, line, out)
        self.pos = (row, col + width)

    def _put(self, row: int, index: int, ch: str, width: int, line: Line, out: list[str]) -> None:
        """Write `ch` in Textual's style at (row, index + 1) and note it in the copy."""
        self._move(row, index + 1, line, out)
        self._restyle(out)
        out.append(ch)
        chars, styles = line.chars, line.styles
        for k in range(index, index + width):  # wide characters we write over are gone
            if chars[k] == "" and k > 0:
                chars[k - 1] = None
            elif chars[k] and k + 1 < len(chars) and chars[k + 1] == "" and k + 1 >= index + width:
                chars[k + 1] = None
        chars[index], styles[index] = ch, self.style
        if width == 2:
            chars[index + 1], styles[index + 1] = "", self.style
        self.cursor = (row, index + 1 + width)

    def _move(self, row: int, col: int, line: Line, out: list[str]) -> None:
        """Bring the terminal's cursor to (row, col): rewrite a few known cells
        of the current style, or move it."""
        if self.cursor == (row, col):
            return
        if self.cursor is not None and self.cursor[0] == row and 0 < col - self.cursor[1] <= GAP:
            first = self.cursor[1] - 1
            chars = line.chars[first:col - 1]
            if (all(chars) and self.have == self.style
                    and line.styles[first:col - 1].count(self.style) == len(chars)):
                out.append("".join(chars))
                self.cursor = (row, col)
                return
        if self.cursor is not None and self.cursor[0] == row and col > self.cursor[1]:
            ahead = col - self.cursor[1]  # cursor forward: shorter than a full move
            out.append(f"\x1b[{ahead}C" if ahead > 1 else "\x1b[C")
        else:
            out.append(f"\x1b[{row};{col}H")
        self.cursor = (row, col)
