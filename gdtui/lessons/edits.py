"""Parse what a learner types into the edit form: numbers, checked.

Kept out of the UI so it can be tested without an app: each parser returns the
value or raises EditError, a ValueError whose text is short enough to sit beside
the field, and whose key and values let the form say it in the learner's
language (gdtui.text.i18n, "edit_" + key).
"""

from __future__ import annotations

import math
import re

import numpy as np

from gdtui.text.i18n import tr

_SEPARATORS = re.compile(r"[,\s]+")


class EditError(ValueError):
    """A value the form cannot take: `key` names the problem (its words are
    gdtui.text.i18n's "edit_" + key), `values` fill them in."""

    def __init__(self, key: str, **values) -> None:
        self.key, self.values = key, values
        super().__init__(tr("edit_" + key, "en", **values))


def parse_positive(text: str) -> float:
    """alpha or step_amount: a positive finite number."""
    try:
        value = float(text.strip())
    except ValueError:
        raise EditError("not_number", text=repr(text.strip())) from None
    if not math.isfinite(value) or value <= 0:
        raise EditError("not_positive")
    return value


def parse_numbers(text: str, count: int) -> np.ndarray:
    """`count` finite numbers separated by spaces or commas."""
    parts = [p for p in _SEPARATORS.split(text.strip().strip("[]")) if p]
    if len(parts) != count:
        if count == 1:
            raise EditError("count_one", got=len(parts))
        raise EditError("count", count=count, got=len(parts))
    values = []
    for p in parts:
        try:
            v = float(p.strip("[]"))
        except ValueError:
            raise EditError("not_number", text=repr(p)) from None
        if not math.isfinite(v):
            raise EditError("not_finite")
        values.append(v)
    return np.array(values, dtype=np.float64)


def parse_matrix(text: str, rows: int, cols: int) -> np.ndarray:
    """rows × cols numbers; rows separated by ';' (or all on one line, row by row)."""
    if ";" in text:
        lines = [line for line in text.split(";") if line.strip()]
        if len(lines) != rows:
            raise EditError("rows", rows=rows, got=len(lines))
        return np.array([parse_numbers(line, cols) for line in lines])
    return parse_numbers(text, rows * cols).reshape(rows, cols)


# As many significant digits as the chain shows (gdtui.viz.numbers.fmt's rule,
# which this layer may not import): 0.6952, not 0.6951999999999999.
SHOWN_DIGITS = 8


def show_numbers(values: np.ndarray | float) -> str:
    """As the chain shows them; the form keeps the exact values while a
    field is left as shown."""
    return " ".join(f"{float(v):.{SHOWN_DIGITS}g}" for v in np.ravel(values))


def show_matrix(values: np.ndarray) -> str:
    return "; ".join(show_numbers(row) for row in values)
