"""One lesson: step, step back, run, edit, freeze, and watch every number move.

The screen owns the trainer. Run mode (run_mode.py) steps it on the event loop
a slice at a time and posts `Stepped` at most ~30 times a second, so the
screen redraws at a bounded rate and keys are always answered.
"""

from __future__ import annotations

import threading

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer

from gdtui.scenario import Scenario
from gdtui.trace import save_trace, trace_dir
from gdtui.ui.run_mode import RunMode, Stepped
from gdtui.ui.screens.edit import EditScreen
from gdtui.ui.view import View
from gdtui.ui.widgets.banner import Banner
from gdtui.ui.widgets.error_plot import ErrorPlot
from gdtui.ui.widgets.history import History
from gdtui.ui.widgets.note import LessonNote
from gdtui.ui.widgets.status_bar import StatusBar
from gdtui.ui.widgets.step_view import StepView
from gdtui.ui.widgets.weight_plots import WeightPlots

# Run speeds in steps per second; None = as fast as the engine goes.
SPEEDS: list[int | None] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, None]
DEFAULT_SPEED = 4
WIDE = 110  # columns from which the plots sit side by side


def speed_text(speed: int | None) -> str:
    return "max speed" if speed is None else f"{speed} steps/s"


class LessonScreen(Screen):
    BINDINGS = [
        Binding("space", "step", "Step", priority=True),
        Binding("b", "back", "Back", priority=True),
        Binding("r", "run", "Run", priority=True),
        Binding("plus,equals_sign", "faster", "Fast", key_display="+", priority=True),
        Binding("minus", "slower", "Slow", key_display="-", priority=True),
        Binding("0", "reset", "Reset", priority=True),
        Binding("e", "edit", "Edit", priority=True),
        Binding("f", "freeze", "Freeze", priority=True),
        Binding("left", "select(-1)", "Weight", key_display="←→", priority=True),
        Binding("right", "select(1)", "Weight", show=False, priority=True),
        Binding("l", "log", "Log", priority=True),
        Binding("L", "lang", "Lang", priority=True),
        Binding("s", "save", "Save", priority=True),
        Binding("escape", "lessons", "Lessons", show=False),
    ]

    def __init__(self, lesson: Scenario) -> None:
        super().__init__()
        self.lesson = lesson
        self.trainer = lesson.trainer()
        self.lock = threading.Lock()
        self.selected = (0, 0)
        self.log_scale = False
        self.speed_index = DEFAULT_SPEED
        self.running = False
        self.runner = RunMode(self, lambda: self.trainer, lambda: SPEEDS[self.speed_index])

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with VerticalScroll(id="body"):
            yield LessonNote()
            yield StepView()
            yield Banner()
            with Horizontal(id="plots"):
                yield ErrorPlot()
                yield WeightPlots()
            yield History()
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        # A lesson opened and closed at once (Enter, Escape typed ahead) may
        # be popped before it mounts: then there is nothing to draw.
        for body in self.query("#body"):
            body.focus()
        self.refresh_view()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # One weight: nothing to select, so keep the footer for what matters.
        if action == "select" and self.lesson.weights.size == 1:
            return False
        return True

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")

    # -- drawing --------------------------------------------------------------
    def make_view(self) -> View:
        with self.lock:
            t = self.trainer
            return View(
                lesson=self.lesson,
                steps_done=t.steps_done,
                # A big network's records are made on demand: only the last.
                steps=tuple(t.history[-1:] if t.light else t.history),
                errors=t.errors.copy(),
                errors_from=t.errors_from,
                # A big network's weights change in place as the run goes on.
                weights=t.weights.copy() if t.light else t.weights,
                settings=t.settings,
                diverged_at=t.diverged_at,
                selected=self.selected,
                log_scale=self.log_scale,
                lang=self.app.lang,
                running=self.running,
                speed=speed_text(SPEEDS[self.speed_index]),
                accuracy=t.accuracy,
            )

    def refresh_view(self) -> None:
        view = self.make_view()
        for widget in self.query("StatusBar, LessonNote, StepView, Banner, ErrorPlot, WeightPlots"):
            widget.view = view
        for history in self.query(History):
            history.show(view)

    # -- stepping ---------------------------------------------------------------
    def action_step(self) -> None:
        self.pause()
        with self.lock:
            self.trainer.step()
        self.refresh_view()

    def action_back(self) -> None:
        self.pause()
        with self.lock:
            self.trainer.back()
        self.refresh_view()

    def action_reset(self) -> None:
        self.pause()
        with self.lock:
            self.trainer.reset()
        self.refresh_view()

    # -- run mode ---------------------------------------------------------------
    def action_run(self) -> None:
        if self.running:
            self.pause()
        elif not self.trainer.stopped:
            self.running = True
            self.run_steps()
        self.refresh_view()

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
        if not self.running:  # while running, the status bar shows it
            self.notify(f"Run speed: {speed_text(SPEEDS[self.speed_index])} (r runs)", timeout=2)
        self.refresh_view()

    def run_steps(self, until: int | None = None, fastest: bool = False) -> None:
        """Step at the chosen speed (or flat out) until paused, diverged or
        `until` steps are done."""
        self.runner.start(until, fastest)

    @on(Stepped)
    def on_stepped(self, message: Stepped) -> None:
        if message.finished:
            self.running = False
        self.refresh_view()

    # -- the rest of the keys ---------------------------------------------------
    def action_select(self, direction: int) -> None:
        outputs, inputs = self.trainer.weights.shape
        flat = (self.selected[0] * inputs + self.selected[1] + direction) % (outputs * inputs)
        self.selected = divmod(flat, inputs)
        self.refresh_view()

    def action_freeze(self) -> None:
        if self.lesson.rule != "gradient":
            self.notify("Only gradient descent lessons have weights to freeze.", severity="warning")
            return
        self.pause()
        (row, col), name = self.freeze_target()
        with self.lock:
            frozen = self.trainer.toggle_frozen(row, col)
        self.notify(f"{name} {'frozen' if frozen else 'unfrozen'}: it applies from the next step.")
        self.refresh_view()

    def freeze_target(self) -> tuple[tuple[int, int | None], str]:
        """What f freezes: the selected weight."""
        return self.selected, "Weight"

    def action_log(self) -> None:
        self.log_scale = not self.log_scale
        self.refresh_view()

    def action_lang(self) -> None:
        self.app.lang = "zh" if self.app.lang == "en" else "en"
        self.refresh_view()

    def action_edit(self) -> None:
        self.pause()
        self.refresh_view()
        self.app.push_screen(EditScreen(self.lesson, self.trainer), self.apply_edit)

    def apply_edit(self, changes: dict | None) -> None:
        if not changes:
            return
        with self.lock:
            weights = changes.pop("weights", None)
            if weights is not None:
                self.trainer.set_weights(weights)
            self.trainer.change(**changes)
        self.notify("Changed: it applies from the next step.")
        self.refresh_view()

    def action_save(self) -> None:
        if self.app.served:
            self.notify("Saving traces is off on a shared server.", severity="warning")
            return
        with self.lock:
            steps = list(self.trainer.history)
        if not steps:
            self.notify("Nothing to save yet: take a step first.", severity="warning")
            return
        try:
            csv_path, jsonl_path = save_trace(
                steps, self.lesson.id, self.lesson.input_labels, self.lesson.output_labels,
                trace_dir(),
            )
        except OSError as exc:
            self.notify(f"Could not save the trace: {exc}", severity="error", markup=False)
            return
        # markup=False: a path may hold `[/b]`, which Rich would parse (and hang on).
        self.notify(f"Saved {len(steps)} steps to {csv_path} and {jsonl_path.name}", timeout=8,
                    markup=False)

    def action_lessons(self) -> None:
        self.pause()
        self.app.pop_screen()

    def on_unmount(self) -> None:
        self.pause()
