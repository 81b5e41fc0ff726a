"""One chapter lesson: step, step back, run, edit, freeze, and watch every number move.

The keys and the session are session_screen's; this screen adds the chain,
the U-curves, the error curve, the history (h), predict mode's question and
the slices they draw, each computed from the screen's reactives.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import var

from gdtui.engine.diagnose import verdict
from gdtui.lessons.prompts import choose
from gdtui.text.i18n import tr
from gdtui.ui.screens.session_screen import SessionScreen
from gdtui.ui.slider import slide_step
from gdtui.ui.keys import LESSON, bindings
from gdtui.ui.view import ErrorPart, ExercisePart, KeysPart, PlotPart, PredictPart, PromptPart, RunPart
from gdtui.ui.widgets.chain_view import ChainView
from gdtui.ui.widgets.error_plot import ErrorPlot
from gdtui.ui.widgets.exercise_line import ExerciseLine
from gdtui.ui.widgets.history import History
from gdtui.ui.widgets.key_bar import KeyBar
from gdtui.ui.widgets.matrix_view import MatrixView
from gdtui.ui.widgets.note import LessonNote
from gdtui.ui.widgets.predict_line import PredictLine, quantity_name
from gdtui.ui.widgets.prompt_line import PromptLine, banner_text, prompt_parts
from gdtui.ui.widgets.status_bar import StatusBar
from gdtui.ui.widgets.weight_plots import WeightPlots
from gdtui.viz.weights import weight_label

# Lessons of up to this many weights get the multi-io matrices.
MATRIX_MAX_WEIGHTS = 16


class LessonScreen(SessionScreen):
    BINDINGS = bindings(LESSON)
    KEYS_OF = LESSON  # (the help shows these)

    history_open = var(False, init=False)

    chain: var[RunPart | None] = var(None, init=False)
    matrix: var[RunPart | None] = var(None, init=False)
    reveal: var[PredictPart | None] = var(None, init=False)
    prompt: var[PromptPart | None] = var(None, init=False)
    exercises: var[ExercisePart | None] = var(None, init=False)
    curves: var[PlotPart | None] = var(None, init=False)
    error_curve: var[ErrorPart | None] = var(None, init=False)
    steps: var[RunPart | None] = var(None, init=False)
    keys: var[KeysPart | None] = var(None, init=False)

    def compose(self) -> ComposeResult:
        outputs, inputs = self.lesson.weights.shape
        matrix = outputs > 1 and inputs > 1 and outputs * inputs <= MATRIX_MAX_WEIGHTS
        me = LessonScreen
        yield StatusBar().data_bind(part=me.status)
        # Everything fits at 80x24; the scroll is for an opened note at a
        # small size, so nothing is ever out of reach.
        with VerticalScroll(id="body", can_focus=False):
            yield LessonNote().data_bind(part=me.note)
            yield ChainView().data_bind(part=me.chain)
            yield PredictLine().data_bind(part=me.reveal)
            if matrix:
                yield MatrixView().data_bind(part=me.matrix)
            yield PromptLine().data_bind(part=me.prompt)
            yield ExerciseLine().data_bind(part=me.exercises)
            with Horizontal(id="plots"):
                yield WeightPlots().data_bind(part=me.curves)
                yield ErrorPlot().data_bind(part=me.error_curve)
            yield History().data_bind(part=me.steps)
        yield KeyBar().data_bind(part=me.keys)

    def on_mount(self) -> None:
        # (Textual calls SessionScreen.on_mount too: handlers run for each class.)
        # Several U-curves side by side take more of the width.
        self.set_class(1 < self.lesson.weights.size <= 4, "-curves")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # One weight: nothing to select.
        if action == "select" and self.lesson.weights.size == 1:
            return False
        if action == "explain":  # the digits mean something only while it is asked
            return 1 <= parameters[0] <= len(self.session.why_choices)
        return True

    # -- the slices ---------------------------------------------------------------
    def run_part(self) -> dict:
        return dict(**self.common, run=self.run_now(), selected=self.selected,
                    hidden=self.session.hidden)

    def compute_chain(self) -> RunPart:
        return RunPart(**self.run_part())

    def compute_matrix(self) -> RunPart:
        return RunPart(**self.run_part())

    def space_asks(self) -> bool:
        """Space asks for a prediction first (predict mode on this learner's own steps)."""
        return True

    def compute_reveal(self) -> PredictPart:
        s, reveal = self.session, self.session.score.last
        # Shown for the step just taken; stepping back takes it away.
        shown = s.predicting and reveal is not None and reveal.step == s.trainer.steps_done
        if not shown:
            return PredictPart(**self.common, predicting=s.predicting, asks=self.space_asks())
        return PredictPart(**self.common, predicting=True, reveal=reveal, why=s.why_choices,
                           said=s.why_said, faded=s.just_faded)

    def compute_prompt(self) -> PromptPart:
        run, lesson, lang = self.run_now(), self.lesson, self.lang
        settings = run.settings
        judged = verdict(run.errors, run.diverged_at, settings.rule.can_diverge)
        conditions = set()
        if judged is not None:
            conditions.add({"overflow": "overflowed", "growing": "diverging"}.get(judged, judged))
        conditions.add("frozen" if settings.frozen is not None else "unfrozen")
        if run.steps_done >= lesson.steps:
            conditions.add("end")
        prompt, answers = choose(lesson.prompts, run.steps_done, conditions, lang)
        banner = banner_text(judged, run.errors, run.diverged_at, lang)
        parts = prompt_parts(lesson, run.steps_done, banner, prompt, answers, self.neighbour(1),
                             lang, self.app.ascii_only)
        return PromptPart(**self.common, parts=parts)

    def compute_exercises(self) -> ExercisePart:
        s = self.session
        return ExercisePart(**self.common, done=frozenset(s.exercises_done), exercise=s.exercise,
                            hint_open=s.hint_open)

    def compute_curves(self) -> PlotPart:
        return PlotPart(**self.run_part(), log_scale=self.log_scale)

    def compute_error_curve(self) -> ErrorPart:
        s = self.session  # (the whole run's error: no selected weight)
        return ErrorPart(**self.common, run=self.run_now(), log_scale=self.log_scale,
                         ghost=s.ghost, ghost_alpha=s.ghost_alpha)

    def compute_steps(self) -> RunPart:
        # Hidden, the history draws nothing: it need not change with the run.
        if not self.history_open:
            return RunPart(**self.common)
        return RunPart(**self.run_part())

    def compute_keys(self) -> KeysPart:
        return KeysPart(**self.common, predicting=self.session.predicting, footer=self.KEYS_OF)

    # -- keys of this screen --------------------------------------------------------
    def action_select(self, direction: int) -> None:
        outputs, inputs = self.lesson.weights.shape
        flat = (self.selected[0] * inputs + self.selected[1] + direction) % (outputs * inputs)
        self.selected = divmod(flat, inputs)

    def freeze_target(self) -> tuple[tuple[int, int | None], str]:
        """What f freezes: the selected weight."""
        row, col = self.selected
        lesson = self.lesson
        return self.selected, weight_label(row, col, lesson.input_labels, lesson.output_labels)

    def slide_step(self, row: int, col: int) -> float:
        return slide_step(self.curves, row, col)

    def action_fade(self) -> None:
        self.session.toggle_fading()

    def action_explain(self, key: int) -> None:
        self.session.explain(key)

    def action_history(self) -> None:
        self.history_open = not self.history_open

    def watch_history_open(self, shown: bool) -> None:
        self.query_one("#plots").display = not shown
        self.query_one(History).display = shown

    # -- predict mode's question (asked by session_screen) --------------------------
    def question(self, quantity: str, n: int) -> str:
        """The question's line: which quantity, of which weight or output."""
        lang, lesson = self.lang, self.lesson
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
