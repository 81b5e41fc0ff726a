"""What the widgets draw, in slices: each widget is bound to the one slice
it draws, and redraws only when that slice is no longer equal to the last.

`Run` is the trainer as of one change, by reference (no copies): equal
`stamp`s (the session's trainer_revision), equal runs, so a slice holding
a Run compares in constant time. A slice's other fields are the screen state
it depends on, compared by value. The screen computes every slice from its
reactives (gdtui.ui.screens.session_screen); widgets never touch the trainer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from gdtui.engine import DataSet, Settings, Step
from gdtui.lessons.lesson import Scenario
from gdtui.practice.predict import Answer
from gdtui.text.i18n import tr
from gdtui.viz.ascii import spelled


def _by_stamp() -> object:
    return field(compare=False)


@dataclass(frozen=True)
class Run:
    stamp: int  # the session's trainer_revision: what the rest is as of
    settings: Settings = _by_stamp()  # what the next step uses
    data: DataSet = _by_stamp()
    steps_done: int = _by_stamp()
    steps: tuple[Step, ...] = _by_stamp()  # the recent steps (all of them for the book's lessons)
    errors: np.ndarray = _by_stamp()  # total error per step, from step errors_from on
    errors_from: int = _by_stamp()
    weights: np.ndarray = _by_stamp()  # the weights the next step starts from
    diverged_at: int | None = _by_stamp()
    accuracy: float | None = _by_stamp()  # running accuracy, for labelled data
    corrects: np.ndarray | None = _by_stamp()  # 1/0 per step from errors_from on (MNIST)
    # The step Space would take, when the slider moved a weight since the last
    # step (the screens show it instead of the last step): else None.
    coming: Step | None = _by_stamp()

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


def shows_the_same(ahead: Part, part: Part) -> bool:
    """`ahead`, a slice made for the coming step before it was taken
    (SessionScreen.draw_ahead), is `part` as it came: equal slices (their
    runs by stamp), whose runs ended with the very same Step object and are
    the same in all else. Only then is the drawing of one the other's."""
    if ahead != part:
        return False
    a, b = getattr(ahead, "run", None), getattr(part, "run", None)
    if a is None or b is None:
        return a is b
    return (a.steps == b.steps  # (Steps compare by identity)
            and a.steps_done == b.steps_done and a.weights is b.weights
            and a.settings is b.settings and a.data is b.data
            and a.errors_from == b.errors_from
            # (bit for bit, without a copy of each: a long run keeps 200,000)
            and np.array_equal(a.errors.view(np.int64), b.errors.view(np.int64))
            and a.diverged_at == b.diverged_at and a.accuracy == b.accuracy
            and a.corrects is None and b.corrects is None and a.coming is None and b.coming is None)


@dataclass(frozen=True)
class Part:
    """What every slice has: the lesson (one per screen), the language, ASCII."""

    lesson: Scenario = field(compare=False)
    lang: str = "en"
    ascii_only: bool = False

    def tr(self, key: str, **values) -> str:
        return self.spell(tr(key, self.lang, **values))

    def spell(self, text: str) -> str:
        """Text for this slice's terminal: in ASCII, each glyph spelled as
        ASCII reads it (`→` is `->`), before the widget lays it out."""
        return spelled(text) if self.ascii_only else text


@dataclass(frozen=True)
class KeysPart(Part):
    """The key bar's: a key is named only where it does something."""

    predicting: bool = False
    footer: str = "lesson"  # whose footer: a screen of gdtui.ui.keys (KEYS_OF)


@dataclass(frozen=True)
class RunPart(Part):
    """A drawing of the run, for the selected weight (or digit)."""

    run: Run | None = None
    selected: tuple[int, int] = (0, 0)
    hidden: frozenset[str] = frozenset()  # quantities shown as ? (gdtui.practice.fade)


@dataclass(frozen=True)
class PicturesPart(RunPart):
    """The MNIST screen's pictures, with predict mode's reveal for the step
    on screen (its questions: gdtui.practice.predict.IMAGE_QUANTITIES)."""

    predicting: bool = False
    reveal: Answer | None = None


@dataclass(frozen=True)
class StatusPart(RunPart):
    speed: str = ""
    running: bool = False
    message: str = ""  # the last thing the app said (the status line's end)
    # Predict mode: what it asks and the score (right, asked, streak), if on.
    predicting: bool = False
    quantity: str = ""
    score: tuple[int, int, int] = (0, 0, 0)


@dataclass(frozen=True)
class NotePart(Part):
    note_open: bool = False
    more: str = ""  # shown after the note when it is open (MNIST: where its images come from)


@dataclass(frozen=True)
class PlotPart(RunPart):
    log_scale: bool = False


@dataclass(frozen=True)
class ErrorPart(PlotPart):
    ghost: np.ndarray | None = field(default=None, compare=False)  # the run before alpha changed
    ghost_alpha: float | None = None  # ghosts change only with the run: their alpha tells them apart


@dataclass(frozen=True)
class PredictPart(Part):
    predicting: bool = False  # predict mode on: its line is kept for the reveals to come
    asks: bool = True  # Space asks first (not while following: the instructor steps)
    reveal: Answer | None = None  # the answer to the step on screen, if it was predicted
    why: tuple[str, ...] = ()  # a wrong one: which part went wrong? (the choices, keys 1…)
    said: str | None = None  # ... and what the learner said
    faded: str | None = None  # a right one that made its quantity fade (gdtui.practice.fade)


@dataclass(frozen=True)
class PromptPart(Part):
    parts: tuple[tuple[str, str], ...] = ()  # (glyph, text), most urgent first


@dataclass(frozen=True)
class ExercisePart(Part):
    done: frozenset[str] = frozenset()  # ids ticked off
    exercise: int = 0  # which one is shown
    hint_open: bool = False
