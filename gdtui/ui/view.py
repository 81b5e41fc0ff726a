"""A snapshot of one lesson's state, handed to the widgets to draw.

The lesson screen owns the trainer; widgets never touch it. Each change the
screen builds a View from the lesson, the trainer and its own state (cheap:
references, not copies) and sets it as its reactive `view`, which every
widget is bound to; a widget's render() draws from the View alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdtui.engine import DataSet, Settings, Step
from gdtui.text.i18n import tr
from gdtui.lessons.lesson import Scenario
from gdtui.practice.predict import Answer


@dataclass(frozen=True, eq=False)
class View:
    lesson: Scenario  # as built: its id, labels, notes, prompts, exercises
    # The trainer's settings and data now, which the next step uses: the
    # lesson's own until [ ] (alpha), f (frozen) or the edit form change them.
    settings: Settings
    data: DataSet
    steps_done: int
    steps: tuple[Step, ...]  # the recent steps (all of them for the book's lessons)
    errors: np.ndarray  # total error per step, from step errors_from on
    errors_from: int
    weights: np.ndarray  # the weights the next step starts from
    diverged_at: int | None
    selected: tuple[int, int]
    log_scale: bool = False
    lang: str = "en"
    running: bool = False
    speed: str = ""
    accuracy: float | None = None  # running accuracy, for labelled data
    corrects: np.ndarray | None = None  # 1/0 per step from errors_from on (MNIST's curves)
    message: str = ""  # the last thing the app said (the status line's end)
    note_open: bool = False
    ghost: np.ndarray | None = None  # the run before alpha changed, faint
    ghost_alpha: float | None = None
    verdict: str | None = None  # the engine's: overflow, growing, converged
    prompt: str = ""  # what to try now (from the lesson's prompts)
    prompt_when: str | None = None  # the condition the prompt answers, if any
    next_title: str | None = None  # the next lesson, offered at the end of this one
    ascii_only: bool = False
    # Predict mode (gdtui.practice.predict): on or off, what it asks, the answer to
    # the last step if it was predicted, and the score (right, asked, streak).
    predicting: bool = False
    quantity: str = ""
    reveal: Answer | None = None
    score: tuple[int, int, int] = (0, 0, 0)
    # Exercises (gdtui.practice.exercises): the ids done, which one is shown, its hint.
    exercises_done: frozenset[str] = frozenset()
    exercise: int = 0
    hint_open: bool = False

    @property
    def last(self) -> Step | None:
        return self.steps[-1] if self.steps else None

    @property
    def next_sample(self) -> int:
        return self.steps_done % self.data.samples

    @property
    def x(self) -> np.ndarray:
        """The input the next step will use (the one on screen)."""
        return self.data.inputs[self.next_sample]

    @property
    def goal(self) -> np.ndarray:
        return self.data.goals[self.next_sample]

    def is_frozen(self, row: int, col: int) -> bool:
        frozen = self.settings.frozen
        return bool(frozen is not None and frozen[row, col])

    def tr(self, key: str, **values) -> str:
        return tr(key, self.lang, **values)
