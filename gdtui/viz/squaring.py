"""What squaring does to a miss, in three bars and a line (measure-error).

The chapter gives two reasons for error = delta²: a big miss counts far more
than a small one (a miss of 0.1 costs 0.01, a miss of 1 costs 1: ten times
the miss, a hundred times the error), and a square is never negative, so
misses either way can never cancel (+0.5 and −0.5: the deltas add up to 0,
the errors to 0.5). The lines below show both, with this step's miss
between the book's two. Every line is there before the first step too (as
`?`), so the screen does not move when Space measures.

    miss 0.1  → error 0.01    ▏
    miss 0.55 → error 0.3025  ██████              this step
    miss 1    → error 1       ████████████████████ 10× the miss, 100× the error
  +0.55, −0.55: the deltas sum to 0, the errors to 0.3025 + 0.3025 = 0.605
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

RESULT = Style(bold=True)
DIM = Style(dim=True)
BAR = 16  # cells for an error of 1
# The book's small and big miss, and their squares (the picture's fixed rows).
SMALL_MISS, BIG_MISS = 0.1, 1.0
EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")


def bar(error: float, ascii_only: bool) -> str:
    """error on a scale of BAR cells for 1 (at least a sliver when above 0)."""
    cells = min(error, 1.0) * BAR
    if ascii_only:
        return "#" * max(1 if error > 0 else 0, round(cells))
    full, eighths = divmod(max(1 if error > 0 else 0, round(cells * 8)), 8)
    return "█" * full + EIGHTHS[eighths]


def squaring_lines(delta: float | None, error: float | None, n, g: dict[str, str],
                   words: dict[str, str], ascii_only: bool) -> list[Text]:
    """The three misses and the cancelling line; `n` formats a number as the
    chain does, `g` is the chain's glyph table, `delta`/`error` this step's
    (None before the first)."""
    rows = [(n(SMALL_MISS), n(SMALL_MISS ** 2), SMALL_MISS ** 2, ""),
            ("?" if delta is None else n(abs(delta)), "?" if error is None else n(error),
             error, words["sq_this"]),
            (n(BIG_MISS), n(BIG_MISS ** 2), BIG_MISS ** 2, words["sq_ratio"])]
    miss_w = max(cell_len(r[0]) for r in rows)
    error_w = max(cell_len(r[1]) for r in rows)
    lines = []
    for miss, shown, value, note in rows:
        line = Text("    ", end="", no_wrap=True)
        line.append(f"{words['sq_miss']} {miss.ljust(miss_w)} {g['arrow']} error ")
        line.append(shown.ljust(error_w), RESULT)
        line.append("  ")
        line.append(bar(value, ascii_only).ljust(BAR) if value is not None else " " * BAR, Style(color="cyan"))
        if note:
            line.append(" " + note, DIM)
        lines.append(line)
    # 4 digits: the line must fit 80 columns whatever the weight.
    if delta is None:
        plus = minus = each = total = "?"
    else:
        plus = minus = n(abs(delta), 4)
        each, total = n(error, 4), n(2 * error, 4)
    line = Text("  ", end="", no_wrap=True)
    line.append(words["sq_cancel"].format(plus="+" + plus, minus=g["minus"] + minus, each=each,
                                          total=total))
    lines.append(line)
    return lines
