"""The lesson screen's practice: predict mode, exercises and the learner's
progress. The logic is gdtui.practice's (predict.py, exercises.py,
progress.py); this is where the lesson screen asks, ticks and reports to the
app's Recorder (one method per event: it keeps them, here or on the server).

A mixin of LessonScreen: it uses the screen's trainer, lesson, selected
weight, say() and changed(), and its reactives `predicting` and `hint_open`.
"""

from __future__ import annotations

from gdtui.engine.diagnose import verdict
from gdtui.engine.rules import RULES
from gdtui.lessons.lesson import Scenario
from gdtui.practice.exercises import holds, run_of
from gdtui.practice.predict import Score, answer, quantities
from gdtui.text.i18n import tr
from gdtui.ui.screens.predict import Asked, PredictScreen
from gdtui.ui.widgets.predict_line import quantity_name
from gdtui.viz.weights import weight_label


class LessonPractice:
    def start_practice(self, lesson: Scenario) -> None:
        self.score = Score()  # predict mode's answers on this run's steps
        self.quantity = lesson.predict or quantities(lesson.settings.rule)[0]
        self.exercises_done: set[str] = set()  # ids ticked off, kept until X
        self.exercise = 0  # the one shown
        self.said = None  # what the recorder was last told (see report)

    # -- progress: reported to the app's Recorder (gdtui.practice.progress) -----------
    @property
    def recorder(self):
        return getattr(self.app, "recorder", None)

    def resume(self) -> None:
        """Count this opening; exercises done before stay ticked."""
        self.said = None  # what was last reported: (step, alpha, diverged)
        if self.recorder is None:
            return
        settings = self.trainer.settings
        alpha = settings.alpha if RULES[settings.rule].setting == "alpha" else None
        before = self.recorder.opened(self.lesson.id, len(self.lesson.exercises), alpha)
        ids = {e.id for e in self.lesson.exercises}
        self.exercises_done.update(i for i in before.exercises if i in ids)
        self.said = (self.trainer.steps_done, settings.alpha, False)

    def report(self) -> None:
        """After each change of the trainer: tell the recorder where the run
        is (not each step of run mode: where it stops), a new alpha, and a
        run that has just diverged."""
        if self.recorder is None or self.said is None:
            return
        t, lesson = self.trainer, self.lesson
        step, alpha, diverged_before = self.said
        if RULES[t.settings.rule].setting == "alpha" and t.settings.alpha != alpha:
            self.recorder.alpha_changed(lesson.id, t.steps_done, alpha, t.settings.alpha)
        judged = verdict(t.errors, t.diverged_at, RULES[t.settings.rule].can_diverge)
        diverged = judged in ("overflow", "growing")
        if diverged and not diverged_before:
            self.recorder.diverged(lesson.id, t.steps_done)
        if not self.running and t.steps_done != step:
            self.recorder.stepped(lesson.id, t.steps_done)
            step = t.steps_done
        self.said = (step, t.settings.alpha, diverged)

    def leave_lesson(self) -> None:
        if self.recorder is not None and self.said is not None:
            self.recorder.left(self.lesson.id, self.trainer.steps_done)
            self.said = None

    # -- exercises (the checks: gdtui.practice.exercises) --------------------------------
    def tick_exercises(self) -> None:
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
            self.action_next_exercise()

    def action_hint(self) -> None:
        if not self.lesson.exercises:
            self.say("msg_no_exercises")
            return
        self.hint_open = not self.hint_open

    def action_next_exercise(self) -> None:
        """The next exercise not done yet (or simply the next)."""
        exercises = self.lesson.exercises
        if not exercises:
            self.say("msg_no_exercises")
            return
        order = [(self.exercise + k) % len(exercises) for k in range(1, len(exercises) + 1)]
        self.exercise = next((k for k in order if exercises[k].id not in self.exercises_done),
                             order[0])
        self.hint_open = False
        self.refresh_view()

    def action_reset_exercises(self) -> None:
        """Start the exercises again, from the lesson's own values at step 0
        (else a run that already did them would tick them off at once)."""
        self.exercises_done.clear()
        self.exercise = 0
        self.hint_open = False
        self.action_reset()
        if self.recorder is not None:
            self.recorder.exercises_reset(self.lesson.id)
        self.say("msg_ex_reset")

    # -- predict mode (the logic: gdtui.practice.predict; the question: screens/predict) --
    def action_predict(self) -> None:
        self.predicting = not self.predicting
        self.say("msg_predict_on" if self.predicting else "msg_predict_off")

    def undo_score(self) -> None:
        """The run went back: answers for the steps undone leave this run's
        score (the recorder keeps every answer given)."""
        self.score.undo(self.trainer.steps_done)

    def ask(self) -> None:
        n = self.trainer.steps_done + 1
        asks = quantities(self.lesson.settings.rule)
        self.app.push_screen(
            PredictScreen(asks, self.quantity, lambda q: self.question(q, n)), self.predicted
        )

    def question(self, quantity: str, n: int) -> str:
        """The question's line: which quantity, of which weight or output."""
        lang, lesson = self.app.lang, self.lesson
        row, col = self.selected
        if quantity in ("direction", "weight", "weight_delta"):
            name = weight_label(row, col, lesson.input_labels, lesson.output_labels)
        else:
            name = lesson.output_labels[row]
        if quantity == "direction":
            return tr("ask_direction", lang, n=n, name=name)
        several = lesson.weights.size > 1 if quantity != "pred" else lesson.weights.shape[0] > 1
        of = tr("ask_of", lang, name=name) if several else ""
        return tr("ask", lang, n=n, quantity=quantity_name(quantity, lang), of=of)

    def predicted(self, asked: Asked | None) -> None:
        """The question's answer: take the step, judge the guess, keep score."""
        if asked is None:
            return
        self.quantity = asked.quantity
        step = self.trainer.step()
        if step is not None and asked.guess is not None:
            given = answer(step, asked.quantity, asked.guess, *self.selected)
            self.score.add(given)
            if self.recorder is not None:
                self.recorder.answered(self.lesson.id, given, self.score.streak)
        elif step is not None:
            self.say("msg_predict_skip", n=step.number)
        self.changed()
