"""Save the trace of a run: a CSV table and JSON Lines, two new files, saved
whole or not at all.

Both are written in full under temporary names first; only then are they
linked to their final names, which must not exist yet. So a reader never sees
half a file, an earlier trace is never overwritten, and a disk that fills
while the second is written leaves neither behind (the save failed: nothing
says otherwise).
"""

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


MAX_NAMES = 1000  # saves of one lesson in one second before giving up


def _written(directory: Path, suffix: str, text: str) -> str:
    """A temporary file in `directory` holding all of `text`, flushed to disk."""
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())  # ENOSPC may wait until here, or even until close
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _link_all(temporaries: list[tuple[str, Path]]) -> bool:
    """Link each temporary file to its name; all of them, or (a name taken,
    or any error) none: the links made are undone. False if a name was taken."""
    made: list[Path] = []
    try:
        for tmp, path in temporaries:
            os.link(tmp, path)  # atomic, and refuses to replace a file
            made.append(path)
    except BaseException as exc:
        for path in made:
            path.unlink()
        if isinstance(exc, FileExistsError):
            return False
        raise
    return True


def save_new(directory: Path, stem: str, texts: dict[str, str]) -> list[Path]:
    """Write each `suffix: text` to directory/stem[-N]suffix, one N for all,
    never a name used before: every file, or none of them."""
    directory.mkdir(parents=True, exist_ok=True)
    temporaries: list[str] = []
    try:
        for suffix, text in texts.items():
            temporaries.append(_written(directory, suffix, text))
        for n in range(1, MAX_NAMES + 1):
            paths = [directory / f"{stem}{'' if n == 1 else f'-{n}'}{suffix}" for suffix in texts]
            if _link_all(list(zip(temporaries, paths))):
                return paths
        raise FileExistsError(f"{directory}: too many traces named {stem}")
    finally:
        for tmp in temporaries:
            os.unlink(tmp)


def save_trace(
    steps: list[Step], lesson_id: str, input_labels, output_labels, directory: Path
) -> tuple[Path, Path]:
    """Write `<id>-<time>.csv` and `.jsonl`, both or neither; returns both paths."""
    stem = f"gdtui-{lesson_id}-{time.strftime('%Y%m%d-%H%M%S')}"
    csv_path, jsonl_path = save_new(directory, stem, {
        ".csv": csv_text(steps, input_labels, output_labels),
        ".jsonl": jsonl_text(steps),
    })
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
