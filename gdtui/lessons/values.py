"""Plain values out of a lesson file: numbers, grids of numbers, flags and text.

A lesson file is Python, so a field may hold anything: a bool, a string of
digits, an int too big for a float, a list that holds itself, a float subclass
whose methods raise. Each function here takes one field's value and returns a
plain Python or NumPy value, or raises a LessonError naming the field. Only
exact built-in types are trusted; a subclass of int, float or str is read
through the base type's own method, so none of its methods ever run. Types
are asked of type(value), never isinstance: an object's `__class__` may claim
to be a str it is not.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from gdtui.text.safe import visible

MAX_VALUES = 250_000  # numbers in one field: weights, inputs or goals (a 500x500 grid)
MAX_DEPTH = 2  # [rows][values]; nothing a lesson gives is deeper

_GRID = (list, tuple, np.ndarray)
# NumPy's own number types (a subclass may claim __module__ = "numpy").
_NUMPY_NUMBERS = frozenset(
    t for t in np.sctypeDict.values() if issubclass(t, (np.integer, np.floating)))


def _is(value: Any, kinds) -> bool:
    """isinstance, asked of the real type (a `__class__` property can lie)."""
    return issubclass(type(value), kinds)


class LessonError(Exception):
    """One problem in one field of a lesson."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def describe(value: Any) -> str:
    """A short, safe description of any value: never runs the value's own
    methods (a hostile __repr__), never prints a huge int or list in full."""
    kind = type(value)
    name = visible(kind.__name__)
    if kind in (bool, float) or value is None:
        return f"{name} {value!r}"
    if kind is int:
        return f"int {value}" if value.bit_length() <= 64 else f"int of {value.bit_length():,} bits"
    if kind is str:
        text = visible(value[:40])
        return f"str {text!r}" if len(value) <= 40 else f"str {text[:37]!r}..."
    if kind in (list, tuple, dict, set):
        return f"{name} of {len(value)} item(s)"
    return name


def _whole_text(value: int) -> str:
    # str() of an int past 4,300 digits raises; a huge one is named by its size.
    return str(value) if value.bit_length() <= 64 else f"an int of {value.bit_length():,} bits"


# -- numbers ----------------------------------------------------------------------


def _plain_float(name: str, value: Any) -> float:
    """One number as a plain float: bool and str refused, any int or float read
    by the base type, NumPy's own number types allowed."""
    if _is(value, (bool, np.bool_)):
        raise LessonError(name, f"must be a number, got {describe(value)}")
    try:
        if _is(value, float):
            return float.__float__(value)
        if _is(value, int):
            return float(int.__index__(value))
        if type(value) in _NUMPY_NUMBERS:
            return float(value)
    except OverflowError:
        raise LessonError(name, f"is too large for a float: {describe(value)}") from None
    raise LessonError(name, f"must be a number, got {describe(value)}")


def number(name: str, value: Any, *, positive: bool = False) -> float:
    value = _plain_float(name, value)
    if not math.isfinite(value):
        raise LessonError(name, f"must be finite, got {value}")
    if positive and value <= 0:
        raise LessonError(name, f"must be greater than 0, got {value!r}")
    return value


def whole(name: str, value: Any, low: int, high: int) -> int:
    """A whole number in [low, high]."""
    if _is(value, (bool, np.bool_)):
        raise LessonError(name, f"must be a whole number, got {describe(value)}")
    if _is(value, int):
        value = int.__index__(value)
    elif type(value) in _NUMPY_NUMBERS and _is(value, np.integer):
        value = int(value)
    else:
        raise LessonError(name, f"must be a whole number, got {describe(value)}")
    if value < low:
        raise LessonError(name, f"must be at least {low}, got {_whole_text(value)}")
    if value > high:
        raise LessonError(name, f"must be at most {high:,}, got {_whole_text(value)}")
    return value


# -- grids: a value, a list, or [rows][values] --------------------------------------


def _items(name: str, value: Any, kinds: str) -> list | None:
    """The items of a list, tuple or NumPy array, or None for a single value."""
    if type(value) is np.ndarray:
        if value.dtype.kind not in kinds:
            raise LessonError(name, f"must be numbers, got an array of {value.dtype}")
        if value.size > MAX_VALUES:
            raise LessonError(name, f"has {value.size:,} values; at most {MAX_VALUES:,}")
        value = value.tolist()  # plain ints, floats or bools
    if type(value) in (list, tuple):
        return list(value)
    if isinstance(value, (*_GRID, str, bytes, dict, set)) or value is None:
        raise LessonError(name, f"must be numbers, got {describe(value)}")
    return None


def _grid(
    name: str, value: Any, leaf, kinds: str, what: str = "numbers"
) -> tuple[tuple[int, ...], list]:
    """(shape, flat values): a single value, a flat list or equal rows."""
    rows = _items(name, value, kinds)
    if rows is None:
        return (), [leaf(name, value)]
    if not rows:
        raise LessonError(name, "is empty")
    if len(rows) > MAX_VALUES:
        raise LessonError(name, f"has {len(rows):,} values; at most {MAX_VALUES:,}")
    if not any(isinstance(row, _GRID) for row in rows):
        return (len(rows),), _leaves(name, rows, leaf)
    flat, width = [], None
    for row in rows:
        items = _items(name, row, kinds) if isinstance(row, _GRID) else None
        if items is None or (width is not None and len(items) != width):
            raise LessonError(name, f"must be {what} in rows of equal length, got ragged rows")
        width = len(items)
        if len(rows) * width > MAX_VALUES:
            raise LessonError(
                name, f"has {len(rows) * width:,} values; at most {MAX_VALUES:,}"
            )
        if any(isinstance(v, _GRID) for v in items):
            raise LessonError(name, f"nested too deep: at most {MAX_DEPTH} levels, [rows][values]")
        flat += _leaves(name, items, leaf)
    if not width:
        raise LessonError(name, "is empty")
    return (len(rows), width), flat


def _leaves(name: str, items: list, leaf) -> list:
    # Plain floats and ints (or bools for flags) pass as they are: a call per
    # value would make a 500x500 grid slow; anything else goes through `leaf`.
    plain = (float, int) if leaf is _plain_float else (bool,)
    if all(type(v) in plain for v in items):
        return items
    return [leaf(name, v) for v in items]


def numbers(name: str, value: Any) -> np.ndarray:
    """Numbers (a number, a list, or rows) as a float64 array, every one finite."""
    shape, flat = _grid(name, value, _plain_float, "iuf")
    try:
        array = np.array(flat, dtype=np.float64).reshape(shape)
    except OverflowError:  # a plain int too large for a float: say which
        array = np.array([_plain_float(name, v) for v in flat]).reshape(shape)
    if not np.isfinite(array).all():
        raise LessonError(name, "holds NaN or infinity; every number must be finite")
    return array


def _flag(name: str, value: Any) -> bool:
    if _is(value, (bool, np.bool_)):
        return bool(value)
    raise LessonError(name, f"must hold only True or False, got {describe(value)}")


def flags(name: str, value: Any) -> np.ndarray:
    """True/False values (a list or rows) as a bool array."""
    if _is(value, (bool, np.bool_)) or not _is(value, _GRID):
        raise LessonError(name, f"must be a list of True/False, got {describe(value)}")
    shape, flat = _grid(name, value, _flag, "b", "True/False")
    return np.array(flat, dtype=bool).reshape(shape)


# -- text -------------------------------------------------------------------------


def text(name: str, value: Any, limit: int, *, newlines: bool = False) -> str:
    """Non-empty text of at most `limit` characters, control characters made visible."""
    if not _is(value, str):
        raise LessonError(name, f"must be non-empty text, got {describe(value)}")
    value = str.__str__(value).strip()
    if not value:
        raise LessonError(name, "must be non-empty text, got str ''")
    if len(value) > limit:
        raise LessonError(name, f"is {len(value):,} characters long; at most {limit:,}")
    return visible(value, keep="\n" if newlines else "")


def choice(name: str, value: Any, options) -> str:
    """One of `options` (a str, a subclass read as its base; a list or any
    other value is refused, not hashed)."""
    given = str.__str__(value) if _is(value, str) else None
    if given is None or given not in options:
        raise LessonError(name, f"must be one of {', '.join(options)}, got {describe(value)}")
    return given


# -- plain data: a field handed to another module's checker ---------------------

MAX_PLAIN_DEPTH = 6  # exercises: [ {check: {alpha_between: [low, high]}} ] is 4 deep
MAX_PLAIN_ITEMS = 10_000  # prompts and exercises are a few dozen values


def plain(name: str, value: Any) -> Any:
    """value as exact built-in types (dict with str keys, list, str, int,
    float, bool, None), for checkers that compare, hash and sort what they are
    given (prompts, predict, exercises). A subclass is read through its base
    type's own methods, so none of its methods (__eq__, __hash__, __iter__,
    strip, ...) ever runs; anything else is a LessonError naming the place."""
    budget = [MAX_PLAIN_ITEMS]
    return _plain(name, value, 0, budget)


def _plain(where: str, value: Any, depth: int, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise LessonError(where, f"holds more than {MAX_PLAIN_ITEMS:,} values")
    if value is None or _is(value, (bool, np.bool_)):
        return None if value is None else bool(value)
    if _is(value, str):
        return str.__str__(value)
    if _is(value, int):
        value = int.__index__(value)
        _plain_float(where, value)  # an int no float can hold is one line here, not later
        return value
    if _is(value, float):
        return float.__float__(value)
    if type(value) in _NUMPY_NUMBERS:
        return value.item()
    if not _is(value, (dict, list, tuple)):
        raise LessonError(where, f"must be plain data (text, numbers, lists, dicts), "
                                 f"got {describe(value)}")
    if depth >= MAX_PLAIN_DEPTH:
        raise LessonError(where, f"nested too deep: at most {MAX_PLAIN_DEPTH} levels")
    if _is(value, dict):
        out: dict[str, Any] = {}
        for key, item in dict.items(value):  # the base type's: no overridden method runs
            if not _is(key, str):
                raise LessonError(where, f"a key must be text, got {describe(key)}")
            key = str.__str__(key)
            if key in out:
                raise LessonError(where, f"the key '{visible(key)}' is given twice")
            out[key] = _plain(f"{where}['{visible(key[:40])}']", item, depth + 1, budget)
        return out
    items = list.__iter__(value) if _is(value, list) else tuple.__iter__(value)
    return [_plain(f"{where}[{k}]", item, depth + 1, budget) for k, item in enumerate(items)]
