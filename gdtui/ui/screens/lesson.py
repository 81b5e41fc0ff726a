"""One lesson: step, step back, run, edit, freeze, and watch every number move.

The screen owns the trainer and its state lives in reactives (the selected
weight, log scale, the last message, what is open); whenever one of them or
the trainer changes, the screen builds a new View into its reactive `view`,
which every widget is bound to. Widgets redraw from it; nothing else.

Run mode (run_mode.py) steps the trainer on the event loop a slice at a time
and posts `Stepped` at most 20 times a second, so the
screen redraws at a bounded rate and keys are always answered.
"""

from __future__ import annotations

import numpy as np
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import var
from textual.screen import Screen

from gdtui.engine.diagnose import verdict
from gdtui.engine.rules import RULES
from gdtui.text.i18n import tr
from gdtui.lessons.prompts import choose
from gdtui.lessons.lesson import Scenario
from gdtui.output.trace import save_trace, trace_dir
from gdtui.ui.run_mode import RunMode, Stepped
from gdtui.ui.screens.edit import EditScreen
from gdtui.ui.screens.practice import LessonPractice
from gdtui.ui.view import View
from gdtui.ui.widgets.chain_view import ChainView
from gdtui.ui.widgets.error_plot import ErrorPlot
from gdtui.ui.widgets.history import History
from gdtui.ui.widgets.key_bar import KeyBar
from gdtui.ui.widgets.matrix_view import MatrixView
from gdtui.ui.widgets.note import LessonNote
from gdtui.ui.widgets.exercise_line import ExerciseLine
from gdtui.ui.widgets.predict_line import PredictLine
from gdtui.ui.widgets.prompt_line import PromptLine
from gdtui.ui.widgets.status_bar import StatusBar
from gdtui.ui.widgets.weight_plots import WeightPlots
from gdtui.viz.numbers import fmt
from gdtui.viz.weights import weight_label

# Run speeds in steps per second; None = as fast as the engine goes.
SPEEDS: list[int | None] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, None]
DEFAULT_SPEED = 4
# alpha's ladder for [ and ]: 1-2-5 steps.
ALPHAS = [m * 10.0**e for e in range(-4, 2) for m in (1, 2, 5)]
# Lessons of up to this many weights get the multi-io matrices.
MATRIX_MAX_WEIGHTS = 16


def speed_text(speed: int | None, lang: str = "en") -> str:
    if speed is None:
        return tr("speed_max", lang)
    return tr("speed_one", lang) if speed == 1 else tr("speed_n", lang, n=speed)


def next_alpha(alpha: float, direction: int) -> float | None:
    """The next 1-2-5 value above (direction 1) or below (-1) alpha, if any."""
    if direction > 0:
        return next((a for a in ALPHAS if a > alpha * (1 + 1e-9)), None)
    return next((a for a in reversed(ALPHAS) if a < alpha * (1 - 1e-9)), None)


class LessonScreen(LessonPractice, Screen):
    # The lesson screen draws its own footer (KeyBar); show=False keeps the
    # newer keys out of the MNIST screen's Textual footer.
    BINDINGS = [
        Binding("space", "step", "Step", priority=True),
        Binding("b", "back", "Back", priority=True),
        Binding("r", "run", "Run", priority=True),
        Binding("plus,equals_sign", "faster", "Fast", key_display="+", priority=True),
        Binding("minus", "slower", "Slow", key_display="-", priority=True),
        Binding("left_square_bracket", "alpha(-1)", "alpha", key_display="[", priority=True, show=False),
        Binding("right_square_bracket", "alpha(1)", "alpha", key_display="]", priority=True, show=False),
        Binding("B", "restart", "Step 0", priority=True, show=False),
        Binding("0", "reset", "Reset", priority=True),
        Binding("e", "edit", "Edit", priority=True),
        Binding("f", "freeze", "Freeze", priority=True),
        Binding("left", "select(-1)", "Weight", key_display="←→", priority=True),
        Binding("right", "select(1)", "Weight", show=False, priority=True),
        Binding("l", "log", "Log", priority=True),
        Binding("n", "note", "Note", priority=True, show=False),
        Binding("h", "history", "History", priority=True, show=False),
        Binding("greater_than_sign", "lesson(1)", "Next", key_display=">", priority=True, show=False),
        Binding("less_than_sign", "lesson(-1)", "Previous", key_display="<", priority=True, show=False),
        Binding("L", "lang", "Lang", priority=True),
        Binding("p", "predict", "Predict", priority=True, show=False),
        Binding("i", "hint", "Hint", priority=True, show=False),
        Binding("x", "next_exercise", "Exercise", priority=True, show=False),
        Binding("X", "reset_exercises", "Exercises again", priority=True, show=False),
        Binding("s", "save", "Save", priority=True),
        Binding("escape", "lessons", "Lessons", show=False),
    ]

    # The screen's state: each change builds a new `view` for the widgets.
    view: var[View | None] = var(None, init=False)
    selected: var[tuple[int, int]] = var((0, 0), init=False)
    log_scale = var(False, init=False)
    message = var("", init=False)
    note_open = var(False, init=False)
    history_open = var(False, init=False)
    running = var(False, init=False)
    revision = var(0, init=False)  # bumped whenever the trainer changes
    predicting = var(False, init=False)  # predict mode: Space asks first
    hint_open = var(False, init=False)  # the exercise's hint

    def __init__(self, lesson: Scenario) -> None:
        super().__init__()
        self.lesson = lesson
        self.trainer = lesson.trainer()
        self.speed_index = DEFAULT_SPEED
        self.ghost: np.ndarray | None = None  # the run before alpha changed
        self.ghost_alpha: float | None = None
        self.ready = False  # mounted: views can be made
        self.runner = RunMode(self, lambda: self.trainer, lambda: SPEEDS[self.speed_index])
        self.start_practice(lesson)

    def compose(self) -> ComposeResult:
        outputs, inputs = self.lesson.weights.shape
        matrix = outputs > 1 and inputs > 1 and outputs * inputs <= MATRIX_MAX_WEIGHTS
        bound = {"view": LessonScreen.view}
        yield StatusBar().data_bind(**bound)
        # Everything fits at 80x24; the scroll is for an opened note at a
        # small size, so nothing is ever out of reach.
        with VerticalScroll(id="body", can_focus=False):
            yield LessonNote().data_bind(**bound)
            yield ChainView().data_bind(**bound)
            yield PredictLine().data_bind(**bound)
            if matrix:
                yield MatrixView().data_bind(**bound)
            yield PromptLine().data_bind(**bound)
            yield ExerciseLine().data_bind(**bound)
            with Horizontal(id="plots"):
                yield WeightPlots().data_bind(**bound)
                yield ErrorPlot().data_bind(**bound)
            yield History().data_bind(**bound)
        yield KeyBar().data_bind(**bound)

    def on_mount(self) -> None:
        self.resume()
        # Several U-curves side by side take more of the width.
        self.set_class(1 < self.lesson.weights.size <= 4, "-curves")
        self.ready = True
        self.refresh_view()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # One weight: nothing to select.
        if action == "select" and self.lesson.weights.size == 1:
            return False
        # MNIST's light records have no per-step weights to reveal.
        if action == "predict" and self.lesson.data is not None:
            return False
        return True

    # -- the view ---------------------------------------------------------------
    def make_view(self) -> View:
        lang = self.app.lang
        t = self.trainer
        errors = t.errors.copy()
        steps_done = t.steps_done
        settings = t.settings
        judged = verdict(errors, t.diverged_at, RULES[settings.rule].can_diverge)
        conditions = set()
        if judged is not None:
            conditions.add({"overflow": "overflowed", "growing": "diverging"}.get(judged, judged))
        if settings.frozen is not None:
            conditions.add("frozen")
        if self.lesson.data is None and steps_done >= self.lesson.steps:
            conditions.add("end")
        next_id = self.neighbour(1)
        prompt, answers = choose(self.lesson.prompts, steps_done, conditions, lang)
        return View(
            lesson=self.lesson,
            settings=settings,
            data=t.data,
            steps_done=steps_done,
            steps=t.history.recent,
            errors=errors,
            errors_from=t.errors_from,
            weights=t.weights_now(),
            diverged_at=t.diverged_at,
            selected=self.selected,
            log_scale=self.log_scale,
            lang=lang,
            running=self.running,
            speed=speed_text(SPEEDS[self.speed_index], lang),
            accuracy=t.accuracy,
            message=self.message,
            note_open=self.note_open,
            ghost=self.ghost,
            ghost_alpha=self.ghost_alpha,
            verdict=judged,
            prompt=prompt,
            prompt_when=answers,
            next_title=next_id,  # the id: one short line
            ascii_only=self.app.ascii_only,
            predicting=self.predicting,
            quantity=self.quantity,
            reveal=self.score.last,
            score=(self.score.right, self.score.asked, self.score.streak),
            exercises_done=frozenset(self.exercises_done),
            exercise=self.exercise,
            hint_open=self.hint_open,
        )

    def refresh_view(self) -> None:
        """A new View from the trainer and the screen's state: every bound
        widget redraws from it."""
        if self.ready:
            self.view = self.make_view()

    # Every piece of the screen's state makes a new view when it changes.
    def watch_selected(self) -> None:
        self.refresh_view()

    def watch_log_scale(self) -> None:
        self.refresh_view()

    def watch_message(self) -> None:
        self.refresh_view()

    def watch_note_open(self) -> None:
        self.refresh_view()

    def watch_running(self, running: bool) -> None:
        if not running:
            self.report()  # where the run stopped
        self.refresh_view()

    def watch_revision(self) -> None:
        self.tick_exercises()
        self.report()
        self.refresh_view()

    def watch_predicting(self) -> None:
        self.refresh_view()

    def watch_hint_open(self) -> None:
        self.refresh_view()

    def watch_history_open(self, shown: bool) -> None:
        self.query_one("#plots").display = not shown
        self.query_one(History).display = shown
        self.refresh_view()

    def changed(self) -> None:
        """The trainer changed: a new view."""
        self.revision += 1

    def say(self, key: str, **values) -> None:
        """A message at the end of the status line (not a toast)."""
        self.message = tr(key, self.app.lang, **values)

    # -- stepping ---------------------------------------------------------------
    def action_step(self) -> None:
        self.pause()
        if self.predicting and not self.trainer.stopped:
            self.ask()
            return
        self.trainer.step()
        self.changed()

    def action_back(self) -> None:
        self.pause()
        self.trainer.back()
        self.undo_score()
        self.changed()

    def action_restart(self) -> None:
        """Back to step 0 keeping the settings (a new alpha, edits) and the
        ghost: run again and compare."""
        self.pause()
        self.trainer.reset()
        self.undo_score()
        self.say("msg_restart")
        self.changed()

    def action_reset(self) -> None:
        """Back to step 0 and to the lesson's own values (alpha, inputs,
        goals, weights, frozen), whatever was edited."""
        self.pause()
        self.trainer = self.lesson.trainer()
        self.undo_score()
        self.ghost = self.ghost_alpha = None
        s = self.lesson.settings
        setting = RULES[s.rule].setting  # alpha, step_amount, or none to show
        values = f"{setting} {fmt(getattr(s, setting))}" if setting else self.lesson.id
        self.say("msg_reset", values=values)
        self.changed()

    # -- run mode ---------------------------------------------------------------
    def action_run(self) -> None:
        if self.running:
            self.pause()
        elif not self.trainer.stopped:
            self.running = True
            self.run_steps()
        self.changed()

    def pause(self) -> None:
        if self.running:
            self.running = False
            self.runner.stop()

    def action_faster(self) -> None:
        self.set_speed(self.speed_index + 1)

    def action_slower(self) -> None:
        self.set_speed(self.speed_index - 1)

    def set_speed(self, index: int) -> None:
        self.speed_index = max(0, min(index, len(SPEEDS) - 1))
        self.say("msg_speed", speed=speed_text(SPEEDS[self.speed_index], self.app.lang))
        self.changed()

    def run_steps(self, until: int | None = None, fastest: bool = False) -> None:
        """Step at the chosen speed (or flat out) until paused, diverged or
        `until` steps are done."""
        self.runner.start(until, fastest)

    @on(Stepped)
    def on_stepped(self, message: Stepped) -> None:
        if message.finished:
            self.running = False
        self.changed()

    # -- alpha, live --------------------------------------------------------------
    def action_alpha(self, direction: int) -> None:
        """[ and ]: alpha one 1-2-5 step down or up, from the next step. The
        run so far stays behind the error curve as a faint ghost."""
        s = self.trainer.settings
        if RULES[s.rule].setting != "alpha":
            self.say("msg_no_alpha")
            return
        new = next_alpha(s.alpha, direction)
        if new is None:
            self.say("msg_alpha_end", alpha=fmt(s.alpha))
            return
        errors = self.trainer.errors
        # The run so far becomes the ghost, unless it already is (several
        # presses in a row, no step between: the ghost keeps its alpha).
        fresh = self.ghost is None or not np.array_equal(self.ghost, errors)
        if self.trainer.steps_done and fresh:
            self.ghost = errors.copy()
            self.ghost_alpha = s.alpha
        self.trainer.change(alpha=new)
        self.say("msg_alpha", old=fmt(s.alpha), new=fmt(new))
        self.changed()

    # -- the rest of the keys ---------------------------------------------------
    def action_select(self, direction: int) -> None:
        outputs, inputs = self.trainer.weights.shape
        flat = (self.selected[0] * inputs + self.selected[1] + direction) % (outputs * inputs)
        self.selected = divmod(flat, inputs)

    def action_freeze(self) -> None:
        if not RULES[self.lesson.settings.rule].can_freeze:
            self.say("msg_no_freeze")
            return
        self.pause()
        (row, col), name = self.freeze_target()
        frozen = self.trainer.toggle_frozen(row, col)
        self.say("msg_frozen" if frozen else "msg_unfrozen", name=name)
        self.changed()

    def freeze_target(self) -> tuple[tuple[int, int | None], str]:
        """What f freezes: the selected weight."""
        row, col = self.selected
        lesson = self.lesson
        return self.selected, weight_label(row, col, lesson.input_labels, lesson.output_labels)

    def action_log(self) -> None:
        self.log_scale = not self.log_scale

    def action_note(self) -> None:
        self.note_open = not self.note_open

    def action_history(self) -> None:
        self.history_open = not self.history_open

    def action_lang(self) -> None:
        said = self.app.switch_lang()
        if said:  # '': this terminal cannot show Chinese (a notice says so)
            self.message = said

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
            self.say("msg_last" if direction > 0 else "msg_first")
            return
        self.pause()
        self.app.open_lesson(target)

    def action_edit(self) -> None:
        self.pause()
        self.changed()
        self.app.push_screen(EditScreen(self.lesson, self.trainer), self.apply_edit)

    def apply_edit(self, changes: dict | None) -> None:
        if not changes:
            return
        weights = changes.pop("weights", None)
        if weights is not None:
            self.trainer.set_weights(weights)
        self.trainer.change(**changes)
        self.say("msg_changed")
        self.changed()

    def action_save(self) -> None:
        if self.app.served:
            self.say("msg_save_off")
            return
        steps = list(self.trainer.history)
        if not steps:
            self.say("msg_save_empty")
            return
        lang = self.app.lang
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
        self.app.pop_screen()

    def on_unmount(self) -> None:
        self.pause()
        self.leave_lesson()
