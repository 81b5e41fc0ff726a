"""How numbers are shown on screen: significant digits, one formatter for all.

`fmt` keeps significant digits, never fixed decimals, so 1e-12 reads
1e-12 (not 0.0000) and a slope of -0.003 reads -0.003 (not -0.00). An
overflowed number reads `inf` / `-inf` / `nan` wherever it is shown.
"""

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


def compact_number(value: float) -> str:
    """A tick label in at most ~8 characters: 0.64, 5.5e-05, 1234, 1.2e+308."""
    if math.isfinite(value) and 100 <= abs(value) < 10000:
        return f"{value:.0f}"  # '1234' reads better than '1.2e+03'
    return fmt(value, 2)


def fmt_text(value: float, digits: int = 6, minus: str = "-") -> str:
    """fmt for prose: the minus sign as the glyph table gives it (−)."""
    text = fmt(value, digits)
    return minus + text[1:] if text.startswith("-") else text
