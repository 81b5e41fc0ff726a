"""The outputs of `gdtui run` that must never change: every lesson in every
format, plus runs that cross the history's ring, overflow, or list weights.

Each case is stored as the SHA-256 of its stdout and its stderr, made by the
step-at-a-time CLI before `gdtui run` stepped in batches. Regenerate only on
purpose: `python tests/output/run_outputs.py > tests/output/run_outputs.json`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import sys

LESSONS = (
    "measure-error", "hot-cold", "direction-amount", "reducing-error", "learning-steps",
    "explosion", "alpha-fix", "multi-input", "frozen-weight", "multi-output", "multi-io", "mnist",
)
FORMATS = ("book", "json", "summary", "table")
EXTRA = (
    ("explosion", "--steps", "2000"),  # overflows on the way
    ("explosion", "--steps", "2000", "--format", "json"),
    ("learning-steps", "--alpha", "3", "--steps", "700"),
    ("multi-io", "--steps", "4500", "--format", "json"),  # past the 2,000-step ring
    ("multi-io", "--steps", "4500"),
    ("multi-input", "--steps", "50"),
    ("frozen-weight", "--steps", "30", "--format", "json"),
    ("hot-cold", "--steps", "3000", "--format", "json"),
    ("mnist", "--steps", "4500"),  # passes of 2,000, one cut short, past the ring
    ("mnist", "--steps", "4500", "--format", "json"),
    ("mnist", "--steps", "2500", "--format", "summary"),
    ("mnist", "--steps", "3", "--format", "json", "--full"),
    ("mnist", "--steps", "2100", "--alpha", "0.5", "--format", "json"),  # overflows
    ("mnist", "--steps", "2100", "--alpha", "0.5"),
    ("mnist", "--steps", "40", "--alpha", "0.5", "--format", "table"),
)


def cases() -> list[tuple[str, ...]]:
    return [(lesson, "--format", fmt) for lesson in LESSONS for fmt in FORMATS] + list(EXTRA)


def run(args: tuple[str, ...]) -> tuple[str, str]:
    """`gdtui run ARGS` in this process: (stdout, stderr)."""
    from gdtui.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["run", *args])
    assert code == 0, err.getvalue()
    return out.getvalue(), err.getvalue()


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def key(args: tuple[str, ...]) -> str:
    return " ".join(args)


if __name__ == "__main__":
    os.environ.pop("GDTUI_MNIST_DIR", None)
    os.environ.pop("GDTUI_SCENARIOS", None)
    os.environ["XDG_CACHE_HOME"] = "/nonexistent-gdtui-cache"  # the shipped MNIST subset
    os.environ["COLUMNS"] = "100"
    table = {}
    for args in cases():
        out, err = run(args)
        table[key(args)] = {"stdout": digest(out), "stderr": digest(err), "lines": out.count("\n")}
    json.dump(table, sys.stdout, indent=1)
    sys.stdout.write("\n")
