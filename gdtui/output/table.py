"""`gdtui run --format table`: the history table and the error curve, printed.

The renderables are viz's; this only lays them out on a console.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.measure import Measurement

from gdtui.viz.tables import history_table


def print_run(lesson, trainer) -> None:
    """`gdtui run --format table`: the steps, then the error curve the app draws.

    On a terminal both fit its width; into a pipe or a file, the table is as
    wide as it needs (Rich would wrap numbers at 80 columns) and the curve
    as wide as the table."""
    from gdtui.viz.curve import ErrorCurve

    title = escape(f"{lesson.id}: {lesson.title}")  # a title's "[b]" shows as written
    table = history_table(trainer.history, lesson.input_labels, lesson.output_labels, title=title)
    console = Console()
    if not console.is_terminal:
        width = Measurement.get(console, console.options.update(width=10_000), table).maximum
        console = Console(width=max(width, 60))
    console.print(table)
    if trainer.steps_done > 1:
        note = f"overflow at step {trainer.diverged_at}" if trainer.diverged_at else None
        console.print(ErrorCurve(trainer.errors, height=10, title="error per step", note=note,
                                 first_step=trainer.errors_from))
