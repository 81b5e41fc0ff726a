"""Every glyph the plots and the worked chain draw, in Unicode and in ASCII.

One table, looked up with the console's `ascii_only`, so --ascii flows
through console options instead of `if`s in every renderable.
"""

from __future__ import annotations

GLYPHS: dict[bool, dict[str, str]] = {
    False: {
        "axis": "│", "tick": "┤", "ellipsis": "…",
        # the U-curve: where the step was taken, where it lands, the path
        "on": "●", "land": "◆", "mirror": "◇", "path": "○", "bottom": "▿",
        "left": "◀", "right": "▶", "up": "▲", "down": "▼",
        # the worked chain
        "times": "×", "minus": "−", "squared": "²", "arrow": "→", "changed": "▶",
        "sum": "Σ", "bar": "█", "dot": "·",
    },
    True: {
        "axis": "|", "tick": "+", "ellipsis": "~",
        "on": "O", "land": "X", "mirror": "x", "path": "o", "bottom": "v",
        "left": "<", "right": ">", "up": "^", "down": "v",
        "times": "x", "minus": "-", "squared": "^2", "arrow": "->", "changed": ">",
        "sum": "sum", "bar": "#", "dot": "|",
    },
}


def glyphs(ascii_only: bool) -> dict[str, str]:
    return GLYPHS[bool(ascii_only)]
