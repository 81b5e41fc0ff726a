"""Save the trace of a run: a CSV table and JSON Lines, each a new file.

Each file is written in full under a temporary name, then linked to its final
name, which must not exist yet: a reader never sees half a file and an earlier
trace is never overwritten.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import time
from pathlib import Path

from gdtui.engine import Step
from gdtui.output.jsonl import json_line, step_record


def csv_text(steps: list[Step], input_labels, output_labels) -> str:
    """A row per step. Weight columns only where the steps keep their weights
    (not MNIST's light records); label columns only for labelled data."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = [f"{o}<-{i}" for o in output_labels for i in input_labels]
    weights = bool(steps) and steps[0].weights_after is not None
    labels = bool(steps) and steps[0].label is not None
    writer.writerow(
        ["step", "sample"]
        + (["label", "guess"] if labels else [])
        + [f"pred[{o}]" for o in output_labels]
        + [f"error[{o}]" for o in output_labels]
        + [f"delta[{o}]" for o in output_labels]
        + ([f"weight_delta[{n}]" for n in names] + [f"weights_after[{n}]" for n in names]
           if weights else [])
        + ["alpha"]
    )
    for s in steps:
        row = [s.number, s.sample] + ([s.label, s.guess] if labels else [])
        row += [repr(float(v)) for v in (*s.pred, *s.error, *s.delta)]
        if weights:
            row += [repr(float(v)) for v in (*s.weight_delta.ravel(), *s.weights_after.ravel())]
        writer.writerow(row + [repr(s.alpha)])
    return out.getvalue()


def jsonl_text(steps: list[Step]) -> str:
    return "".join(json_line(step_record(s, full=True)) + "\n" for s in steps)


def write_new(directory: Path, stem: str, suffix: str, text: str) -> Path:
    """Write text to directory/stem[-N]suffix, a name not used before."""
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        for n in range(1, 1000):
            path = directory / (f"{stem}{'' if n == 1 else f'-{n}'}{suffix}")
            try:
                os.link(tmp, path)  # atomic, and refuses to replace a file
                return path
            except FileExistsError:
                continue
        raise FileExistsError(f"{directory}: too many traces named {stem}")
    finally:
        os.unlink(tmp)


def save_trace(
    steps: list[Step], lesson_id: str, input_labels, output_labels, directory: Path
) -> tuple[Path, Path]:
    """Write `<id>-<time>.csv` and `.jsonl`; returns both paths."""
    stem = f"gdtui-{lesson_id}-{time.strftime('%Y%m%d-%H%M%S')}"
    csv_path = write_new(directory, stem, ".csv", csv_text(steps, input_labels, output_labels))
    jsonl_path = write_new(directory, stem, ".jsonl", jsonl_text(steps))
    return csv_path, jsonl_path


def trace_dir() -> Path:
    """Where traces go: GDTUI_TRACE_DIR (`~` expanded), else the current folder.

    Every problem is an OSError, which the app reports in one line."""
    value = os.environ.get("GDTUI_TRACE_DIR")
    if not value:
        return Path(os.getcwd())
    try:
        return Path(value).expanduser()
    except RuntimeError:  # ~nosuchuser
        raise FileNotFoundError(f"GDTUI_TRACE_DIR {value!r}: no such user") from None
