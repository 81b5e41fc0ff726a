"""Sorted line numbers as runs: what a repaint marks and a compositor asks
for, one region per run of neighbouring lines rather than one per line."""

from __future__ import annotations


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (start, end) runs: [1, 2, 3, 7] -> [(1, 4), (7, 8)]."""
    spans: list[tuple[int, int]] = []
    for y in rows:
        if spans and spans[-1][1] == y:
            spans[-1] = (spans[-1][0], y + 1)
        else:
            spans.append((y, y + 1))
    return spans
