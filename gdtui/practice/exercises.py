"""Exercises in lesson files: a task, a hint, and a check the engine's run
answers. No UI here, and no code from the lesson file is run: a check is a
small dict of the keys below, all of which must hold.

    exercises=[{
        "id": "largest-alpha",
        "en": "Find the largest alpha that still converges.", "zh": "…",
        "hint": {"en": "[ lowers alpha; try each value from step 0 (B).", "zh": "…"},
        "check": {"alpha_between": [0.2, 0.49], "then": "converged"},
    }]

The checks:
  error_below: v              the last step's error is below v
    within: n                   ... and got there in at most n steps
  diverged: True              the run overflowed, or its error grew step after step
  diverged: False             ... did not, over at least `steps` steps (default 10)
  alpha_between: [a, b]       alpha is within [a, b] now
    then: "converged"           ... and the error reached 1e-6 (the engine's converged)
  correct_in_a_row: n         n right predictions in a row (predict mode)
    quantity: q                 ... of this quantity
  frozen: k                   weight k (row by row from 0) is frozen now (with error_below)
  unchanged_after_unfreeze: k weight k was frozen, then unfrozen, and has not
                              moved since (by more than `tolerance`, 1e-6)
  input_is: [k, v]            the last step's input k was v (an edit: normalising it)
  all_learn: r                in the last step every weight_delta was at least r
                              times the largest (no input dominates the learning)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gdtui.engine import Rule, Settings, Step, Trainer
from gdtui.engine.diagnose import verdict
from gdtui.practice.predict import QUANTITIES, Score, quantities

MAX_EXERCISES = 10
MAX_TEXT = 400
DEFAULT_STEPS = 10
DEFAULT_TOLERANCE = 1e-6
MAX_WHOLE = 10**7  # steps and streaks: as many as `gdtui run` takes (gdtui.lessons.limits)
# key: what it takes; the keys that go with it.
KEYS = {
    "error_below": "a positive number",
    "within": "a whole number of steps, with error_below",
    "diverged": "True or False",
    "steps": "a whole number of steps, with diverged: False",
    "alpha_between": "[low, high], two positive numbers",
    "then": "'converged', with alpha_between",
    "correct_in_a_row": "a whole number",
    "quantity": "one of " + ", ".join(QUANTITIES) + ", with correct_in_a_row",
    "frozen": "a weight's index, with error_below",
    "unchanged_after_unfreeze": "a weight's index",
    "tolerance": "a positive number, with unchanged_after_unfreeze",
    "input_is": "[an input's index, its value]",
    "all_learn": "a number from 0 to 1",
}
# A key that only means something beside another.
NEEDS = {"within": "error_below", "steps": "diverged", "then": "alpha_between",
         "quantity": "correct_in_a_row", "frozen": "error_below",
         "tolerance": "unchanged_after_unfreeze"}


@dataclass(frozen=True)
class Exercise:
    id: str
    prompt: dict[str, str]  # {"en": …, "zh": …}
    hint: dict[str, str]
    check: dict[str, Any]


@dataclass(frozen=True)
class Run:
    """What a check looks at: the run so far, as the trainer has it."""

    steps: Sequence[Step]  # every step (the small lessons keep them all)
    errors: np.ndarray  # total error per step
    settings: Settings
    diverged_at: int | None
    score: Score


# -- checking a lesson file's field --------------------------------------------
def _bilingual(where: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) != {"en", "zh"}:
        raise ValueError(f"{where} must be {{'en': …, 'zh': …}}")
    for lang, text in value.items():
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
            raise ValueError(f"{where}['{lang}'] must be text of 1 to {MAX_TEXT} characters")
    return dict(value)


def _shown(value: Any) -> str:
    """A value for a message: a huge int by its size (its repr past 4,300
    digits raises), anything else but plain numbers by its type."""
    if type(value) is int and value.bit_length() > 64:
        return f"an int of {value.bit_length():,} bits"
    return repr(value) if type(value) in (int, float, bool, str) else type(value).__name__


def _positive(where: str, value: Any) -> float:
    number = None
    if not isinstance(value, bool) and isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an int no float can hold
            raise ValueError(f"{where} is too large for a float: {_shown(value)}") from None
    if number is None or not (math.isfinite(number) and number > 0):
        raise ValueError(f"{where} must be a positive number, got {_shown(value)}")
    return number


def _whole(where: str, value: Any, low: int = 0, high: int = MAX_WHOLE) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{where} must be a whole number from {low} to {high:,}, "
                         f"got {_shown(value)}")
    return value


def _check(where: str, value: Any, weights: int, rule: Rule | str, inputs: int) -> dict[str, Any]:
    if not isinstance(value, dict) or not value:
        raise ValueError(f"{where} must be a dict of " + ", ".join(KEYS))
    out: dict[str, Any] = {}
    for key, given in value.items():
        at = f"{where}['{key}']"
        if key not in KEYS:
            raise ValueError(f"{at}: unknown check; the checks are " + ", ".join(KEYS))
        if key in NEEDS and NEEDS[key] not in value:
            raise ValueError(f"{at} goes with {NEEDS[key]}")
        if key in ("error_below", "tolerance"):
            out[key] = _positive(at, given)
        elif key in ("within", "steps", "correct_in_a_row"):
            out[key] = _whole(at, given, 1)
        elif key == "diverged":
            if not isinstance(given, bool):
                raise ValueError(f"{at} must be True or False")
            out[key] = given
        elif key == "alpha_between":
            if not isinstance(given, (list, tuple)) or len(given) != 2:
                raise ValueError(f"{at} must be [low, high]")
            low, high = (_positive(at, v) for v in given)
            if low > high:
                raise ValueError(f"{at}: low {low:g} is above high {high:g}")
            out[key] = [low, high]
        elif key == "then":
            if given != "converged":
                raise ValueError(f"{at} must be 'converged'")
            out[key] = given
        elif key == "input_is":
            if not isinstance(given, (list, tuple)) or len(given) != 2:
                raise ValueError(f"{at} must be [an input's index, its value]")
            index = _whole(at, given[0])
            if index >= inputs:
                raise ValueError(f"{at}: input {index} of {inputs} (they count from 0)")
            value = given[1]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError(f"{at} must give a finite number, got {_shown(value)}")
            out[key] = [index, float(value)]
        elif key == "all_learn":
            share = _positive(at, given)
            if share > 1:
                raise ValueError(f"{at} must be a number from 0 to 1, got {_shown(given)}")
            out[key] = share
        elif key == "quantity":
            if given not in quantities(rule):
                raise ValueError(f"{at} must be one of " + ", ".join(quantities(rule)))
            out[key] = given
        else:  # frozen, unchanged_after_unfreeze: a weight's index
            index = _whole(at, given)
            if index >= weights:
                raise ValueError(f"{at}: weight {index} of {weights} (they count from 0)")
            out[key] = index
    if "steps" in out and out.get("diverged") is not False:
        raise ValueError(f"{where}['steps'] goes with diverged: False")
    return out


def check_exercises(value: Any, weights: int = 1, rule: Rule | str = "gradient",
                    inputs: int = 1) -> tuple[Exercise, ...]:
    """A lesson's `exercises` field, checked; ValueError names the part."""
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)) or len(value) > MAX_EXERCISES:
        raise ValueError(f"must be a list of at most {MAX_EXERCISES} exercises")
    out, seen = [], set()
    for k, item in enumerate(value):
        where = f"[{k}]"
        if not isinstance(item, dict):
            raise ValueError(f"{where} must be a dict with id, en, zh, hint, check")
        missing = [name for name in ("id", "en", "zh", "hint", "check") if name not in item]
        extra = sorted(set(item) - {"id", "en", "zh", "hint", "check"})
        if missing or extra:
            raise ValueError(f"{where}: " + (f"missing {', '.join(missing)}" if missing
                                              else f"unknown {', '.join(extra)}"))
        ident = item["id"]
        # Printable: it is shown, and kept in the learner's progress (UTF-8 text).
        if (not isinstance(ident, str) or not ident or len(ident) > 40 or not ident.isprintable()
                or ident in seen):
            raise ValueError(f"{where}['id'] must be a short printable name, different from the others")
        seen.add(ident)
        prompt = _bilingual(where, {"en": item["en"], "zh": item["zh"]})
        hint = _bilingual(f"{where}['hint']", item["hint"])
        out.append(Exercise(ident, prompt, hint, _check(f"{where}['check']", item["check"], weights, rule, inputs)))
    return tuple(out)


def plain(exercises: tuple[Exercise, ...]) -> list[dict[str, Any]]:
    """The field as a lesson file gives it (for the JSON trip)."""
    return [{"id": e.id, **e.prompt, "hint": e.hint, "check": e.check} for e in exercises]


# -- checking a run -------------------------------------------------------------
def run_of(trainer: Trainer, score: Score) -> Run:
    return Run(trainer.history, trainer.errors, trainer.settings, trainer.diverged_at, score)


def _reached(errors: np.ndarray, below: float) -> int | None:
    """The first step whose error was below `below` (1 = the first step)."""
    hits = np.flatnonzero(errors < below)
    return int(hits[0]) + 1 if hits.size else None


def _unchanged_after_unfreeze(run: Run, index: int, tolerance: float) -> bool:
    """The weight was frozen for a step, then unfrozen for at least one, and
    has moved no more than `tolerance` since the unfreezing."""
    def frozen(step: Step) -> bool:
        return step.frozen is not None and bool(step.frozen.flat[index])

    steps = list(run.steps)
    last_frozen = max((k for k, s in enumerate(steps) if frozen(s)), default=None)
    if last_frozen is None or last_frozen == len(steps) - 1:
        return False
    after = steps[last_frozen + 1:]
    start = after[0].weights.flat[index]
    return all(abs(s.weights_after.flat[index] - start) <= tolerance for s in after)


def holds(check: dict[str, Any], run: Run) -> bool:
    """Every key of the check holds on this run."""
    errors, s = run.errors, run.settings
    judged = verdict(errors, run.diverged_at, s.rule.can_diverge)
    if "error_below" in check:
        if not errors.size or not errors[-1] < check["error_below"]:
            return False
        if "within" in check:
            first = _reached(errors, check["error_below"])
            if first is None or first > check["within"]:
                return False
    if "diverged" in check:
        diverging = judged in ("overflow", "growing")
        if check["diverged"] != diverging:
            return False
        if not check["diverged"] and errors.size < check.get("steps", DEFAULT_STEPS):
            return False
    if "alpha_between" in check:
        # The alpha the last step used: a change counts once a step is taken with it.
        low, high = check["alpha_between"]
        if not run.steps or not low <= run.steps[-1].alpha <= high:
            return False
        if check.get("then") == "converged" and judged != "converged":
            return False
    if "correct_in_a_row" in check:
        if run.score.in_a_row(check.get("quantity")) < check["correct_in_a_row"]:
            return False
    if "frozen" in check:
        if s.frozen is None or not s.frozen.flat[check["frozen"]]:
            return False
    if "input_is" in check:
        index, value = check["input_is"]
        if not run.steps or not math.isclose(float(run.steps[-1].input[index]), value,
                                             rel_tol=1e-9, abs_tol=1e-12):
            return False
    if "all_learn" in check:
        if not run.steps or run.steps[-1].weight_delta is None:
            return False
        sizes = np.abs(run.steps[-1].weight_delta)
        if not np.isfinite(sizes).all() or not sizes.max() > 0:
            return False
        if not (sizes >= check["all_learn"] * sizes.max()).all():
            return False
    if "unchanged_after_unfreeze" in check:
        index = check["unchanged_after_unfreeze"]
        if not _unchanged_after_unfreeze(run, index, check.get("tolerance", DEFAULT_TOLERANCE)):
            return False
    return True

