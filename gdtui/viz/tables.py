"""Rich tables of steps: renderables for the app and for `gdtui run --format table`.

Pure functions of engine values (Steps and labels): no Textual, no state.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich import box
from rich.console import RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from gdtui.engine import Step
from gdtui.viz.numbers import fmt


def _column(values: np.ndarray, digits: int) -> Text:
    """One number per output, one per line."""
    return Text("\n".join(fmt(v, digits) for v in np.asarray(values).ravel()))


def _matrix(values: np.ndarray, digits: int) -> Text:
    """A row of numbers per output, one output per line (the book's [outputs][inputs])."""
    return Text("\n".join(" ".join(fmt(v, digits) for v in row) for row in values))


def history_table(
    steps: Sequence[Step],
    input_labels: Sequence[str],
    output_labels: Sequence[str],
    *,
    title: str | None = None,
    digits: int = 6,
) -> Table:
    """A row per step: pred, error, delta, weight_delta, weights after.

    Several outputs share a row, one line each; weight rows read like the
    book's [outputs][inputs] lists, their inputs named in the column header.
    """
    if steps and steps[0].label is not None:
        return labelled_table(steps, title=title, digits=digits)
    multi_out = len(output_labels) > 1
    inputs = f" ({' '.join(input_labels)})" if len(input_labels) > 1 else ""
    wdigits = digits if len(input_labels) == 1 else max(3, digits - 2)
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    table.add_column("step", justify="right", style="dim")
    if multi_out:
        table.add_column("output")
    for name in ("pred", "error", "delta"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column(escape("weight_delta" + inputs), justify="right", no_wrap=True)
    table.add_column("weights after", justify="right", no_wrap=True)
    for step in steps:
        row = [str(step.number)]
        if multi_out:
            row.append(Text("\n".join(output_labels)))
        row += [_column(v, digits) for v in (step.pred, step.error, step.delta)]
        row += [_matrix(step.weight_delta, wdigits), _matrix(step.weights_after, wdigits)]
        table.add_row(*row)
    return table


def labelled_table(steps: Sequence[Step], *, title: str | None = None, digits: int = 6) -> Table:
    """A row per image: its label, the network's guess, the error (summed
    over the outputs) and the running accuracy. The 7,840 weights are the
    weight maps' job, not a table's."""
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    for name in ("step", "label", "guess", "error", "accuracy"):
        table.add_column(name, justify="right", no_wrap=True)
    right = 0
    for n, step in enumerate(steps, 1):
        right += bool(step.correct)
        table.add_row(
            str(step.number), str(step.label),
            Text(str(step.guess), style="" if step.correct else "bold red"),
            fmt(step.total_error, digits), f"{right / n:.3f}",
        )
    return table


def output_table(
    step: Step | None,
    goal: np.ndarray,
    output_labels: Sequence[str],
    *,
    digits: int = 10,
) -> Table:
    """pred, goal, error and delta for each output."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False, show_edge=False)
    table.add_column("output", no_wrap=True)
    for name in ("pred", "goal", "error", "delta"):
        table.add_column(name, justify="right")
    for i, out in enumerate(output_labels):
        if step is None:
            table.add_row(Text(out), "", fmt(goal[i], digits), "", "")
        else:
            table.add_row(
                Text(out),
                fmt(step.pred[i], digits),
                fmt(step.goal[i], digits),
                fmt(step.error[i], digits),
                fmt(step.delta[i], digits),
            )
    return table


if __name__ == "__main__":
    from rich.console import Console

    from gdtui.lessons.loader import load_catalog

    lesson = load_catalog().lessons["multi-io"]
    trainer = lesson.trainer()
    trainer.run(3)
    console = Console()
    console.print(history_table(trainer.history, lesson.input_labels, lesson.output_labels))
    console.print(output_table(trainer.last, lesson.dataset.goals[0], lesson.output_labels))
