"""Saving a trace: new files, written whole, never overwriting."""

import csv
import io
import json

import numpy as np

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
