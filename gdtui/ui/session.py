"""One learner in one lesson, without Textual: the trainer and what grows
around it (the ghost run, the run speed, predict mode's score, the
exercises, the learner's progress).

Every change goes through a method here and bumps `revision` once; a change
of the trainer itself also bumps `trainer_revision` (what the drawings of the
run depend on). The screen that composes a session is told through two
hooks: `say(text)` for the status line's message (in `lang`; what a change
says is told with it, just before) and `changed(revision)` after each change. Run mode steps through `run()`, which
tells nobody: once a frame the screen calls `caught_up()`.

Each change of the trainer is also kept as the key that made it, in `state`
(gdtui.practice.follow_state): what present mode sends the class, and what
the spotlight shows them of a learner's lesson.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gdtui.engine.diagnose import verdict
from gdtui.engine.network import Step
from gdtui.lessons.lesson import Scenario
from gdtui.practice.follow_state import LessonState
from gdtui.practice import explain, fade
from gdtui.practice.exercises import holds, run_of
from gdtui.practice.predict import IMAGE_QUANTITIES, Answer, Score, answer, quantities
from gdtui.practice.progress import Recorder
from gdtui.text.i18n import tr
from gdtui.viz.numbers import fmt

# Run speeds in steps per second; None = as fast as the engine goes.
SPEEDS: list[int | None] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, None]
DEFAULT_SPEED = 4
# alpha's ladder for [ and ]: 1-2-5 steps.
ALPHAS = [m * 10.0**e for e in range(-4, 2) for m in (1, 2, 5)]



def next_alpha(alpha: float, direction: int) -> float | None:
    """The next 1-2-5 value above (direction 1) or below (-1) alpha, if any."""
    if direction > 0:
        return next((a for a in ALPHAS if a > alpha * (1 + 1e-9)), None)
    return next((a for a in reversed(ALPHAS) if a < alpha * (1 - 1e-9)), None)


def speed_text(speed: int | None, lang: str = "en") -> str:
    if speed is None:
        return tr("speed_max", lang)
    return tr("speed_one", lang) if speed == 1 else tr("speed_n", lang, n=speed)


def _quiet(text: str) -> None:
    pass


class LessonSession:
    def __init__(self, lesson: Scenario, recorder: Recorder | None = None, *,
                 say: Callable[[str], None] = _quiet,
                 changed: Callable[[int], None] | None = None, lang: str = "en") -> None:
        self.lesson = lesson
        self.recorder = recorder
        self.hooks = say, changed
        self.lang = lang  # of what it says
        self.trainer = lesson.trainer()
        self.state = LessonState(lesson.id)  # the keys that made the trainer what it is
        self.revision = 0  # every change
        self.trainer_revision = 0  # changes of the trainer (its steps, settings, weights)
        self.speed_index = DEFAULT_SPEED
        self.running = False
        self.ghost: np.ndarray | None = None  # the run before alpha changed
        self.ghost_alpha: float | None = None
        self.predicting = False  # predict mode: a step asks first
        self.score = Score()  # predict mode's answers on this run's steps
        self.fading = True  # the worked chain fades what is predicted right (gdtui.practice.fade)
        self.asking = False  # predict mode's question is open
        self.quantity = lesson.predict or self.asks()[0]
        self.exercises_done: set[str] = set()  # ids ticked off, kept until X
        self.exercise = 0  # the one shown
        self.hint_open = False
        self.said: tuple[int, float, bool] | None = None  # last reported: (step, alpha, diverged)

    # -- every change ends here ---------------------------------------------------
    def _done(self, trainer: bool = True) -> None:
        """One change: tick the exercises and tell the recorder if the run
        changed, bump the revision once, tell the screen."""
        if trainer:
            self.trainer_revision += 1
            self._tick_exercises()
            self._report()
        self.revision += 1
        say, changed = self.hooks
        if self._message is not None:
            say(self._message)
            self._message = None
        if changed is not None:
            changed(self.revision)

    _message: str | None = None  # said during a change: told at its end

    def say(self, key: str, **values) -> None:
        self._message = tr(key, self.lang, **values)

    def _refuse(self, key: str, **values) -> None:
        """Say why nothing changed, now."""
        self.hooks[0](tr(key, self.lang, **values))

    @property
    def speed(self) -> int | None:
        return SPEEDS[self.speed_index]

    # -- stepping --------------------------------------------------------------------
    def _kept(self, *op) -> None:
        self.state = self.state.then(*op)

    def _stepped(self, before: int) -> None:
        """Steps actually taken since `before` (a stopped run takes none)."""
        if self.trainer.steps_done > before:
            self._kept("step", self.trainer.steps_done - before)

    def step(self) -> Step | None:
        """One step (None: the run has stopped)."""
        before, slid = self.trainer.steps_done, self.slid
        step = self.trainer.step()
        self._stepped(before)
        self._from_slid(slid, step)
        self._done()
        return step

    def back(self) -> None:
        if self.trainer.back():
            self._kept("back", 1)
        self.score.undo(self.trainer.steps_done)
        self._done()

    def restart(self) -> None:
        """Back to step 0 keeping the settings (a new alpha, edits) and the
        ghost: run again and compare."""
        self.trainer.reset()
        self._kept("restart")
        self.score.undo(0)
        self.say("msg_restart")
        self._done()

    def reset(self) -> None:
        """Back to step 0 and to the lesson's own values (alpha, inputs,
        goals, weights, frozen), whatever was edited."""
        self.trainer = self.lesson.trainer()
        self._kept("reset")
        self.score.undo(0)
        self.ghost = self.ghost_alpha = None
        s = self.lesson.settings
        setting = s.rule.setting  # alpha, step_amount, or none to show
        values = f"{setting} {fmt(getattr(s, setting))}" if setting else self.lesson.id
        self.say("msg_reset", values=values)
        self._done()

    # -- run mode (the stepping itself is the screen's RunMode) -------------------------
    def start_running(self) -> bool:
        """Run mode on, unless the run has stopped (diverged, or a lesson's end)."""
        if self.running or self.trainer.stopped:
            return False
        self.running = True
        self._done(trainer=False)
        return True

    def stop_running(self) -> None:
        if self.running:
            self.running = False
            self._report()  # where the run stopped
            self._done(trainer=False)

    def run(self, steps: int) -> int:
        """Run mode's steps. Nobody is told (the screen draws at its own
        rate, and calls caught_up() when it does)."""
        done = self.trainer.run(steps)
        if done:
            self._kept("step", done)
            self.trainer_revision += 1
            self.revision += 1
        return done

    def back_to(self, step: int) -> None:
        """Run mode went past `step` within one slice of steps: back to it,
        the weights exactly as they were there (as b would)."""
        backs = 0
        while self.trainer.steps_done > step and self.trainer.back():
            backs += 1
        if backs:
            self._kept("back", backs)
            self.score.undo(self.trainer.steps_done)
            self.trainer_revision += 1
            self.revision += 1

    def caught_up(self) -> None:
        """Run mode's frame: the exercises ticked and the recorder told once
        for all the steps since the last one."""
        self._tick_exercises()
        self._report()
        self._done(trainer=False)

    def faster(self, direction: int) -> None:
        self.speed_index = max(0, min(self.speed_index + direction, len(SPEEDS) - 1))
        self.say("msg_speed", speed=speed_text(self.speed, self.lang))
        self._done(trainer=False)

    # -- live changes ------------------------------------------------------------------
    def change_alpha(self, direction: int) -> None:
        """alpha one 1-2-5 step down or up, from the next step. The run so far
        stays behind the error curve as a faint ghost."""
        s = self.trainer.settings
        if not s.rule.by_alpha:
            self._refuse("msg_no_alpha")
            return
        new = next_alpha(s.alpha, direction)
        if new is None:
            self._refuse("msg_alpha_end", alpha=fmt(s.alpha))
            return
        errors = self.trainer.errors
        # The run so far becomes the ghost, unless it already is (several
        # presses in a row, no step between: the ghost keeps its alpha).
        fresh = self.ghost is None or not np.array_equal(self.ghost, errors)
        if self.trainer.steps_done and fresh:
            self.ghost = errors.copy()
            self.ghost_alpha = s.alpha
        self.trainer.change(alpha=new)
        self._kept("alpha", new)
        self.say("msg_alpha", old=fmt(s.alpha), new=fmt(new))
        self._done()

    def toggle_frozen(self, row: int, col: int | None, name: str) -> None:
        """Freeze (or free) a weight, or with col None all of a row's."""
        if not self.lesson.settings.rule.can_freeze:
            self._refuse("msg_no_freeze")
            return
        frozen = self.trainer.toggle_frozen(row, col)
        if col is not None:  # (a whole row is MNIST's, which no class follows)
            self._kept("freeze", row, col)
        self.say("msg_frozen" if frozen else "msg_unfrozen", name=name)
        self._done()

    def edit(self, changes: dict) -> None:
        """The edit form's changes (settings, and the weights if given)."""
        changes = dict(changes)
        self._kept("edit", {name: np.array(value) if isinstance(value, np.ndarray) else value
                            for name, value in changes.items()})
        weights = changes.pop("weights", None)
        if weights is not None:
            self.trainer.set_weights(weights)
        self.trainer.change(**changes)
        self.say("msg_changed")
        self._done()

    def follow(self, trainer, ghost: np.ndarray | None, ghost_alpha: float | None,
               state: LessonState) -> None:
        """The lesson as another's keys (`state`) made it (present mode: the
        instructor's, rebuilt by gdtui.practice.follow_state.Follower)."""
        self.trainer, self.state = trainer, state
        self.ghost, self.ghost_alpha = ghost, ghost_alpha
        self.score.undo(trainer.steps_done)
        self._done()

    # -- the slider: , . (Shift: ten times as far) -------------------------------------
    @property
    def slid(self) -> bool:
        """The weights were set by hand (the slider, an edit) since the last
        step: the screen shows the coming step at them, not the last one.
        (Never on MNIST: its fast steps change the weights in place.)"""
        return not self.lesson.is_image_lesson and self.trainer.set_by_hand

    def slide(self, row: int, col: int | None, by: float) -> None:
        """Move weight [row][col] by `by` without taking a step: the next
        step starts from there."""
        if self.lesson.is_image_lesson or col is None:
            self._refuse("msg_slide_not_here")
            return
        if self.trainer.stopped:
            self._refuse("msg_slide_stopped")
            return
        weights = np.array(self.trainer.weights, dtype=np.float64)
        with np.errstate(all="ignore"):
            weights[row, col] += by
        if not np.isfinite(weights[row, col]):
            self._refuse("msg_slide_stopped")
            return
        self.trainer.set_weights(weights)
        self._kept("slide", row, col, float(weights[row, col]))
        self.say("msg_slid")  # (the chain and the U's caption say where to)
        self._done()

    def _from_slid(self, slid: bool, step: Step | None) -> None:
        if slid and step is not None:  # the slider's message would be stale now
            self.say("msg_slid_step", n=step.number)

    # -- predict mode (the logic: gdtui.practice.predict) -------------------------------
    def toggle_predicting(self) -> None:
        self.predicting = not self.predicting
        self.say("msg_predict_on" if self.predicting else "msg_predict_off")
        self._done(trainer=False)

    def show_answer(self, given: Answer) -> None:
        """An answer judged elsewhere (a class poll's, while following) shown
        as predict mode's reveal and score; nothing recorded."""
        self.score.add(given)
        self.quantity = given.quantity
        self.predicting = True
        self._done(trainer=False)

    def forget_answers(self) -> None:
        """Predict mode off, its score gone (the polls' was not the learner's)."""
        self.predicting, self.score = False, Score()
        self._done(trainer=False)

    # -- the faded worked chain (gdtui.practice.fade) -----------------------------------
    def toggle_fading(self) -> None:
        self.fading = not self.fading
        self.say("msg_fade_on" if self.fading else "msg_fade_off", n=fade.FADE_AFTER)
        self._done(trainer=False)

    def question_open(self, open_now: bool) -> None:
        """Predict mode's question box opened (True) or closed without an answer."""
        if self.asking != open_now:
            self.asking = open_now
            self._done(trainer=False)

    @property
    def hidden(self) -> frozenset[str]:
        """The quantities the screen shows as `?` now."""
        return fade.hidden(self.score, self.asks(), fading=self.fading, asking=self.asking,
                           coming=self.slid)

    @property
    def just_faded(self) -> str | None:
        """The quantity the last answer made FADE_AFTER right in a row (fading on)."""
        last = self.score.last
        if (not self.fading or last is None or last.verdict != "right"
                or self.score.in_a_row(last.quantity) != fade.FADE_AFTER):
            return None
        return last.quantity

    def asks(self) -> tuple[str, ...]:
        """What predict mode can ask of this lesson's steps."""
        if self.lesson.is_image_lesson:
            return IMAGE_QUANTITIES
        return quantities(self.lesson.settings.rule)

    def predicted(self, quantity: str, guess: float | None, row: int, col: int) -> Answer | None:
        """The question's answer: take the step, judge the guess, keep score."""
        self.quantity = quantity
        self.asking = False  # the step is taken: the chain shows it whole
        before, slid = self.trainer.steps_done, self.slid
        # An image lesson's steps keep no weights (they change in place): the
        # same step, whole, judges the answer (the rules are pure).
        whole = self.trainer.coming() if self.lesson.is_image_lesson else None
        step = self.trainer.step()
        self._stepped(before)
        self._from_slid(slid, step)
        given = None
        if step is not None and guess is not None:
            given = answer(whole or step, quantity, guess, row, col)
            self.score.add(given)
            if self.recorder is not None:
                self.recorder.answered(self.lesson.id, given, self.score.streak)
            # Wrong: which part went wrong? (gdtui.practice.explain), until answered.
            frozen = step.frozen is not None and bool(step.frozen[row, col])
            # (An image lesson's screen has no row for the choices.)
            self.why = None if given.verdict != "wrong" or whole is not None else (
                given, explain.choices(quantity, step.rule, frozen), None)
        elif step is not None:
            self.say("msg_predict_skip", n=step.number)
        self._done()
        return given

    # -- explain after a slip (gdtui.practice.explain) ---------------------------------
    # The wrong answer on screen, the choices it offers, and what the learner said.
    why: tuple[Answer, tuple[str, ...], str | None] | None = None

    @property
    def why_choices(self) -> tuple[str, ...]:
        """The choices to offer now: the reveal on screen is a wrong answer of
        the learner's own, not explained yet (else none)."""
        if self.why is None or self.why[2] is not None:
            return ()
        given, offered, _ = self.why
        if given is not self.score.last or given.step != self.trainer.steps_done:
            return ()
        return offered

    @property
    def why_said(self) -> str | None:
        """What the learner said went wrong in the answer on screen, if they did."""
        if self.why is None or self.why[0] is not self.score.last:
            return None
        return self.why[2]

    def explain(self, key: int) -> None:
        """Digit `key` picks what went wrong (1 = the first choice); kept with the progress."""
        offered = self.why_choices
        if not 1 <= key <= len(offered):
            return
        given, choice = self.why[0], offered[key - 1]
        self.why = (given, offered, choice)
        if self.recorder is not None:
            self.recorder.explained(self.lesson.id, given, choice)
        self._done(trainer=False)

    # -- exercises (the checks: gdtui.practice.exercises) --------------------------------
    def _tick_exercises(self) -> None:
        """Tick off every exercise whose check holds now; show the next."""
        waiting = [e for e in self.lesson.exercises if e.id not in self.exercises_done]
        if not waiting:
            return
        run = run_of(self.trainer, self.score)
        done = [e for e in waiting if holds(e.check, run)]
        for item in done:
            self.exercises_done.add(item.id)
            if self.recorder is not None:
                self.recorder.ticked(self.lesson.id, item.id, self.trainer.steps_done)
            self.say("msg_ex_done", n=self.lesson.exercises.index(item) + 1)
        current = self.lesson.exercises[self.exercise % len(self.lesson.exercises)]
        if done and current.id in self.exercises_done:
            self._next_exercise()

    def _next_exercise(self) -> None:
        exercises = self.lesson.exercises
        order = [(self.exercise + k) % len(exercises) for k in range(1, len(exercises) + 1)]
        self.exercise = next((k for k in order if exercises[k].id not in self.exercises_done),
                             order[0])
        self.hint_open = False

    def next_exercise(self) -> None:
        """The next exercise not done yet (or simply the next)."""
        if not self.lesson.exercises:
            self._refuse("msg_no_exercises")
            return
        self._next_exercise()
        self._done(trainer=False)

    def toggle_hint(self) -> None:
        if not self.lesson.exercises:
            self._refuse("msg_no_exercises")
            return
        self.hint_open = not self.hint_open
        self._done(trainer=False)

    def reset_exercises(self) -> None:
        """Start the exercises again, from the lesson's own values at step 0
        (else a run that already did them would tick them off at once)."""
        self.exercises_done.clear()
        self.exercise = 0
        self.hint_open = False
        self.trainer = self.lesson.trainer()
        self._kept("reset")
        self.score.undo(0)
        self.ghost = self.ghost_alpha = None
        if self.recorder is not None:
            self.recorder.exercises_reset(self.lesson.id)
        self.say("msg_ex_reset")
        self._done()

    # -- progress: reported to the Recorder (gdtui.practice.progress) --------------------
    def opened(self) -> None:
        """Count this opening; exercises done before stay ticked."""
        self.said = None
        if self.recorder is None:
            return
        settings = self.trainer.settings
        alpha = settings.alpha if settings.rule.by_alpha else None
        before = self.recorder.opened(self.lesson.id, len(self.lesson.exercises), alpha)
        exercises = self.lesson.exercises
        ids = {e.id for e in exercises}
        self.exercises_done.update(i for i in before.exercises if i in ids)
        if not ids <= self.exercises_done:  # the first one still to do, not one done before
            self.exercise = next(k for k, e in enumerate(exercises) if e.id not in self.exercises_done)
        self.said = (self.trainer.steps_done, settings.alpha, False)
        self._done(trainer=False)

    def _report(self) -> None:
        """Where the run is (not each step of run mode: where it stops), a
        new alpha, and a run that has just diverged."""
        if self.recorder is None or self.said is None:
            return
        t, lesson = self.trainer, self.lesson
        step, alpha, diverged_before = self.said
        if t.settings.rule.by_alpha and t.settings.alpha != alpha:
            self.recorder.alpha_changed(lesson.id, t.steps_done, alpha, t.settings.alpha)
        judged = verdict(t.errors, t.diverged_at, t.rule.can_diverge)
        diverged = judged in ("overflow", "growing")
        if diverged and not diverged_before:
            self.recorder.diverged(lesson.id, t.steps_done)
        if not self.running and t.steps_done != step:
            self.recorder.stepped(lesson.id, t.steps_done)
            step = t.steps_done
        self.said = (step, t.settings.alpha, diverged)

    def left(self) -> None:
        if self.recorder is not None and self.said is not None:
            self.recorder.left(self.lesson.id, self.trainer.steps_done)
            self.said = None
