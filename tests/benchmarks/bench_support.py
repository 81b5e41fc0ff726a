"""Figures the benchmarks record, and how they are shown."""

from __future__ import annotations

from dataclasses import dataclass

@dataclass
class Figure:
    group: str
    name: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None  # None: reported, no target
    note: str = ""


FIGURES: list[Figure] = []


def median(benchmark) -> float:
    """Median seconds of a pytest-benchmark run."""
    return benchmark.stats.stats.median


def shown(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1e3:.2f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "x":
        return f"{value:.2f}x"
    if unit in ("B", "bytes"):
        return f"{value / 1024:.1f} KiB" if value >= 1024 else f"{value:.0f} B"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:,.1f} {unit}" if value < 1000 else f"{value:,.0f} {unit}"


def interleaved(commands: dict, rounds: int, measure_one) -> dict[str, list]:
    """measure_one(argv) for each command, `rounds` times, taking turns, so
    drift on a shared machine hits every command alike."""
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            runs[name].append(measure_one(argv))
    return runs
