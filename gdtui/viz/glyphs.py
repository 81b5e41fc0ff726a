"""Every glyph gdtui draws, and what ASCII draws instead: the one table.

`GLYPHS` names the glyphs the renderables draw (`glyphs(ascii_only)["arrow"]`),
looked up with the console's `ascii_only`, so --ascii flows through console
options instead of `if`s in every renderable.

`ASCII_OF` is every other non-ASCII character our own text holds (the app's
English, the captions), with two stand-ins: one cell, for text already laid
out (the driver's and AsciiOnly's last pass, gdtui.viz.ascii.to_ascii: the
layout must not move), and a readable spelling, for text not yet laid out
(gdtui.viz.ascii.spelled): `w 0→0.88` is `w 0->0.88`, never `w 0>0.88`,
which reads as a comparison. A character in neither table falls back to `?`
(tests/app/test_ascii_screens.py fails on any a screen draws).
"""

from __future__ import annotations

GLYPHS: dict[bool, dict[str, str]] = {
    False: {
        "axis": "│", "tick": "┤", "ellipsis": "…",
        # the U-curve: where the step was taken, where it lands, the path
        "on": "●", "land": "◆", "mirror": "◇", "path": "○", "bottom": "▿",
        "left": "◀", "right": "▶", "up": "▲", "down": "▼",
        # the worked chain, the dot products
        "times": "×", "minus": "−", "squared": "²", "arrow": "→", "changed": "▶",
        "sum": "Σ", "bar": "█", "dot": "·",
        # the MNIST scores: a bar's tick, the best and the largest score, the goal
        "bar_tick": "┊", "best": "◀ best", "argmax": "◀ max", "chosen": "▶",
        # the screens' marks: an exercise done / to do, a verdict, what to try,
        # the keys that select a weight, a direction predicted
        "done": "✓", "todo": "☐", "is_right": "✓", "is_close": "~", "is_wrong": "✗", "prompt": "▸",
        "select": "←→", "rises": "↑", "falls": "↓",
    },
    True: {
        "axis": "|", "tick": "+", "ellipsis": "~",
        "on": "O", "land": "X", "mirror": "x", "path": "o", "bottom": "v",
        "left": "<", "right": ">", "up": "^", "down": "v",
        "times": "*", "minus": "-", "squared": "^2", "arrow": "->", "changed": ">",
        "sum": "sum", "bar": "#", "dot": "|",
        "bar_tick": ":", "best": "< best", "argmax": "< max", "chosen": ">",
        "done": "[x]", "todo": "[ ]", "is_right": "ok", "is_close": "~", "is_wrong": "x", "prompt": ">",
        # select: arrows, never "<>", which reads as the slider's own < and > keys
        "select": "<- ->", "rises": "up", "falls": "down",
    },
}

# character -> (one cell, readable): `×` is `*` either way, as the book's code writes it.
ASCII_OF: dict[str, tuple[str, str]] = {
    # arrows: a readable arrow, never a lone > that reads as "greater than"
    "→": (">", "->"), "←": ("<", "<-"), "↔": ("-", "<->"), "↑": ("^", "up"), "↓": ("v", "down"),
    # marks
    "✓": ("v", "ok"), "✗": ("x", "x"), "☐": ("o", "[ ]"), "▸": (">", ">"), "•": ("*", "*"),
    "▶": (">", ">"), "◀": ("<", "<"), "▲": ("^", "^"), "▼": ("v", "v"),
    "●": ("O", "O"), "◆": ("X", "X"), "◇": ("x", "x"), "○": ("o", "o"), "▿": ("v", "v"),
    # arithmetic
    "×": ("*", "*"), "−": ("-", "-"), "²": ("2", "^2"), "±": ("+", "+/-"), "∓": ("-", "-/+"),
    "≥": (">", ">="), "≤": ("<", "<="), "Σ": ("S", "sum"),
    # punctuation
    "…": ("~", "..."), "·": ("|", "|"), "—": ("-", "--"), "–": ("-", "-"),
    "✉": ("@", "msg"), "‘": ("'", "'"), "’": ("'", "'"), "“": ('"', '"'), "”": ('"', '"'),
    # bars, shades and lines
    "█": ("#", "#"), "░": (".", "."), "▒": (":", ":"), "▓": ("#", "#"),
    "─": ("-", "-"), "│": ("|", "|"), "┤": ("+", "+"), "┊": (":", ":"), "╱": ("/", "/"), "╲": ("\\", "\\"),
}


def glyphs(ascii_only: bool) -> dict[str, str]:
    return GLYPHS[bool(ascii_only)]
