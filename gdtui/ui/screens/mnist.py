"""The MNIST lesson: one image per keypress, and what the weights learn.

The keys are the lesson screen's, plus E (one pass over the images with a
progress bar), m (the ten weight maps) and d (the dot product); ←→ select a
digit, and f freezes that digit's 784 weights. The first page fits 80x24:
the image, the ten outputs against the goal and the selected digit's map.
"""

from __future__ import annotations

import time
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import ContentSwitcher, Footer, ProgressBar, Static

from gdtui.ui.screens.lesson import LessonScreen, Stepped
from gdtui.ui.view import View
from gdtui.ui.widgets.mnist_panels import CurvesPanel, DigitPanel, DotPanel, MapsPanel
from gdtui.ui.widgets.note import LessonNote
from gdtui.ui.widgets.status_bar import StatusBar


RUN_REDRAW = 0.1  # seconds between redraws in run mode (pictures: mnist_panels.DRAW_INTERVAL)


class MnistScreen(LessonScreen):
    BINDINGS = [
        Binding("E", "epoch", "Pass", priority=True),
        Binding("m", "page('maps')", "Maps", priority=True),
        Binding("d", "page('dot')", "Dot", priority=True),
    ]
    DEFAULT_CSS = """
    MnistScreen #pages { height: 1fr; }
    MnistScreen #maps, MnistScreen #dot { height: 1fr; scrollbar-size-vertical: 1; }
    MnistScreen #source { height: auto; padding: 0 1; color: $text-muted; }
    MnistScreen ProgressBar { dock: bottom; height: 1; padding: 0 1; display: none; }
    MnistScreen ProgressBar.-shown { display: block; }
    """

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with ContentSwitcher(initial="body", id="pages"):
            with VerticalScroll(id="body"):
                yield DigitPanel()
                yield CurvesPanel()
                yield Static(self.source_text(), id="source")
                yield LessonNote()
            with VerticalScroll(id="maps"):
                yield MapsPanel()
            with VerticalScroll(id="dot"):
                yield DotPanel()
        yield ProgressBar(total=self.trainer.data.samples, show_eta=False)
        yield Footer(compact=True, show_command_palette=False)

    def source_text(self) -> Text:
        data = self.lesson.dataset
        text = Text(f"data: {data.source}: {data.where}")
        if data.hint:
            text.append(f"\n{data.hint}")
        return text

    def make_view(self) -> View:
        view = super().make_view()
        return replace(view, corrects=self.trainer.corrects.copy())

    drawn_at = 0.0  # time.monotonic() of the last refresh_view

    def refresh_view(self) -> None:
        self.drawn_at = time.monotonic()
        view = self.make_view()
        for widget in self.query("StatusBar, LessonNote, DigitPanel, CurvesPanel, MapsPanel, DotPanel"):
            widget.view = view
        if self.pass_end is not None:
            samples = self.trainer.data.samples
            for bar in self.query(ProgressBar):
                bar.update(progress=samples - max(0, self.pass_end - self.trainer.steps_done))

    # ←→ select a digit (an output), not one of 7,840 weights.
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # The step history is the lesson screen's (its #plots swap for it);
        # here the curves page shows the run instead.
        if action == "history":
            return False
        if action == "predict":  # said, never asked: action_predict
            return True
        return super().check_action(action, parameters)

    def action_predict(self) -> None:
        # MNIST's light steps keep no weights after them: no question here
        # would have an answer to check.
        self.predicting = False
        self.say("msg_predict_not_here")

    def action_select(self, direction: int) -> None:
        digits = self.trainer.weights.shape[0]
        self.selected = ((self.selected[0] + direction) % digits, 0)
        self.refresh_view()

    def action_page(self, page: str) -> None:
        """m / d show the maps / the dot product; the same key goes back."""
        switcher = self.query_one(ContentSwitcher)
        switcher.current = "body" if switcher.current == page else page
        self.query_one(f"#{switcher.current}").focus()

    def freeze_target(self) -> tuple[tuple[int, int | None], str]:
        """f freezes all 784 weights of the selected digit."""
        digit = self.selected[0]
        return (digit, None), f"Digit {digit}'s weights"

    # -- E: one pass over the images -------------------------------------------
    pass_end: int | None = None

    def action_epoch(self) -> None:
        if self.trainer.stopped:
            return
        self.pause()
        self.pass_end = self.trainer.steps_done + self.trainer.data.samples
        bar = self.query_one(ProgressBar)
        bar.update(total=self.trainer.data.samples, progress=0)
        bar.add_class("-shown")
        self.running = True
        self.run_steps(until=self.pass_end, fastest=True)
        self.refresh_view()

    def on_stepped(self, message: Stepped) -> None:
        # LessonScreen's handler is registered with @on, so Textual would call
        # it again after this one: this one stands for it.
        message.prevent_default()
        # Run mode: the step count ten times a second is all anyone can read,
        # and each redraw of the status line is ~0.7 KB on the wire.
        if not message.finished and time.monotonic() - self.drawn_at < RUN_REDRAW:
            return
        super().on_stepped(message)
        if message.finished and self.pass_end is not None:
            self.end_pass(done=True)

    def pause(self) -> None:
        super().pause()
        if self.pass_end is not None:
            self.end_pass(done=False)

    def end_pass(self, done: bool) -> None:
        self.pass_end = None
        self.query_one(ProgressBar).remove_class("-shown")
        if done:
            self.notify(f"Pass done: running accuracy {self.trainer.accuracy:.3f}", timeout=4)
