"""gdtui.viz.plotting.text_segments yields what Rich's Text.render yields,
segment for segment (the plots' rows go through it every frame)."""

import pytest
from rich.console import Console
from rich.style import Style
from rich.text import Span, Text

from gdtui.viz.plotting import Canvas, as_text, frame_lines, padded, text_segments

CONSOLE = Console(width=80, force_terminal=True, color_system="truecolor")


def spanned(plain, style, spans):
    return Text(plain, style=style, spans=[Span(*s) for s in spans])


def canvas_rows():
    canvas = Canvas(12, 3)
    canvas.lines([0, 2], [0, 11], [20, 23], [5, 0], Style(color="red"))
    canvas.lines([1], [1], [9], [9], Style(color="red"))  # the same style, another id
    canvas.markers([4], [4], "●", Style(bold=True))
    canvas.write(0, 0, "hi", None)
    return frame_lines(canvas, {0: "1", 2: "0"}, 2, Style(dim=True))


TEXTS = {
    "no spans, a base style (rendered plain, as Rich does)": [Text("title", style="bold")],
    "no spans, no style": [Text("plain")],
    "runs side by side": [spanned("aaabbbccc", "", [(0, 3, "red"), (3, 6, "blue"), (6, 9, "red")])],
    "gaps between runs": [spanned("aa  bb  ", "dim", [(0, 2, "red"), (4, 6, Style(bold=True))])],
    "an empty span inside": [spanned("abcdef", "", [(0, 2, "red"), (3, 3, "blue"), (4, 6, "red")])],
    "overlapping spans (Rich's sweep)": [spanned("abcdef", "", [(0, 4, "red"), (2, 6, "bold")])],
    "spans out of order": [spanned("abcdef", "", [(3, 6, "red"), (0, 2, "bold")])],
    "a span past the end": [spanned("abc", "", [(1, 9, "red")])],
    "wide characters": [spanned("中文ab", "", [(0, 2, "red"), (2, 4, "blue")])],
    "a padded label": [padded("x axis", 12, Style(italic=True))],
    "canvas rows with a gutter": canvas_rows(),
}


@pytest.mark.parametrize("case", list(TEXTS))
def test_text_segments_are_rich_text_render(case):
    for text in TEXTS[case]:
        assert text_segments(text, CONSOLE) == list(as_text(text).render(CONSOLE))
