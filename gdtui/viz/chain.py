"""The step as the book writes it, with this step's numbers plugged in.

    pred         = input × weight = 1.1 × 0.6952 = 0.76472
    delta        = pred − goal = 0.76472 − 0.8 = −0.03528
    error        = delta² = (−0.03528)² = 0.0012446784
    weight_delta = delta × input = −0.03528 × 1.1 = −0.038808
      slope: d error / d weight = 2 × delta × input = −0.077616 = 2 × weight_delta
  ▶ weight       = weight − alpha × weight_delta = 0.6952 − 1 × −0.038808 = 0.734008

A renderable built from engine values only (a Step, or before the first
step the weights, input and goal): it formats, it never computes. What the
step changed is marked with a glyph in the gutter (▶), not by colour alone.
The book's names (pred, delta, weight_delta, alpha) are the same in every
language; the few words around them come in `words` (see gdtui.text.i18n).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text

from gdtui.engine.rules import Rule, rule_of
from gdtui.viz.glyphs import glyphs
from gdtui.viz.numbers import fmt
from gdtui.viz.plotting import RowsRenderable
from gdtui.viz.squaring import squaring_lines
from gdtui.viz.weights import weight_letter

RESULT = Style(bold=True)
DIM = Style(dim=True)
SELECTED = Style(reverse=True)
BAR_WIDTH = 12


@dataclass(frozen=True)
class ChainInput:
    """What the chain shows: one step (or, before the first, the start)."""

    rule: Rule  # or its name: "gradient", "hot-cold" or "compare"
    x: np.ndarray  # the input of the step
    goal: np.ndarray
    weights: np.ndarray  # before the step
    alpha: float
    input_labels: Sequence[str]
    output_labels: Sequence[str]
    words: dict[str, str]  # translated words around the book's names
    step_amount: float = 0.001
    pred: np.ndarray | None = None  # None before the first step
    delta: np.ndarray | None = None
    error: np.ndarray | None = None
    weight_delta: np.ndarray | None = None
    weights_after: np.ndarray | None = None
    up_error: float | None = None
    down_error: float | None = None
    slope: float | None = None  # d error / d weight of the selected weight (engine's)
    frozen: np.ndarray | None = None
    selected: tuple[int, int] = (0, 0)
    sample: str = ""  # "sample 2 of 4" for lessons with several samples
    steps_done: int = 0  # steps taken so far (hot-cold counts its predictions by them)
    digits: int = 8
    extra: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rule", rule_of(self.rule))


def ljust(text: str, width: int) -> str:
    """Padded to `width` display cells (a Chinese character takes two)."""
    return text + " " * max(0, width - cell_len(text))


def distinct_digits(a: float, b: float, digits: int) -> int:
    """At least `digits` significant digits, and as many more as it takes
    for two unequal numbers to read unequal: at the goal hot-cold's two
    probes differ only in the 10th digit, and `up_error < down_error` above
    two equal-looking numbers reads as a mistake."""
    while a != b and digits < 17 and fmt(a, digits) == fmt(b, digits):
        digits += 1
    return digits


class Chain(RowsRenderable):
    def __init__(self, data: ChainInput) -> None:
        self.data = data
        self._cut: tuple[tuple[int, bool], list[Text]] | None = None  # (width, ascii_only), lines

    # -- helpers -------------------------------------------------------------
    def _lines(self, width: int, ascii_only: bool) -> list[Text]:
        d = self.data
        self.g = glyphs(ascii_only)
        self.ascii_only = ascii_only
        outputs, inputs = d.weights.shape
        if d.rule.probes:
            return self._hot_cold(width)
        if outputs == 1 and inputs == 1:
            return self._single(width)
        if outputs == 1 and inputs <= 8:
            return self._many_inputs(width)
        if inputs == 1 and outputs <= 8:
            return self._many_outputs()
        return self._selected_weight(width)

    def n(self, value, digits: int | None = None) -> str:
        return fmt(value, digits or self.data.digits, self.g["minus"])

    def known(self, values: np.ndarray | None, index, digits: int | None = None) -> str:
        """A result, or `?` before the first step (Space works it out)."""
        return "?" if values is None else self.n(values[index], digits)

    @staticmethod
    def line(*parts, mark: str = " ") -> Text:
        """A line from (text, style) parts, after a 2-cell gutter for the mark."""
        text = Text(f"{mark} ", end="", no_wrap=True)
        for part in parts:
            if isinstance(part, tuple):
                text.append(part[0], part[1])
            else:
                text.append(part)
        return text

    def _changed(self, row: int, col: int) -> bool:
        d = self.data
        return (
            d.weights_after is not None
            and not (d.weights_after[row, col] == d.weights[row, col])
        )

    def _mark(self, row: int, col: int) -> str:
        return self.g["changed"] if self._changed(row, col) else " "

    # -- one weight ----------------------------------------------------------
    def _single(self, width: int) -> list[Text]:
        d, g, n = self.data, self.g, self.n
        x, w, goal = d.x[0], d.weights[0, 0], d.goal[0]
        t, m, sq = f" {g['times']} ", f" {g['minus']} ", g["squared"]
        pred, delta = self.known(d.pred, 0), self.known(d.delta, 0)
        rows: list[tuple[str, str, str, str, str]] = [
            ("", "pred", f"input{t}weight", f"{n(x)}{t}{n(w)}", pred),
            ("", "delta", f"pred{m}goal", f"{pred}{m}{n(goal)}", delta),
            ("", "error", f"delta{sq}", f"({delta}){sq}", self.known(d.error, 0)),
        ]
        if not d.rule.moves:
            # What squaring does: big misses count far more, and misses never cancel.
            lines = self._rows(rows, width)
            lines += squaring_lines(
                None if d.delta is None else float(d.delta[0]),
                None if d.error is None else float(d.error[0]), n, g, d.words, self.ascii_only)
            lines.append(self.line((d.words["measure_only"].format(w=n(w)), DIM)))
            return lines
        wd = self.known(d.weight_delta, (0, 0))
        after = "?" if d.weights_after is None else n(d.weights_after[0, 0])
        rows.append(("", "weight_delta", f"delta{t}input", f"{delta}{t}{n(x)}", wd))
        frozen = d.frozen is not None and bool(d.frozen[0, 0])
        rows.append((
            self._mark(0, 0), "weight", f"weight{m}alpha{t}weight_delta",
            f"{n(w)}{m}{n(d.alpha)}{t}{wd}", after,
        ))
        lines = self._rows(rows, width)
        slope = "?" if d.slope is None else n(d.slope)
        lines.insert(self._slope_at(lines), self.line(
            (f"  d error / d weight = 2{t}delta{t}input = 2{t}weight_delta = {slope}", DIM),
        ))
        if frozen:
            lines.append(self.line((d.words["frozen_line"], DIM)))
        return lines

    @staticmethod
    def _slope_at(lines: list[Text]) -> int:
        """Just after the weight_delta line: the slope is twice it."""
        return next(k for k, line in enumerate(lines) if "weight_delta =" in line.plain[:20]) + 1

    def _rows(self, rows, width: int) -> list[Text]:
        """name = formula = numbers = result; names aligned when every line fits."""
        pad = max(cell_len(r[1]) for r in rows)
        fits = all(
            2 + pad + cell_len(f" = {f} = {s} = {r}") <= width for _, _, f, s, r in rows
        )
        lines = []
        for mark, name, formula, numbers, result in rows:
            name = ljust(name, pad) if fits else name
            if 2 + cell_len(f"{name} = {formula} = {numbers} = {result}") <= width:
                lines.append(self.line(name, f" = {formula} = {numbers} = ", (result, RESULT), mark=mark))
            else:  # too long: the numbers go under the formula
                lines.append(self.line(name, f" = {formula}", mark=mark))
                lines.append(self.line(" " * cell_len(name), f" = {numbers} = ", (result, RESULT)))
        return lines

    # -- several inputs, one output --------------------------------------------
    def _many_inputs(self, width: int) -> list[Text]:
        d, g, n = self.data, self.g, self.n
        t, m = g["times"], f" {g['minus']} "
        inputs = d.weights.shape[1]
        terms = " + ".join(f"{n(d.x[j], 4)}{t}{n(d.weights[0, j], 4)}" for j in range(inputs))
        pred, delta = self.known(d.pred, 0, 6), self.known(d.delta, 0, 6)
        lines = [
            self.line(f"pred = {g['sum']} input{t}weight = {terms} = ", (pred, RESULT)),
            self.line(f"delta = pred{m}goal = {pred}{m}{n(d.goal[0])} = ", (delta, RESULT)),
            self.line(f"error = delta{g['squared']} = ({delta}){g['squared']} = ",
                      (self.known(d.error, 0, 6), RESULT)),
        ]
        wds = None if d.weight_delta is None else np.abs(d.weight_delta[0])
        top = float(wds.max()) if wds is not None and np.isfinite(wds).all() else 0.0
        labels = [f"{weight_letter(0, j, inputs)} {d.input_labels[j]}" for j in range(inputs)]
        products = []
        for j in range(inputs):
            if d.frozen is not None and bool(d.frozen[0, j]):
                products.append(d.words["frozen_wd"])
            else:
                wd = self.known(d.weight_delta, (0, j), 4)
                products.append(f"{self.known(d.delta, 0, 4)}{t}{n(d.x[j], 4)} = {wd}")
        label_w = max(cell_len(s) for s in labels)
        product_w = max(cell_len(s) for s in [*products, "weight_delta = delta" + t + "input"])
        update = f"weight{m}alpha{t}weight_delta"
        # The bars give way to the update's header (at 80 columns: 10 cells, headed "size").
        bar_w = min(BAR_WIDTH, width - 2 - label_w - 2 - product_w - 2 - 2 - cell_len(update))
        bar_w = max(4, bar_w)
        bar_head = "|weight_delta|" if bar_w == BAR_WIDTH else d.words["size"]
        lines.append(self.line((
            " " * label_w + "  " + ljust(f"weight_delta = delta{t}input", product_w) + "  "
            + ljust(bar_head, bar_w) + "  " + update, DIM,
        )))
        befores = [n(d.weights[0, j], 5) for j in range(inputs)]
        before_w = max(cell_len(b) for b in befores)
        for j in range(inputs):
            bar = ""
            if wds is not None and top > 0:
                bar = g["bar"] * max(1 if wds[j] > 0 else 0, round(bar_w * wds[j] / top))
            after = "?" if d.weights_after is None else n(d.weights_after[0, j], 5)
            style = SELECTED if d.selected == (0, j) else None
            lines.append(self.line(
                (ljust(labels[j], label_w), style), "  ", ljust(products[j], product_w), "  ",
                ljust(bar, bar_w), "  ", f"{befores[j].rjust(before_w)} {g['arrow']} ", (after, RESULT),
                mark=self._mark(0, j),
            ))
        return lines

    # -- one input, several outputs --------------------------------------------
    def _many_outputs(self) -> list[Text]:
        d, g, n = self.data, self.g, self.n
        t, m = g["times"], f" {g['minus']} "
        outputs = d.weights.shape[0]
        lines = [self.line((
            f"pred = input{t}weight {g['dot']} delta = pred{m}goal {g['dot']} "
            f"weight_delta = delta{t}input", DIM,
        )), self.line((f"input = {n(d.x[0], 4)}: ", None), (d.words["one_input"], DIM))]
        # The goal beside the pred: delta = pred − goal is read off the row.
        header = (d.words["output"], "pred", "goal", "delta", "error", "weight_delta", f"weight {g['arrow']}")
        cells = []
        for i in range(outputs):
            frozen = d.frozen is not None and bool(d.frozen[i, 0])
            after = "?" if d.weights_after is None else n(d.weights_after[i, 0], 5)
            cells.append((
                d.output_labels[i], self.known(d.pred, i, 5), n(d.goal[i], 5), self.known(d.delta, i, 5),
                self.known(d.error, i, 5),
                d.words["frozen_wd"] if frozen else self.known(d.weight_delta, (i, 0), 5),
                f"{n(d.weights[i, 0], 5)} {g['arrow']} {after}",
            ))
        columns = len(header)
        widths = [max(cell_len(c[k]) for c in [header, *cells]) for k in range(columns)]
        lines.append(self.line((
            "  ".join(ljust(h, w) for h, w in zip(header, widths)).rstrip(), DIM,
        )))
        for i, row in enumerate(cells):
            style = SELECTED if d.selected == (i, 0) else None
            text = self.line((ljust(row[0], widths[0]), style), mark=self._mark(i, 0))
            for k in range(1, columns):
                text.append("  ")
                text.append(ljust(row[k], widths[k]), RESULT if k in (1, 3, 4, 5) else None)
            text.rstrip()
            lines.append(text)
        return lines

    # -- any shape: the selected weight's share --------------------------------
    def _selected_weight(self, width: int) -> list[Text]:
        """Big networks: each output's sum and goal on a line (up to three), then
        the selected weight's own chain (multi-io's matrices show the rest).
        What does not fit the width goes in this order: the spaces around the
        goal and error, the weight's names (the status line names it), the
        words of its formula; the numbers and the new weight always stay."""
        d, g, n = self.data, self.g, self.n
        t, m = g["times"], f" {g['minus']} "
        row, col = d.selected
        outputs, inputs = d.weights.shape
        def output_rows(terms_shown: bool, named: bool):
            rows = []
            for i in range(min(outputs, 3)):
                if inputs <= 3 and terms_shown:
                    terms = " + ".join(f"{n(d.x[j], 3)}{t}{n(d.weights[i, j], 2)}" for j in range(inputs))
                else:
                    terms = f"{g['sum']} input{t}weight"
                formula = f"pred = {terms} = " if named or not terms_shown else f"{terms} = "
                rows.append((d.output_labels[i], formula, self.known(d.pred, i, 4),
                             n(d.goal[i], 3), self.known(d.error, i, 3)))
            return rows

        # Longer weights make longer sums: first the words get shorter, then
        # "pred =" goes, then the sum is written Σ input×weight.
        tries = [(True, True, ("  goal = ", "  error = ")), (True, True, (" goal ", " error ")),
                 (True, False, (" goal ", " error ")), (False, True, (" goal ", " error "))]
        for terms_shown, named, (goal_word, error_word) in tries:
            rows = output_rows(terms_shown, named)
            widths = [max(cell_len(r[k]) for r in rows) for k in range(5)]
            if 2 + sum(widths) + 2 + cell_len(goal_word + error_word) <= width:
                break
        lines = []
        for i, (label, formula, pred, goal, error) in enumerate(rows):
            style = SELECTED if i == row else None
            lines.append(self.line((ljust(label, widths[0]), style), "  ", ljust(formula, widths[1]),
                                   (ljust(pred, widths[2]), RESULT), (goal_word, DIM),
                                   ljust(goal, widths[3]), error_word, (error, RESULT)))
        letter = weight_letter(row, col, inputs)
        wd = self.known(d.weight_delta, (row, col), 4)
        after = "?" if d.weights_after is None else n(d.weights_after[row, col], 4)
        numbers = f"{n(d.weights[row, col], 4)}{m}{n(d.alpha)}{t}{wd} = "
        formula = f"weight{m}alpha{t}weight_delta = "
        names = f"{letter} {d.input_labels[col]}{g['arrow']}{d.output_labels[row]}"
        for name, words in ((names, formula), (letter, formula), (letter, "")):
            if 2 + cell_len(f"{name} = {words}{numbers}{after}") <= width:
                break
        lines.append(self.line(
            (name, SELECTED), f" = {words}{numbers}", (after, RESULT), mark=self._mark(row, col),
        ))
        return lines

    # -- hot and cold -----------------------------------------------------------
    def _hot_cold(self, width: int) -> list[Text]:
        d, g, n = self.data, self.g, self.n
        t, m = g["times"], g["minus"]
        x, w = d.x[0], d.weights[0, 0]
        sq = g["squared"]
        up = down = "?"
        if d.up_error is not None:
            digits = distinct_digits(d.up_error, d.down_error, d.digits)
            up, down = n(d.up_error, digits), n(d.down_error, digits)
        pred = f"pred = input{t}weight = {n(x)}{t}{n(w)} = "
        error = f"   error = (pred {m} goal){sq} = "
        shown = self.known(d.pred, 0) + self.known(d.error, 0)
        if 2 + cell_len(pred + error + shown) > width:  # the error's formula is the line below's
            error = "   error = "
        lines = [
            self.line(pred, (self.known(d.pred, 0), RESULT), error, (self.known(d.error, 0), RESULT)),
            self.line(f"up_error   = (input{t}(weight + step_amount) {m} goal){sq} = ", (up, RESULT)),
            self.line(f"down_error = (input{t}(weight {m} step_amount) {m} goal){sq} = ", (down, RESULT)),
        ]
        if d.weight_delta is None:
            lines.append(self.line((d.words["hot_cold_next"], DIM)))
        else:
            move = float(d.weight_delta[0, 0])
            after = "?" if d.weights_after is None else n(d.weights_after[0, 0])
            if move < 0:
                why, how = "up_error < down_error", f"weight + step_amount = {n(w)} + {n(d.step_amount)}"
            elif move > 0:
                why, how = "down_error < up_error", f"weight {m} step_amount = {n(w)} {m} {n(d.step_amount)}"
            else:
                why, how = d.words["tie"], f"weight = {n(w)}"
            lines.append(self.line(f"{why} {g['arrow']} {how} = ", (after, RESULT),
                                   mark=self._mark(0, 0)))
        # Three predictions a move: the count so far, the chapter's "inefficient".
        count = d.words["hot_cold_count"].format(n=f"{3 * d.steps_done:,}", steps=f"{d.steps_done:,}")
        lines.append(self.line((d.words["hot_cold_cost"] + ": ", DIM), (count, RESULT)))
        return lines

    # -- rows ------------------------------------------------------------------
    def lines(self, width: int, ascii_only: bool) -> list[Text]:
        lines = self._lines(width, ascii_only)
        if self.data.sample:
            lines.insert(0, self.line((self.data.sample, DIM)))
        return lines + [self.line((e, DIM)) for e in self.data.extra]

    def render_lines(self, width: int, height: int, ascii_only: bool) -> list[Text]:
        """The lines cut to `width` (every line, whatever `height`), made once
        per width: a widget counts them for its height, then draws them."""
        if self._cut is None or self._cut[0] != (width, ascii_only):
            overflow = "crop" if ascii_only else "ellipsis"
            lines = self.lines(width, ascii_only)
            for line in lines:
                line.truncate(width, overflow=overflow)
            self._cut = (width, ascii_only), lines
        return self._cut[1]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(20, options.max_width), options.max_width)
