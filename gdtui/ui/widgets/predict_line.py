"""Predict mode's reveal, under the worked chain: the learner's number beside
the true one, the verdict, and for a wrong one the usual slip it looks like.

    ✗ wrong  step 2 weight_delta: you 0.168, true 0.1848
      forgot × input: weight_delta = delta × input
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from gdtui.text.i18n import tr
from gdtui.practice.predict import Answer
from gdtui.ui.view import PredictPart
from gdtui.ui.widgets.part_widget import PartWidget
from gdtui.viz.ascii import spelled
from gdtui.viz.glyphs import glyphs
from gdtui.viz.numbers import fmt

STYLES = {"right": "bold green", "close": "bold yellow", "wrong": "bold red"}


def quantity_name(quantity: str, lang: str) -> str:
    """The book's names stay; direction, the new weight and MNIST's two
    questions are words."""
    if quantity in ("direction", "weight", "guess", "error_change"):
        return tr(f"q_{quantity}", lang)
    return quantity


def shown_value(quantity: str, value: float, ascii_only: bool = False, lang: str = "en") -> str:
    if quantity in ("direction", "error_change"):  # which way: ↑ ↓, or stays
        if value == 0:
            return tr("q_stays", lang)
        return glyphs(ascii_only)["rises" if value > 0 else "falls"]
    if quantity == "guess":
        return str(int(value))
    return fmt(value)


def reveal_lines(reveal: Answer, lang: str, ascii_only: bool = False) -> list[tuple[str, str]]:
    """(style, line) of the reveal: verdict and numbers, then the slip."""
    mark = glyphs(ascii_only)["is_" + reveal.verdict]  # right, close or wrong
    head = f"{mark} {tr('v_' + reveal.verdict, lang)}  " + tr(
        "reveal", lang, n=reveal.step, quantity=quantity_name(reveal.quantity, lang),
        guess=shown_value(reveal.quantity, reveal.guess, ascii_only, lang),
        truth=shown_value(reveal.quantity, reveal.truth, ascii_only, lang),
    )
    lines = [(STYLES[reveal.verdict], head)]
    if reveal.slip is not None:
        lines.append(("italic", "  " + tr("slip_" + reveal.slip, lang)))
    return [(style, spelled(line)) for style, line in lines] if ascii_only else lines


def why_lines(choices: tuple[str, ...], said: str | None, lang: str, width: int,
              ascii_only: bool = False) -> list[tuple[str, str]]:
    """After a wrong answer: "which part went wrong? 1 … 2 … 3 not sure",
    wrapped between choices (never inside one) to `width` cells; once
    answered, what was said."""
    if said is not None:
        lines = [("bold", "  " + tr("why_said", lang, choice=tr("why_" + said, lang)))]
    elif not choices:
        return []
    else:
        lines, line = [], "  " + tr("why_ask", lang)
        for k, choice in enumerate(choices, 1):
            item = f"{k} {tr('why_' + choice, lang)}"
            if cell_len(line) + 3 + cell_len(item) > width and line.strip():
                lines.append(("bold", line))
                line = "    " + item
            else:
                line += ("  " if k == 1 else " · ") + item
        lines.append(("bold", line))
    return [(style, spelled(line)) for style, line in lines] if ascii_only else lines


class PredictLine(PartWidget):
    DEFAULT_CSS = """
    PredictLine { height: 0; padding: 0 1; }
    """

    def lines(self, part: PredictPart) -> list[tuple[str, str]]:
        # The screen gives a reveal only for the step just taken, in predict mode;
        # until then its row says how to predict (the status line has no room).
        if part.reveal is None:
            if not (part.predicting and part.asks):
                return []
            line = tr("predict_ready", part.lang)
            return [("italic", spelled(line) if part.ascii_only else line)]
        width = max(20, (self.size.width or 80) - 2)
        faded = []
        if part.faded is not None:  # (gdtui.practice.fade)
            line = "  " + tr("fade_now", part.lang, quantity=quantity_name(part.faded, part.lang))
            faded = [("italic", spelled(line) if part.ascii_only else line)]
        return [*reveal_lines(part.reveal, part.lang, part.ascii_only), *faded,
                *why_lines(part.why, part.said, part.lang, width, part.ascii_only)]

    STEADY = True  # in predict mode the reveal's rows stay, answered or not

    def rows(self, part: PredictPart) -> int:
        return max(len(self.lines(part)), part.predicting)

    def steady_key(self, part: PredictPart) -> object:
        return super().steady_key(part), part.predicting

    def draw(self, view: PredictPart) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for k, (style, line) in enumerate(self.lines(view)):
            if k:
                text.append("\n")
            text.append(line, style=style)
        return text
