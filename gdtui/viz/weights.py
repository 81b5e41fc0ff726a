"""The weights' names and the weight matrix, built from engine values."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich import box
from rich.table import Table
from rich.text import Text

from gdtui.engine import Step
from gdtui.viz.numbers import fmt, fmt_signed


def weight_label(row: int, col: int, input_labels: Sequence[str], output_labels: Sequence[str]) -> str:
    """The book calls the weights a, b, c…; add what they connect."""
    n_in = len(input_labels)
    letter = "abcdefghijklmnopqrstuvwxyz"[(row * n_in + col) % 26]
    if len(output_labels) == 1:
        return f"{letter}: {input_labels[col]}"
    if n_in == 1:
        return f"{letter}: {output_labels[row]}"
    return f"{letter}: {input_labels[col]}→{output_labels[row]}"


def weight_matrix(
    weights: np.ndarray,
    last: Step | None,
    input_labels: Sequence[str],
    output_labels: Sequence[str],
    *,
    frozen: np.ndarray | None = None,
    selected: tuple[int, int] | None = None,
    digits: int = 5,
) -> Table:
    """[outputs][inputs] weights, each with the change the last step made."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, title_justify="left")
    table.add_column("weights", no_wrap=True)
    for name in input_labels:
        table.add_column(name, justify="right", no_wrap=True)
    for i, out in enumerate(output_labels):
        cells = []
        for j in range(len(input_labels)):
            text = Text(fmt(weights[i, j], digits))
            if last is not None:
                change = last.weights_after[i, j] - last.weights[i, j]
                text.append(f" {fmt_signed(change, 2)}", style="dim")
            if frozen is not None and frozen[i, j]:
                text.append(" *", style="bold")
            if selected == (i, j):
                text.stylize("reverse")
            cells.append(text)
        table.add_row(out, *cells)
    return table
