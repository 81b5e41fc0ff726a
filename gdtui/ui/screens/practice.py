"""The lesson screen's practice: predict mode, exercises and the learner's
saved progress. The logic is gdtui.practice's (predict.py, exercises.py,
progress.py); this is where the lesson screen asks, ticks and saves.

A mixin of LessonScreen: it uses the screen's trainer, lesson, selected
weight, say() and changed(), and its reactives `predicting` and `hint_open`.
"""

from __future__ import annotations

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
        self.entry = None  # this lesson's progress record (see resume)
        self.base_score = (0, 0)
        self.save_failed = False

    # -- progress (gdtui.practice.progress: the app's book, None on a shared server) ------
    def resume(self) -> None:
        """Count this opening; exercises done before stay ticked."""
        book = getattr(self.app, "progress", None)
        if book is None:
            self.entry = None
            return
        self.entry = book.progress.lesson(self.lesson.id)
        self.entry.opened += 1
        ids = {e.id for e in self.lesson.exercises}
        self.exercises_done.update(i for i in self.entry.exercises if i in ids)
        # Scores of earlier sessions; this session's are added on each save.
        self.base_score = (self.entry.right, self.entry.asked)
        self.record()

    def record(self) -> None:
        """Write this lesson's progress (atomically; a failure is said, once)."""
        if self.entry is None:
            return
        entry = self.entry
        entry.exercises = [e.id for e in self.lesson.exercises if e.id in self.exercises_done]
        entry.right = self.base_score[0] + self.score.right
        entry.asked = self.base_score[1] + self.score.asked
        entry.best_streak = max(entry.best_streak, self.score.streak)
        problem = self.app.progress.save()
        if problem is not None and not self.save_failed:
            self.save_failed = True
            self.notify(problem, severity="warning", timeout=8)

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
            self.say("msg_ex_done", n=self.lesson.exercises.index(item) + 1)
        if done:
            self.record()
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
        self.record()
        self.say("msg_ex_reset")

    # -- predict mode (the logic: gdtui.practice.predict; the question: screens/predict) --
    def action_predict(self) -> None:
        self.predicting = not self.predicting
        self.say("msg_predict_on" if self.predicting else "msg_predict_off")

    def undo_score(self) -> None:
        """The run went back: answers for the steps undone go too."""
        asked = self.score.asked
        self.score.undo(self.trainer.steps_done)
        if self.score.asked != asked:
            self.record()

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
            self.score.add(answer(step, asked.quantity, asked.guess, *self.selected))
            self.record()
        elif step is not None:
            self.say("msg_predict_skip", n=step.number)
        self.changed()
