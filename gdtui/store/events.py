"""What is recorded: one Event per thing a learner did, checked on the way in.

An event is one row of the store's `events` table. The learner's app makes
them (gdtui.practice.progress.Recorder); served, they reach the server as
JSON over the learner's channel, so `from_json` trusts nothing: every field is
checked for its type and size, and anything else is refused (ValueError).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace

# The kinds, and the fields each may carry besides the lesson.
KINDS = {
    "open": {"step", "total", "alpha"},  # a lesson opened; total: how many exercises it has
    "leave": {"step"},  # back to the list, or another lesson
    "step": {"step"},  # a step taken by hand, a step back, or where a run stopped
    "answer": {"step", "quantity", "answer", "truth", "verdict", "slip", "streak"},
    "tick": {"step", "exercise"},  # an exercise done
    "explain": {"step", "quantity", "slip"},  # what went wrong in a wrong answer (slip: the choice)
    "untick": set(),  # X: the lesson's exercises started again
    "alpha": {"step", "alpha", "old_alpha"},
    "diverged": {"step"},  # the run overflowed or its error kept growing
    "login": {"note"},  # written by the server: the client's address
    "logout": {"note"},  # ... and how the session ended
    "imported": {"note"},  # an old JSON progress file taken in
}
VERDICTS = ("right", "close", "wrong")
MAX_TEXT = 100  # lesson, exercise, quantity, slip: ids, all short
MAX_NOTE = 300
MAX_COUNT = 10**15  # steps, streaks, totals: far past any run, and exact as a float


@dataclass(frozen=True)
class Event:
    kind: str
    lesson: str | None = None
    step: int | None = None
    quantity: str | None = None
    answer: float | None = None  # what the learner predicted
    truth: float | None = None  # the step's own number (None: it overflowed)
    verdict: str | None = None
    slip: str | None = None  # the usual slip the answer matches, if any
    streak: int | None = None  # right answers in a row, this one included
    exercise: str | None = None
    alpha: float | None = None  # the new alpha
    old_alpha: float | None = None
    total: int | None = None
    note: str | None = None
    at: float = 0.0  # seconds since the epoch; the writer stamps it

    def to_json(self) -> dict:
        """The fields that are set, kind first (what the channel carries)."""
        return {k: v for k, v in asdict(self).items() if v is not None and k != "at"}

    def stamped(self, at: float) -> Event:
        return replace(self, at=at)


_TEXTS = {"lesson", "quantity", "verdict", "slip", "exercise"}
_INTS = {"step", "streak", "total"}
_FLOATS = {"answer", "truth", "alpha", "old_alpha"}


def from_json(data: object) -> Event:
    """An Event from what a channel or a file said; ValueError if anything is off."""
    if not isinstance(data, dict):
        raise ValueError("an event is a JSON object")
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        raise ValueError("unknown kind of event")
    allowed = KINDS[kind] | {"kind", "lesson"}
    extra = set(data) - allowed
    if extra:
        raise ValueError(f"{kind}: unexpected field(s) {', '.join(sorted(map(str, extra)))[:100]}")
    values: dict = {}
    for name, value in data.items():
        if name == "kind" or value is None:
            continue
        values[name] = _checked(name, value)
    if values.get("verdict") not in (None, *VERDICTS):
        raise ValueError("verdict: right, close or wrong")
    return Event(kind, **values)


def _checked(name: str, value: object) -> object:
    if name in _TEXTS or name == "note":
        limit = MAX_NOTE if name == "note" else MAX_TEXT
        if type(value) is not str or not value or len(value) > limit:
            raise ValueError(f"{name}: a text of 1 to {limit} characters")
        if not utf8(value):
            raise ValueError(f"{name}: {NOT_UTF8}")
        return str(value)
    if name in _INTS:
        if type(value) is not int or not 0 <= value <= MAX_COUNT:
            raise ValueError(f"{name}: a whole number from 0 to {MAX_COUNT:.0e}")
        return int(value)
    if name in _FLOATS:
        if type(value) not in (int, float) or not math.isfinite(value):
            raise ValueError(f"{name}: a finite number")
        return float(value)
    raise ValueError(f"unknown field {name}")


NOT_UTF8 = "holds a lone surrogate, which is not UTF-8 text"


def utf8(text: str) -> bool:
    """Whether the store can keep `text`: SQLite holds UTF-8, and a lone
    surrogate (a file name's undecodable byte, JSON's "\\udcff") has none."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def unkeepable(learner: str, event: Event) -> str | None:
    """Why the store cannot keep this event (one line), or None."""
    from gdtui.text.safe import visible

    for name, value in (("learner", learner), *((n, getattr(event, n)) for n in (*_TEXTS, "note"))):
        if isinstance(value, str) and not utf8(value):
            return f"progress not kept: the {name} '{visible(value)}' {NOT_UTF8}"
    return None


def finite(value: float | None) -> float | None:
    """A number as an event keeps it: None for inf and nan (JSON has neither)."""
    return value if value is not None and math.isfinite(value) else None

