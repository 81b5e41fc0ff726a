"""Saving a trace: new files, written whole, never overwriting."""

import csv
import errno
import io
import json
import os
import tempfile
import time

import numpy as np
import pytest

from gdtui.engine import DataSet, Settings, Trainer
from gdtui.output.trace import save_trace


def test_trace_files_hold_every_step_and_never_overwrite(catalog, tmp_path):
    lesson = catalog.lessons["multi-io"]
    trainer = lesson.trainer()
    trainer.run(3)
    first = save_trace(trainer.history, lesson.id, lesson.input_labels, lesson.output_labels,
                       tmp_path)
    second = save_trace(trainer.history, lesson.id, lesson.input_labels, lesson.output_labels,
                        tmp_path)
    assert len({*first, *second}) == 4  # a second save in the same second gets new names
    rows = list(csv.DictReader(io.StringIO(first[0].read_text())))
    assert [r["step"] for r in rows] == ["1", "2", "3"]
    assert float(rows[2]["weights_after[sad<-#fans]"]) == trainer.weights[2, 2]
    records = [json.loads(line) for line in first[1].read_text().splitlines()]
    assert records[2]["weights_after"] == trainer.weights.tolist()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp")]


def test_trace_of_light_records_has_labels_not_weights(tmp_path):
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, 5)
    data = DataSet(rng.uniform(0, 1, (5, 784)), np.eye(10)[labels], labels)
    trainer = Trainer(np.zeros((10, 784)), Settings("gradient", alpha=0.01), data)
    trainer.run(5)
    csv_path, jsonl_path = save_trace(trainer.history, "mnist", [f"p{i}" for i in range(784)],
                                      [str(d) for d in range(10)], tmp_path)
    header = csv_path.read_text().splitlines()[0].split(",")
    assert header[:4] == ["step", "sample", "label", "guess"] and len(header) == 4 + 30 + 1
    record = json.loads(jsonl_path.read_text().splitlines()[0])
    assert record["label"] == labels[0] and "weights" not in record


# -- saved whole or not at all -------------------------------------------------------
# Where a save fails: (what fails, on which call of it, the error). The disk
# that fills between the two files left the CSV behind while the app said the
# save had failed.
ENOSPC = OSError(errno.ENOSPC, "No space left on device")
FAILS = {
    "disk full writing the second file": ("write", 2, ENOSPC),
    "disk full flushing the second file": ("fsync", 2, ENOSPC),
    "disk full writing the first file": ("write", 1, ENOSPC),
    "no room for the second temporary file": ("mkstemp", 2, ENOSPC),
    "the second name cannot be linked": ("link", 2, OSError(errno.EIO, "Input/output error")),
    "the first name cannot be linked": ("link", 1, OSError(errno.EROFS, "Read-only file system")),
    "interrupted between the links": ("link", 2, KeyboardInterrupt()),
}


class Failing:
    """A file whose write raises `error`, as a full disk does."""

    def __init__(self, real, error):
        self.real, self.error = real, error

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()

    def write(self, text):
        raise self.error

    def __getattr__(self, name):
        return getattr(self.real, name)


def fail_on(monkeypatch, what, call, error):
    """Make the `call`-th use of `what` in gdtui.output.trace raise `error`."""
    owner = tempfile if what == "mkstemp" else os
    name = "fdopen" if what == "write" else what
    real, calls = getattr(owner, name), []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) != call:
            return real(*args, **kwargs)
        if what == "write":
            return Failing(real(*args, **kwargs), error)
        raise error

    monkeypatch.setattr(owner, name, failing)


def a_run(catalog):
    lesson = catalog.lessons["multi-io"]
    trainer = lesson.trainer()
    trainer.run(3)
    return trainer.history, lesson.id, lesson.input_labels, lesson.output_labels


@pytest.mark.parametrize("what, call, error", FAILS.values(), ids=FAILS.keys())
def test_a_failed_save_leaves_nothing_behind(catalog, tmp_path, monkeypatch, what, call, error):
    (tmp_path / "earlier.csv").write_text("kept")
    fail_on(monkeypatch, what, call, error)
    with pytest.raises(type(error)) as caught:
        save_trace(*a_run(catalog), tmp_path)
    assert caught.value is error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["earlier.csv"]
    assert (tmp_path / "earlier.csv").read_text() == "kept"


# Names already taken: each save still gets one stem for both files, never
# another file's name.
TAKEN = {
    "the csv's name": ([".csv"], "-2"),
    "the jsonl's name": ([".jsonl"], "-2"),
    "both, and the csv of -2": ([".csv", ".jsonl", "-2.csv"], "-3"),
}


@pytest.mark.parametrize("taken, stem_end", TAKEN.values(), ids=TAKEN.keys())
def test_both_files_share_a_new_name(catalog, tmp_path, monkeypatch, taken, stem_end):
    monkeypatch.setattr(time, "strftime", lambda _format: "20260101-000000")
    stem = "gdtui-multi-io-20260101-000000"
    for end in taken:
        (tmp_path / f"{stem}{end}").write_text("someone else's")
    csv_path, jsonl_path = save_trace(*a_run(catalog), tmp_path)
    assert (csv_path.name, jsonl_path.name) == (f"{stem}{stem_end}.csv", f"{stem}{stem_end}.jsonl")
    for end in taken:
        assert (tmp_path / f"{stem}{end}").read_text() == "someone else's"
    assert len(list(tmp_path.iterdir())) == len(taken) + 2  # no temporary file left
