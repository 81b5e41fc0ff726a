"""`gdtui run`: step a lesson in batches and write its steps in a format.

The trainer takes up to BATCH steps per call (a big network's through
engine/fast.py); the lines of a batch are then built from the history's
records (a big network's ring arrays), so the output is the same as a
step-at-a-time run's, byte for byte (tests/output/test_run_outputs.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from gdtui.engine import Step, Trainer
from gdtui.lessons.lesson import Scenario
from gdtui.output.book import book_lines, pass_line
from gdtui.output.jsonl import json_line, step_record, summary, write_json

def run_steps(trainer: Trainer, steps: int) -> Iterator[Step]:
    """Step the trainer up to `steps` times, yielding each whole Step (its
    weights too) as it is taken."""
    for _ in range(steps):
        step = trainer.step(whole=True)
        if step is None:
            return
        yield step
        if trainer.stopped:
            return



# Steps per batch: well within the UNDO_STEPS that either history keeps, so
# every step of a batch can still be read back when its lines are written.
BATCH = 1000


def run_batches(trainer: Trainer, steps: int) -> Iterator[tuple[int, int, int | None]]:
    """Run up to `steps` steps in batches; yield (first, last, final) for each
    batch: its step numbers, and the number of the run's last step if this
    batch ends the run (it overflowed, or `steps` are done), else None.

    A batch never crosses the point where the error window moves on, so
    every step in it sees the same window as a step-at-a-time run did."""
    while trainer.steps_done < steps and not trainer.stopped:
        first = trainer.steps_done + 1
        size = min(BATCH, steps - trainer.steps_done, max(trainer.steps_in_window, 1))
        if trainer.run(size) == 0:
            return
        last = trainer.steps_done
        yield first, last, last if trainer.stopped or last == steps else None


def write_book(scenario: Scenario, trainer: Trainer, first: int, last: int, final, out) -> None:
    if scenario.book == "passes":  # only pass ends print: no Step needed for the others
        samples = trainer.data.samples
        ends = list(range((first + samples - 1) // samples * samples, last + 1, samples))
        if final is not None and (not ends or ends[-1] != final):
            ends.append(final)
        for number in ends:
            out.write(pass_line(number, trainer) + "\n")
        return
    for number in range(first, last + 1):
        step = trainer.history.step(number)
        lines = book_lines(scenario, step, trainer, last=number == final)
        if lines:
            out.write("\n".join(lines) + "\n")


def write_run(scenario: Scenario, trainer: Trainer, steps: int, fmt: str, out, *, full=False):
    """`gdtui run`'s output in format `fmt` (book, json, summary, table)."""
    if fmt == "json" and full:  # whole Steps with their weights: one at a time
        for step in run_steps(trainer, steps):
            out.write(json_line(step_record(step, full=True, accuracy=trainer.accuracy)) + "\n")
        return
    for first, last, final in run_batches(trainer, steps):
        if fmt == "book":
            write_book(scenario, trainer, first, last, final, out)
        elif fmt == "json":
            write_json(trainer, first, last, out)
    if fmt == "summary":
        out.write(json_line(summary(scenario, trainer)) + "\n")
    elif fmt == "table":
        from gdtui.output.table import print_run

        print_run(scenario, trainer)
