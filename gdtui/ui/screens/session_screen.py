"""What the chapter-lesson screen and the MNIST screen share: a LessonSession
(gdtui.ui.session), the keys that go straight to it, and the slices every
lesson screen draws (the status line, the note).

The session says when it changed (its `changed` hook sets the reactive
`revision`); the screen's own state is reactives too. Textual re-runs every
`compute_*` whenever any reactive here is set, and a widget bound to a
computed slice is told only when that slice is no longer equal to the last,
so nothing here ever asks a widget to redraw.

Run mode (run_mode.py) steps the session on the event loop a slice at a
time and posts `Stepped` at most FRAME_RATE times a second: a frame is then
one new `revision`.

Between keys the screen draws the step Space would take (draw_ahead): the
same slices, computed from a copy of the trainer that took it, each kept by
its widget until the step comes (or another key makes it another step).
"""

from __future__ import annotations

from textual.reactive import var
from textual.screen import Screen

from gdtui.engine import Trainer
from gdtui.lessons.lesson import Scenario
from gdtui.text.i18n import tr
from gdtui.ui.driver.compositor import compose_by_line
from gdtui.ui.run_mode import RunMode, Stepped
from gdtui.ui.screens.terminal_size import SizedByTerminal
from gdtui.ui.session import LessonSession, speed_text
from gdtui.ui.keys import bindings
from gdtui.ui.view import NotePart, Run, StatusPart
from gdtui.ui.widgets.part_widget import RowsWidget



class SessionScreen(SizedByTerminal, Screen):
    """A screen composing one LessonSession; not shown itself."""

    BINDINGS = bindings("session")  # the keys both have (gdtui.ui.keys)

    revision = var(0, init=False)  # the session's, as of the last frame
    selected: var[tuple[int, int]] = var((0, 0), init=False)
    log_scale = var(False, init=False)
    # The last thing said (the status line's end). It goes once the run has
    # moved on without saying anything new: "alpha 1 → 2 from the next step"
    # is old news after that step. always_update: the same words said again
    # are said anew (they stay for the next step too).
    message = var("", init=False, always_update=True)
    note_open = var(False, init=False)
    lang = var("en", init=False)

    status: var[StatusPart | None] = var(None, init=False)
    note: var[NotePart | None] = var(None, init=False)

    def __init__(self, lesson: Scenario) -> None:
        super().__init__()
        compose_by_line(self)  # a step's frame renders only the lines it sends
        self.lesson = lesson
        self.session = LessonSession(lesson, say=self.say, changed=self.session_changed)
        self.runner = RunMode(self, self.session)
        self._run: Run | None = None
        self._assumed: Run | None = None  # the run after the coming step, while drawing ahead
        self._ahead_timer = None
        self._said_at = 0  # the step the message was said at
        self._paused_converged = False  # the message is run mode's "converged: paused"

    def on_mount(self) -> None:
        self.session.recorder = self.recorder()
        self.session.lang = self.lang = self.app.lang
        self.session.opened()

    def recorder(self):
        """Where the learner's progress goes: the app's Recorder (gdtui.practice.progress)."""
        return getattr(self.app, "recorder", None)

    # -- what the session says ------------------------------------------------------
    def say(self, text: str) -> None:
        self.message = text

    def tell(self, key: str, **values) -> None:
        """The screen's own message (a key of gdtui.text.i18n), in its language."""
        self.message = tr(key, self.lang, **values)

    def watch_message(self, text: str) -> None:
        self._said_at = self.session.trainer.steps_done
        self._paused_converged = False  # (on_stepped sets it again after saying so)

    def keep_message_through(self, step: int) -> None:
        """The message is about step `step` (a class poll's): it stays until
        the run has moved past that step, not only past this one."""
        self._said_at = max(self._said_at, step)

    def session_changed(self, revision: int) -> None:
        # In run mode the session is told nothing per step; a frame (Stepped) catches up.
        # Running, a message stays until the run pauses (frames come faster than reading).
        session = self.session
        if self.message and not session.running and session.trainer.steps_done != self._said_at:
            self.message = ""
        self.revision = revision
        if not session.running:
            self.call_after_refresh(self.draw_ahead_soon)  # (not before this change's frame)

    # -- the coming step, drawn while the learner reads this one ---------------------------
    # Seconds after a change's frame: the writer thread has sent it by then
    # (drawing at once would hold the interpreter it needs to send it).
    AHEAD_AFTER = 0.01

    def draws_ahead(self) -> bool:
        """Whether Space takes this screen's next step (not while following)."""
        return True

    def draw_ahead_soon(self) -> None:
        if self._ahead_timer is not None:
            self._ahead_timer.stop()
        self._ahead_timer = self.set_timer(self.AHEAD_AFTER, self.draw_ahead, name="draw ahead")

    def draw_ahead(self) -> None:
        """Each rows widget draws its slice of the step Space would take now
        (RowsWidget.draw_ahead), from a copy of the trainer that took it:
        when it is taken, the frame shows those drawings instead of making
        them then. What the session computes after the step is unchanged;
        a drawing is taken only for the slice it was made for
        (gdtui.ui.view.shows_the_same), so another key just draws as before."""
        self._ahead_timer = None
        session = self.session
        if session.running or session.slid or not self.draws_ahead():
            return
        twin = session.trainer.ahead()
        if twin is None:  # stopped, or a big network (its steps are cheap to draw)
            return
        self._assumed = self.run_of(twin, session.trainer_revision + 1)
        try:
            for widget in self.query(RowsWidget):
                if widget.slice is not None and widget.display:
                    widget.draw_ahead(getattr(self, "compute_" + widget.slice)())
        finally:
            self._assumed = None

    def on_stepped(self, message: Stepped) -> None:
        if message.finished:
            self.session.stop_running()
        self.session.caught_up()
        if message.paused == "converged":
            self.tell("msg_paused_converged", n=self.session.trainer.steps_done)
            self._paused_converged = True
        elif message.paused == "overflow":
            self.tell("msg_paused_overflow")

    # -- the slices -------------------------------------------------------------------
    def run_now(self) -> Run:
        """The trainer as of its last change (one Run per change, shared by
        every slice); while drawing ahead, the trainer after the coming step."""
        if self._assumed is not None:
            return self._assumed
        session = self.session
        if self._run is None or self._run.stamp != session.trainer_revision:
            self._run = self.run_of(session.trainer, session.trainer_revision)
        return self._run

    def run_of(self, t: Trainer, stamp: int) -> Run:
        """Trainer `t` as a Run stamped `stamp` (the session's, or a copy's ahead)."""
        return Run(
            stamp=stamp, settings=t.settings, data=t.data,
            steps_done=t.steps_done, steps=t.history.recent, errors=t.errors.copy(),
            errors_from=t.errors_from, weights=t.weights_now(), diverged_at=t.diverged_at,
            accuracy=t.accuracy, corrects=self.corrects(t),
            coming=t.coming() if self.session.slid else None,
        )

    def corrects(self, trainer):
        return None

    @property
    def common(self) -> dict:
        """What every slice has."""
        return dict(lesson=self.lesson, lang=self.lang, ascii_only=self.app.ascii_only)

    def compute_status(self) -> StatusPart:
        s = self.session
        predicting = s.predicting
        return StatusPart(
            **self.common, run=self.run_now(), selected=self.selected,
            speed=speed_text(s.speed, self.lang), running=s.running, message=self.message,
            predicting=predicting, quantity=s.quantity if predicting else "",
            score=(s.score.right, s.score.asked, s.score.streak) if predicting else (0, 0, 0),
        )

    def compute_note(self) -> NotePart:
        return NotePart(**self.common, note_open=self.note_open)

    # -- stepping -----------------------------------------------------------------------
    def action_step(self) -> None:
        self.pause()
        if self.session.predicting and not self.session.trainer.stopped:
            self.ask()  # predict mode: Space asks first, the answer takes the step
        else:
            self.session.step()

    def action_back(self) -> None:
        self.pause()
        self.session.back()

    def action_restart(self) -> None:
        self.pause()
        self.session.restart()

    def action_reset(self) -> None:
        self.pause()
        self.session.reset()

    # -- run mode ------------------------------------------------------------------------
    def action_run(self) -> None:
        if self.session.running:
            self.pause()
        elif self.session.start_running():
            if self._paused_converged:  # "paused (r runs on)" would stay up all the run
                self.tell("msg_running_on", n=self.session.trainer.steps_done)
            self.run_steps()

    def pause(self) -> None:
        self.runner.stop()
        self.session.stop_running()

    def run_steps(self, until: int | None = None, fastest: bool = False) -> None:
        """Step at the chosen speed (or flat out) until paused, diverged or
        `until` steps are done."""
        self.runner.start(until, fastest)

    def action_faster(self, direction: int) -> None:
        self.session.faster(direction)

    # -- live changes ---------------------------------------------------------------------
    def action_alpha(self, direction: int) -> None:
        self.session.change_alpha(direction)

    def freeze_target(self) -> tuple[tuple[int, int | None], str]:
        raise NotImplementedError

    def action_freeze(self) -> None:
        self.pause()
        (row, col), name = self.freeze_target()
        self.session.toggle_frozen(row, col, name)

    def slide_step(self, row: int, col: int) -> float:
        """One press of the slider for weight [row][col] (none on MNIST)."""
        return 0.0

    def action_slide(self, presses: int) -> None:
        self.pause()
        (row, col), _ = self.freeze_target()  # the selected weight (MNIST: a digit's)
        by = 0.0 if col is None else presses * self.slide_step(row, col)
        self.session.slide(row, col, by)

    def action_edit(self) -> None:
        from gdtui.ui.screens.edit import EditScreen  # on e, not before the first frame

        self.pause()
        self.app.push_screen(EditScreen(self.lesson, self.session.trainer), self.apply_edit)

    def apply_edit(self, changes: dict | None) -> None:
        if changes:
            self.session.edit(changes)
        elif changes is not None:  # Enter with every field as it was
            self.tell("msg_edit_unchanged")

    # -- practice --------------------------------------------------------------------------
    def action_predict(self) -> None:
        self.session.toggle_predicting()

    def ask(self) -> None:
        """Predict mode's question box (gdtui.ui.screens.predict) for the coming step."""
        from gdtui.ui.screens.predict import PredictScreen  # on the first question

        n = self.session.trainer.steps_done + 1
        self.session.question_open(True)  # the chain fades what is left to the learner
        self.app.push_screen(
            PredictScreen(self.session.asks(), self.session.quantity, lambda q: self.question(q, n)),
            self.predicted,
        )

    def question(self, quantity: str, n: int) -> str:
        """The question's line for step `n` (each lesson screen words its own)."""
        raise NotImplementedError

    def predicted(self, asked) -> None:
        """The box's Asked (guess None: skipped), or None: closed without one."""
        if asked is not None:
            self.session.predicted(asked.quantity, asked.guess, *self.selected)
        else:
            self.session.question_open(False)

    def action_hint(self) -> None:
        self.session.toggle_hint()

    def action_next_exercise(self) -> None:
        self.session.next_exercise()

    def action_reset_exercises(self) -> None:
        self.pause()
        self.session.reset_exercises()

    # -- the screen's own state ---------------------------------------------------------------
    def action_log(self) -> None:
        self.log_scale = not self.log_scale

    def action_note(self) -> None:
        self.note_open = not self.note_open

    def action_lang(self) -> None:
        said = self.app.switch_lang()
        if said:  # '': this terminal cannot show Chinese (a notice says so)
            self.message = said
        self.session.lang = self.lang = self.app.lang

    def neighbour(self, direction: int) -> str | None:
        """The id of the next (1) or previous (-1) lesson in the course."""
        ids = list(self.app.catalog.lessons)
        if self.lesson.id not in ids:
            return None
        k = ids.index(self.lesson.id) + direction
        return ids[k] if 0 <= k < len(ids) else None

    def action_lesson(self, direction: int) -> None:
        target = self.neighbour(direction)
        if target is None:
            self.message = tr("msg_last" if direction > 0 else "msg_first", self.lang)
            return
        self.pause()
        self.app.open_lesson(target)

    def action_save(self) -> None:
        lang = self.lang
        if self.app.served:
            self.message = tr("msg_save_off", lang)
            return
        from gdtui.output.trace import save_trace, trace_dir  # on s, not before the first frame

        steps = list(self.session.trainer.history)
        if not steps:
            self.message = tr("msg_save_empty", lang)
            return
        try:
            csv_path, jsonl_path = save_trace(
                steps, self.lesson.id, self.lesson.input_labels, self.lesson.output_labels,
                trace_dir(),
            )
        except OSError as exc:
            self.notify(tr("msg_save_failed", lang, error=exc), severity="error", markup=False)
            return
        # A toast, not the status line: the paths are long. markup=False: a
        # path may hold `[/b]`, which Rich would parse (and hang on).
        self.notify(tr("msg_saved", lang, n=len(steps), csv=csv_path, jsonl=jsonl_path.name),
                    timeout=8, markup=False)

    def action_lessons(self) -> None:
        self.pause()
        self.app.show_lesson_list()

    def on_unmount(self) -> None:
        self.pause()
        self.session.left()
