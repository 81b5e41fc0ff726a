"""The scenario API: a lesson file says `lesson = Lesson(...)` and nothing more.

`Lesson` only records the fields a file gave; `build()` checks each one and
turns it into a `Scenario` with NumPy arrays of the right shapes. Every problem
is a `LessonError` naming the field, so the loader can print one clear line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from collections.abc import Callable
from typing import Any

import numpy as np

from gdtui.engine import RULES, DataSet, Settings, Trainer
from gdtui.lessons.datasets import DATA_SETS
from gdtui.lessons.limits import MAX_STEPS
from gdtui.practice.exercises import Exercise, check_exercises
from gdtui.practice.exercises import plain as plain_exercises
from gdtui.practice.predict import check_quantity
from gdtui.lessons.values import (
    MAX_VALUES, LessonError, choice, describe, flags, number, numbers, plain, text, visible, whole,
)

BOOK_FORMATS = {
    "error": "print(error) after each comparison",
    "error-prediction": "Error:… Prediction:…",
    "error-prediction-weight-delta": "Error:… Prediction:… Weight_Delta:…",
    "iterations": "Iteration / Pred / Error / Delta / Weights / Weight_Deltas blocks",
    "weights-after": "Weights:… and Weight Deltas:… after each update",
    "passes": "I:… Train-Err:… Train-Acc:… once per pass over the samples (chapter 6's MNIST loop)",
}

# name: (required, what it is)
FIELDS: dict[str, tuple[bool, str]] = {
    "id": (True, "short name used on the command line, e.g. 'learning-steps'"),
    "title": (True, "one line shown in the lesson list"),
    "notes": (True, "{'en': '…', 'zh': '…'}: the lesson note in English and Chinese"),
    "weights": (True, "initial weights: a number, a list, or [outputs][inputs] rows"),
    "input": (False, "one input (a number or a list); give this or `inputs`"),
    "inputs": (False, "many samples, [samples][inputs], taken in order and cycled"),
    "goal": (False, "the goal for `input` (a number or a list); or `goals`"),
    "goals": (False, "one goal row per sample in `inputs`"),
    "rule": (False, "'gradient' (default), 'hot-cold' or 'compare'"),
    "alpha": (False, "learning rate, a positive number (default 1)"),
    "step_amount": (False, "hot-cold's probe size, a positive number (default 0.001)"),
    "frozen": (False, "True where a weight never moves; same shape as `weights`"),
    "steps": (False, "steps `gdtui run` takes by default (default 1)"),
    "input_labels": (False, "a name per input, e.g. ['toes', '%win', '#fans']"),
    "output_labels": (False, "a name per output, e.g. ['hurt', 'win', 'sad']"),
    "book": (False, "what `--format book` prints: " + ", ".join(BOOK_FORMATS)),
    "data": (False, "a named data set instead of input/goal: 'mnist'"),
    "samples": (False, "with `data`: how many samples to train on (default 1000)"),
    "prompts": (False, "what to try: [{'after': step or 'when': condition, 'en': …, 'zh': …}]"),
    "exercises": (False, "[{'id', 'en', 'zh', 'hint': {'en', 'zh'}, 'check': {…}}]: see gdtui.practice.exercises"),
    "predict": (False, "what predict mode asks first: direction, pred, delta, error, weight_delta, weight"),
}

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Lesson:
    """A lesson as a scenario file declares it, e.g.::

    lesson = Lesson(id="learning-steps", title="…", notes={"en": "…", "zh": "…"},
                    weights=0.0, input=1.1, goal=0.8, alpha=1, steps=4)
    """

    def __init__(self, **fields: Any) -> None:
        self.fields = _names(fields)

    def __repr__(self) -> str:
        return f"Lesson(id={self.fields.get('id')!r})"


def _names(fields: Any) -> dict[str, Any]:
    """The fields by plain names: a name that is a str subclass is read as
    its base (a lookup would run its __eq__); an unknown one is refused."""
    if not issubclass(type(fields), dict):
        raise LessonError("lesson", f"its fields must be a dict, got {describe(fields)}")
    plain_names: dict[str, Any] = {}
    for name, value in dict.items(fields):
        name = str.__str__(name) if issubclass(type(name), str) else None
        if name is None or name not in FIELDS:
            shown = "a name that is not text" if name is None else visible(name[:40])
            raise LessonError(shown, "unknown field; the fields are " + ", ".join(FIELDS))
        if name in plain_names:
            raise LessonError(name, "given twice")
        plain_names[name] = value
    return plain_names


@dataclass(frozen=True, eq=False)
class Scenario:
    """A checked lesson, ready to run: its weights, settings and data set
    are what its trainer starts from."""

    id: str
    title: str
    notes: dict[str, str]
    weights: np.ndarray  # [outputs][inputs]
    settings: Settings  # rule, alpha, step_amount, frozen
    dataset: DataSet | None  # None until a named data set is loaded
    steps: int
    input_labels: tuple[str, ...]
    output_labels: tuple[str, ...]
    book: str
    path: str = "<built in>"
    data: str | None = None
    samples: int = 0
    prompts: tuple[dict[str, Any], ...] = ()
    predict: str | None = None  # predict mode's first quantity (gdtui.practice.predict)
    exercises: tuple[Exercise, ...] = ()  # checked by gdtui.practice.exercises

    @property
    def is_image_lesson(self) -> bool:
        """A lesson on a named data set of labelled images (MNIST): its own
        screen, its data read when it opens, its steps counted in passes."""
        return self.data is not None

    def loaded(self, mnist_dir: str | None = None) -> Scenario:
        """This lesson with its data set read (a no-op for the book's lessons).

        Raises gdtui.data.DataError for bad data files."""
        if self.dataset is not None:
            return self
        from gdtui.lessons.datasets import load_dataset

        return replace(self, dataset=load_dataset(self.data, self.samples, mnist_dir))

    def trainer(self, alpha: float | None = None) -> Trainer:
        """A trainer at step 0 of this lesson, with `alpha` instead of the
        lesson's if given (`gdtui run --alpha`)."""
        if self.dataset is None:
            raise RuntimeError(f"{self.id}: load its data set first (Scenario.loaded)")
        settings = self.settings if alpha is None else replace(self.settings, alpha=alpha)
        return Trainer(self.weights, settings, self.dataset)


# -- checks ---------------------------------------------------------------------
# Each field's value is read by gdtui.lessons.values (type and range); here, how the
# fields fit together.

MAX_SAMPLES = 60_000  # MNIST's training split
MAX_ID, MAX_TITLE, MAX_LABEL, MAX_NOTE = 40, 120, 40, 10_000


def _vector(name: str, value: Any) -> np.ndarray:
    array = numbers(name, value)
    if array.ndim > 1:
        raise LessonError(name, f"must be a number or a flat list, got shape {array.shape}")
    return np.atleast_1d(array)


def _rows(name: str, value: Any) -> np.ndarray:
    array = numbers(name, value)
    if array.ndim == 0:
        raise LessonError(name, "must be rows, [samples][values], got a single number")
    if array.ndim == 1:
        array = array[:, None]  # a list of numbers: one number per sample
    return array


def _data(fields: dict[str, Any], one: str, many: str) -> np.ndarray:
    """`input`/`goal` (one sample) or `inputs`/`goals` (rows of samples)."""
    if one in fields and many in fields:
        raise LessonError(one, f"give `{one}` or `{many}`, not both")
    if one in fields:
        return _vector(one, fields[one])[None, :]
    if many in fields:
        return _rows(many, fields[many])
    raise LessonError(one, f"missing; give `{one}` (one sample) or `{many}` (many)")


def _shape_like_weights(name: str, array: np.ndarray, outputs: int, inputs: int) -> np.ndarray:
    """A number, a flat list or rows, as [outputs][inputs].

    A flat list is the book's habit: one output with several inputs
    (multi-input) or one input with several outputs (multi-output).
    """
    if array.ndim == 0 and (outputs == inputs == 1 or name == "weights"):
        # One number for many weights: every weight starts there (MNIST's 0).
        return np.full((outputs, inputs), float(array))
    if array.ndim == 1 and outputs == 1 and array.size == inputs:
        return array.reshape(1, inputs)
    if array.ndim == 1 and inputs == 1 and array.size == outputs:
        return array.reshape(outputs, 1)
    if array.ndim == 2 and array.shape == (outputs, inputs):
        return array
    raise LessonError(
        name,
        f"{inputs} input(s) and {outputs} output(s) need "
        + ("one number" if outputs == inputs == 1 else f"[{outputs}][{inputs}] values")
        + f", got shape {tuple(array.shape) or 'a single number'}",
    )


def _labels(name: str, value: Any, count: int, default: str) -> tuple[str, ...]:
    if value is None:
        return (default,) if count == 1 else tuple(f"{default} {i + 1}" for i in range(count))
    if type(value) not in (list, tuple):
        raise LessonError(name, f"must be a list of {count} name(s), got {describe(value)}")
    if len(value) != count:
        raise LessonError(name, f"must be {count} non-empty name(s), got {describe(value)}")
    return tuple(text(f"{name}[{i}]", v, MAX_LABEL) for i, v in enumerate(value))


def _notes(value: Any) -> dict[str, str]:
    if not issubclass(type(value), dict):  # type(): a __class__ can lie
        raise LessonError("notes", f"must be {{'en': …, 'zh': …}}, got {describe(value)}")
    # Only text keys, read as plain str: a hostile key's __eq__ never runs in a lookup.
    given: dict[str, Any] = {}
    for key, item in dict.items(value):
        if issubclass(type(key), str):
            key = str.__str__(key)
            if key in given:
                raise LessonError("notes", f"the key '{visible(key)}' is given twice")
            given[key] = item
    notes = {}
    for lang in ("en", "zh"):
        if lang not in given:
            raise LessonError("notes", f"missing the '{lang}' note")
        notes[lang] = text(f"notes['{lang}']", given[lang], MAX_NOTE, newlines=True)
    return notes


def build(lesson: Any, path: str = "<built in>") -> Scenario:
    """Check every field of a Lesson and return the Scenario, or raise LessonError."""
    if not isinstance(lesson, Lesson):
        raise LessonError("lesson", f"must be Lesson(...), got {describe(lesson)}")
    f = _names(lesson.fields)  # again: a file may have replaced them since
    for name, (required, _) in FIELDS.items():
        if required and name not in f:
            raise LessonError(name, "missing")

    lesson_id = text("id", f["id"], MAX_ID)
    if not ID_PATTERN.fullmatch(lesson_id):
        raise LessonError("id", f"use lowercase letters, digits and '-', got '{lesson_id}'")
    title = text("title", f["title"], MAX_TITLE)
    notes = _notes(f["notes"])
    rule = RULES[choice("rule", f.get("rule", "gradient"), tuple(RULES))]  # the name, once

    data, samples, dataset = f.get("data"), 0, None
    if data is not None:
        data = choice("data", data, DATA_SETS)
        for name in ("input", "inputs", "goal", "goals"):
            if name in f:
                raise LessonError(name, f"a lesson with data={data!r} takes its inputs from it")
        samples = whole("samples", f.get("samples", 1000), 1, MAX_SAMPLES)
        n_in, n_out = DATA_SETS[data].inputs, DATA_SETS[data].outputs
        default_in, default_out = DATA_SETS[data].input_labels, DATA_SETS[data].output_labels
    else:
        if "samples" in f:
            raise LessonError("samples", "only applies with `data`")
        inputs = _data(f, "input", "inputs")
        goals = _data(f, "goal", "goals")
        if inputs.shape[0] != goals.shape[0]:
            raise LessonError(
                "goals", f"{goals.shape[0]} goal row(s) for {inputs.shape[0]} input row(s)"
            )
        n_in, n_out = inputs.shape[1], goals.shape[1]
        default_in = default_out = None
        dataset = DataSet(inputs, goals)
    if n_in * n_out > MAX_VALUES:
        raise LessonError(
            "weights", f"{n_in:,} inputs x {n_out:,} outputs is too many; at most {MAX_VALUES:,}"
        )
    weights = _shape_like_weights("weights", numbers("weights", f["weights"]), n_out, n_in)

    frozen = None
    if f.get("frozen") is not None:
        frozen = _shape_like_weights("frozen", flags("frozen", f["frozen"]), n_out, n_in)
        if not frozen.any():
            frozen = None

    if rule.one_weight and weights.size != 1:
        raise LessonError("rule", f"{rule} probes one weight; this lesson has {weights.size}")

    steps = whole("steps", f.get("steps", 1), 1, MAX_STEPS)

    default_book = "error" if not rule.moves else (  # it only measures
        "error-prediction" if weights.size == 1 else "iterations"
    )
    book = choice("book", f.get("book", default_book), BOOK_FORMATS)

    settings = Settings(
        rule=rule,
        alpha=number("alpha", f.get("alpha", 1.0), positive=True),
        step_amount=number("step_amount", f.get("step_amount", 0.001), positive=True),
        frozen=frozen,
    )
    return Scenario(
        id=lesson_id,
        title=title,
        notes=notes,
        weights=weights,
        settings=settings,
        dataset=dataset,
        steps=steps,
        input_labels=_labels("input_labels", f.get("input_labels", default_in), n_in, "input"),
        output_labels=_labels(
            "output_labels", f.get("output_labels", default_out), n_out, "output"
        ),
        book=book,
        path=path,
        data=data,
        samples=samples,
        prompts=_prompts(plain("prompts", f.get("prompts", ()))),
        predict=_checked("predict", plain("predict", f.get("predict")),
                         lambda v: check_quantity(v, rule)),
        exercises=_checked("exercises", plain("exercises", f.get("exercises")),
                           lambda v: check_exercises(v, weights.size, rule, n_in)),
    )


def _prompts(value: Any) -> tuple[dict[str, Any], ...]:
    """The `prompts` field, checked (see gdtui.lessons.prompts)."""
    from gdtui.lessons.prompts import check_prompts

    try:
        return check_prompts(value)
    except ValueError as exc:
        raise LessonError("prompts", str(exc)) from None


def _checked(name: str, value: Any, check: Callable[[Any], Any]) -> Any:
    """A field checked by its own module's function (ValueError -> one line)."""
    try:
        return check(value)
    except ValueError as exc:
        raise LessonError(name, str(exc)) from None


def plain_fields(scenario: Scenario) -> dict[str, Any]:
    """The lesson as plain data (str, float, bool, lists, dicts) that `build`
    takes back: what a lesson-loading process sends as JSON."""
    fields: dict[str, Any] = {}
    for name in FIELDS:
        if name in ("input", "goal") or (name == "samples" and not scenario.is_image_lesson):
            continue
        if name in ("inputs", "goals"):
            value = None if scenario.dataset is None else getattr(scenario.dataset, name)
        elif name == "rule":
            value = scenario.settings.rule.name  # as a lesson file names it
        elif name in ("alpha", "step_amount", "frozen"):
            value = getattr(scenario.settings, name)
        elif name == "exercises":
            value = plain_exercises(scenario.exercises) or None
        else:
            value = getattr(scenario, name)
        if value is not None:
            fields[name] = _plain(value)
    return fields


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
