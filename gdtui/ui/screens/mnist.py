"""The MNIST lesson: one image per keypress, and what the weights learn.

The keys are the lesson screen's, plus E (one pass over the images with a
progress bar); ←→ select a digit, and f freezes that digit's 784 weights.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, ProgressBar, Static

from gdtui.ui.screens.lesson import LessonScreen, Stepped
from gdtui.ui.widgets.error_plot import ErrorPlot
from gdtui.ui.widgets.mnist_panels import DigitPanel, FocusPanel, MapsPanel
from gdtui.ui.widgets.note import LessonNote
from gdtui.ui.widgets.status_bar import StatusBar


class MnistScreen(LessonScreen):
    BINDINGS = [Binding("E", "epoch", "Pass", priority=True)]
    DEFAULT_CSS = """
    MnistScreen #source { height: auto; padding: 0 1; color: $text-muted; }
    MnistScreen ProgressBar { dock: bottom; height: 1; padding: 0 1; display: none; }
    MnistScreen ProgressBar.-shown { display: block; }
    """

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with VerticalScroll(id="body"):
            yield DigitPanel()
            yield Static(self.source_text(), id="source")
            yield MapsPanel()
            yield FocusPanel()
            yield ErrorPlot()
            yield LessonNote()
        yield ProgressBar(total=self.trainer.settings.samples, show_eta=False)
        yield Footer(compact=True, show_command_palette=False)

    def source_text(self) -> Text:
        data = self.lesson.dataset
        text = Text(f"data: {data.source} — {data.where}")
        if data.hint:
            text.append(f"\n{data.hint}", style="bold")
        return text

    def refresh_view(self) -> None:
        view = self.make_view()
        for widget in self.query("StatusBar, LessonNote, DigitPanel, MapsPanel, FocusPanel, ErrorPlot"):
            widget.view = view
        if self.pass_end is not None:
            samples = self.trainer.settings.samples
            for bar in self.query(ProgressBar):
                bar.update(progress=samples - max(0, self.pass_end - self.trainer.steps_done))

    # ←→ select a digit (an output), not one of 7,840 weights.
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return True

    def action_select(self, direction: int) -> None:
        digits = self.trainer.weights.shape[0]
        self.selected = ((self.selected[0] + direction) % digits, 0)
        self.refresh_view()

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
        self.pass_end = self.trainer.steps_done + self.trainer.settings.samples
        bar = self.query_one(ProgressBar)
        bar.update(total=self.trainer.settings.samples, progress=0)
        bar.add_class("-shown")
        self.running = True
        self.run_steps(until=self.pass_end, fastest=True)
        self.refresh_view()

    def on_stepped(self, message: Stepped) -> None:
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
