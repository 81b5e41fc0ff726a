"""Parse what a learner types into the edit form: numbers, checked.

Kept out of the UI so it can be tested without an app: each parser returns the
value or raises ValueError with a message short enough to sit beside the field.
"""

from __future__ import annotations

import math
import re

import numpy as np

_SEPARATORS = re.compile(r"[,\s]+")


def parse_positive(text: str) -> float:
    """alpha or step_amount: a positive finite number."""
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError(f"not a number: {text.strip()!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueError("must be a positive finite number")
    return value


def parse_numbers(text: str, count: int) -> np.ndarray:
    """`count` finite numbers separated by spaces or commas."""
    parts = [p for p in _SEPARATORS.split(text.strip().strip("[]")) if p]
    if len(parts) != count:
        raise ValueError(f"needs {count} number{'s' if count != 1 else ''}, got {len(parts)}")
    values = []
    for p in parts:
        try:
            v = float(p.strip("[]"))
        except ValueError:
            raise ValueError(f"not a number: {p!r}") from None
        if not math.isfinite(v):
            raise ValueError("numbers must be finite")
        values.append(v)
    return np.array(values, dtype=np.float64)


def parse_matrix(text: str, rows: int, cols: int) -> np.ndarray:
    """rows × cols numbers; rows separated by ';' (or all on one line, row by row)."""
    if ";" in text:
        lines = [line for line in text.split(";") if line.strip()]
        if len(lines) != rows:
            raise ValueError(f"needs {rows} rows separated by ';', got {len(lines)}")
        return np.array([parse_numbers(line, cols) for line in lines])
    return parse_numbers(text, rows * cols).reshape(rows, cols)


def show_numbers(values: np.ndarray) -> str:
    return " ".join(repr(float(v)) for v in np.ravel(values))


def show_matrix(values: np.ndarray) -> str:
    return "; ".join(show_numbers(row) for row in values)
