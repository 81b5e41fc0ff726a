"""The class poll's histogram, rendered headless and read as text."""

import io

import pytest
from rich.console import Console

from gdtui.viz.poll import Bar, PollHistogram

BARS = [Bar("-0.2 … -0.1", 1, 0, False), Bar("0 … 0.1", 0, 0, False), Bar("0.1 … 0.2", 4, 3, True)]
SLIPS = [("sign", 1, "sign flipped")]


def rendered(histogram, width=60) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(histogram)
    return console.file.getvalue().splitlines()


@pytest.mark.parametrize("ascii_only, bar, mark", [(False, "█", "◆"), (True, "#", "X")])
def test_bars_are_as_long_as_their_counts_and_the_truth_is_marked(ascii_only, bar, mark):
    lines = rendered(PollHistogram(BARS, "0.1848", SLIPS, ascii_only=ascii_only))
    assert len(lines) == 4
    lengths = [line.count(bar) for line in lines[:3]]
    assert lengths[1] == 0 and lengths[2] > lengths[0] > 0
    assert lengths[2] == pytest.approx(4 * lengths[0], abs=2)
    assert lines[2].endswith(f"4  {mark} true 0.1848") and "true" not in lines[0]
    assert lines[3].startswith("slips:") and "sign 1 sign flipped" in lines[3]
    assert all(len(line) <= 60 for line in lines)


def test_nobody_answering_says_so_with_the_truth():
    lines = rendered(PollHistogram([Bar("0.1848", 0, 0, True)], "0.1848", []))
    assert lines == ["no answers  ◆ true 0.1848"]


@pytest.mark.parametrize("width", [30, 80, 120])
def test_it_fits_the_width(width):
    assert all(len(line) <= width for line in rendered(PollHistogram(BARS, "0.1848", SLIPS), width))
