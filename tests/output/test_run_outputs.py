"""`gdtui run` prints exactly what it printed before it stepped in batches:
every lesson in every format, and runs that cross the ring, overflow or list
weights (the expected digests are in run_outputs.json; see run_outputs.py)."""

import json
from pathlib import Path

import pytest

from run_outputs import cases, digest, key, run

EXPECTED = json.loads((Path(__file__).parent / "run_outputs.json").read_text())


def test_the_table_covers_every_case():
    assert sorted(EXPECTED) == sorted(key(args) for args in cases())


@pytest.mark.parametrize("args", cases(), ids=key)
def test_output_unchanged(args, monkeypatch):
    monkeypatch.delenv("GDTUI_MNIST_DIR", raising=False)
    monkeypatch.delenv("GDTUI_SCENARIOS", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/nonexistent-gdtui-cache")
    monkeypatch.setenv("COLUMNS", "100")
    out, err = run(args)
    expected = EXPECTED[key(args)]
    assert out.count("\n") == expected["lines"]
    assert digest(out) == expected["stdout"]
    assert digest(err) == expected["stderr"]
