"""The weights' names, as the book gives them: a, b, c… and what they connect."""

from __future__ import annotations

from collections.abc import Sequence


def weight_letter(row: int, col: int, inputs: int) -> str:
    """a, b, c… along each output's row of weights, as the book names them."""
    return "abcdefghijklmnopqrstuvwxyz"[(row * inputs + col) % 26]


def weight_label(row: int, col: int, input_labels: Sequence[str], output_labels: Sequence[str]) -> str:
    """The book calls the weights a, b, c…; add what they connect."""
    n_in = len(input_labels)
    letter = weight_letter(row, col, n_in)
    if len(output_labels) == 1:
        return f"{letter}: {input_labels[col]}"
    if n_in == 1:
        return f"{letter}: {output_labels[row]}"
    return f"{letter}: {input_labels[col]}→{output_labels[row]}"
