"""Byte fuzz, the long run: LONG fragments into each screen (what is fed and
what fails: tests/app/byte_fuzz.py; the normal suite has the short run,
tests/app/test_byte_fuzz.py). Opt-in, with the benchmarks:

    pytest tests/benchmarks/test_byte_fuzz_long.py --benchmark-only

Seeded like the short run (the same seed a screen, more fragments), so a
failure here replays; the figure is how fast the app takes what is fed.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "app"))

from byte_fuzz import TARGETS, fuzz, private_paths  # noqa: E402, F401 (a fixture)

LONG = 5_000


@pytest.mark.parametrize("screen", list(TARGETS))
def test_byte_fuzz_long(benchmark, figure, tmp_path, capfd, screen):
    def run():
        started = time.perf_counter()
        return asyncio.run(fuzz(screen, LONG, tmp_path / "class", capfd)), time.perf_counter() - started

    failure, seconds = benchmark.pedantic(run, rounds=1, iterations=1)
    figure("byte fuzz", f"{screen}: {LONG:,} fragments", LONG / seconds, "fragments/s",
           note="survived" if failure is None else "FAILED")
    if failure is not None:
        pytest.fail(failure, pytrace=False)
