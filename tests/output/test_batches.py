"""`gdtui run` steps in batches; what it prints must not depend on that, even
where the error window moves on mid-run (a shrunken LOG_WINDOW here)."""

import io
import json

import numpy as np

from gdtui.output import run as report
from gdtui.output.book import book_lines
from gdtui.engine import DataSet, Settings, Trainer
from gdtui.engine import trainer as trainer_module


def labelled_trainer():
    rng = np.random.default_rng(8)
    labels = rng.integers(0, 10, size=13)
    data = DataSet(rng.uniform(0, 1, (13, 784)), np.eye(10)[labels], labels)
    return Trainer(np.zeros((10, 784)), Settings("gradient", alpha=0.003), data)


def test_json_accuracy_and_window_match_a_step_at_a_time_run(monkeypatch):
    monkeypatch.setattr(trainer_module, "LOG_WINDOW", 300)
    monkeypatch.setattr(report, "BATCH", 170)  # batches that straddle the window's moves
    steps = 1500
    one = labelled_trainer()
    expected = []
    for _ in range(steps):
        step = one.step()
        expected.append((step.number, step.guess, one.accuracy, one.errors_from))
    batched = labelled_trainer()
    out = io.StringIO()
    report.write_run(None, batched, steps, "json", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["step"], r["guess"], r["accuracy"]) for r in records] == [e[:3] for e in expected]
    assert batched.errors_from == one.errors_from > 1
    assert batched.errors.tobytes() == one.errors.tobytes()
    assert batched.weights.tobytes() == one.weights.tobytes()


def test_book_pass_lines_match_a_step_at_a_time_run(monkeypatch):
    class Passes:
        book = "passes"

    monkeypatch.setattr(trainer_module, "LOG_WINDOW", 300)
    monkeypatch.setattr(report, "BATCH", 170)
    one = labelled_trainer()
    expected = []
    for step in report.run_steps(one, 1000):
        expected += book_lines(Passes, step, one, last=one.steps_done == 1000)
    out = io.StringIO()
    report.write_run(Passes, labelled_trainer(), 1000, "book", out)
    assert out.getvalue().splitlines() == expected and len(expected) == 77
