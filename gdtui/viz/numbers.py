"""How numbers are shown on screen: one family of formatters for all of viz and ui.

`fmt` keeps significant digits, never fixed decimals, so 1e-12 reads
1e-12 (not 0.0000) and a slope of -0.003 reads -0.003 (not -0.00); in prose
its minus sign can be the glyph table's (−). `compact_number` is a tick
label, `fixed_or_compact` a score or a share with fixed decimals where those
read. An overflowed number reads `inf` / `-inf` / `nan` wherever it is shown.
"""

from __future__ import annotations

import math


def fmt(value: float, digits: int = 6, minus: str = "-") -> str:
    """A float in at most `digits` significant digits: 0.64, -0.0388, 5.489e-05,
    inf; a negative one starts with `minus`."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else minus + "inf"
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{exponent[0]}{exponent[1:].lstrip('0').zfill(2)}"
    return minus + text[1:] if value < 0 and minus != "-" else text


def compact_number(value: float, digits: int = 2) -> str:
    """A tick label in at most ~8 characters: 0.64, 5.5e-05, 1234, 1.2e+308
    (more when asked for more digits)."""
    if digits == 2 and math.isfinite(value) and 100 <= abs(value) < 10000:
        return f"{value:.0f}"  # '1234' reads better than '1.2e+03'
    return fmt(value, digits)


# Past this many digits two floats a tick apart are the same number to a reader.
MAX_TICK_DIGITS = 8


def _read(label: str) -> float:
    """The number a label reads as."""
    try:
        return float(label)
    except ValueError:
        return math.nan


def distinct_labels(values, log: bool = False) -> list[str]:
    """Tick labels (compact_number's) that read apart wherever the values are
    apart: each within a quarter of the smallest gap between two values (on
    a log scale, of their logs). 1.599 and 1.601 are both 1.6 in two digits,
    and an axis labelled `1.6 … 1.6` reads as no axis at all (nor does
    `1e+02 … 100`); as few digits as that takes."""
    values = [float(v) for v in values]

    def at(v: float) -> float:  # where a value sits on the axis
        if not log:
            return v
        return math.log10(v) if v > 0 else -math.inf

    finite = sorted({at(v) for v in values if math.isfinite(at(v))})
    gaps = [b - a for a, b in zip(finite, finite[1:])]
    near = min(gaps) / 4 if gaps else math.inf
    digits = 2
    while True:
        labels = [compact_number(v, digits) for v in values]
        if digits >= MAX_TICK_DIGITS or all(
                abs(at(_read(label)) - at(v)) <= near for label, v in zip(labels, values)
                if math.isfinite(at(v))):
            return labels
        digits += 1


def fixed_or_compact(value: float, decimals: int) -> str:
    """Fixed decimals where readable, else the compact form (the MNIST views'
    scores and the running accuracy; the lesson screen's numbers are fmt's)."""
    if value == 0 or 1e-3 <= abs(value) < 1e6:
        return f"{value:.{decimals}f}"
    return compact_number(value)
