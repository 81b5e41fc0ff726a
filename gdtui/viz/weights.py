"""Views of the weights built from engine values: U-curves and the weight matrix."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich import box
from rich.table import Table
from rich.text import Text

from gdtui.engine import Step, error_along_weight, slope_along_weight
from gdtui.viz.numbers import fmt, fmt_signed
from gdtui.viz.ucurve import UCurve

CURVE_POINTS = 161


def weight_label(row: int, col: int, input_labels: Sequence[str], output_labels: Sequence[str]) -> str:
    """The book calls the weights a, b, c…; add what they connect."""
    n_in = len(input_labels)
    letter = "abcdefghijklmnopqrstuvwxyz"[(row * n_in + col) % 26]
    if len(output_labels) == 1:
        return f"{letter}: {input_labels[col]}"
    if n_in == 1:
        return f"{letter}: {output_labels[row]}"
    return f"{letter}: {input_labels[col]}→{output_labels[row]}"


def _range(points: np.ndarray) -> tuple[float, float]:
    finite = points[np.isfinite(points)]
    lo, hi = float(finite.min()), float(finite.max())
    span = max(hi - lo, 0.5, 0.2 * max(abs(lo), abs(hi)))
    return lo - 0.25 * span, hi + 0.25 * span


def weight_ucurve(
    weights: np.ndarray,
    x: np.ndarray,
    goal: np.ndarray,
    row: int,
    col: int,
    path: Sequence[tuple[float, float]],
    *,
    label: str,
    frozen: bool = False,
    height: int = 8,
) -> UCurve:
    """Error as weight [row][col] varies, the others held at `weights`.

    `path` holds (weight, error) as they were at each step so far: a frozen
    weight's path is a column of dots whose error falls as the others learn.
    The x-range covers the current weight, the bottom of the U and the recent
    path, so the learner sees where the weight is, where it is going and
    where it has been.
    """
    w = float(weights[row, col])
    path_ws = np.array([p[0] for p in path[-50:]], dtype=np.float64)
    points = [w, *path_ws]
    if x[col] != 0:
        # The bottom: where this output's delta would be exactly zero.
        delta = float((weights[row] * x).sum() - goal[row])
        points.append(w - delta / x[col])
    with np.errstate(all="ignore"):
        lo, hi = _range(np.array(points))
        ws = np.linspace(lo, hi, CURVE_POINTS)
        errs = error_along_weight(weights, x, goal, row, col, ws)
        current = float(error_along_weight(weights, x, goal, row, col, np.array([w]))[0])
    return UCurve(
        ws, errs, w, current, slope_along_weight(weights, x, goal, row, col),
        path=list(path), label=label, frozen=frozen, height=height,
    )


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
