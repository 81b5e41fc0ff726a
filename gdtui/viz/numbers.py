"""How numbers are shown on screen: short, aligned, and honest about overflow."""

from __future__ import annotations

import math


def fmt(value: float, digits: int = 6) -> str:
    """A float in at most `digits` significant digits: 0.64, -0.0388, 5.489e-05, inf."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{exponent[0]}{exponent[1:].lstrip('0').zfill(2)}"
    return text


def fmt_signed(value: float, digits: int = 6) -> str:
    """Like fmt, with an explicit + for positive numbers (for changes)."""
    text = fmt(value, digits)
    return text if text.startswith("-") or text in ("0", "nan") else "+" + text
