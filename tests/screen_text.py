"""Reading a terminal screen as text: a notice (a toast) sits at the right,
beside other text, and wraps inside its own edge."""

from itertools import takewhile


def notice(screen: str, start: str) -> str:
    """The words of the notice whose first line begins with `start`, read down
    its left edge ('' when no such notice is on the screen)."""
    rows = screen.split("\n")
    for first, row in enumerate(rows):
        col = row.find(start)
        if col >= 2:
            edge = row[col - 2]
            kept = list(takewhile(lambda r: len(r) > col and r[col - 2] == edge, rows[first:]))
            return " ".join(" ".join(r[col:] for r in kept).split())
    return ""
