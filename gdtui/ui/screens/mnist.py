"""The MNIST lesson: one image per keypress, and what the weights learn.

The keys are session_screen's (all named in the two-line key bar), plus E (one pass over the images with a
progress bar), m (the ten weight maps) and d (the dot product); ←→ select a
digit, and f freezes that digit's 784 weights. The first page fits 80x24:
the image, the ten outputs against the goal and the selected digit's map.

Predict mode (p) asks MNIST's own questions (practice.predict.IMAGE_QUANTITIES):
which digit it will guess, and which way the selected digit's error on
the image goes; the answer is judged beside the outputs that decide it.
"""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import ContentSwitcher, ProgressBar

from gdtui.text.i18n import tr
from gdtui.text.safe import visible
from gdtui.ui.run_mode import Stepped
from gdtui.ui.screens.session_screen import SessionScreen
from gdtui.ui.keys import MNIST, bindings
from gdtui.ui.view import KeysPart, NotePart, PicturesPart
from gdtui.ui.widgets.key_bar import MnistKeyBar
from gdtui.ui.widgets.mnist_panels import DRAW_INTERVAL, CurvesPanel, DigitPanel, DotPanel, MapsPanel
from gdtui.ui.widgets.note import LessonNote
from gdtui.ui.widgets.status_bar import StatusBar


class MnistScreen(SessionScreen):
    BINDINGS = bindings(MNIST)
    KEYS_OF = MNIST  # (the help shows these)
    DEFAULT_CSS = """
    MnistScreen #pages { height: 1fr; }
    MnistScreen #maps, MnistScreen #dot { height: 1fr; scrollbar-size-vertical: 1; }
    MnistScreen ProgressBar { dock: bottom; height: 1; padding: 0 1; display: none; }
    MnistScreen ProgressBar.-shown { display: block; }
    """

    # The pictures and the curves: one slice, new at most every DRAW_INTERVAL in run mode.
    pictures: var[PicturesPart | None] = var(None, init=False)
    keys: var[KeysPart | None] = var(None, init=False)
    _pictures: tuple[float, PicturesPart] | None = None  # (time.monotonic(), the slice) last handed out

    def compose(self) -> ComposeResult:
        me = MnistScreen
        yield StatusBar().data_bind(part=me.status)
        with ContentSwitcher(initial="body", id="pages"):
            with VerticalScroll(id="body"):
                yield DigitPanel().data_bind(part=me.pictures)
                yield CurvesPanel().data_bind(part=me.pictures)
                yield LessonNote().data_bind(part=me.note)
            with VerticalScroll(id="maps"):
                yield MapsPanel().data_bind(part=me.pictures)
            with VerticalScroll(id="dot"):
                yield DotPanel().data_bind(part=me.pictures)
        yield ProgressBar(total=self.session.trainer.data.samples, show_eta=False)
        yield MnistKeyBar().data_bind(part=me.keys)

    def source_text(self) -> str:
        """Where the images come from (the end of the opened note: 80x24 has
        no row to spare); the shipped subset's words in the screen's language
        (a folder's path is shown as it is)."""
        from gdtui.data import shipped  # (the data's modules load with the images)

        data, lang = self.lesson.dataset, self.lang
        if data.source == shipped.SOURCE:  # the source's id says what its words say
            text = tr("mn_data_shipped", lang, where=tr(
                "mn_shipped_where", lang, n=f"{shipped.SHIPPED_COUNT:,}"))
            hint = tr("mn_shipped_hint", lang) if data.hint else ""
        else:
            # (a path from the environment: escaped, it never reaches the terminal raw)
            text = tr("mn_data", lang, source=visible(data.source), where=visible(data.where))
            hint = visible(data.hint or "")
        return f"{text}\n{hint}" if hint else text

    def compute_note(self) -> NotePart:
        return NotePart(**self.common, note_open=self.note_open, more=self.source_text())

    def corrects(self, trainer):
        return trainer.corrects.copy()

    def compute_pictures(self) -> PicturesPart:
        now = time.monotonic()
        kept = self._pictures
        if self.session.running and kept is not None and now - kept[0] < DRAW_INTERVAL:
            return kept[1]
        s = self.session
        reveal = s.score.last  # shown for the step just taken; stepping back takes it away
        if not (s.predicting and reveal is not None and reveal.step == s.trainer.steps_done):
            reveal = None
        part = PicturesPart(**self.common, run=self.run_now(), selected=self.selected,
                            predicting=s.predicting, reveal=reveal)
        if kept is None or part != kept[1]:
            self._pictures = now, part
        return part

    def compute_keys(self) -> KeysPart:
        return KeysPart(**self.common, predicting=self.session.predicting, footer=self.KEYS_OF)

    def watch_revision(self) -> None:
        if self.pass_end is not None:
            samples = self.session.trainer.data.samples
            done = samples - max(0, self.pass_end - self.session.trainer.steps_done)
            self.query_one(ProgressBar).update(progress=done)

    def question(self, quantity: str, n: int) -> str:
        if quantity == "guess":
            return tr("mn_ask_guess", self.lang, n=n)
        return tr("mn_ask_error", self.lang, n=n, d=self.selected[0])

    # ←→ select a digit (an output), not one of 7,840 weights.
    def action_select(self, direction: int) -> None:
        digits = self.lesson.weights.shape[0]
        self.selected = ((self.selected[0] + direction) % digits, 0)

    def on_resize(self) -> None:
        # The dot page lays itself out for the page's height, not only its own width.
        self.query_one(DotPanel).refresh(layout=True)

    def action_page(self, page: str) -> None:
        """m / d show the maps / the dot product; the same key goes back."""
        switcher = self.query_one(ContentSwitcher)
        switcher.current = "body" if switcher.current == page else page
        self.query_one(f"#{switcher.current}").focus()

    def freeze_target(self) -> tuple[tuple[int, int | None], str]:
        """f freezes all 784 weights of the selected digit."""
        digit = self.selected[0]
        return (digit, None), tr("mn_frozen_name", self.lang, d=digit)

    # -- E: one pass over the images -------------------------------------------
    pass_end: int | None = None

    def action_epoch(self) -> None:
        trainer = self.session.trainer
        if trainer.stopped:
            return
        self.pause()
        self.pass_end = trainer.steps_done + trainer.data.samples
        bar = self.query_one(ProgressBar)
        bar.update(total=trainer.data.samples, progress=0)
        bar.add_class("-shown")
        if self.session.start_running():
            self.run_steps(until=self.pass_end, fastest=True)

    def on_stepped(self, message: Stepped) -> None:
        # (Textual calls SessionScreen.on_stepped after this: handlers run for each class.)
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
            self.notify(tr("mn_pass_done", self.lang, a=f"{self.session.trainer.accuracy:.3f}"),
                        timeout=4)
